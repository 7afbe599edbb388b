"""Check sheets: concrete questions from an assessment, filled in, and their gaps.

The Report 2022 calls for check sheets (チェックシート) that make the
principles work in practice.  :func:`make_checklist` turns an assessment into one
item per sub-item (解説 heading) of each triggered principle, per role, plus
one per Report 2022 good practice that puts the principle into practice.  A
person fills each item in (``status``, ``evidence`` or ``justification``,
who and when) in JSON or in a spreadsheet (CSV); :func:`gaps` then reports
progress, open items by severity, answers that lack their evidence, and
items that the current profile no longer triggers (a stale sheet).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import warnings
from collections.abc import Mapping
from typing import Annotated, Any, Literal

import pydantic
from pydantic import StringConstraints

from aigov._base import (
    ONE_LINE,
    PRINTABLE,
    SEVERITY_RANK,
    DocumentModel,
    FrozenModel,
    ItemId,
    RoleId,
    Severity,
)
from aigov._issues import from_pydantic
from aigov._jsonio import decode_utf8, dumps_canonical, parse_json, read_limited
from aigov._load import read_source
from aigov._suggest import Hints
from aigov.assess import Assessment, ProfileRef, Versions, check, rests_on
from aigov.catalog import Catalog, builtin_catalog
from aigov.crosswalk import FrameworkView, MappingsArg, express_in
from aigov.errors import DocumentError, Issue, ParseError, ValidationFailed
from aigov.models import LocalizedText, RelationKind, Verification
from aigov.profile import SystemProfile
from aigov.rules import CompiledRules

__all__ = [
    "CSV_COLUMNS",
    "STATUSES",
    "CheckItem",
    "Checklist",
    "GapReport",
    "Progress",
    "checklist",
    "gaps",
    "load_checklist",
    "make_checklist",
]

Status = Literal["yes", "partial", "no", "not-applicable"]
#: The answers an item can have.
STATUSES: tuple[str, ...] = ("yes", "partial", "no", "not-applicable")

_Note = Annotated[str, StringConstraints(max_length=4000, pattern=PRINTABLE)]


class CheckItem(FrozenModel):
    """One question of a check sheet, with its answer once filled in.

    ``id`` is ``<principle-id>/<n>``, stable for a given catalogue; with
    ``role`` it identifies the item in the sheet.  ``basis`` names the
    sub-item, principle or practice the question comes from.
    """

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.:-]*/[0-9]+$")]
    role: RoleId
    principle: ItemId
    severity: Severity
    question: LocalizedText
    guidance: LocalizedText
    values: tuple[ItemId, ...] = ()
    basis: tuple[str, ...] = ()
    verification: Verification | None = None
    """What the question rests on: the weakest mark of its basis and of the principle's
    link to the role (:func:`aigov.assess.rests_on`)."""
    status: Status | None = None
    evidence: _Note | None = None
    justification: _Note | None = None
    answered_by: Annotated[str, StringConstraints(max_length=200, pattern=ONE_LINE)] | None = None
    answered_at: dt.date | None = None


class Checklist(DocumentModel):
    """A check-sheet document (``"kind": "checklist"``), blank or filled in."""

    kind: Literal["checklist"] = "checklist"
    format_version: Literal["1"] = "1"
    profile: ProfileRef
    system_profile: SystemProfile | None = None
    """The profile the sheet was made from, so that a later check can spot stale items."""
    roles: tuple[RoleId, ...] | None = None
    versions: Versions
    items: tuple[CheckItem, ...]

    def to_json(self) -> str:
        """Canonical JSON text of the sheet."""
        return dumps_canonical(self.model_dump(mode="json", exclude_none=True))

    def to_csv(self) -> str:
        """The sheet as CSV for spreadsheets: UTF-8 with a byte-order mark, CRLF lines."""
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        header = self.model_dump(mode="json", exclude_none=True, exclude={"items"})
        writer.writerow(
            [
                "#sheet",
                *([""] * (len(CSV_COLUMNS) - 2)),
                json.dumps(header, ensure_ascii=False, sort_keys=True),
            ]
        )
        for item in self.items:
            cells = [
                item.id,
                item.role,
                item.principle,
                item.severity,
                item.question.ja,
                item.question.en,
                item.guidance.ja,
                item.guidance.en,
                " ".join(item.values),
                " ".join(item.basis),
                item.status or "",
                item.evidence or "",
                item.justification or "",
                item.answered_by or "",
                item.answered_at.isoformat() if item.answered_at else "",
                "",
            ]
            writer.writerow([_csv_cell(cell) for cell in cells])
        # A byte-order mark so that spreadsheet programs read the Japanese text as UTF-8.
        return "\ufeff" + buffer.getvalue()


# -- making a sheet --------------------------------------------------------------------


def _questions(
    catalog: Catalog, principle_id: str, role_id: str
) -> list[tuple[LocalizedText, LocalizedText, tuple[str, ...]]]:
    """``(question, guidance, basis)`` for every check of one principle and role."""
    principle = catalog.principle(principle_id)
    role = catalog.role(role_id)
    out: list[tuple[LocalizedText, LocalizedText, tuple[str, ...]]] = []
    for sub in principle.items:
        guide = sub.summary or principle.summary
        out.append(
            (
                LocalizedText(
                    ja=f"{role.label.ja}として、「{sub.label.ja}」に対応していますか。",
                    en=f"In your role as {role.label.en}, have you addressed “{sub.label.en}”?",
                ),
                guide,
                (sub.id,),
            )
        )
    if not principle.items:
        out.append(
            (
                LocalizedText(
                    ja=f"{role.label.ja}として、「{principle.label.ja}」の趣旨に沿った"
                    "対応を行っていますか。",
                    en=f"In your role as {role.label.en}, have you acted on the "
                    f"{principle.label.en}?",
                ),
                principle.summary,
                (principle.id,),
            )
        )
    kinds = {
        "standard": ("参考となる標準的な取組", "standard practice"),
        "notable": ("特に注目すべき取組", "notable practice"),
    }
    for practice_id in catalog.subjects(principle.id, RelationKind.IMPLEMENTS):
        practice: Any = catalog.get(practice_id)
        for item in getattr(practice, "items", ()):
            ja_kind, en_kind = kinds[item.kind]
            out.append(
                (
                    LocalizedText(
                        ja=f"報告書2022の「{practice.label.ja}」の{ja_kind}を参考にした"
                        "対応を検討しましたか。",
                        en=f"Have you considered the Report 2022 {en_kind} on {practice.label.en}?",
                    ),
                    item.summary,
                    (item.id,),
                )
            )
    return out


def make_checklist(
    assessment: Assessment,
    role: str | None = None,
    *,
    profile: SystemProfile | None = None,
    catalog: Catalog | None = None,
) -> Checklist:
    """Make a blank check sheet from an assessment.

    Args:
        assessment: The result of :func:`aigov.check`.
        role: Only this role's items (default: every role of the assessment).
        profile: The profile the assessment was made from, kept in the sheet
            so that :func:`gaps` can later tell stale items.
        catalog: The catalogue (default: the built-in one).

    Raises:
        UnknownIdError: ``role`` is not a known role.
    """
    cat = catalog if catalog is not None else builtin_catalog()
    if role is not None:
        cat.role(role)
    role_rank = {r.id: i for i, r in enumerate(cat.roles)}
    rows: list[tuple[int, int, int, CheckItem]] = []
    for p_rank, trig in enumerate(assessment.triggered):
        for r in trig.roles:
            if role is not None and r != role:
                continue
            for n, (question, guidance, basis) in enumerate(
                _questions(cat, trig.principle, r), start=1
            ):
                item = CheckItem(
                    id=f"{trig.principle}/{n}",
                    role=r,
                    principle=trig.principle,
                    severity=trig.severity,
                    question=question,
                    guidance=guidance,
                    values=trig.values,
                    basis=basis,
                    verification=rests_on(cat, basis[0], (r,), principle=trig.principle)
                    if basis
                    else None,
                )
                rows.append((role_rank.get(r, 1 << 20), p_rank, n, item))
    rows.sort(key=lambda row: row[:3])
    return Checklist(
        profile=assessment.profile,
        system_profile=profile,
        roles=None if role is None else (role,),
        versions=assessment.versions,
        items=tuple(row[3] for row in rows),
    )


def checklist(
    assessment: Assessment,
    role: str | None = None,
    *,
    profile: SystemProfile | None = None,
    catalog: Catalog | None = None,
) -> Checklist:
    """Deprecated name of :func:`make_checklist` (kept for one release)."""
    warnings.warn(
        "aigov.checklist.checklist() is renamed make_checklist()", DeprecationWarning, stacklevel=2
    )
    return make_checklist(assessment, role, profile=profile, catalog=catalog)


# -- reading a filled sheet (JSON or CSV) -------------------------------------------------

#: Columns of the CSV form, in order; ``sheet`` holds the sheet's header once.
CSV_COLUMNS = (
    "id",
    "role",
    "principle",
    "severity",
    "question_ja",
    "question_en",
    "guidance_ja",
    "guidance_en",
    "values",
    "basis",
    "status",
    "evidence",
    "justification",
    "answered_by",
    "answered_at",
    "sheet",
)


def _check_items(sheet: Checklist, catalog: Catalog, source: str) -> None:
    issues: list[Issue] = []
    seen: set[tuple[str, str]] = set()
    principles = [p.id for p in catalog.principles]
    hints = Hints()
    for i, item in enumerate(sheet.items):
        where = f"$.items[{i}]"
        if item.principle not in catalog or catalog.kind_of(item.principle) != "principle":
            hint = hints(item.principle, principles)
            issues.append(
                Issue(f"{where}.principle", f"unknown principle {item.principle!r}", hint, source)
            )
        elif not item.id.startswith(item.principle + "/"):
            issues.append(
                Issue(
                    f"{where}.id",
                    f"item id {item.id!r} does not belong to principle {item.principle!r}",
                    None,
                    source,
                )
            )
        if item.role not in catalog or catalog.kind_of(item.role) != "role":
            issues.append(Issue(f"{where}.role", f"unknown role {item.role!r}", None, source))
        key = (item.id, item.role)
        if key in seen:
            issues.append(
                Issue(
                    where,
                    f"item {item.id!r} for {item.role!r} appears twice",
                    "keep one row",
                    source,
                )
            )
        seen.add(key)
    if issues:
        raise ValidationFailed(issues, source=source)


#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading quote keeps a formula from running.

    A cell that starts with a quote gets one more, so that reading it back
    (:func:`_csv_text`) gives exactly the text that was written.
    """
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def _csv_text(cell: str) -> str:
    """The text of a cell written by :func:`_csv_cell` (a cell typed by hand is kept)."""
    if cell.startswith("'") and cell[1:].startswith((*_FORMULA_START, "'")):
        return cell[1:]
    return cell


