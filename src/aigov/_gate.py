"""The release gate over a filled check sheet: progress, open items, edits, stale items (private).

:func:`gaps` recomputes the items a sheet should have and reports what
remains open in a :class:`GapReport`.  :mod:`aigov.checklist` re-exports the
public names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

from aigov._answers import Answer, FrameworkAnswers, carry_to
from aigov._base import SEVERITY_RANK, DocumentModel, FrozenModel, Severity
from aigov._jsonio import dumps_canonical
from aigov._sheeteu import eu_classification, make_eu_items
from aigov._sheetitems import sheet_items, sheet_triggers
from aigov._sheetmodel import CheckItem, Checklist, answer_of, sheet_digest
from aigov.assess import ProfileRef, Versions, check
from aigov.catalog import Catalog, builtin_catalog
from aigov.crosswalk import FrameworkView, MappingsArg, express_in, resolve_mappings
from aigov.errors import UsageError, VersionDriftError
from aigov.profile import SystemProfile, load_profile
from aigov.rules import CompiledRules, compile_rules

__all__ = ["Edit", "GapReport", "Note", "Progress", "gaps"]


class Progress(FrozenModel):
    """How far one principle is answered."""

    principle: str
    roles: tuple[str, ...]
    severity: Severity
    total: int
    answered: int
    yes: int
    partial: int
    no: int
    not_applicable: int


class Edit(FrozenModel):
    """An edit to what the library generated, found by :func:`gaps`.

    ``kind``: ``digest`` (the integrity digest differs), ``cell`` (a generated
    cell of a row differs), ``deleted`` (a row the sheet was made with is
    gone) or ``added`` (a row it was not made with).
    """

    kind: Literal["digest", "cell", "deleted", "added"]
    item: str | None = None
    roles: tuple[str, ...] | None = None
    column: str | None = None
    written: str | None = None
    """What the cell says (text cells only)."""
    expected: str | None = None
    """What the assessment says (text cells only)."""

    def __str__(self) -> str:
        where = f"item {self.item!r} ({', '.join(self.roles or ())})"
        if self.kind == "digest":
            return (
                "the sheet's generated cells or header were edited after it was made "
                "(its integrity digest differs)"
            )
        if self.kind == "deleted":
            return f"{where} was deleted from the sheet"
        if self.kind == "added":
            return f"{where} is not one the sheet was made with"
        if self.expected is not None:
            said = f"says {self.written!r}, the assessment says {self.expected!r}"
        else:
            said = "differs from the sheet as made"
        return f"{where}: the {self.column} cell {said}"


class Note(FrozenModel):
    """Something :func:`gaps` could not check, and why.

    ``kind``: ``no-profile`` (stale items cannot be found), ``no-triggers``
    (the items cannot be recomputed), ``version-drift`` (``detail`` says
    which versions differ) or ``per-role`` (the sheet has the per-role form:
    ``detail`` is ``ROWS:ITEMS``, its rows and the items they became; its
    cells were checked against its own digest, not against this run's
    questions).
    """

    kind: Literal["no-profile", "no-triggers", "version-drift", "per-role"]
    detail: str | None = None

    def __str__(self) -> str:
        if self.kind == "no-profile":
            return (
                "stale items cannot be found: the sheet was made from an assessment and keeps "
                "no profile (give the profile as it is now with --profile)"
            )
        if self.kind == "no-triggers":
            return (
                "the items cannot be recomputed: the sheet records neither its profile nor its "
                "triggers, so severities and the item set are read from its cells"
            )
        if self.kind == "per-role":
            rows, _, items = (self.detail or "").partition(":")
            return (
                f"the sheet has the per-role form of earlier versions: its {rows} rows were read "
                f"as {items} items, one per question; its generated cells were checked against "
                "its own digest, not against this run's questions (regenerate it with "
                "'aigov checklist PROFILE --from SHEET')"
            )
        return (
            f"the sheet was made with other versions ({self.detail}); its items are checked "
            "against this run's"
        )


class GapReport(DocumentModel):
    """What remains open on a filled check sheet, and the gate's verdict (kind ``gap-report``).

    Severity, principle, role and the set of items come from the assessment,
    never from the sheet's cells: ``tampered`` names the rows whose generated
    cells differ, and ``missing_items`` the items the sheet lacks (they count
    as open).
    """

    kind: Literal["gap-report"] = "gap-report"
    format_version: Literal["1"] = "1"
    profile: ProfileRef
    passed: bool
    """The gate's verdict: no reason in ``failures``."""
    failures: tuple[str, ...] = ()
    """Why the gate failed, one sentence each."""
    fail_on: Severity = "high"
    """Open items of this severity or a higher one fail the gate."""
    min_answered: float | None = None
    """The share of items (in percent) that must be answered, if one is required."""
    answered_percent: float
    """The share of the items (in percent) that have a status."""
    progress: tuple[Progress, ...]
    open_items: tuple[CheckItem, ...]
    missing_items: tuple[CheckItem, ...] = ()
    """Items the assessment asks for that the sheet lacks (open)."""
    missing_evidence: tuple[CheckItem, ...]
    stale_items: tuple[CheckItem, ...]
    new_principles: tuple[str, ...]
    tampered: tuple[Edit, ...] = ()
    """Edits to cells the library generates, each naming the row."""
    notes: tuple[Note, ...] = ()
    """What the report could not check, and why (for example stale detection without a profile)."""
    open_high: int
    crosswalk: FrameworkView | None = None
    """The principles with open items, in another framework's terms (``gaps --framework``)."""
    answers: FrameworkAnswers | None = None
    """The sheet's answers carried to another framework's items through curated mappings
    (``gaps --framework``): its coverage, and the items nothing answers."""

    def to_json(self) -> str:
        """Canonical JSON text of the report."""
        return dumps_canonical(self.model_dump(mode="json", exclude_none=True))


