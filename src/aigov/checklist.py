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

import datetime as dt
import functools
import hashlib
import json
import os
import warnings
from collections.abc import Mapping
from importlib.resources import files
from typing import Annotated, Any, Literal

import pydantic
from pydantic import Field, PrivateAttr, StringConstraints

from aigov._answers import Answer, FrameworkAnswers, carry_to, worst_status
from aigov._base import (
    ONE_LINE,
    PRINTABLE,
    SEVERITY_RANK,
    DocumentModel,
    FrozenModel,
    ItemId,
    RoleId,
    Severity,
    Status,
)
from aigov._issues import from_pydantic
from aigov._jsonio import dumps_canonical, read_limited
from aigov._load import read_source, wrong_kind
from aigov._sheetcsv import CSV_COLUMNS, decode_csv, read_csv, write_csv
from aigov._sheetxlsx import read_xlsx, write_xlsx
from aigov._suggest import Hints
from aigov.assess import Assessment, ProfileRef, Versions, check, rests_on
from aigov.catalog import Catalog, builtin_catalog
from aigov.crosswalk import FrameworkView, MappingsArg, express_in, resolve_mappings
from aigov.errors import Issue, UsageError, ValidationFailed, VersionDriftError
from aigov.models import LocalizedText, RelationKind, Verification
from aigov.profile import EU_AI_ACT_OPERATOR_ROLES, SystemProfile, load_profile
from aigov.rules import CompiledRules, compile_rules
from aigov.triage import Classification, classify

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
                *(c if isinstance(c, str) else " ".join(c) for c in _generated(item)),
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


# -- making a sheet --------------------------------------------------------------------