def _from_csv(text: str, source: str) -> tuple[dict[str, Any], list[int]]:
    """The sheet document of a CSV text, and the CSV line of each item."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as err:
        raise ParseError(
            f"malformed CSV: {err}", line=reader.line_num, column=1, source=source
        ) from err
    if not rows or tuple(h.strip() for h in rows[0]) != CSV_COLUMNS:
        expected = ",".join(CSV_COLUMNS)
        raise DocumentError(
            [
                Issue(
                    "line 1",
                    "the header row is not aigov's check-sheet header",
                    f"expected {expected}",
                )
            ],
            source=source,
        )
    header: dict[str, Any] | None = None
    header_line = 0
    items: list[dict[str, Any]] = []
    lines: list[int] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_COLUMNS):
            raise DocumentError(
                [
                    Issue(
                        f"line {number}",
                        f"{len(row)} columns, expected {len(CSV_COLUMNS)}",
                        "keep every column, even empty ones",
                    )
                ],
                source=source,
            )
        cells = {name: _csv_text(cell) for name, cell in zip(CSV_COLUMNS, row, strict=True)}
        if cells["id"] == "#sheet":
            header = _sheet_header(cells, number, header_line, source)
            header_line = number
            continue
        item: dict[str, Any] = {
            "id": cells["id"],
            "role": cells["role"],
            "principle": cells["principle"],
            "severity": cells["severity"],
            "question": {"ja": cells["question_ja"], "en": cells["question_en"]},
            "guidance": {"ja": cells["guidance_ja"], "en": cells["guidance_en"]},
            "values": cells["values"].split(),
            "basis": cells["basis"].split(),
        }
        # Answers are kept as written (spaces too); the status and date are codes.
        for key in ("status", "answered_at"):
            if cells[key].strip():
                item[key] = cells[key].strip()
        for key in ("evidence", "justification", "answered_by"):
            if cells[key]:
                item[key] = cells[key]
        items.append(item)
        lines.append(number)
    if header is None:
        raise DocumentError(
            [
                Issue(
                    "line 2",
                    "the '#sheet' row with the sheet's header is missing",
                    "export the sheet with 'aigov checklist --format csv' and keep that row",
                )
            ],
            source=source,
        )
    return {**header, "items": items}, lines


def _sheet_header(cells: dict[str, str], number: int, seen: int, source: str) -> dict[str, Any]:
    """The sheet's header from its '#sheet' row, refusing anything that would be lost."""
    problems = []
    if seen:
        problems.append(
            Issue(
                f"line {number}",
                f"a second '#sheet' row (the first is line {seen})",
                "keep only the row the sheet was exported with",
            )
        )
    extra = [name for name in CSV_COLUMNS[1:-1] if cells[name].strip()]
    if extra:
        problems.append(
            Issue(
                f"line {number}",
                "the '#sheet' row holds text in " + ", ".join(extra),
                "leave that row as exported",
            )
        )
    try:
        # The same parser as for JSON files: repeated keys and deep nesting are refused.
        header = parse_json(cells["sheet"])
    except DocumentError as err:
        problem = "; ".join(issue.message for issue in err.issues)
        problems.append(Issue(f"line {number}", f"the sheet column is not valid JSON: {problem}"))
        header = {}
    if not isinstance(header, dict):
        problems.append(Issue(f"line {number}", "the sheet column is not a JSON object"))
    elif "items" in header:
        problems.append(
            Issue(
                f"line {number}",
                "the sheet column holds 'items'; a CSV sheet's items are its rows",
                "remove 'items' from that cell",
            )
        )
    if problems:
        raise DocumentError(problems, source=source)
    checked: dict[str, Any] = header
    return checked


