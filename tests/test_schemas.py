"""The bundled JSON Schemas: golden files, offline resolution, validation errors."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing.exceptions import Unresolvable

from aigov import schemas
from aigov._jsonio import dumps_canonical
from aigov.errors import UnknownIdError, ValidationFailed
from aigov.profile import SystemProfile, fact_specs
from aigov.rules import facts_for
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
    assert schema["$id"] == (
        f"https://w3id.org/aigov/schema/{schemas.SCHEMA_VERSION}/{name}.schema.json"
    )


def test_schema_names_are_sorted_and_cover_every_document_kind() -> None:
    assert schemas.schema_names() == [
        "assessment",
        "catalog",
        "checklist",
        "classification",
        "gap-report",
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
    assert any(r.startswith("$:") and "required key 'name' is missing" in r for r in rendered)
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
    assert (
        resolver.lookup(schemas.schema_id("catalog"))
        .contents["$id"]
        .endswith("/1/catalog.schema.json")
    )


def test_validate_file_reports_malformed_json_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "kind": "catalog",\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(ValidationFailed.__mro__[1]) as info:  # DocumentError
        schemas.validate_file(path)
    assert "line 3, column 3" in str(info.value)


# -- the model and the schema accept and reject the same profiles ------------------------

# Integers within the input policy's 20 digits: the policy (tests/test_hostile.py) is
# checked before the schema and never by a bare model_validate, so beyond it the two
# would disagree for a reason this test is not about.
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20) + 1, 10**20 - 1),
    st.text(max_size=5),
    st.sampled_from(["yes", "1"]),
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


# -- $schema: identifiers, local copies, the old URNs ------------------------------------

POLICY = (
    Path(__file__).resolve().parent.parent
    / "src/aigov/data/examples/policies"
    / "sakura-robotics.json"
)


def _policy(declared: str | None) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(POLICY.read_text(encoding="utf-8"))
    doc.pop("$schema", None)
    return doc if declared is None else {"$schema": declared, **doc}


@pytest.mark.parametrize("name", schemas.schema_names())
def test_every_kind_of_document_may_name_its_schema(name: str) -> None:
    """Editors flag a `$schema` key the schema does not allow; every schema allows it."""
    schema = schemas.load_schema(name)
    assert schema["properties"]["$schema"]["anyOf"][0]["type"] == "string"
    assert schemas.schema_id(name) == (
        f"https://w3id.org/aigov/schema/{schemas.SCHEMA_VERSION}/{name}.schema.json"
    )


def test_a_profile_with_schema_loads_and_dumps_it_back() -> None:
    from aigov.profile import load_profile

    doc = {"$schema": schemas.schema_id("system-profile"), **PROFILE}
    profile = load_profile(doc)
    assert profile.schema_ == schemas.schema_id("system-profile")
    assert profile.to_json_dict()["$schema"] == schemas.schema_id("system-profile")
    assert schemas.validate(doc) == "system-profile"


def test_schema_by_identifier_is_honoured() -> None:
    doc = {"$schema": schemas.schema_id("system-profile"), **PROFILE}
    assert schemas.detect_schema(doc) == "system-profile"


def test_old_urn_identifier_still_works_and_warns_to_update() -> None:
    from aigov.errors import OutdatedIdentifierWarning

    with pytest.warns(OutdatedIdentifierWarning) as caught:
        assert schemas.validate(_policy("urn:aigov:schema:policy:1")) == "policy"
    assert str(caught[0].message) == (
        "$schema 'urn:aigov:schema:policy:1' is an identifier of an earlier aigov version; "
        "write 'https://w3id.org/aigov/schema/1/policy.schema.json' instead"
    )


def test_schema_naming_another_kind_than_kind_is_a_conflict() -> None:
    with pytest.raises(ValidationFailed) as info:
        schemas.validate(_policy(schemas.schema_id("catalog")), source="p.json")
    assert str(info.value) == (
        "p.json: invalid document: $[\"$schema\"]: $schema names the 'catalog' schema but "
        "'kind' is 'policy' (make them name the same kind of document, or remove $schema)"
    )


def test_unknown_schema_url_is_refused_not_fetched() -> None:
    with pytest.raises(ValidationFailed) as info:
        schemas.validate(_policy("https://example.org/policy.json"))
    assert str(info.value).startswith(
        "invalid document: $[\"$schema\"]: $schema 'https://example.org/policy.json' is not "
        "one of aigov's schema identifiers, and aigov never fetches schemas from the network"
    )


def _write_schemas(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, text in schemas.schema_files().items():
        (folder / file_name).write_text(text, encoding="utf-8")


def test_relative_schema_path_starts_from_the_document_folder(tmp_path: Path) -> None:
    """`"$schema": "../schemas/policy.schema.json"` names the local copy, as in an editor."""
    _write_schemas(tmp_path / "schemas")
    (tmp_path / "docs").mkdir()
    path = tmp_path / "docs" / "p.json"
    path.write_text(json.dumps(_policy("../schemas/policy.schema.json")), encoding="utf-8")
    assert schemas.validate_file(path) == "policy"
    # The kind comes from $schema: a contradicting kind is caught through the file too.
    path.write_text(json.dumps(_policy("../schemas/catalog.schema.json")), encoding="utf-8")
    with pytest.raises(ValidationFailed, match="names the 'catalog' schema but 'kind' is 'policy'"):
        schemas.validate_file(path)


def test_file_url_schema_is_honoured(tmp_path: Path) -> None:
    _write_schemas(tmp_path / "schemas")
    url = (tmp_path / "schemas" / "policy.schema.json").as_uri()
    assert schemas.validate(_policy(url)) == "policy"


def test_local_schema_that_differs_from_the_bundled_one_is_reported(tmp_path: Path) -> None:
    """Editors and aigov must check the same rules: a stale copy is named, with the fix."""
    _write_schemas(tmp_path)
    stale = json.loads((tmp_path / "policy.schema.json").read_text(encoding="utf-8"))
    stale["required"] = ["kind"]
    (tmp_path / "policy.schema.json").write_text(json.dumps(stale), encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        schemas.validate(_policy("policy.schema.json"), base=tmp_path)
    assert "differs from this aigov's 'policy' schema" in str(info.value)
    assert "aigov schema --all -o DIR" in str(info.value)


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        ("missing.schema.json", "names {path!r}, which is not a file"),
        (".", "names {path!r}, which is not a file"),
        ("other.json", "is not one of aigov's schemas (its $id is 'https://example.org/s')"),
    ],
)
def test_local_schema_must_be_a_file_that_is_an_aigov_schema(
    tmp_path: Path, declared: str, message: str
) -> None:
    (tmp_path / "other.json").write_text('{"$id": "https://example.org/s"}', encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        schemas.validate(_policy(declared), base=tmp_path)
    assert message.format(path=str(tmp_path / declared)) in str(info.value)


def test_cli_validate_names_the_file_and_what_to_update(tmp_path: Path) -> None:
    from aigov.testing import run_cli

    path = tmp_path / "old.json"
    path.write_text(json.dumps(_policy("urn:aigov:schema:policy:1")), encoding="utf-8")
    result = run_cli("validate", path)
    assert result.code == 0
    assert result.stdout == f"{path}: valid policy\n"
    assert result.stderr == (
        f"{path}: warning: $schema 'urn:aigov:schema:policy:1' is an identifier of an earlier "
        "aigov version; write 'https://w3id.org/aigov/schema/1/policy.schema.json' instead\n"
    )


def test_cli_warns_about_an_old_identifier_of_an_invalid_document_too(tmp_path: Path) -> None:
    from aigov.testing import run_cli

    doc = _policy("urn:aigov:schema:policy:1")
    del doc["title"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = run_cli("validate", path)
    assert result.code == 3
    assert "required key 'title' is missing" in result.stderr
    assert f"{path}: warning: $schema 'urn:aigov:schema:policy:1'" in result.stderr


def test_cli_schema_all_needs_a_folder_and_name_writes_one_file(tmp_path: Path) -> None:
    from aigov.testing import run_cli

    result = run_cli("schema", "--all")
    assert result.code == 2
    assert result.stderr == (
        "aigov: error: --all writes every schema and a catalog into a folder: give -o DIR "
        "(see 'aigov schema --help')\n"
    )
    assert run_cli("schema", "policy", "-o", tmp_path / "p.json").code == 0
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8")) == schemas.load_schema(
        "policy"
    )


# -- what editors show and refuse ----------------------------------------------------------


def _descriptions(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["description"]] if isinstance(node.get("description"), str) else []
        return own + [d for value in node.values() for d in _descriptions(value)]
    if isinstance(node, list):
        return [d for value in node for d in _descriptions(value)]
    return []


@pytest.mark.parametrize("name", schemas.schema_names())
def test_descriptions_are_plain_text_for_editor_hovers(name: str) -> None:
    """No reStructuredText literals or roles, no docstring sections, no hard line wraps."""
    for text in _descriptions(schemas.load_schema(name)):
        assert "``" not in text, text
        assert not re.search(r":[a-z]+:`", text), text
        assert "Attributes:" not in text, text
        assert all("\n" not in p for p in text.split("\n\n")), text


def test_attributes_sections_become_property_descriptions() -> None:
    source = schemas.load_schema("catalog")["$defs"]["Source"]
    assert source["description"] == "Where an item comes from."
    assert source["properties"]["url"]["description"] == "Where the document can be read."
    row = schemas.load_schema("mapping-set")["$defs"]["MappingRow"]
    assert row["properties"]["confidence"]["description"] == "How sure the curator is, from 0 to 1."


def test_plain_docstring_splits_prose_and_attributes() -> None:
    from aigov.schemas._generate import plain_docstring

    doc = (
        "A ``thing`` for :func:`aigov.check`.\n\nSecond paragraph,\nwrapped.\n\n"
        "Attributes:\n    name: Its name,\n        on two lines.\n    size (int): How big.\n"
    )
    assert plain_docstring(doc) == (
        "A thing for aigov.check.\n\nSecond paragraph, wrapped.",
        {"name": "Its name, on two lines.", "size": "How big."},
    )


ACME = Path(__file__).resolve().parent.parent / "docs" / "examples" / "acme-pack.json"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"rationale": None, "source": None}, "a relation needs a source or a rationale"),
        ({"predicate": "part_of"}, "'part_of' is derived from the items"),
        ({"predicate": "has_item"}, "'has_item' is derived from the items"),
    ],
)
def test_schema_refuses_the_relations_the_loader_refuses(
    change: dict[str, Any], problem: str
) -> None:
    """The published schema is no looser than the loader where JSON Schema can say it."""
    from aigov.catalog import load_catalog
    from aigov.errors import AigovError

    pack = json.loads(ACME.read_text(encoding="utf-8"))
    relation = {k: v for k, v in {**pack["relations"][1], **change}.items() if v is not None}
    pack["relations"] = [relation]
    assert list(schemas.iter_errors(pack, "catalog"))
    with pytest.raises(AigovError, match=problem):
        load_catalog(pack)
    relation["predicate"] = "embodies"
    relation["rationale"] = "restored"
    assert list(schemas.iter_errors(pack, "catalog")) == []


def test_schema_offers_only_the_relation_kinds_that_may_be_stored() -> None:
    predicate = schemas.load_schema("catalog")["$defs"]["Relation"]["properties"]["predicate"]
    assert predicate["enum"] == ["addresses", "embodies", "implements", "corresponds_to"]


# -- the system-profile schema of given rule sets ---------------------------------------------

CUSTOM = (
    Path(__file__).resolve().parent.parent / "src" / "aigov" / "data" / "examples" / "custom-facts"
)


def _custom_schema() -> dict[str, Any]:
    return schemas.system_profile_schema(facts_for(CUSTOM / "custom-facts-rules.json").values())


def test_without_declared_facts_the_profile_schema_is_the_bundled_one() -> None:
    assert schemas.system_profile_schema() == schemas.load_schema("system-profile")
    assert schemas.system_profile_schema(fact_specs().values()) == schemas.load_schema(
        "system-profile"
    )


def test_declared_facts_become_typed_properties_where_they_live() -> None:
    schema = _custom_schema()
    assert "$id" not in schema
    assert "acme-custom-facts" in schema["description"]
    assert schema["properties"]["x-agentic-tool-use"]["type"] == ["boolean", "null"]
    assert schema["properties"]["x-agentic-tool-use"]["title"] == "Agentic tool use"
    hosting = schema["$defs"]["Deployment"]["properties"]["x-model-hosting"]
    assert hosting["enum"] == ["self-hosted", "vendor-api", None]
    assert "エージェント" in schema["properties"]["x-agentic-tool-use"]["description"]
    sources = schema["$defs"]["DataFacts"]["properties"]["x-retrieval-sources"]
    assert sources["items"] == {"enum": ["internal-documents", "customer-records", "public-web"]}
    assert dumps_canonical(schema) == dumps_canonical(_custom_schema())  # deterministic
    Draft202012Validator.check_schema(schema)


def _check_jsonschema(schema: Path, document: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(document)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_jsonschema_accepts_the_custom_facts_and_refuses_their_misuse(
    tmp_path: Path,
) -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    schema = tmp_path / "robot.schema.json"
    schema.write_text(dumps_canonical(_custom_schema()), encoding="utf-8")
    good = CUSTOM / "warehouse-robot.json"
    result = _check_jsonschema(schema, good)
    assert result.returncode == 0, result.stdout + result.stderr
    robot = json.loads(good.read_text(encoding="utf-8"))
    robot["deployment"]["x-model-hosting"] = "on-prem"
    robot["x-agentic-tool-use"] = "yes"
    bad = tmp_path / "bad-robot.json"
    bad.write_text(json.dumps(robot), encoding="utf-8")
    result = _check_jsonschema(schema, bad)
    assert result.returncode == 1
    assert "on-prem" in result.stdout
    assert "yes" in result.stdout
    # The bundled schema knows nothing of the declarations and accepts both.
    assert not list(schemas.iter_errors(robot, "system-profile"))