def _questions(
    catalog: Catalog, principle_id: str
) -> list[tuple[LocalizedText, LocalizedText, tuple[str, ...]]]:
    """``(question, guidance, basis)`` for every check of one principle, whoever answers.

    One question per sub-item, one per Report 2022 good practice that puts the
    principle into practice, and the principle itself (the only question when
    it has no sub-items).  Principles and sub-items with an authored question
    (:func:`authored_questions`) are asked it, with the evidence that would
    answer it; the others (company packs) get a template question.
    """
    principle = catalog.principle(principle_id)
    authored = authored_questions()
    out: list[tuple[LocalizedText, LocalizedText, tuple[str, ...]]] = []
    for sub in principle.items:
        guide = sub.summary or principle.summary
        out.append(
            (
                _asked(authored[sub.id])
                if sub.id in authored
                else LocalizedText(
                    ja=f"「{sub.label.ja}」に対応していますか。それを示す文書や記録は何ですか。",
                    en=f"Have you addressed “{sub.label.en}”, and which document or record "
                    "shows it?",
                ),
                guide,
                (sub.id,),
            )
        )
    if not principle.items:
        out.append(
            (
                _asked(authored[principle.id])
                if principle.id in authored
                else LocalizedText(
                    ja=f"「{principle.label.ja}」の趣旨に沿った対応を行っていますか。"
                    "それを示す文書や記録は何ですか。",
                    en=f"Have you acted on the {principle.label.en}, and which document or "
                    "record shows it?",
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
    if principle.items:
        # The principle as a whole, after its sub-items and practices (so that the ids
        # of those stay as they were): a principle with one sub-item is asked about too.
        out.append(
            (
                _asked(authored[principle.id])
                if principle.id in authored
                else LocalizedText(
                    ja=f"「{principle.label.ja}」の趣旨に、全体として沿った対応を行っていますか。"
                    "それを示す文書や記録は何ですか。",
                    en=f"Taken as a whole, have you acted on the {principle.label.en}, and "
                    "which document or record shows it?",
                ),
                principle.summary,
                (principle.id,),
            )
        )
    return out


def _items(
    triggers: tuple[SheetTrigger, ...], role: str | None, catalog: Catalog
) -> tuple[CheckItem, ...]:
    """The items a sheet has for these triggered principles, in sheet order.

    Each question is asked once, for the roles of the trigger (only ``role``
    when one is given).
    """
    items = []
    for trig in triggers:
        roles = trig.roles if role is None else tuple(r for r in trig.roles if r == role)
        if not roles:
            continue
        for n, (question, guidance, basis) in enumerate(
            _questions(catalog, trig.principle), start=1
        ):
            items.append(
                CheckItem(
                    id=f"{trig.principle}/{n}",
                    roles=roles,
                    principle=trig.principle,
                    severity=trig.severity,
                    question=question,
                    guidance=guidance,
                    values=trig.values,
                    basis=basis,
                    verification=rests_on(catalog, basis[0], roles, principle=trig.principle)
                    if basis
                    else None,
                )
            )
    return tuple(items)


# -- authored questions and the EU AI Act section ------------------------------------------


class AuthoredQuestion(FrozenModel):
    """A question written for one item: what an auditor would ask, and what evidence answers it."""

    ask: LocalizedText
    evidence: LocalizedText


class _QuestionSet(FrozenModel):
    kind: Literal["questions"]
    format_version: Literal["1"]
    note: str
    questions: dict[str, AuthoredQuestion]


@functools.cache
def _authored(name: str) -> dict[str, AuthoredQuestion]:
    """The questions written for one set of items (``aigov/data/questions/<name>.json``)."""
    path = files("aigov") / "data" / "questions" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(_QuestionSet.model_validate(data).questions)


#: The files of authored questions keyed by catalogue id (the EU duties' file is keyed by duty).
_CATALOGUE_QUESTIONS = ("jp-ai-business-2024", "jp-ai-rd-2017", "jp-ai-util-2019")


@functools.cache
def authored_questions() -> Mapping[str, AuthoredQuestion]:
    """The questions written for catalogue items, by item id (``aigov/data/questions/``).

    Each has what to ask and the evidence that would answer it, in ja and en.
    """
    return {key: q for name in _CATALOGUE_QUESTIONS for key, q in _authored(name).items()}


def _asked(authored: AuthoredQuestion, ja_prefix: str = "", en_prefix: str = "") -> LocalizedText:
    """An authored question with the evidence that would answer it, as the sheet asks it."""
    return LocalizedText(
        ja=f"{ja_prefix}{authored.ask.ja}（根拠となる資料：{authored.evidence.ja}）",
        en=f"{en_prefix}{authored.ask.en} (Evidence: {authored.evidence.en})",
    )


_EU_ROLES = frozenset(f"eu-ai-act-2024:{r}" for r in EU_AI_ACT_OPERATOR_ROLES)

#: The EU catalogue's risk level that an EU item sits under, by the stated tier.
_EU_LEVEL = {
    "prohibited": "eu-ai-act-2024:unacceptable",
    "high-risk": "eu-ai-act-2024:high",
    "limited-risk": "eu-ai-act-2024:limited",
    "minimal-risk": "eu-ai-act-2024:minimal",
}
_EU_SEVERITY: dict[str, Severity] = {
    "prohibited": "high",
    "high-risk": "high",
    "limited-risk": "medium",
    "minimal-risk": "low",
}


#: The EU AI Act triage's tiers in Japanese (in English, the tier's code is its name).
_TIER_JA = {
    "prohibited": "禁止",
    "high-risk": "高リスク",
    "limited-risk": "限定的リスク",
    "minimal-risk": "最小リスク",
    "out-of-scope": "適用対象外",
    "needs-review": "要確認",
}


def eu_tier_label(tier: str, lang: str) -> str:
    """An EU AI Act tier (:data:`aigov.triage.TIERS`) as a reader of ``lang`` names it."""
    return _TIER_JA.get(tier, tier) if lang == "ja" else tier


def _ja_article(article: str) -> str:
    number, paren, rest = article.partition("(")
    return f"第{number}条{paren}{rest}"


def _eu_record(classification: Classification) -> SheetClassification | None:
    """What a sheet records of a classification: ``None`` unless the system is in scope."""
    if classification.stated_tier not in _EU_LEVEL:
        return None
    stated = set(classification.operator_roles)
    duties = []
    for duty in (*classification.obligations, *classification.transparency):
        roles = tuple(r for r in duty.roles if not stated or r in stated)
        if roles:
            duties.append(
                SheetDuty(
                    id=duty.id,
                    article=duty.article,
                    roles=roles,
                    applies_from=duty.applies_from,
                    summary=duty.summary,
                    verification=duty.verification,
                )
            )
    return SheetClassification(
        version=classification.versions["regime"],
        tier=classification.tier,
        stated_tier=classification.stated_tier,
        gpai=classification.gpai,
        operator_roles=classification.operator_roles,
        duties=tuple(duties),
        requires_review=tuple(
            SheetReview(fact=r.fact, article=r.article, why=r.why)
            for r in classification.requires_review
        ),
    )


def _eu_classification(profile: SystemProfile) -> SheetClassification | None:
    """The EU section's record for a profile, if it has one.

    Only a profile whose ``eu_ai_act`` block puts it in the Act's scope
    (``in_scope`` stated true, no exclusion) gets one.
    """
    block = profile.eu_ai_act
    if block is None or block.in_scope is not True:
        return None
    return _eu_record(classify(profile))


def _eu_items(record: SheetClassification | None, role: str | None) -> tuple[CheckItem, ...]:
    """The EU items of a sheet, recomputed from its record of the classification.

    First, when the triage needs facts stated or checked, one item asking for
    them (high severity when the tier itself needs review); then one item per
    duty that binds the profile's operator roles, with its article and the
    date it applies from.
    """
    if record is None:
        return ()
    principle = _EU_LEVEL[record.stated_tier]
    everyone = tuple(
        dict.fromkeys(f"eu-ai-act-2024:{r}" for d in record.duties for r in d.roles)
    ) or tuple(f"eu-ai-act-2024:{r}" for r in record.operator_roles or EU_AI_ACT_OPERATOR_ROLES)
    drafts: list[tuple[tuple[str, ...], Severity, LocalizedText, LocalizedText, str, Verification]]
    drafts = []
    if record.requires_review:
        facts = ", ".join(r.fact for r in record.requires_review)
        review = record.tier == "needs-review"
        tier_ja, stated_ja = (
            eu_tier_label(record.tier, "ja"),
            eu_tier_label(record.stated_tier, "ja"),
        )
        drafts.append(
            (
                everyone,
                "high" if review else "medium",
                LocalizedText(
                    ja=(
                        f"EU AI法の振り分けは区分「{tier_ja}」"
                        + (f"（明示された事実のみでは「{stated_ja}」）" if review else "")
                        + f"で、次の事実の明示または確認を求めています：{facts}。"
                        "責任者がそれぞれを確認し、プロファイルを更新しましたか。"
                        "（根拠となる資料：各事実についての判断記録と、更新後のプロファイル）"
                    ),
                    en=(
                        f"The EU AI Act triage gives the tier {record.tier}"
                        + (f" (the stated facts alone give {record.stated_tier})" if review else "")
                        + f" and asks for these facts to be stated or checked: {facts}. "
                        "Has someone accountable settled each and updated the profile? "
                        "(Evidence: a record of the decision on each fact, and the updated "
                        "profile)"
                    ),
                ),
                LocalizedText(
                    ja=" ".join(
                        f"{_ja_article(r.article)}：{r.why.ja}" for r in record.requires_review
                    ),
                    en=" ".join(f"Art. {r.article}: {r.why.en}" for r in record.requires_review),
                ),
                "eu-ai-act-2024:requires-review",
                Verification.INTERPRETED,
            )
        )
    authored = _authored("eu-ai-act-2024-duties")
    severity = _EU_SEVERITY[record.stated_tier]
    for duty in record.duties:
        asked = authored[duty.id]
        date = duty.applies_from.isoformat()
        drafts.append(
            (
                tuple(f"eu-ai-act-2024:{r}" for r in duty.roles),
                severity,
                _asked(
                    asked,
                    ja_prefix=f"{_ja_article(duty.article)}：",
                    en_prefix=f"Art. {duty.article}: ",
                ),
                LocalizedText(
                    ja=f"{duty.summary.ja}（{_ja_article(duty.article)}、{date}から適用）",
                    en=f"{duty.summary.en} (Art. {duty.article}; applies from {date})",
                ),
                f"eu-ai-act-2024:{duty.id}",
                duty.verification,
            )
        )
    items = []
    for n, (roles, sev, question, guidance, basis, mark) in enumerate(drafts, start=1):
        kept = roles if role is None else tuple(r for r in roles if r == role)
        if kept:
            items.append(
                CheckItem(
                    id=f"{principle}/{n}",
                    roles=kept,
                    principle=principle,
                    severity=sev,
                    question=question,
                    guidance=guidance,
                    basis=(basis,),
                    verification=mark,
                )
            )
    return tuple(items)


def eu_items(sheet: Checklist) -> tuple[CheckItem, ...]:
    """The items of a sheet's EU AI Act section (none when it has no ``eu_ai_act`` record)."""
    if sheet.eu_ai_act is None:
        return ()
    levels = set(_EU_LEVEL.values())
    return tuple(item for item in sheet.items if item.principle in levels)


def _generated(item: CheckItem, *, per_role: bool = False) -> list[Any]:
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
        "items": [_generated(item, per_role=per_role) for item in sheet.items],
    }
    if sheet.eu_ai_act is not None:
        # Only sheets with an EU section have the key: every other sheet keeps its digest.
        data["eu_ai_act"] = sheet.eu_ai_act.model_dump(mode="json")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _triggers(assessment: Assessment) -> tuple[SheetTrigger, ...]:
    return tuple(
        SheetTrigger(principle=t.principle, severity=t.severity, roles=t.roles, values=t.values)
        for t in assessment.triggered
    )


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
    triggers = _triggers(assessment)
    eu = _eu_classification(profile) if profile is not None else None
    sheet = Checklist(
        profile=assessment.profile,
        system_profile=profile,
        roles=None if role is None else (role,),
        versions=assessment.versions,
        triggers=triggers,
        eu_ai_act=eu,
        items=_items(triggers, role, cat) + _eu_items(eu, role),
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


_ANSWER_FIELDS = ("status", "evidence", "justification", "answered_by", "answered_at")


def _answer(item: CheckItem) -> dict[str, Any]:
    return {key: getattr(item, key) for key in _ANSWER_FIELDS}


def carry_answers(earlier: Checklist, sheet: Checklist) -> CarriedSheet:
    """Carry the answers, evidence and owners of an earlier sheet over to a new one.

    Answers go to the item with the same id.  An answer whose
    question has changed since is carried and listed in ``changed``; answered
    items the new sheet lacks are listed in ``dropped``.  Only answers change,
    so the new sheet's integrity digest stays valid.
    """
    answers = {i.id: i for i in earlier.items if any(_answer(i).values())}
    items = []
    changed = []
    for item in sheet.items:
        old = answers.pop(item.id, None)
        if old is None:
            items.append(item)
            continue
        new = item.model_copy(update=_answer(old))
        if old.question != item.question:
            changed.append(new)
        items.append(new)
    carried = sum(1 for i in items if any(_answer(i).values()))
    return CarriedSheet(
        sheet=sheet.model_copy(update={"items": tuple(items)}),
        carried=carried,
        changed=tuple(changed),
        dropped=tuple(answers.values()),
    )


# -- reading a filled sheet (JSON or CSV) -------------------------------------------------


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
            if role in _EU_ROLES and item.principle in _EU_LEVEL.values():
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
            CSV line).
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
    sheet = _merge_per_role(sheet, lines)
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


def _merge_per_role(sheet: Checklist, lines: Mapping[int, int]) -> Checklist:
    """A sheet of the per-role form as one item per question (the sheet itself otherwise).

    The rows of one item become one item with the union of their roles.  Their
    answer is carried when all rows agree; otherwise the worst status is kept
    with the union of the evidence, and the rows are named in the sheet's
    :attr:`Checklist.migration`.  The integrity digest is checked over the rows
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
    for key, indexes in groups.items():
        rows = [sheet.items[i] for i in indexes]
        roles = tuple(dict.fromkeys(r for row in rows for r in row.roles))
        answer = _answer(rows[0])
        if any(_answer(row) != answer for row in rows[1:]):
            answer = _merged_answer(rows)
            disagreements.append(
                MergedRows(
                    item=key,
                    roles=roles,
                    rows=tuple(lines.get(i, i) for i in indexes),
                    status=answer["status"],
                )
            )
        items.append(rows[0].model_copy(update={"roles": roles, **answer}))
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
    eu = {i.id: i.verification for i in _eu_items(sheet.eu_ai_act, None)}
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


# -- writing a sheet ------------------------------------------------------------------------


# -- gaps ----------------------------------------------------------------------------------


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
        made = _items(_triggers(check(sheet.system_profile, compiled, cat)), only, cat) + _eu_items(
            _eu_classification(sheet.system_profile), only
        )
    elif sheet.triggers is not None:
        made = _items(sheet.triggers, only, cat) + _eu_items(sheet.eu_ai_act, only)
    # The items the system needs now: those of the profile given, else the sheet as made.
    now = made
    if profile is not None:
        current = load_profile(profile)
        now = _items(_triggers(check(current, compiled, cat)), only, cat) + _eu_items(
            _eu_classification(current), only
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
                live.append(item.model_copy(update=_answer(written)))
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