def load_checklist(
    source: Checklist | Mapping[str, Any] | str | os.PathLike[str],
    *,
    catalog: Catalog | None = None,
) -> Checklist:
    """Read a check sheet from JSON or CSV (by file extension), or a parsed document.

    Raises:
        FileAccessError: The file cannot be read.
        ParseError: The file is not JSON or CSV (with line and column).
        ValidationFailed: An item is invalid: a bad status, an unknown
            principle or role, a repeated item (with its JSON path, or the
            CSV line).
    """
    cat = catalog if catalog is not None else builtin_catalog()
    if isinstance(source, Checklist):
        return source
    lines: dict[int, int] = {}
    if isinstance(source, (str, os.PathLike)) and os.fspath(source).lower().endswith(".csv"):
        name = os.fspath(source)
        data, rows = _from_csv(decode_utf8(read_limited(name), name), name)
        lines = dict(enumerate(rows))
    else:
        data, name = read_source(source, what="checklist")
    try:
        sheet = Checklist.model_validate(data)
    except pydantic.ValidationError as err:
        issues = from_pydantic(err, model=Checklist)
        if lines:
            issues = [_csv_place(issue, lines) for issue in issues]
        raise ValidationFailed(issues, source=name) from err
    _check_items(sheet, cat, name)
    return _with_marks(sheet, cat)


