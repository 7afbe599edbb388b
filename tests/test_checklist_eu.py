"""The EU AI Act section of a check sheet: its items, the gate over them, round trips."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from aigov.assess import check
from aigov.checklist import (
    Checklist,
    carry_answers,
    eu_items,
    gaps,
    load_checklist,
    make_checklist,
    sheet_digest,
)
from aigov.profile import load_profile
from aigov.report import render_checklist, render_html
from aigov.schemas import validate
from aigov.triage import classify

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(
    (ROOT / "src" / "aigov" / "data" / "examples" / "eu-ai-act").glob("*.json")
) + sorted((ROOT / "src" / "aigov" / "data" / "examples" / "profiles").glob("*.json"))


def _sheet(profile: Any) -> Checklist:
    prof = load_profile(profile)
    return make_checklist(check(prof), profile=prof)


def _answered(sheet: Checklist, item_id: str, **answer: str) -> Checklist:
    """The sheet with one item answered."""
    items = tuple(i.model_copy(update=answer) if i.id == item_id else i for i in sheet.items)
    return sheet.model_copy(update={"items": items})


def _in_scope(path: Path) -> bool:
    block = load_profile(path).eu_ai_act
    return block is not None and block.in_scope is True and classify(path).tier != "out-of-scope"


IN_SCOPE = [p for p in EXAMPLES if _in_scope(p)]
NOT_IN_SCOPE = [p for p in EXAMPLES if not _in_scope(p)]


def test_the_examples_cover_both_cases() -> None:
    assert len(IN_SCOPE) >= 10
    assert {p.stem for p in NOT_IN_SCOPE} >= {"eu-military-targeting", "jp-only-recommender"}


@pytest.mark.parametrize("path", IN_SCOPE, ids=lambda p: p.stem)
def test_one_eu_item_per_duty_that_binds_the_stated_roles(path: Path) -> None:
    sheet = _sheet(path)
    result = classify(path)
    roles = set(result.operator_roles)
    expected = [d.id for d in (*result.obligations, *result.transparency) if set(d.roles) & roles]
    assert sheet.eu_ai_act is not None
    assert [d.id for d in sheet.eu_ai_act.duties] == expected
    assert sheet.eu_ai_act.tier == result.tier
    duties = [i for i in eu_items(sheet) if i.basis[0] != "eu-ai-act-2024:requires-review"]
    assert [i.basis[0] for i in duties] == [f"eu-ai-act-2024:{d}" for d in expected]
    by_id = {d.id: d for d in (*result.obligations, *result.transparency)}
    for item in duties:
        duty = by_id[item.basis[0].removeprefix("eu-ai-act-2024:")]
        assert {r.removeprefix("eu-ai-act-2024:") for r in item.roles} <= roles
        assert f"Art. {duty.article}" in item.question.en
        assert duty.applies_from.isoformat() in item.guidance.en
        assert duty.summary.en in item.guidance.en
        assert item.verification == duty.verification
        # A concrete question with its evidence, in both languages.
        assert "Evidence:" in item.question.en
        assert "根拠となる資料" in item.question.ja
    # The Japanese items are those of the sheet without the EU section.
    jp = make_checklist(check(load_profile(path)))
    assert [i for i in sheet.items if i not in eu_items(sheet)] == list(jp.items)


@pytest.mark.parametrize("path", NOT_IN_SCOPE, ids=lambda p: p.stem)
def test_a_profile_not_in_scope_keeps_the_sheet_it_had(path: Path) -> None:
    sheet = _sheet(path)
    assert sheet.eu_ai_act is None
    assert eu_items(sheet) == ()
    assert "eu_ai_act" not in json.loads(sheet.to_json())
    assert not any(i.principle.startswith("eu-ai-act-2024:") for i in sheet.items)
    # The digest is computed exactly as before the EU section existed.
    legacy = {
        "profile": sheet.profile.model_dump(mode="json"),
        "versions": sheet.versions.model_dump(mode="json"),
        "roles": None,
        "triggers": [t.model_dump(mode="json") for t in sheet.triggers or ()],
        "items": [
            [
                i.id,
                list(i.roles),
                i.principle,
                i.severity,
                i.question.ja,
                i.question.en,
                i.guidance.ja,
                i.guidance.en,
                list(i.values),
                list(i.basis),
            ]
            for i in sheet.items
        ],
    }
    text = json.dumps(legacy, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert sheet.integrity == "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _needs_review() -> dict[str, Any]:
    """Exam proctoring stated in scope with no Annex III use: its v1 facts point higher."""
    path = ROOT / "src" / "aigov" / "data" / "examples" / "profiles" / "exam-proctoring.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    data["profile_version"] = "1.1"
    data["eu_ai_act"] = {"in_scope": True, "operator_roles": ["provider"], "annex_iii": []}
    return data


def test_a_needs_review_tier_is_visible_and_open_until_answered() -> None:
    data = _needs_review()
    assert classify(data).tier == "needs-review"
    sheet = _sheet(data)
    assert sheet.eu_ai_act is not None
    assert sheet.eu_ai_act.tier == "needs-review"
    review = eu_items(sheet)[0]
    assert review.basis == ("eu-ai-act-2024:requires-review",)
    assert review.severity == "high"
    assert "needs-review" in review.question.en
    assert "/eu_ai_act/annex_iii" in review.question.en
    for lang in ("en", "ja"):
        # In the reader's words: 要確認 in Japanese.
        tier = "needs-review" if lang == "en" else "要確認"
        assert f"**{tier}**" in render_checklist(sheet, "markdown", lang)
        assert f"<strong>{tier}</strong>" in render_html(check(data), sheet=sheet, lang=lang)
    # Open, it fails the gate; answered with evidence, it no longer counts as open.
    report = gaps(sheet)
    assert review.id in {i.id for i in report.open_items}
    answered = _answered(sheet, review.id, status="yes", evidence="decision record R-1")
    assert review.id not in {i.id for i in gaps(answered).open_items}


@pytest.mark.parametrize("suffix", ["json", "csv", "xlsx"])
def test_eu_sheets_round_trip(suffix: str, tmp_path: Path) -> None:
    sheet = _sheet(
        ROOT / "src" / "aigov" / "data" / "examples" / "eu-ai-act" / "eu-credit-scoring.json"
    )
    first = eu_items(sheet)[0]
    filled = _answered(sheet, first.id, status="partial", evidence="=training plan")
    path = tmp_path / f"sheet.{suffix}"
    if suffix == "json":
        path.write_text(filled.to_json(), encoding="utf-8")
    elif suffix == "csv":
        path.write_bytes(filled.to_csv().encode("utf-8"))
    else:
        path.write_bytes(filled.to_xlsx())
    back = load_checklist(path)
    assert back == filled
    assert gaps(back).tampered == ()
    validate(json.loads(back.to_json()), "checklist")


def test_editing_eu_cells_or_the_record_fails_the_gate() -> None:
    sheet = _sheet(
        ROOT / "src" / "aigov" / "data" / "examples" / "eu-ai-act" / "eu-credit-scoring.json"
    )
    target = eu_items(sheet)[1]
    lowered = _answered(sheet, target.id, severity="low")
    report = gaps(lowered)
    assert not report.passed
    assert any(e.item == target.id and e.column == "severity" for e in report.tampered)
    deleted = sheet.model_copy(update={"items": tuple(i for i in sheet.items if i.id != target.id)})
    assert any(e.kind == "deleted" and e.item == target.id for e in gaps(deleted).tampered)
    assert target.id in {i.id for i in gaps(deleted).missing_items}
    assert sheet.eu_ai_act is not None
    record = sheet.eu_ai_act.model_copy(update={"tier": "minimal-risk"})
    edited = sheet.model_copy(update={"eu_ai_act": record})
    assert sheet_digest(edited) != sheet.integrity
    assert any(e.kind == "digest" for e in gaps(edited).tampered)


def test_a_sheet_without_its_profile_recomputes_eu_items_from_its_record() -> None:
    sheet = _sheet(
        ROOT / "src" / "aigov" / "data" / "examples" / "eu-ai-act" / "eu-workplace-emotion.json"
    )
    bare = sheet.model_copy(update={"system_profile": None})
    report = gaps(bare)
    assert report.tampered == ()
    assert {i.id for i in eu_items(sheet)} <= {i.id for i in report.open_items}
    reworded = bare.model_copy(
        update={
            "items": tuple(
                i.model_copy(update={"question": i.guidance}) if i in eu_items(sheet) else i
                for i in bare.items
            )
        }
    )
    assert any(e.column == "question" for e in gaps(reworded).tampered)


def test_answers_on_eu_items_carry_over_to_a_regenerated_sheet() -> None:
    path = ROOT / "src" / "aigov" / "data" / "examples" / "eu-ai-act" / "eu-cv-screening.json"
    earlier = _sheet(path)
    target = eu_items(earlier)[0]
    filled = _answered(earlier, target.id, status="yes", evidence="LMS export")
    result = carry_answers(filled, _sheet(path))
    carried = {i.id: i for i in result.sheet.items}[target.id]
    assert (carried.status, carried.evidence) == ("yes", "LMS export")
    assert result.changed == ()
    assert gaps(result.sheet).tampered == ()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_markdown_and_html_show_the_eu_section(lang: str) -> None:
    path = ROOT / "src" / "aigov" / "data" / "examples" / "eu-ai-act" / "eu-social-scoring.json"
    sheet = _sheet(path)
    markdown = render_checklist(sheet, "markdown", lang)
    heading = "EU AI Act" if lang == "en" else "EU AI法"
    assert f"## {heading}" in markdown
    # The tier in the reader's words (the Japanese sheet says 禁止, not the code).
    assert ("**prohibited**" if lang == "en" else "**禁止**") in markdown
    html = render_html(check(path), sheet=sheet, lang=lang)
    assert ("<strong>prohibited</strong>" if lang == "en" else "<strong>禁止</strong>") in html
    for item in eu_items(sheet):
        assert item.id in markdown
