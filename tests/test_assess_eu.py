"""check() and the EU AI Act: the classification an assessment carries, and profile names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aigov import classify, load_profile, schemas
from aigov.assess import Assessment, check, explain, load_assessment
from aigov.errors import CatalogError, UnknownIdError, ValidationFailed
from aigov.schemas import validate

ROOT = Path(__file__).resolve().parent.parent
EU = sorted((ROOT / "src/aigov/data/examples/eu-ai-act").glob("*.json"))
V1 = sorted((ROOT / "src/aigov/data/examples/profiles").glob("*.json"))
CUSTOM = ROOT / "src/aigov/data/examples/custom-facts"


def _data(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_every_shipped_eu_example_states_in_scope() -> None:
    """The tests below cover both in_scope values (else they would test nothing)."""
    stated = {_data(p)["eu_ai_act"]["in_scope"] for p in EU}
    assert stated == {True, False}


@pytest.mark.parametrize("path", EU, ids=[p.stem for p in EU])
def test_embedded_classification_is_what_classify_gives(path: Path) -> None:
    assessment = check(path)
    assert assessment.eu_ai_act == classify(path)
    assert assessment.format_version == "1.1"


@pytest.mark.parametrize("path", EU, ids=[p.stem for p in EU])
def test_assessment_with_a_classification_round_trips_through_json(path: Path) -> None:
    assessment = check(path)
    text = assessment.to_json()
    again = load_assessment(text.encode())
    assert again == assessment
    assert again.to_json() == text
    compact = assessment.to_json(compact=True)
    assert load_assessment(compact.encode()) == assessment


@pytest.mark.parametrize("path", EU, ids=[p.stem for p in EU])
def test_embedded_classification_is_written_as_classify_writes_it(path: Path) -> None:
    """Its nulls (an unstated value, a duty without a note) stay: a classification document."""
    embedded = json.loads(check(path).to_json())["eu_ai_act"]
    written = json.loads(classify(path).to_json())
    written.pop("$schema")
    assert embedded == written
    assert validate(embedded) == "classification"


@pytest.mark.parametrize("path", EU, ids=[p.stem for p in EU])
def test_assessment_with_a_classification_validates_against_the_schema(path: Path) -> None:
    assert validate(json.loads(check(path).to_json())) == "assessment"


def test_check_jsonschema_accepts_assessments_with_a_classification(tmp_path: Path) -> None:
    """The published schema, read by another tool, accepts version 1 and 1.1 assessments."""
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    files = []
    for path in [*EU, V1[0]]:
        out = tmp_path / path.name
        out.write_text(check(path).to_json(), encoding="utf-8")
        files.append(str(out))
    schema = Path(schemas.__file__).parent / "assessment.schema.json"
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *files]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    # A version 1 assessment cannot carry a classification.
    bad = json.loads(check(EU[0]).to_json())
    bad["format_version"] = "1"
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    command = [*command[: -len(files)], str(tmp_path / "bad.json")]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout


@pytest.mark.parametrize("path", V1, ids=[p.stem for p in V1])
def test_version_1_profiles_get_no_classification_and_the_same_json(path: Path) -> None:
    """Unasked, a profile without the block is assessed exactly as before (format 1)."""
    assessment = check(path)
    assert assessment.eu_ai_act is None
    data = json.loads(assessment.to_json())
    assert data["format_version"] == "1"
    assert "eu_ai_act" not in data
    assert assessment.to_json() == check(path, regimes=()).to_json()


@pytest.mark.parametrize("path", EU, ids=[p.stem for p in EU])
def test_the_classification_is_only_added(path: Path) -> None:
    """Without its classification an assessment is the version 1 one, key for key."""
    data = json.loads(check(path).to_json())
    del data["eu_ai_act"]
    data["format_version"] = "1"
    assert data == json.loads(check(path, regimes=()).to_json())


def test_a_profile_without_the_block_is_classified_when_the_regime_is_named() -> None:
    path = ROOT / "src/aigov/data/examples/profiles/credit-scoring.json"
    assessment = check(path, regimes=("eu-ai-act-2024",))
    assert assessment.eu_ai_act == classify(path)
    assert assessment.eu_ai_act is not None
    assert assessment.eu_ai_act.tier == "needs-review"
    assert check(path, regimes="eu-ai-act-2024") == assessment


def test_a_block_without_in_scope_is_not_classified_unasked() -> None:
    data = _data(EU[0])
    del data["eu_ai_act"]["in_scope"]
    assert check(data).eu_ai_act is None
    asked = check(data, regimes=["eu-ai-act-2024"]).eu_ai_act
    assert asked is not None
    assert asked.tier == "needs-review"


def test_an_unknown_regime_is_refused_as_classify_refuses_it() -> None:
    with pytest.raises(UnknownIdError) as info:
        check(EU[0], regimes=["eu-ai-act-2023"])
    assert str(info.value) == "Unknown regime 'eu-ai-act-2023' (valid: eu-ai-act-2024)"
    with pytest.raises(UnknownIdError) as again:
        classify(EU[0], "eu-ai-act-2023")
    assert str(again.value) == str(info.value)


def test_a_version_1_assessment_cannot_carry_a_classification() -> None:
    data = json.loads(check(EU[0]).to_json())
    data["format_version"] = "1"
    with pytest.raises(ValidationFailed) as info:
        load_assessment(data)
    assert "'eu_ai_act' needs format_version '1.1'" in str(info.value)


def test_a_classification_of_another_profile_is_refused_with_its_path() -> None:
    data = json.loads(check(EU[0]).to_json())
    data["eu_ai_act"]["profile"]["id"] = "someone-else"
    with pytest.raises(CatalogError) as info:
        load_assessment(data)
    assert "$.eu_ai_act.profile.id" in str(info.value)
    assert "'someone-else'" in str(info.value)


def test_an_assessment_model_keeps_working_without_the_new_keys() -> None:
    """Every existing assessment (format 1, no eu_ai_act) still loads."""
    for path in V1:
        data = json.loads(check(path).to_json())
        assert Assessment.model_validate(data).eu_ai_act is None


# -- naming the profile in messages ---------------------------------------------------------


def _bad_robot() -> dict[str, Any]:
    robot = _data(CUSTOM / "warehouse-robot.json")
    robot["deployment"]["x-model-hosting"] = "on-prem"
    return robot


def test_a_wrong_custom_fact_names_the_given_name() -> None:
    rules = CUSTOM / "custom-facts-rules.json"
    profile = load_profile(_bad_robot())
    with pytest.raises(ValidationFailed) as info:
        check(profile, rules)
    assert info.value.source == "<profile warehouse-robot>"
    with pytest.raises(ValidationFailed) as info:
        check(profile, rules, name="robot.json")
    assert info.value.source == "robot.json"
    with pytest.raises(ValidationFailed) as info:
        explain(profile, "jp-ai-util-2019:safety", rules=rules, name="robot.json")
    assert info.value.source == "robot.json"


def test_a_profile_read_from_a_file_is_named_by_its_path(tmp_path: Path) -> None:
    path = tmp_path / "robot.json"
    path.write_text(json.dumps(_bad_robot()), encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        check(path, CUSTOM / "custom-facts-rules.json")
    assert info.value.source == str(path)