def _with_marks(sheet: Checklist, catalog: Catalog) -> Checklist:
    """Fill in what each item rests on where the file does not say.

    The CSV form has no column for it; filling it in makes a sheet read back as
    it was written.
    """
    if all(item.verification is not None or not item.basis for item in sheet.items):
        return sheet
    items = tuple(
        item.model_copy(
            update={
                "verification": rests_on(
                    catalog, item.basis[0], (item.role,), principle=item.principle
                )
            }
        )
        if item.verification is None and item.basis and item.basis[0] in catalog
        else item
        for item in sheet.items
    )
    return sheet.model_copy(update={"items": items})


def _csv_place(issue: Issue, lines: Mapping[int, int]) -> Issue:
    """Name the CSV line of an item issue instead of its JSON path."""
    prefix = "$.items["
    if issue.path.startswith(prefix):
        index, _, rest = issue.path[len(prefix) :].partition("]")
        if index.isdigit() and int(index) in lines:
            field = rest.lstrip(".").split(".")[0].split("[")[0] or "row"
            return Issue(
                f"line {lines[int(index)]}, column {field}", issue.message, issue.hint, issue.source
            )
    return issue


# -- writing a sheet ------------------------------------------------------------------------


# -- gaps ----------------------------------------------------------------------------------


class Progress(FrozenModel):
    """How far one principle is answered for one role."""

    principle: str
    role: str
    severity: Severity
    total: int
    answered: int
    yes: int
    partial: int
    no: int
    not_applicable: int


