"""Authored questions and a check sheet's EU AI Act section (private).

The questions written for catalogue items and EU AI Act duties
(``aigov/data/questions/``), and the EU items a sheet asks for a profile in
the Act's scope, recomputed from the classification the sheet records.
:mod:`aigov.checklist` re-exports the public names.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib.resources import files
from typing import Literal

from aigov._base import FrozenModel, Severity
from aigov._locators import article_text
from aigov._sheetmodel import CheckItem, Checklist, SheetClassification, SheetDuty, SheetReview
from aigov.models import LocalizedText, Verification
from aigov.profile import EU_AI_ACT_OPERATOR_ROLES, SystemProfile
from aigov.triage import Classification, classify

__all__ = [
    "EU_LEVEL",
    "EU_ROLES",
    "AuthoredQuestion",
    "asked",
    "authored_questions",
    "eu_classification",
    "eu_items",
    "eu_tier_label",
    "make_eu_items",
    "question_set",
]


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
def question_set(name: str) -> dict[str, AuthoredQuestion]:
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
    return {key: q for name in _CATALOGUE_QUESTIONS for key, q in question_set(name).items()}


def asked(authored: AuthoredQuestion, ja_prefix: str = "", en_prefix: str = "") -> LocalizedText:
    """An authored question with the evidence that would answer it, as the sheet asks it."""
    return LocalizedText(
        ja=f"{ja_prefix}{authored.ask.ja}（根拠となる資料：{authored.evidence.ja}）",
        en=f"{en_prefix}{authored.ask.en} (Evidence: {authored.evidence.en})",
    )


EU_ROLES = frozenset(f"eu-ai-act-2024:{r}" for r in EU_AI_ACT_OPERATOR_ROLES)

#: The EU catalogue's risk level that an EU item sits under, by the stated tier.
EU_LEVEL = {
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


def _eu_record(classification: Classification) -> SheetClassification | None:
    """What a sheet records of a classification: ``None`` unless the system is in scope."""
    if classification.stated_tier not in EU_LEVEL:
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


def eu_classification(profile: SystemProfile) -> SheetClassification | None:
    """The EU section's record for a profile, if it has one.

    Only a profile whose ``eu_ai_act`` block puts it in the Act's scope
    (``in_scope`` stated true, no exclusion) gets one.
    """
    block = profile.eu_ai_act
    if block is None or block.in_scope is not True:
        return None
    return _eu_record(classify(profile))


def make_eu_items(record: SheetClassification | None, role: str | None) -> tuple[CheckItem, ...]:
    """The EU items of a sheet, recomputed from its record of the classification.

    First, when the triage needs facts stated or checked, one item asking for
    them (high severity when the tier itself needs review); then one item per
    duty that binds the profile's operator roles, with its article and the
    date it applies from.
    """
    if record is None:
        return ()
    principle = EU_LEVEL[record.stated_tier]
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
                        f"{article_text(r.article, 'ja')}：{r.why.ja}"
                        for r in record.requires_review
                    ),
                    en=" ".join(f"Art. {r.article}: {r.why.en}" for r in record.requires_review),
                ),
                "eu-ai-act-2024:requires-review",
                Verification.INTERPRETED,
            )
        )
    authored = question_set("eu-ai-act-2024-duties")
    severity = _EU_SEVERITY[record.stated_tier]
    for duty in record.duties:
        written = authored[duty.id]
        date = duty.applies_from.isoformat()
        drafts.append(
            (
                tuple(f"eu-ai-act-2024:{r}" for r in duty.roles),
                severity,
                asked(
                    written,
                    ja_prefix=f"{article_text(duty.article, 'ja')}：",
                    en_prefix=f"Art. {duty.article}: ",
                ),
                LocalizedText(
                    ja=f"{duty.summary.ja}（{article_text(duty.article, 'ja')}、{date}から適用）",
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
    levels = set(EU_LEVEL.values())
    return tuple(item for item in sheet.items if item.principle in levels)
