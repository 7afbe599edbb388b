"""The check-sheet document: its models, an item's answer and the integrity digest (private).

:mod:`aigov.checklist` re-exports the public names; this module only says what a
sheet is, not how one is made, read or gated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Annotated, Any, Literal

import pydantic
from pydantic import Field, PrivateAttr, StringConstraints

from aigov._base import (
    ONE_LINE,
    PRINTABLE,
    DocumentModel,
    FrozenModel,
    ItemId,
    RoleId,
    Severity,
    Status,
)
from aigov._jsonio import dumps_canonical
from aigov._sheetcsv import write_csv
from aigov._sheetxlsx import write_xlsx
from aigov.assess import ProfileRef, Versions
from aigov.models import LocalizedText, Verification
from aigov.profile import SystemProfile

__all__ = [
    "ANSWER_FIELDS",
    "STATUSES",
    "CheckItem",
    "Checklist",
    "MergedRows",
    "SheetClassification",
    "SheetDuty",
    "SheetMigration",
    "SheetReview",
    "SheetTrigger",
    "answer_of",
    "generated_cells",
    "sheet_digest",
]

#: The answers an item can have.
STATUSES: tuple[str, ...] = ("yes", "partial", "no", "not-applicable")

_Note = Annotated[str, StringConstraints(max_length=4000, pattern=PRINTABLE)]


class CheckItem(FrozenModel):
    """One question of a check sheet, with its answer once filled in.

    ``id`` is ``<principle-id>/<n>``, stable for a given catalogue, and
    identifies the item in the sheet.  One question is asked once, with the
    ``roles`` it concerns.  ``basis`` names the sub-item, principle or
    practice the question comes from.
    """

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.:-]*/[0-9]+$")]
    roles: Annotated[tuple[RoleId, ...], Field(min_length=1)]
    principle: ItemId
    severity: Severity
    question: LocalizedText
    guidance: LocalizedText
    values: tuple[ItemId, ...] = ()
    basis: tuple[str, ...] = ()
    verification: Verification | None = None
    """What the question rests on: the weakest mark of its basis and of the principle's
    link to the roles (:func:`aigov.assess.rests_on`)."""
    status: Status | None = None
    evidence: _Note | None = None
    justification: _Note | None = None
    answered_by: Annotated[str, StringConstraints(max_length=200, pattern=ONE_LINE)] | None = None
    answered_at: dt.date | None = None

    @pydantic.model_validator(mode="before")
    @classmethod
    def _one_role(cls, data: Any) -> Any:  # noqa: ANN401 - any input, as pydantic gives it
        """Sheets written before items listed their roles had one ``role`` per row."""
        if isinstance(data, dict) and "role" in data and "roles" not in data:
            data = {**data, "roles": [data["role"]]}
            del data["role"]
        return data


class SheetTrigger(FrozenModel):
    """A principle the assessment triggered, as a check sheet records it."""

    principle: ItemId
    severity: Severity
    roles: tuple[RoleId, ...]
    values: tuple[ItemId, ...] = ()


class SheetDuty(FrozenModel):
    """An EU AI Act duty that binds the profile's operator roles, as a check sheet records it."""

    id: str
    article: str
    roles: tuple[str, ...]
    """The operator roles (Art. 3) it binds, among those the profile states."""
    applies_from: dt.date
    summary: LocalizedText
    verification: Verification


class SheetReview(FrozenModel):
    """A fact the EU AI Act triage needs stated or checked, as a check sheet records it."""

    fact: str
    article: str
    why: LocalizedText


class SheetClassification(FrozenModel):
    """The EU AI Act classification a sheet's EU items come from (:func:`aigov.classify`).

    Recorded so that the EU items can be recomputed without the profile, and
    covered by the integrity digest like the triggers.
    """

    regime: Literal["eu-ai-act-2024"] = "eu-ai-act-2024"
    version: str
    """The regime data's version (``eu-ai-act-2024@...``)."""
    tier: str
    stated_tier: str
    """The tier the stated facts alone give (differs from ``tier`` when it needs review)."""
    gpai: str
    operator_roles: tuple[str, ...]
    duties: tuple[SheetDuty, ...]
    requires_review: tuple[SheetReview, ...] = ()


class MergedRows(FrozenModel):
    """Rows of a per-role sheet that answered one question differently (:class:`SheetMigration`)."""

    item: str
    roles: tuple[str, ...]
    """The roles of the rows, now the item's roles."""
    rows: tuple[int, ...]
    """Where the rows were: spreadsheet line numbers, or indexes into a JSON sheet's ``items``."""
    status: Status | None = None
    """The status kept: the worst of the rows' (unanswered, then ``no``, ``partial``, ``yes``;
    ``not-applicable`` only when every row says it), as :func:`gaps` does for several
    answers on one target item.  Evidence, justifications and owners are the union."""


class SheetMigration(FrozenModel):
    """How :func:`load_checklist` read a sheet of the per-role format.

    Sheets made before one item per question had one row per (question,
    role).  Rows of the same item become one item with the union of their
    roles; their answer is carried when all rows agree, and otherwise merged
    (``disagreements``).
    """

    spreadsheet: bool
    """The rows are spreadsheet lines (CSV or .xlsx), not JSON ``items`` indexes."""
    rows: int
    items: int
    digest: Literal["valid", "invalid", "absent"]
    """The sheet's integrity digest, checked over its rows as they were written (the
    per-role form): ``invalid`` means a generated cell or row was edited."""
    disagreements: tuple[MergedRows, ...] = ()


