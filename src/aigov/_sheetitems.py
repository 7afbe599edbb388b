"""The items a check sheet asks for the principles an assessment triggered (private).

One question per sub-item, per Report 2022 good practice and for the
principle as a whole, for the roles of each trigger.  :func:`aigov.checklist.make_checklist`
makes a sheet of them, and :func:`aigov.checklist.gaps` recomputes them to check a filled one.
"""

from __future__ import annotations

from typing import Any

from aigov._sheeteu import asked, authored_questions
from aigov._sheetmodel import CheckItem, SheetTrigger
from aigov.assess import Assessment, rests_on
from aigov.catalog import Catalog
from aigov.models import LocalizedText, RelationKind

__all__ = ["questions", "sheet_items", "sheet_triggers"]


def questions(
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

    def ask(item_id: str, ja: str, en: str) -> LocalizedText:
        # The authored question where there is one; the template (company packs) else.
        return asked(authored[item_id]) if item_id in authored else LocalizedText(ja=ja, en=en)

    for sub in principle.items:
        question = ask(
            sub.id,
            f"「{sub.label.ja}」に対応していますか。それを示す文書や記録は何ですか。",
            f"Have you addressed “{sub.label.en}”, and which document or record shows it?",
        )
        out.append((question, sub.summary or principle.summary, (sub.id,)))
    if not principle.items:
        question = ask(
            principle.id,
            f"「{principle.label.ja}」の趣旨に沿った対応を行っていますか。"
            "それを示す文書や記録は何ですか。",
            f"Have you acted on the {principle.label.en}, and which document or record shows it?",
        )
        out.append((question, principle.summary, (principle.id,)))
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
        question = ask(
            principle.id,
            f"「{principle.label.ja}」の趣旨に、全体として沿った対応を行っていますか。"
            "それを示す文書や記録は何ですか。",
            f"Taken as a whole, have you acted on the {principle.label.en}, and which document "
            "or record shows it?",
        )
        out.append((question, principle.summary, (principle.id,)))
    return out


def sheet_items(
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
            questions(catalog, trig.principle), start=1
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


def sheet_triggers(assessment: Assessment) -> tuple[SheetTrigger, ...]:
    """The principles an assessment triggered, as a check sheet records them."""
    return tuple(
        SheetTrigger(principle=t.principle, severity=t.severity, roles=t.roles, values=t.values)
        for t in assessment.triggered
    )
