"""Authored check-sheet questions: every item the rules can trigger has one; none is astray."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from aigov._sheetitems import questions as sheet_questions
from aigov.assess import check
from aigov.catalog import builtin_catalog
from aigov.checklist import authored_questions, make_checklist
from aigov.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
DATA = files("aigov") / "data"


def _triggerable() -> set[str]:
    """Every principle a built-in rule set can trigger, and each of its sub-items."""
    catalog = builtin_catalog()
    found: set[str] = set()
    for path in (DATA / "rules").iterdir():
        if not path.name.endswith(".json"):
            continue
        for rule in json.loads(path.read_text(encoding="utf-8"))["rules"]:
            for principle in rule["triggers"]:
                found.add(principle)
                found.update(sub.id for sub in catalog.principle(principle).items)
    return found


def test_the_rules_trigger_items_of_the_three_guidelines() -> None:
    frameworks = {item.split(":")[0] for item in _triggerable()}
    assert frameworks == {"jp-ai-rd-2017", "jp-ai-util-2019", "jp-ai-business-2024"}


def test_every_rule_triggerable_item_has_an_authored_question() -> None:
    authored = authored_questions()
    lacking = sorted(_triggerable() - set(authored))
    assert not lacking, f"no authored question for: {', '.join(lacking)}"
    for key in _triggerable():
        question = authored[key]
        for text in (question.ask, question.evidence):
            assert text.ja.strip()
            assert text.en.strip()
        assert question.ask.en.rstrip().endswith("?"), key
        assert question.ask.ja.rstrip().endswith("か。"), key


def test_every_authored_question_points_at_a_known_item() -> None:
    catalog = builtin_catalog()
    for key in authored_questions():
        assert key in catalog, key
        assert catalog.kind_of(key) in ("principle", "subitem"), key


def test_every_eu_duty_question_points_at_a_known_duty_and_every_duty_has_one() -> None:
    regime = json.loads((DATA / "triage" / "eu-ai-act-2024.json").read_text(encoding="utf-8"))
    duties = {d["id"] for d in (*regime["obligations"], *regime["transparency"])}
    data = (DATA / "questions" / "eu-ai-act-2024-duties.json").read_text(encoding="utf-8")
    assert set(json.loads(data)["questions"]) == duties


def test_sheets_ask_the_authored_questions_with_their_evidence() -> None:
    profile = load_profile(
        ROOT / "src" / "aigov" / "data" / "examples" / "profiles" / "resume-screener.json"
    )
    sheet = make_checklist(check(profile), profile=profile)
    authored = authored_questions()
    asked = [i for i in sheet.items if i.basis[0] in authored]
    assert asked
    for item in asked:
        question = authored[item.basis[0]]
        assert item.question.en.startswith(question.ask.en)
        assert question.evidence.en in item.question.en
        assert item.question.ja.startswith(question.ask.ja)
        assert question.evidence.ja in item.question.ja
    # No principle or sub-item of the guidelines falls back to a template.
    assert not any(i.question.en.startswith("Have you addressed") for i in sheet.items)
    # Unverified sub-items keep their mark on the sheet.
    unverified = [i for i in asked if i.basis[0].startswith("jp-ai-business-2024:")]
    assert unverified
    assert all(i.verification is not None for i in unverified)
    assert {i.verification.value for i in unverified if i.verification} >= {"unverified"}


def _pack() -> dict[str, Any]:
    def text(en: str) -> dict[str, str]:
        return {"ja": en, "en": en}

    source = {"document": "acme", "verification": "verified"}
    return {
        "kind": "catalog",
        "id": "acme-pack",
        "version": "1",
        "frameworks": [
            {
                "id": "acme",
                "label": text("ACME policy"),
                "issuer": text("ACME"),
                "date": "2025",
                "summary": text("A company policy."),
                "source": source,
            }
        ],
        "principles": [
            {
                "id": "acme:openness",
                "framework": "acme",
                "number": 1,
                "label": text("Openness"),
                "summary": text("Be open about the AI."),
                "items": [
                    {
                        "id": "acme:openness/a",
                        "number": 1,
                        "label": text("Notices"),
                        "source": source,
                    }
                ],
                "source": source,
            }
        ],
        "relations": [],
    }


def test_a_company_pack_gets_template_questions() -> None:
    catalog = builtin_catalog().with_packs(_pack())
    questions = [q.en for q, _, _ in sheet_questions(catalog, "acme:openness")]
    assert questions == [
        "Have you addressed “Notices”, and which document or record shows it?",
        "Taken as a whole, have you acted on the Openness, and which document or record shows it?",
    ]