def _is_open(item: CheckItem) -> bool:
    return item.status in (None, "no", "partial")


def _lacks_support(item: CheckItem) -> bool:
    if item.status in ("yes", "partial"):
        return not (item.evidence or "").strip()
    if item.status in ("no", "not-applicable"):
        return not (item.justification or "").strip()
    return False


def _drift(recorded: Versions, current: Versions) -> dict[str, tuple[str, str]]:
    """What differs between the versions a sheet records and those of this run."""
    drift = {}
    for what, old, new, old_hash, new_hash in (
        (
            "catalogue",
            recorded.catalog,
            current.catalog,
            recorded.catalog_hash,
            current.catalog_hash,
        ),
        ("rules", recorded.rules, current.rules, recorded.rules_hash, current.rules_hash),
    ):
        if old_hash != new_hash:
            # The version names say it when they differ; the same name with other content
            # (edited data, other packs) shows as the start of the content hash.
            drift[what] = (old, new) if old != new else (old_hash[:19], new_hash[:19])
    return drift


_CELLS = (
    ("principle", "principle"),
    ("severity", "severity"),
    ("roles", "roles"),
    ("question", "question"),
    ("guidance", "guidance"),
    ("values", "values"),
    ("basis", "basis"),
)


def _edits(row: CheckItem, made: CheckItem) -> list[Edit]:
    """Each generated cell of a row that differs from the item as made."""
    out = []
    for field, column in _CELLS:
        written, expected = getattr(row, field), getattr(made, field)
        if written != expected:
            text = isinstance(expected, str)
            out.append(
                Edit(
                    kind="cell",
                    item=row.id,
                    roles=row.roles,
                    column=column,
                    written=written if text else None,
                    expected=expected if text else None,
                )
            )
    return out


