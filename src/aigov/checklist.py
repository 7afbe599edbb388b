"""Check sheets: concrete questions from an assessment, filled in, and their gaps.

The Report 2022 calls for check sheets (チェックシート) that make the
principles work in practice.  :func:`make_checklist` turns an assessment into one
item per sub-item (解説 heading) of each triggered principle, per role, plus
one per Report 2022 good practice that puts the principle into practice.  A
person fills each item in (``status``, ``evidence`` or ``justification``,
who and when) in JSON or in a spreadsheet (CSV); :func:`gaps` then reports
progress, open items by severity, answers that lack their evidence, and
items that the current profile no longer triggers (a stale sheet).

This module makes sheets and carries answers over; it re-exports the rest,
which lives in private modules: the sheet models and integrity digest
(``_sheetmodel``), the items asked for triggered principles (``_sheetitems``),
authored questions and the EU AI Act section (``_sheeteu``), reading a filled
sheet (``_sheetread``) and the release gate (``_gate``).
"""

from __future__ import annotations

import warnings

from aigov._base import FrozenModel
from aigov._gate import Edit, GapReport, Note, Progress, gaps
from aigov._sheetcsv import CSV_COLUMNS
from aigov._sheeteu import (
    AuthoredQuestion,
    authored_questions,
    eu_classification,
    eu_items,
    eu_tier_label,
    make_eu_items,
)
from aigov._sheetitems import sheet_items, sheet_triggers
from aigov._sheetmodel import (
    STATUSES,
    CheckItem,
    Checklist,
    MergedRows,
    SheetClassification,
    SheetDuty,
    SheetMigration,
    SheetReview,
    SheetTrigger,
    answer_of,
    sheet_digest,
)
from aigov._sheetread import load_checklist
from aigov.assess import Assessment
from aigov.catalog import Catalog, builtin_catalog
from aigov.profile import SystemProfile

__all__ = [
    "CSV_COLUMNS",
    "STATUSES",
    "AuthoredQuestion",
    "CarriedSheet",
    "CheckItem",
    "Checklist",
    "Edit",
    "GapReport",
    "MergedRows",
    "Note",
    "Progress",
    "SheetClassification",
    "SheetDuty",
    "SheetMigration",
    "SheetReview",
    "SheetTrigger",
    "authored_questions",
    "carry_answers",
    "checklist",
    "eu_items",
    "eu_tier_label",
    "gaps",
    "load_checklist",
    "make_checklist",
    "sheet_digest",
]


def make_checklist(
    assessment: Assessment,
    role: str | None = None,
    *,
    profile: SystemProfile | None = None,
    catalog: Catalog | None = None,
) -> Checklist:
    """Make a blank check sheet from an assessment.

    When ``profile`` is given and its ``eu_ai_act`` block puts the system in
    the EU AI Act's scope, the sheet also has an EU section: its
    classification (:func:`aigov.classify`) in ``eu_ai_act``, an item asking
    for the facts the triage needs reviewed, and one item per duty that binds
    the profile's operator roles.  Any other profile gets a sheet without it.

    The sheet records the triggered principles and an integrity digest
    (:func:`sheet_digest`), so that :func:`gaps` can recompute every item even
    without the profile and name the rows whose generated cells were edited.

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
    triggers = sheet_triggers(assessment)
    eu = eu_classification(profile) if profile is not None else None
    sheet = Checklist(
        profile=assessment.profile,
        system_profile=profile,
        roles=None if role is None else (role,),
        versions=assessment.versions,
        triggers=triggers,
        eu_ai_act=eu,
        items=sheet_items(triggers, role, cat) + make_eu_items(eu, role),
    )
    return sheet.model_copy(update={"integrity": sheet_digest(sheet)})


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


class CarriedSheet(FrozenModel):
    """A regenerated sheet with the answers of an earlier one (:func:`carry_answers`)."""

    sheet: Checklist
    carried: int
    """How many items got their answer from the earlier sheet."""
    changed: tuple[CheckItem, ...]
    """Items whose answer was carried over but whose question has changed: review them."""
    dropped: tuple[CheckItem, ...]
    """Answered items of the earlier sheet that the new one no longer asks."""


def carry_answers(earlier: Checklist, sheet: Checklist) -> CarriedSheet:
    """Carry the answers, evidence and owners of an earlier sheet over to a new one.

    Answers go to the item with the same id.  An answer whose
    question has changed since is carried and listed in ``changed``; answered
    items the new sheet lacks are listed in ``dropped``.  Only answers change,
    so the new sheet's integrity digest stays valid.
    """
    answers = {i.id: i for i in earlier.items if any(answer_of(i).values())}
    items = []
    changed = []
    for item in sheet.items:
        old = answers.pop(item.id, None)
        if old is None:
            items.append(item)
            continue
        new = item.model_copy(update=answer_of(old))
        if old.question != item.question:
            changed.append(new)
        items.append(new)
    carried = sum(1 for i in items if any(answer_of(i).values()))
    return CarriedSheet(
        sheet=sheet.model_copy(update={"items": tuple(items)}),
        carried=carried,
        changed=tuple(changed),
        dropped=tuple(answers.values()),
    )
