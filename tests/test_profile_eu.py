"""System profile v1.1: the optional ``eu_ai_act`` block, additive to version 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aigov.assess import check
from aigov.errors import ValidationFailed
from aigov.profile import (
    EU_AI_ACT_ANNEX_III,
    EU_AI_ACT_DEROGATIONS,
    EU_AI_ACT_EXCLUSIONS,
    EU_AI_ACT_OPERATOR_ROLES,
    EU_AI_ACT_PRACTICES,
    eu_ai_act_fact_specs,
    fact_specs,
    load_profile,
)
from aigov.schemas import validate

ROOT = Path(__file__).resolve().parent.parent
V1_EXAMPLES = sorted(
    p
    for p in (ROOT / "src/aigov/data/examples/profiles").glob("*.json")
    if json.loads(p.read_text(encoding="utf-8"))["profile_version"] == "1"
)
BASE: dict[str, Any] = {
    "profile_version": "1.1",
    "id": "tiny",
    "name": "Tiny",
    "domains": ["other"],
    "actors": ["developer"],
}
EU_POINTERS = [spec.pointer for spec in eu_ai_act_fact_specs().values()]


def test_the_vocabularies_are_the_issues_names_in_the_acts_order() -> None:
    assert EU_AI_ACT_OPERATOR_ROLES == (
        "provider",
        "deployer",
        "importer",
        "distributor",
        "product-manufacturer",
        "authorised-representative",
    )
    assert EU_AI_ACT_EXCLUSIONS == ("military", "scientific-research", "personal-non-professional")
    assert len(EU_AI_ACT_PRACTICES) == 8
    assert EU_AI_ACT_PRACTICES[2] == "social-scoring"
    assert len(EU_AI_ACT_ANNEX_III) == 25
    assert EU_AI_ACT_DEROGATIONS == (
        "narrow-procedural-task",
        "improves-human-activity",
        "detects-decision-patterns",
        "preparatory-task",
    )
    assert [p.removeprefix("/eu_ai_act/") for p in EU_POINTERS] == [
        "in_scope",
        "operator_roles",
        "exclusion",
        "practices",
        "annex_iii",
        "annex_i_safety_component",
        "derogation",
        "deepfake",
        "public_interest_text",
        "gpai_model_provider",
        "systemic_risk",
    ]


def test_the_issues_example_block_loads_and_validates() -> None:
    block = {
        "in_scope": True,
        "operator_roles": ["provider", "deployer"],
        "exclusion": None,
        "practices": [],
        "annex_iii": ["recruitment-selection"],
        "annex_i_safety_component": False,
        "derogation": None,
        "deepfake": False,
        "public_interest_text": False,
        "gpai_model_provider": False,
        "systemic_risk": False,
    }
    doc = {**BASE, "eu_ai_act": block}
    assert validate(doc) == "system-profile"
    profile = load_profile(doc)
    assert profile.eu_ai_act is not None
    assert profile.eu_ai_act.annex_iii == ("recruitment-selection",)
    assert not set(profile.unstated_facts()) & set(EU_POINTERS)
    assert profile.to_json_dict()["eu_ai_act"] == block


def test_a_1_1_profile_lists_each_eu_fact_it_leaves_out() -> None:
    assert load_profile(BASE).unstated_facts()[-len(EU_POINTERS) :] == EU_POINTERS
    partial = load_profile({**BASE, "eu_ai_act": {"in_scope": True, "exclusion": None}})
    unstated = partial.unstated_facts()
    assert "/eu_ai_act/in_scope" not in unstated
    assert "/eu_ai_act/exclusion" not in unstated  # null is stated: no exclusion
    assert "/eu_ai_act/derogation" in unstated
    assert "/eu_ai_act/practices" in unstated
    assert check(partial).unstated_facts == tuple(unstated)


def test_the_block_needs_version_1_1() -> None:
    doc = {**BASE, "profile_version": "1", "eu_ai_act": {"in_scope": True}}
    with pytest.raises(ValidationFailed):
        validate(doc)
    with pytest.raises(ValidationFailed, match=r"'eu_ai_act' needs profile_version '1\.1'"):
        load_profile({**BASE, "profile_version": "1", "eu_ai_act": {"in_scope": True}})


def test_unknown_vocabulary_and_repeats_are_rejected_with_paths() -> None:
    with pytest.raises(
        ValidationFailed, match=r"\$\.eu_ai_act\.annex_iii\[0\]: 'credit-scoring' is not allowed"
    ):
        load_profile({**BASE, "eu_ai_act": {"annex_iii": ["credit-scoring"]}})
    with pytest.raises(ValidationFailed, match="listed twice"):
        load_profile({**BASE, "eu_ai_act": {"practices": ["social-scoring"] * 2}})


@pytest.mark.parametrize("path", V1_EXAMPLES, ids=lambda p: p.stem)
def test_version_1_documents_mean_what_they_meant(path: Path) -> None:
    """No new fact reaches the rules, the hash or the unstated facts of a version 1 profile."""
    profile = load_profile(path)
    assert not any(p.startswith("/eu_ai_act") for p in profile.unstated_facts())
    assert not any(p.startswith("eu_ai_act") for p in fact_specs())
    assessment = check(path)
    assert assessment.versions.profile_format == "1"
    assert not any(p.startswith("/eu_ai_act") for p in assessment.unstated_facts)
