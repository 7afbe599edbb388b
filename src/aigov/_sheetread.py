"""Reading a filled check sheet (JSON, CSV or .xlsx), with the per-role migration (private).

Sheets of the per-role form (one row per question and role) are read as one
item per question; the items are checked against the catalogue and given
what they rest on.  :mod:`aigov.checklist` re-exports :func:`load_checklist`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from typing import Any, Literal

import pydantic

from aigov._answers import worst_status
from aigov._issues import from_pydantic
from aigov._jsonio import read_limited
from aigov._load import read_source, wrong_kind
from aigov._sheetcsv import decode_csv, read_csv
from aigov._sheeteu import EU_LEVEL, EU_ROLES, make_eu_items
from aigov._sheetmodel import (
    CheckItem,
    Checklist,
    MergedRows,
    SheetMigration,
    answer_of,
    sheet_digest,
)
from aigov._sheetxlsx import read_xlsx
from aigov._suggest import Hints
from aigov.assess import rests_on
from aigov.catalog import Catalog, builtin_catalog
from aigov.errors import Issue, ValidationFailed

__all__ = ["load_checklist"]


def _check_items(sheet: Checklist, catalog: Catalog, source: str) -> None:
    issues: list[Issue] = []
    seen: set[str] = set()
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
        for n, role in enumerate(item.roles):
            if role in EU_ROLES and item.principle in EU_LEVEL.values():
                continue  # an operator role of the Act (the catalogue lacks one of them)
            if role not in catalog or catalog.kind_of(role) != "role":
                issues.append(Issue(f"{where}.roles[{n}]", f"unknown role {role!r}", None, source))
        if item.id in seen:
            issues.append(
                Issue(
                    where,
                    f"item {item.id!r} appears twice",
                    "keep one row (one question is asked once, with every role it concerns)",
                    source,
                )
            )
        seen.add(item.id)
    if issues:
        raise ValidationFailed(issues, source=source)


def load_checklist(
    source: Checklist | Mapping[str, Any] | str | os.PathLike[str],
    *,
    catalog: Catalog | None = None,
) -> Checklist:
    """Read a check sheet from JSON, CSV or .xlsx (by file extension), or a parsed document.

    Raises:
        FileAccessError: The file cannot be read.
        ParseError: The file is not JSON or CSV (with line and column).
        ValidationFailed: An item is invalid: a bad status, an unknown
            principle or role, a repeated item (with its JSON path, or the
            CSV line); or, in a per-role sheet, the evidence, justifications or
            owners that rows answering one question differently join to are
            longer than an item holds (with the rows).
    """
    cat = catalog if catalog is not None else builtin_catalog()
    if isinstance(source, Checklist):
        return source
    lines: dict[int, int] = {}
    path = os.fspath(source) if isinstance(source, (str, os.PathLike)) else None
    suffix = path.lower().rpartition(".")[2] if path is not None else ""
    if path is not None and suffix in ("csv", "xlsx"):
        name = path
        raw = read_limited(name)
        if suffix == "csv":
            data, rows = read_csv(decode_csv(raw, name), name)
        else:
            data, rows = read_xlsx(raw, name)
        lines = dict(enumerate(rows))
    else:
        data, name = read_source(source, what="checklist")
    try:
        sheet = Checklist.model_validate(data)
    except pydantic.ValidationError as err:
        issues = from_pydantic(err, model=Checklist)
        wrong = wrong_kind(Checklist, data, "checklist", issues)
        if wrong is not None:  # a profile given as the sheet: say so
            raise ValidationFailed([wrong], source=name) from err
        if lines:
            issues = [_csv_place(issue, lines) for issue in issues]
        raise ValidationFailed(issues, source=name) from err
    sheet = _merge_per_role(sheet, lines, name)
    _check_items(sheet, cat, name)
    return _with_marks(sheet, cat)


def _is_per_role(sheet: Checklist, groups: Mapping[str, list[int]]) -> bool:
    """Whether a sheet has the per-role form: each repeated item once per role, one role a row.

    A sheet without repeated items is per-role when its digest is the per-role one.
    """
    repeated = [rows for rows in groups.values() if len(rows) > 1]
    for rows in repeated:
        roles = [sheet.items[i].roles for i in rows]
        if any(len(r) != 1 for r in roles) or len({r[0] for r in roles}) != len(rows):
            return False  # not the old form: _check_items names the repeated rows
    if repeated:
        return True
    return (
        sheet.integrity is not None
        and all(len(item.roles) == 1 for item in sheet.items)
        and sheet.integrity == sheet_digest(sheet, per_role=True)
    )


def _merged_answer(rows: list[CheckItem]) -> dict[str, Any]:
    """One answer for rows that disagree: the worst status, the union of the rest."""

    def union(field: str, sep: str) -> str | None:
        texts = dict.fromkeys(t for r in rows if (t := getattr(r, field)))
        return sep.join(texts) or None

    dates = [r.answered_at for r in rows if r.answered_at is not None]
    return {
        "status": worst_status(r.status for r in rows),
        "evidence": union("evidence", "\n"),
        "justification": union("justification", "\n"),
        "answered_by": union("answered_by", ", "),
        "answered_at": max(dates) if dates else None,
    }


_JOINED = ("evidence", "justification", "answered_by")


@functools.cache
def _field_type(field: str) -> pydantic.TypeAdapter[Any]:
    """The type of an item's answer field, with its limits (the model's, not a copy)."""
    annotation: Any = CheckItem.model_fields[field].annotation  # set for every declared field
    return pydantic.TypeAdapter(annotation)


def _overlong(
    key: str,
    answer: Mapping[str, Any],
    indexes: list[int],
    lines: Mapping[int, int],
    source: str,
) -> list[Issue]:
    """The joined texts of a merged answer that an item cannot hold, named by their rows.

    The merge joins what the rows wrote; a joined text longer than an item's
    field allows would be written out and refused on reading back, so it is
    refused here, where the rows that make it up can still be named.  Cutting
    it would drop evidence the user wrote without their knowing.
    """
    issues = []
    for field in _JOINED:
        text = answer[field]
        if text is None:
            continue
        try:
            _field_type(field).validate_python(text)
        except pydantic.ValidationError as err:
            # The rows' own texts were valid and joining only adds separators the field
            # allows, so only the length can fail.
            limit = err.errors()[0].get("ctx", {}).get("max_length")
            if lines:
                where = f"lines {', '.join(str(lines[i]) for i in indexes)}, column {field}"
            else:
                where = ", ".join(f"$.items[{i}].{field}" for i in indexes)
            issues.append(
                Issue(
                    where,
                    f"{key} was answered differently per role and its {field}, joined from "
                    f"these rows, would be {len(text)} characters: an item holds at most {limit}",
                    f"shorten the {field} of these rows until the joined text fits, or answer "
                    "the rows alike so that one answer is carried as it is",
                    source,
                )
            )
    return issues


def _merge_per_role(sheet: Checklist, lines: Mapping[int, int], source: str) -> Checklist:
    """A sheet of the per-role form as one item per question (the sheet itself otherwise).

    The rows of one item become one item with the union of their roles.  Their
    answer is carried when all rows agree; otherwise the worst status is kept
    with the union of the evidence, and the rows are named in the sheet's
    :attr:`Checklist.migration`.  A union longer than an item's field allows is
    refused (:func:`_overlong`), naming the rows.  The integrity digest is checked over the rows
    as written, since the per-role form is what it was computed on.
    """
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(sheet.items):
        groups.setdefault(item.id, []).append(index)
    if not _is_per_role(sheet, groups):
        return sheet
    digest: Literal["valid", "invalid", "absent"] = "absent"
    if sheet.integrity is not None:
        valid = sheet.integrity == sheet_digest(sheet, per_role=True)
        digest = "valid" if valid else "invalid"
    items = []
    disagreements = []
    too_long: list[Issue] = []
    for key, indexes in groups.items():
        rows = [sheet.items[i] for i in indexes]
        roles = tuple(dict.fromkeys(r for row in rows for r in row.roles))
        answer = answer_of(rows[0])
        if any(answer_of(row) != answer for row in rows[1:]):
            answer = _merged_answer(rows)
            too_long += _overlong(key, answer, indexes, lines, source)
            disagreements.append(
                MergedRows(
                    item=key,
                    roles=roles,
                    rows=tuple(lines.get(i, i) for i in indexes),
                    status=answer["status"],
                )
            )
        items.append(rows[0].model_copy(update={"roles": roles, **answer}))
    if too_long:
        raise ValidationFailed(too_long, source=source)
    merged = sheet.model_copy(update={"items": tuple(items)})
    merged._migration = SheetMigration(
        spreadsheet=bool(lines),
        rows=len(sheet.items),
        items=len(items),
        digest=digest,
        disagreements=tuple(disagreements),
    )
    return merged


def _with_marks(sheet: Checklist, catalog: Catalog) -> Checklist:
    """Fill in what each item rests on where the file does not say.

    The CSV form has no column for it; filling it in makes a sheet read back as
    it was written.
    """
    if all(item.verification is not None or not item.basis for item in sheet.items):
        return sheet
    # EU items rest on the duties the sheet records.
    eu = {i.id: i.verification for i in make_eu_items(sheet.eu_ai_act, None)}
    items = tuple(
        item.model_copy(
            update={
                "verification": eu[item.id]
                if item.id in eu
                else rests_on(catalog, item.basis[0], item.roles, principle=item.principle)
            }
        )
        if item.verification is None and item.basis and (item.id in eu or item.basis[0] in catalog)
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
