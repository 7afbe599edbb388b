"""EU AI Act triage: the decision order, review of unstated facts, duties, the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aigov import classify
from aigov.errors import UnknownIdError
from aigov.schemas import validate
from aigov.testing import run_cli
from aigov.triage import regime_sources

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src/aigov/data/examples/eu-ai-act"
GOLDEN: dict[str, dict[str, Any]] = json.loads(
    (Path(__file__).parent / "cases" / "eu-ai-act.json").read_text(encoding="utf-8")
)
BASE: dict[str, Any] = {
    "profile_version": "1.1",
    "id": "x",
    "name": "X",
    "domains": ["other"],
    "actors": ["developer"],
}
NONE_STATED = {
    "in_scope": True,
    "operator_roles": ["provider"],
    "exclusion": None,
    "practices": [],
    "annex_iii": [],
    "annex_i_safety_component": False,
    "derogation": None,
}


def profile(eu: dict[str, Any] | None = None, **facts: Any) -> dict[str, Any]:
    doc = {**BASE, **facts}
    if eu is not None:
        doc["eu_ai_act"] = {**NONE_STATED, **eu}
    return doc


@pytest.mark.parametrize("name", sorted(GOLDEN), ids=str)
def test_every_example_gives_its_expected_tier_and_duties(name: str) -> None:
    result = classify(EXAMPLES / f"{name}.json")
    expected = GOLDEN[name]
    assert result.tier == expected["tier"]
    assert result.gpai == expected["gpai"]
    assert [r.article for r in result.reasons] == expected["articles"]
    assert [o.id for o in result.obligations] == expected["obligations"]
    assert [o.id for o in result.transparency] == expected["transparency"]


def test_the_issues_list_of_examples_is_covered() -> None:
    assert len(GOLDEN) >= 10
    assert {c["tier"] for c in GOLDEN.values()} == {
        "prohibited",
        "high-risk",
        "limited-risk",
        "minimal-risk",
        "out-of-scope",
    }


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_json_output_is_a_valid_classification_document(path: Path) -> None:
    code, out, _ = run_cli("classify", path, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert validate(doc) == "classification"
    assert doc["kind"] == "classification"
    assert doc["regime"] == "eu-ai-act-2024"
    for obligation in doc["obligations"]:
        assert obligation["article"]
        assert obligation["roles"]
        assert obligation["applies_from"] in (
            "2025-02-02",
            "2025-08-02",
            "2026-08-02",
            "2027-08-02",
        )


def test_unstated_scope_means_needs_review_and_no_duties() -> None:
    result = classify(BASE)
    assert result.tier == "needs-review"
    assert not result.obligations
    assert "/eu_ai_act/in_scope" in [r.fact for r in result.requires_review]


def test_a_version_1_profile_is_never_classified_with_certainty() -> None:
    result = classify(ROOT / "src/aigov/data/examples/profiles/credit-scoring.json")
    assert result.tier == "needs-review"
    assert result.requires_review


def test_out_of_scope_comes_before_a_prohibited_practice() -> None:
    result = classify(profile({"exclusion": "military", "practices": ["social-scoring"]}))
    assert (result.tier, [r.article for r in result.reasons]) == ("out-of-scope", ["2"])


def test_a_prohibited_practice_comes_before_annex_iii() -> None:
    result = classify(profile({"practices": ["social-scoring"], "annex_iii": ["creditworthiness"]}))
    assert result.tier == "prohibited"
    assert [r.article for r in result.reasons] == ["5(1)(c)"]


def test_high_risk_keeps_its_tier_and_lists_art_50_duties() -> None:
    result = classify(
        profile({"annex_iii": ["recruitment-selection"]}, capabilities={"conversational": True})
    )
    assert result.tier == "high-risk"
    assert [t.article for t in result.transparency] == ["50(1)"]


def test_a_derogation_never_applies_to_a_system_that_profiles() -> None:
    doc = profile(
        {"annex_iii": ["recruitment-selection"], "derogation": "preparatory-task"},
        capabilities={"profiling": True},
    )
    result = classify(doc)
    assert result.tier == "high-risk"
    assert result.reasons[0].rule == "derogation-void-profiling"


def test_a_derogated_annex_iii_system_still_documents_and_registers() -> None:
    doc = profile(
        {"annex_iii": ["recruitment-selection"], "derogation": "narrow-procedural-task"},
        capabilities={"profiling": False},
    )
    result = classify(doc)
    assert result.tier == "minimal-risk"
    ids = {o.id: o.article for o in result.obligations}
    assert ids["derogation-documentation"] == "6(4)"
    assert ids["derogation-registration"] == "49(2)"


def test_a_derogation_with_profiling_unstated_is_named_for_review() -> None:
    doc = profile({"annex_iii": ["recruitment-selection"], "derogation": "preparatory-task"})
    facts = [r.fact for r in classify(doc).requires_review]
    assert "/capabilities/profiling" in facts


def test_version_1_facts_pointing_above_the_stated_tier_make_it_needs_review() -> None:
    doc = profile({}, domains=["employment"], capabilities={"emotion_recognition": True})
    result = classify(doc)
    assert result.stated_tier == "limited-risk"  # Art. 50(3)
    assert result.tier == "needs-review"
    pointed = {p for r in result.requires_review for p in r.points_at}
    assert "emotion-recognition-workplace-education" in pointed
    assert "emotion-recognition" in pointed


def test_a_stated_annex_use_in_the_area_clears_the_review_of_that_area() -> None:
    doc = profile(
        {"annex_iii": ["creditworthiness"]},
        domains=["finance"],
        capabilities={"decisions_about_people": True},
    )
    result = classify(doc)
    assert result.tier == "high-risk"
    assert not result.requires_review


def test_obligations_are_only_those_of_the_stated_roles() -> None:
    doc = profile({"annex_iii": ["creditworthiness"], "operator_roles": ["deployer"]})
    result = classify(doc)
    assert {o.id for o in result.obligations} == {
        "ai-literacy",
        "deployer-duties",
        "deployer-fundamental-rights-impact-assessment",
    }


def test_the_art_6_1_route_applies_from_2027_and_annex_iii_from_2026() -> None:
    product = classify(profile({"annex_i_safety_component": True}))
    annex = classify(profile({"annex_iii": ["creditworthiness"]}))
    risk = {o.id: o.applies_from.isoformat() for o in product.obligations}
    assert risk["provider-risk-management"] == "2027-08-02"
    risk = {o.id: o.applies_from.isoformat() for o in annex.obligations}
    assert risk["provider-risk-management"] == "2026-08-02"
    assert risk["ai-literacy"] == "2025-02-02"


def test_unknown_regime_is_refused() -> None:
    with pytest.raises(UnknownIdError):
        classify(BASE, regime="eu-ai-act-2021")


def test_every_regime_source_says_how_far_it_was_verified() -> None:
    for where, source in regime_sources():
        assert source.verification, where
        if source.verification.value != "verified":
            assert source.note, where


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_cli_classify_formats(fmt: str, lang: str) -> None:
    code, out, _ = run_cli(
        "classify", EXAMPLES / "eu-credit-scoring.json", "--format", fmt, "--lang", lang
    )
    assert code == 0
    assert ("high-risk" if lang == "en" else "高リスク") in out  # ja names the tier in words
    assert ("Art. 6(2)" if lang == "en" else "第6条(2)") in out
    assert "2026-08-02" in out


def test_cli_classify_several_profiles_as_json_lines() -> None:
    code, out, _ = run_cli(
        "classify",
        EXAMPLES / "eu-cv-screening.json",
        EXAMPLES / "eu-social-scoring.json",
        "--format",
        "json",
    )
    assert code == 0
    assert [json.loads(line)["tier"] for line in out.splitlines()] == ["high-risk", "prohibited"]


def test_cli_check_with_the_eu_framework_shows_the_classification() -> None:
    code, out, _ = run_cli(
        "check", EXAMPLES / "eu-cv-screening.json", "--framework", "eu-ai-act-2024"
    )
    assert code == 0
    assert "Tier: high-risk" in out
    assert "High risk" not in out  # the catalogue's label, never reached through values


def test_cli_check_html_report_gains_an_eu_section_for_a_profile_in_scope() -> None:
    code, out, _ = run_cli("check", EXAMPLES / "eu-credit-scoring.json", "--format", "html")
    assert code == 0
    assert '<section id="eu-ai-act">' in out
    assert 'href="#eu-ai-act"' in out
    assert "high-risk" in out


def test_cli_check_shows_the_eu_section_only_when_in_scope_or_asked() -> None:
    _, out, _ = run_cli("check", EXAMPLES / "eu-cv-screening.json")
    assert "Tier: high-risk" in out
    _, out, _ = run_cli("check", EXAMPLES / "jp-only-recommender.json")
    assert "Tier:" not in out
    _, out, _ = run_cli("check", ROOT / "src/aigov/data/examples/profiles/resume-screener.json")
    assert "Tier:" not in out


def test_japanese_reasons_write_the_article_the_japanese_way() -> None:
    result = classify(EXAMPLES / "eu-workplace-emotion.json")
    assert result.reasons[0].summary.ja.startswith("第5条(1)(f)が禁止する行為")


def test_contradictory_facts_are_named_for_review() -> None:
    result = classify(profile({"systemic_risk": True, "derogation": "preparatory-task"}))
    assert [r.fact for r in result.requires_review] == [
        "/eu_ai_act/systemic_risk",
        "/eu_ai_act/derogation",
    ]
    assert result.gpai == "none"
