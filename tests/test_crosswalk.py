"""Crosswalks: curated mapping sets, derived correspondences through the values, CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aigov.assess import check
from aigov.catalog import builtin_catalog
from aigov.crosswalk import (
    INVERSE,
    PREDICATES,
    MappingSet,
    builtin_mappings,
    find_correspondences,
    framework_view,
    load_mappings,
)
from aigov.errors import CatalogError, UnknownIdError, ValidationFailed
from aigov.schemas import validate
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
MAPPINGS = ROOT / "src" / "aigov" / "data" / "mappings"
RESUME = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"


def curated(item: str, to: str) -> dict[str, str]:
    return {c.id: c.predicate for c in find_correspondences(item, to, derived=False)}


@pytest.mark.parametrize("path", sorted(MAPPINGS.glob("*.json")), ids=lambda p: p.stem)
def test_every_mapping_file_validates_and_is_named_after_its_pair(path: Path) -> None:
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert validate(doc) == "mapping-set"
    mset = MappingSet.model_validate(doc)
    assert path.stem == f"{mset.subject_source}--{mset.object_source}" == mset.id
    assert mset.mappings
    for row in mset.mappings:
        assert row.justification.strip()
        assert 0 < row.confidence <= 1
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_all_builtin_rows_reference_existing_items_of_their_frameworks() -> None:
    index = builtin_mappings()
    assert len(index.rows()) >= 100


def test_every_japanese_principle_maps_to_each_major_framework() -> None:
    catalog = builtin_catalog()
    for principle in catalog.principles:
        if principle.framework not in ("jp-ai-rd-2017", "jp-ai-util-2019"):
            continue
        for fw in ("oecd-2019", "eu-hleg-2019", "nist-ai-rmf-1.0", "jp-ai-business-2024"):
            assert find_correspondences(principle.id, fw), (principle.id, fw)


def test_reviewed_key_mappings() -> None:
    """The mappings a reviewer checked by hand (issue 4)."""
    assert "oecd-2019:human-rights" in curated("jp-ai-util-2019:fairness", "oecd-2019")
    assert "eu-hleg-2019:fairness" in curated("jp-ai-util-2019:fairness", "eu-hleg-2019")
    assert "nist-ai-rmf-1.0:fair" in curated("jp-ai-util-2019:fairness", "nist-ai-rmf-1.0")
    for privacy in ("jp-ai-util-2019:privacy", "jp-ai-rd-2017:privacy"):
        assert "nist-ai-rmf-1.0:privacy-enhanced" in curated(privacy, "nist-ai-rmf-1.0")
        assert "unesco-2021:privacy" in curated(privacy, "unesco-2021")


def test_reverse_direction_uses_the_inverse_predicate() -> None:
    for row, _ in builtin_mappings().rows():
        back = {c.id: c.predicate for c in find_correspondences(row.object_id, derived=False)}
        assert back.get(row.subject_id) == INVERSE[row.predicate_id]
        break


def test_curated_come_first_then_derived_with_a_path_through_a_value() -> None:
    found = find_correspondences("jp-ai-util-2019:fairness")
    flags = [c.derived for c in found]
    assert flags == sorted(flags)  # all curated (False) before derived (True)
    derived = [c for c in found if c.derived]
    assert derived
    for c in derived:
        assert c.predicate == "skos:relatedMatch"
        assert len(c.path) == 3
        assert c.path[0] == "jp-ai-util-2019:fairness"
        assert c.path[1].startswith("jp-values-2022:")
        assert c.path[1] in c.via
        assert 0 < c.confidence <= 1
    curated_ones = [c for c in found if not c.derived]
    assert [PREDICATES.index(c.predicate) for c in curated_ones] == sorted(
        PREDICATES.index(c.predicate) for c in curated_ones
    )


def test_crosswalk_never_returns_items_of_the_own_framework() -> None:
    for c in find_correspondences("jp-ai-util-2019:privacy"):
        assert c.framework != "jp-ai-util-2019"


def test_role_crosswalk_reaches_airo_iris() -> None:
    found = {c.id for c in find_correspondences("developer", derived=False)}
    assert "jp-ai-business-2024:ai-developer" in found
    assert "airo:ai-developer" in found
    provider = {c.id for c in find_correspondences("eu-ai-act-2024:provider", "airo")}
    assert provider == {"airo:ai-provider"}


def test_unknown_ids_and_frameworks_suggest() -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'jp-ai-util-2019:fairness'"):
        find_correspondences("jp-ai-util-2019:fairnes")
    with pytest.raises(UnknownIdError, match=r"did you mean 'nist-ai-rmf-1\.0'"):
        find_correspondences("jp-ai-util-2019:fairness", to="nist-ai-rmf")


def _set(**over: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "kind": "mapping-set",
        "id": "mine",
        "version": "1",
        "subject_source": "jp-ai-util-2019",
        "object_source": "oecd-2019",
        "mappings": [
            {
                "subject_id": "jp-ai-util-2019:safety",
                "predicate_id": "skos:closeMatch",
                "object_id": "oecd-2019:robustness",
                "justification": "Both ask for safe systems.",
                "confidence": 0.7,
                "author_id": "me",
                "mapping_date": "2026-11-26",
            }
        ],
    }
    doc.update(over)
    return doc


def test_user_mapping_sets_load_and_are_checked() -> None:
    index = load_mappings(_set(), builtin=False)
    assert len(index.rows()) == 1
    bad = _set()
    bad["mappings"][0]["object_id"] = "oecd-2019:robustnes"
    with pytest.raises(CatalogError) as info:
        load_mappings(bad, builtin=False)
    assert "$.mappings[0].object_id: unknown id 'oecd-2019:robustnes'" in str(info.value)
    assert "did you mean 'oecd-2019:robustness'" in str(info.value)
    wrong = _set()
    wrong["mappings"][0]["subject_id"] = "jp-ai-rd-2017:safety"
    with pytest.raises(CatalogError, match="is not an item of 'jp-ai-util-2019'"):
        load_mappings(wrong, builtin=False)
    bad_predicate = _set()
    bad_predicate["mappings"][0]["predicate_id"] = "skos:sameAs"
    with pytest.raises(ValidationFailed, match="'skos:sameAs' is not allowed"):
        load_mappings(bad_predicate, builtin=False)


def test_framework_view_of_an_assessment() -> None:
    a = check(RESUME, framework="nist-ai-rmf-1.0")
    assert a.crosswalk is not None
    ids = {i.id for i in a.crosswalk.items}
    assert "nist-ai-rmf-1.0:fair" in ids
    assert "nist-ai-rmf-1.0:privacy-enhanced" in ids
    for item in a.crosswalk.items:
        assert set(item.principles) <= {t.principle for t in a.triggered}
    doc = json.loads(a.to_json())
    assert validate(doc) == "assessment"
    assert json.loads(a.to_json(compact=True)) == doc


def test_framework_view_of_the_own_framework_is_the_identity() -> None:
    view = framework_view(["jp-ai-util-2019:privacy"], "jp-ai-util-2019")
    assert [(i.id, i.predicates) for i in view.items] == [
        ("jp-ai-util-2019:privacy", ("skos:exactMatch",))
    ]


# -- CLI ------------------------------------------------------------------------------


def test_cli_crosswalk_json_has_the_documented_keys() -> None:
    code, out, _ = run_cli("crosswalk", "jp-ai-util-2019:fairness", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows
    for row in rows:
        assert {"id", "label", "framework", "predicate", "derived"} <= set(row)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_cli_crosswalk_table(lang: str) -> None:
    code, out, _ = run_cli(
        "crosswalk", "jp-ai-util-2019:privacy", "--to", "unesco-2021", "--lang", lang
    )
    assert code == 0
    assert "unesco-2021:privacy" in out


def test_cli_crosswalk_unknown_is_exit_2_with_suggestion() -> None:
    code, _, err = run_cli("crosswalk", "jp-ai-util-2019:privcy")
    assert code == 2
    assert "did you mean 'jp-ai-util-2019:privacy'" in err
    code, _, err = run_cli("crosswalk", "jp-ai-util-2019:privacy", "--to", "oecd")
    assert code == 2
    assert "did you mean 'oecd-2019'" in err


def test_cli_check_with_framework_view() -> None:
    code, out, _ = run_cli("check", RESUME, "--framework", "oecd-2019")
    assert code == 0
    assert "In the terms of oecd-2019" in out
    code, out, _ = run_cli("check", RESUME, "--framework", "oecd-2019", "--format", "markdown")
    assert "## In the terms of `oecd-2019`" in out
    code, _, err = run_cli("check", RESUME, "--framework", "nist")
    assert code == 2
    assert "did you mean 'nist-ai-rmf-1.0'" in err


def test_cli_list_principles_of_a_framework_shows_kinds() -> None:
    code, out, _ = run_cli("list", "principles", "--framework", "unesco-2021", "--format", "json")
    assert code == 0
    kinds = [row["kind"] for row in json.loads(out)]
    assert kinds == ["value"] * 4 + ["principle"] * 10
    code, out, _ = run_cli("list", "principles", "--framework", "nist-ai-rmf-1.0", "--all")
    assert "nist-ai-rmf-1.0:govern/6" in out


# -- legal classifications are never reached through shared values -------------------

PROFILES = ROOT / "src/aigov/data/examples/profiles"
RISK_LEVELS = [
    "eu-ai-act-2024:unacceptable",
    "eu-ai-act-2024:high",
    "eu-ai-act-2024:limited",
    "eu-ai-act-2024:minimal",
]


def test_the_eu_ai_act_risk_levels_are_marked_as_legal_classifications() -> None:
    cat = builtin_catalog()
    assert [p.id for p in cat.principles if p.framework == "eu-ai-act-2024"] == RISK_LEVELS
    levels = [p for p in cat.principles if p.id in RISK_LEVELS]
    assert {p.legal_effect for p in levels} == {"classification"}


@pytest.mark.parametrize("level", RISK_LEVELS)
def test_no_correspondence_is_derived_to_or_from_a_risk_level(level: str) -> None:
    cat = builtin_catalog()
    assert all(not c.derived for c in find_correspondences(level))
    for principle in cat.principles:
        if principle.legal_effect is None:
            assert level not in {c.id for c in find_correspondences(principle.id) if c.derived}


@pytest.mark.parametrize("profile", sorted(PROFILES.glob("*.json")), ids=lambda p: p.stem)
def test_no_value_derived_view_names_a_risk_level(profile: Path) -> None:
    """The chatbot once 'engaged' Unacceptable risk through shared values."""
    a = check(profile, framework="eu-ai-act-2024")
    assert a.crosswalk is not None
    named = {i.id for i in (*a.crosswalk.items, *a.crosswalk.suggestions)}
    assert not named & set(RISK_LEVELS)


def test_derived_correspondences_are_suggestions_apart_from_engaged_items() -> None:
    view = framework_view(["jp-ai-business-2024:human-centric"], "eu-hleg-2019")
    assert all(not i.derived for i in view.items)
    assert view.suggestions
    assert all(i.derived for i in view.suggestions)
    assert not {i.id for i in view.items} & {i.id for i in view.suggestions}


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_cli_chatbot_in_eu_terms_names_no_risk_level(fmt: str) -> None:
    code, out, _ = run_cli(
        "check",
        PROFILES / "customer-chatbot.json",
        "--framework",
        "eu-ai-act-2024",
        "--format",
        fmt,
    )
    assert code == 0
    for label in ("Unacceptable risk", "High risk", "Limited risk", "Minimal risk"):
        assert label not in out
    for level in RISK_LEVELS:
        assert level not in out
