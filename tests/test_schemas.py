"""The bundled JSON Schemas: golden files, offline resolution, validation errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing.exceptions import Unresolvable

from aigov import schemas
from aigov.errors import UnknownIdError, ValidationFailed
from aigov.profile import SystemProfile
from aigov.schemas._generate import generate_schema

SCHEMA_DIR = Path(schemas.__file__).parent
PROFILE: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "resume-screener.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("name", schemas.schema_names())
def test_bundled_schema_matches_model(name: str) -> None:
    """Each bundled schema is exactly what its model generates (run scripts/generate_schemas.py)."""
    on_disk = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert on_disk == generate_schema(name), "stale: run scripts/generate_schemas.py"


@pytest.mark.parametrize("name", schemas.schema_names())
def test_schema_is_valid_draft_2020_12_with_versioned_id(name: str) -> None:
    schema = schemas.load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:aigov:schema:{name}:{schemas.SCHEMA_VERSION}"


def test_schema_names_are_sorted_and_cover_every_document_kind() -> None:
    assert schemas.schema_names() == [
        "assessment",
        "catalog",
        "checklist",
        "mapping-set",
        "policy",
        "rule-set",
        "system-profile",
    ]


def test_load_schema_returns_a_copy_the_caller_may_change() -> None:
    first = schemas.load_schema("catalog")
    first["title"] = "changed"
    assert schemas.load_schema("catalog")["title"] != "changed"


def test_unknown_schema_name_suggests_the_closest() -> None:
    with pytest.raises(UnknownIdError) as info:
        schemas.load_schema("system-profil")
    assert str(info.value) == "Unknown schema 'system-profil' (did you mean 'system-profile'?)"


def test_kind_is_detected_from_the_document() -> None:
    assert schemas.detect_schema({"kind": "catalog"}) == "catalog"
    assert schemas.detect_schema({"kind": "rule-set"}) == "rule-set"
    assert schemas.detect_schema({"profile_version": "1"}) == "system-profile"
    assert schemas.detect_schema({"$schema": schemas.schema_id("assessment")}) == "assessment"
    assert schemas.detect_schema([1, 2]) is None


def test_undetectable_document_needs_a_schema_name() -> None:
    with pytest.raises(ValidationFailed, match="cannot tell which kind of document"):
        schemas.validate({"hello": 1})


def test_valid_profile_validates() -> None:
    assert schemas.validate(PROFILE) == "system-profile"


def test_every_problem_is_reported_with_its_json_path() -> None:
    doc = copy.deepcopy(PROFILE)
    doc["data"]["personel"] = True
    doc["oversight"] = "sometimes"
    del doc["name"]
    issues = list(schemas.iter_errors(doc))
    rendered = [str(i) for i in issues]
    assert "$.data: unknown key 'personel' (did you mean 'personal'?)" in rendered
    assert any(r.startswith("$.oversight:") for r in rendered)
    assert any(r.startswith("$:") and "'name' is a required property" in r for r in rendered)
    with pytest.raises(ValidationFailed) as info:
        schemas.validate(doc, source="p.json")
    assert len(info.value.issues) == 3
    assert str(info.value).startswith("p.json: invalid document (3 problems):")


def test_extension_keys_are_allowed_by_the_schema() -> None:
    doc = {**PROFILE, "x-owner": "hr", "data": {**PROFILE["data"], "x-note": [1]}}
    assert list(schemas.iter_errors(doc)) == []


def test_references_never_leave_the_bundled_registry() -> None:
    """A $ref to the network or the file system is refused, not fetched."""
    resolver = schemas._registry().resolver()
    for uri in ("http://example.com/schema.json", "file:///etc/passwd"):
        with pytest.raises(Unresolvable):
            resolver.lookup(uri)
    assert resolver.lookup(schemas.schema_id("catalog")).contents["$id"].endswith(":catalog:1")


def test_validate_file_reports_malformed_json_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "kind": "catalog",\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(ValidationFailed.__mro__[1]) as info:  # DocumentError
        schemas.validate_file(path)
    assert "line 3, column 3" in str(info.value)


# -- the model and the schema accept and reject the same profiles ------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=5), st.sampled_from(["yes", "1"])
)


@st.composite
def mutated_profiles(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = copy.deepcopy(PROFILE)
    for _ in range(draw(st.integers(0, 3))):
        section = draw(st.sampled_from([None, "people", "data", "learning", "capabilities"]))
        target = doc if section is None else doc.get(section)
        if not isinstance(target, dict):
            continue
        action = draw(st.sampled_from(["set", "delete", "add"]))
        keys = sorted(target)
        if action == "delete" and keys:
            target.pop(draw(st.sampled_from(keys)))
        elif action == "set" and keys:
            target[draw(st.sampled_from(keys))] = draw(_scalars)
        else:
            target[draw(st.sampled_from(["x-ext", "extra", "personel"]))] = draw(_scalars)
    return doc


@settings(max_examples=300, deadline=None)
@given(mutated_profiles())
def test_model_and_schema_agree_on_profiles(doc: dict[str, Any]) -> None:
    schema_ok = not list(schemas.iter_errors(doc, "system-profile"))
    try:
        SystemProfile.model_validate(doc)
        model_ok = True
    except pydantic.ValidationError:
        model_ok = False
    assert schema_ok == model_ok