def gaps(  # noqa: PLR0912, PLR0915 - one pass that keeps the gate's rules together
    sheet: Checklist,
    *,
    profile: SystemProfile | Mapping[str, Any] | str | os.PathLike[str] | None = None,
    rules: CompiledRules | None = None,
    catalog: Catalog | None = None,
    framework: str | None = None,
    mappings: MappingsArg = None,
    fail_on: Severity = "high",
    min_answered: float | None = None,
    allow_version_drift: bool = False,
) -> GapReport:
    """Report progress, open items, missing evidence and stale items of a sheet, and gate on it.

    The library never trusts a cell for what it can recompute.  The items
    the sheet should have, with their severity, principle and role, come from
    the assessment: re-run from ``profile`` (or the profile kept in the sheet)
    with the current rules, or, for a sheet made from an assessment, from the
    triggers the sheet records, whose integrity digest must match.  Items the
    sheet lacks are open; a generated cell that differs is reported in
    ``tampered`` and fails the gate.

    Args:
        sheet: A filled (or partly filled) check sheet.
        profile: The system as it is now (default: the profile kept in the
            sheet); its assessment tells which items became stale.
        rules: Compiled rules (default: the built-in ones).
        catalog: The catalogue (default: the one of ``rules``, or the built-in one).
        framework: Also express the principles that still have open items in
            this framework's items, in ``GapReport.crosswalk``.
        mappings: The curated mapping sets for ``framework`` (as for
            :func:`aigov.assess.check`).
        fail_on: Open items of this severity or a higher one fail the gate.
        min_answered: Fail the gate unless at least this share of the items
            (in percent) is answered.
        allow_version_drift: Go on when the sheet was made with other rules
            or another catalogue than this run's (the items are those of this run).

    Raises:
        VersionDriftError: The sheet records other rule or catalogue versions
            than this run's, and ``allow_version_drift`` is false.

    An item is *open* when unanswered, ``no`` or ``partial``; ``yes`` and
    ``partial`` need ``evidence``, ``no`` and ``not-applicable`` a
    ``justification``.
    """
    if fail_on not in SEVERITY_RANK:
        raise UsageError(f"unknown severity {fail_on!r} (severities: high, medium, low)")
    if min_answered is not None and not 0 <= min_answered <= 100:
        raise UsageError(f"--min-answered is a percentage from 0 to 100, not {min_answered:g}")
    cat = catalog if catalog is not None else (rules.catalog if rules else builtin_catalog())
    tampered: list[Edit] = []
    notes: list[Note] = []
    migration = sheet.migration
    if migration is not None:
        # Its digest was checked over its rows as written (per role), when it was read.
        if migration.digest == "invalid":
            tampered.append(Edit(kind="digest"))
        notes.append(Note(kind="per-role", detail=f"{migration.rows}:{migration.items}"))
    elif sheet.integrity is not None and sheet.integrity != sheet_digest(sheet):
        tampered.append(Edit(kind="digest"))
    compiled = rules if rules is not None else compile_rules(catalog=cat)
    drift = _drift(
        sheet.versions,
        sheet.versions.model_copy(
            update={
                "catalog": cat.version,
                "catalog_hash": cat.content_hash,
                "rules": compiled.version,
                "rules_hash": compiled.content_hash,
            }
        ),
    )
    if drift and not allow_version_drift:
        raise VersionDriftError(drift)
    only = sheet.roles[0] if sheet.roles else None
    # The sheet as it was made: from the profile it keeps, or the triggers it records.
    made: tuple[CheckItem, ...] | None = None
    if sheet.system_profile is not None:
        made = sheet_items(
            sheet_triggers(check(sheet.system_profile, compiled, cat)), only, cat
        ) + make_eu_items(eu_classification(sheet.system_profile), only)
    elif sheet.triggers is not None:
        made = sheet_items(sheet.triggers, only, cat) + make_eu_items(sheet.eu_ai_act, only)
    # The items the system needs now: those of the profile given, else the sheet as made.
    now = made
    if profile is not None:
        current = load_profile(profile)
        now = sheet_items(sheet_triggers(check(current, compiled, cat)), only, cat) + make_eu_items(
            eu_classification(current), only
        )
    elif sheet.system_profile is None:
        notes.append(Note(kind="no-profile"))
    if made is None:
        notes.append(Note(kind="no-triggers"))
    if drift:
        detail = "; ".join(f"{what}: {old} -> {new}" for what, (old, new) in sorted(drift.items()))
        notes.append(Note(kind="version-drift", detail=detail))
    rows = {item.id: item for item in sheet.items}
    if made is not None and not drift and migration is None:
        # Generated cells are compared with the sheet as made (a newer profile may
        # rightly give other severities; that is not an edit).  A per-role sheet's
        # questions were written by an earlier version: its digest vouches for them.
        as_made = {item.id: item for item in made}
        for key, row in rows.items():
            if key in as_made:
                tampered += _edits(row, as_made[key])
            else:
                tampered.append(Edit(kind="added", item=row.id, roles=row.roles))
        tampered += [
            Edit(kind="deleted", item=item.id, roles=item.roles)
            for key, item in as_made.items()
            if key not in rows
        ]
    added = {e.item for e in tampered if e.kind == "added"}
    stale: list[CheckItem] = []
    missing: list[CheckItem] = []
    live: list[CheckItem] = []
    if now is None:
        live = list(sheet.items)
    else:
        expected = {item.id: item for item in now}
        stale = [row for key, row in rows.items() if key not in expected and key not in added]
        for key, item in expected.items():
            written = rows.get(key)
            if written is None:
                missing.append(item)
                live.append(item)
            else:
                live.append(item.model_copy(update=answer_of(written)))
    groups: dict[str, list[CheckItem]] = {}
    for item in live:
        groups.setdefault(item.principle, []).append(item)
    progress = tuple(
        Progress(
            principle=principle,
            roles=tuple(dict.fromkeys(r for i in items for r in i.roles)),
            severity=items[0].severity,
            total=len(items),
            answered=sum(1 for i in items if i.status),
            yes=sum(1 for i in items if i.status == "yes"),
            partial=sum(1 for i in items if i.status == "partial"),
            no=sum(1 for i in items if i.status == "no"),
            not_applicable=sum(1 for i in items if i.status == "not-applicable"),
        )
        for principle, items in groups.items()
    )
    open_items = sorted((i for i in live if _is_open(i)), key=lambda i: SEVERITY_RANK[i.severity])
    answered = sum(1 for i in live if i.status)
    percent = round(100.0 * answered / len(live), 1) if live else 100.0
    failing = [i for i in open_items if SEVERITY_RANK[i.severity] <= SEVERITY_RANK[fail_on]]
    failures: list[str] = []
    if tampered:
        failures.append(f"{len(tampered)} edit(s) to generated cells (see 'tampered')")
    if failing:
        above = "" if fail_on == "high" else " or higher"
        failures.append(f"{len(failing)} open item(s) of {fail_on} severity{above}")
    if min_answered is not None and percent < min_answered:
        failures.append(f"{percent:g}% of the items answered, {min_answered:g}% required")
    # Resolved once, for the view of open principles and for the carried answers.
    index = resolve_mappings(mappings, cat) if framework is not None else None
    covered = {i.principle for i in sheet.items}
    new = list(dict.fromkeys(i.principle for i in missing if i.principle not in covered))
    return GapReport(
        profile=sheet.profile,
        passed=not failures,
        failures=tuple(failures),
        fail_on=fail_on,
        min_answered=min_answered,
        answered_percent=percent,
        progress=progress,
        open_items=tuple(open_items),
        missing_items=tuple(missing),
        missing_evidence=tuple(i for i in live if _lacks_support(i)),
        stale_items=tuple(stale),
        new_principles=tuple(new) if profile is not None else (),
        tampered=tuple(tampered),
        notes=tuple(notes),
        open_high=sum(1 for i in open_items if i.severity == "high"),
        crosswalk=express_in(
            framework,
            dict.fromkeys(i.principle for i in open_items),
            catalog=cat,
            mappings=mappings if index is None else index,
        ),
        answers=None
        if framework is None or index is None
        else carry_to(
            (
                Answer(
                    item=i.id,
                    roles=i.roles,
                    principle=i.principle,
                    basis=i.basis,
                    status=i.status,
                    evidence=i.evidence,
                )
                for i in live
            ),
            framework,
            catalog=cat,
            mappings=index,
        ),
    )