class Checklist(DocumentModel):
    """A check-sheet document (``"kind": "checklist"``), blank or filled in."""

    _migration: SheetMigration | None = PrivateAttr(default=None)

    kind: Literal["checklist"] = "checklist"
    format_version: Literal["1"] = "1"
    profile: ProfileRef
    system_profile: SystemProfile | None = None
    """The profile the sheet was made from, so that a later check can spot stale items."""
    roles: tuple[RoleId, ...] | None = None
    versions: Versions
    triggers: tuple[SheetTrigger, ...] | None = None
    """The principles the assessment triggered, so that the items can be recomputed without
    the profile (sheets made from an assessment)."""
    eu_ai_act: SheetClassification | None = None
    """The EU AI Act classification of a profile in the Act's scope, which the sheet's EU
    items come from (absent otherwise)."""
    integrity: Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")] | None = None
    """SHA-256 over everything but the answers (:func:`sheet_digest`): edits to generated
    cells show in :func:`gaps`."""
    items: tuple[CheckItem, ...]

    @property
    def migration(self) -> SheetMigration | None:
        """How the sheet was read from the per-role format, if it was (:func:`load_checklist`)."""
        return self._migration

    def _data(self, exclude: set[str] | None = None) -> dict[str, Any]:
        """The sheet as JSON data, its profile's EU AI Act block as the author wrote it."""
        data: dict[str, Any] = self.model_dump(mode="json", exclude_none=True, exclude=exclude)
        if self.system_profile is not None and self.system_profile.eu_ai_act is not None:
            # A null written in the block is a stated fact ("none applies"): keep it.
            data["system_profile"]["eu_ai_act"] = self.system_profile.to_json_dict()["eu_ai_act"]
        return data

    def to_json(self) -> str:
        """Canonical JSON text of the sheet."""
        return dumps_canonical(self._data())

    def _table(self) -> tuple[dict[str, Any], list[list[str]]]:
        """The sheet's header (everything but the items) and the cells of each item."""
        header = self._data(exclude={"items"})
        rows = [
            [
                *(c if isinstance(c, str) else " ".join(c) for c in generated_cells(item)),
                # What the question rests on, for people: recomputed, never read back.
                item.verification.value if item.verification is not None else "",
                item.status or "",
                item.evidence or "",
                item.justification or "",
                item.answered_by or "",
                item.answered_at.isoformat() if item.answered_at else "",
            ]
            for item in self.items
        ]
        return header, rows

    def to_csv(self, lang: str = "en") -> str:
        """The sheet as CSV for spreadsheets: UTF-8 with a byte-order mark, CRLF lines.

        ``lang="ja"`` writes the column headers, severities, statuses and marks in
        Japanese; both forms read back to the same sheet.
        """
        return write_csv(*self._table(), lang=lang)

    def to_xlsx(self, lang: str = "en") -> bytes:
        """The sheet as an Excel workbook: a status drop-down, generated columns protected.

        ``lang="ja"`` writes the column headers, severities, statuses, marks and
        the drop-down in Japanese; both forms read back to the same sheet.

        Raises:
            UsageError: openpyxl is not installed (``pip install 'aigov-jp[xlsx]'``).
        """
        return write_xlsx(*self._table(), lang=lang)


# -- what the library writes and what a person answers --------------------------------------


def generated_cells(item: CheckItem, *, per_role: bool = False) -> list[Any]:
    """The cells of an item that the library writes (everything but the answer).

    ``per_role``: as sheets of one row per (question, role) wrote them, the role a string.
    """
    return [
        item.id,
        item.roles[0] if per_role else list(item.roles),
        item.principle,
        item.severity,
        item.question.ja,
        item.question.en,
        item.guidance.ja,
        item.guidance.en,
        list(item.values),
        list(item.basis),
    ]


def sheet_digest(sheet: Checklist, *, per_role: bool = False) -> str:
    """The integrity digest of a sheet: SHA-256 over everything but the answers.

    It covers the profile reference, the versions, the roles, the recorded
    triggers and the generated columns of every item, so that an edit to any
    of them (a severity made ``low``, a row deleted) shows in :func:`gaps`.
    It is a check against edits, not a signature: anyone can recompute it.
    ``per_role`` computes it as sheets of one row per (question, role) did,
    over their rows as written.
    """
    data = {
        "profile": sheet.profile.model_dump(mode="json"),
        "versions": sheet.versions.model_dump(mode="json"),
        "roles": list(sheet.roles) if sheet.roles is not None else None,
        "triggers": [t.model_dump(mode="json") for t in sheet.triggers or ()],
        "items": [generated_cells(item, per_role=per_role) for item in sheet.items],
    }
    if sheet.eu_ai_act is not None:
        # Only sheets with an EU section have the key: every other sheet keeps its digest.
        data["eu_ai_act"] = sheet.eu_ai_act.model_dump(mode="json")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


#: The fields of an item that a person fills in; everything else is generated.
ANSWER_FIELDS = ("status", "evidence", "justification", "answered_by", "answered_at")


def answer_of(item: CheckItem) -> dict[str, Any]:
    """An item's answer: its :data:`ANSWER_FIELDS` by name."""
    return {key: getattr(item, key) for key in ANSWER_FIELDS}