class GapReport(FrozenModel):
    """What remains to do on a filled check sheet."""

    profile: ProfileRef
    progress: tuple[Progress, ...]
    open_items: tuple[CheckItem, ...]
    missing_evidence: tuple[CheckItem, ...]
    stale_items: tuple[CheckItem, ...]
    new_principles: tuple[str, ...]
    open_high: int
    crosswalk: FrameworkView | None = None
    """The principles with open items, in another framework's terms (``gaps --framework``)."""

    @property
    def passed(self) -> bool:
        """No open item of high severity remains."""
        return self.open_high == 0


def _is_open(item: CheckItem) -> bool:
    return item.status in (None, "no", "partial")


def _lacks_support(item: CheckItem) -> bool:
    if item.status in ("yes", "partial"):
        return not (item.evidence or "").strip()
    if item.status in ("no", "not-applicable"):
        return not (item.justification or "").strip()
    return False


def gaps(
    sheet: Checklist,
    *,
    profile: SystemProfile | Mapping[str, Any] | str | os.PathLike[str] | None = None,
    rules: CompiledRules | None = None,
    catalog: Catalog | None = None,
    framework: str | None = None,
    mappings: MappingsArg = None,
) -> GapReport:
    """Report progress, open items, missing evidence and stale items of a sheet.

    Args:
        sheet: A filled (or partly filled) check sheet.
        profile: The system as it is now (default: the profile kept in the
            sheet); its assessment tells which items became stale.
        rules: Compiled rules (default: the built-in ones).
        catalog: The catalogue (default: the built-in one).
        framework: Also express the principles that still have open items in
            this framework's items, in ``GapReport.crosswalk``.
        mappings: The curated mapping sets for ``framework`` (as for
            :func:`aigov.assess.check`).

    An item is *open* when unanswered, ``no`` or ``partial``; ``yes`` and
    ``partial`` need ``evidence``, ``no`` and ``not-applicable`` a
    ``justification``.
    """
    current = profile if profile is not None else sheet.system_profile
    triggered: dict[str, set[str]] | None = None
    if current is not None:
        assessment = check(current, rules, catalog)
        triggered = {t.principle: set(t.roles) for t in assessment.triggered}
    stale = []
    if triggered is not None:
        stale = [i for i in sheet.items if i.role not in triggered.get(i.principle, set())]
    stale_keys = {(i.id, i.role) for i in stale}
    live = [i for i in sheet.items if (i.id, i.role) not in stale_keys]
    groups: dict[tuple[str, str], list[CheckItem]] = {}
    for item in live:
        groups.setdefault((item.principle, item.role), []).append(item)
    progress = tuple(
        Progress(
            principle=principle,
            role=role,
            severity=items[0].severity,
            total=len(items),
            answered=sum(1 for i in items if i.status),
            yes=sum(1 for i in items if i.status == "yes"),
            partial=sum(1 for i in items if i.status == "partial"),
            no=sum(1 for i in items if i.status == "no"),
            not_applicable=sum(1 for i in items if i.status == "not-applicable"),
        )
        for (principle, role), items in groups.items()
    )
    open_items = sorted(
        (i for i in live if _is_open(i)),
        key=lambda i: SEVERITY_RANK[i.severity],
    )
    covered = {(i.principle, i.role) for i in sheet.items}
    new = []
    if triggered is not None:
        wanted = set(sheet.roles) if sheet.roles else None
        for principle, roles in triggered.items():
            for role in roles:
                if (wanted is None or role in wanted) and (principle, role) not in covered:
                    new.append(principle)
                    break
    return GapReport(
        profile=sheet.profile,
        progress=progress,
        open_items=tuple(open_items),
        missing_evidence=tuple(i for i in live if _lacks_support(i)),
        stale_items=tuple(stale),
        new_principles=tuple(new),
        open_high=sum(1 for i in open_items if i.severity == "high"),
        crosswalk=express_in(
            framework,
            dict.fromkeys(i.principle for i in open_items),
            catalog=catalog or (rules.catalog if rules is not None else builtin_catalog()),
            mappings=mappings,
        ),
    )
