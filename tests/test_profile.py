"""System profile v1: loading, unstated facts, extensions, errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aigov.catalog import builtin_catalog
from aigov.errors import AigovError, DocumentError, FileAccessError, ParseError, ValidationFailed
from aigov.profile import ACTORS, DOMAINS, SystemProfile, fact_specs, load_profile
from aigov.schemas import iter_errors

DATA = Path(__file__).parent / "data" / "resume-screener.json"
PROFILE: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
MINIMAL = {
    "profile_version": "1",
    "id": "tiny",
    "name": "Tiny",
    "domains": ["other"],
    "actors": ["developer"],
}


def test_the_issue_example_loads_from_path_dict_and_bytes() -> None:
    from_path = load_profile(DATA)
    assert from_path == load_profile(PROFILE) == load_profile(DATA.read_bytes())
    assert from_path.capabilities.decisions_about_people is True
    assert load_profile(from_path) is from_path


def test_fully_stated_profile_has_no_unstated_facts() -> None:
    assert load_profile(PROFILE).unstated_facts() == []


def test_omitted_facts_are_listed_as_unstated_in_schema_order() -> None:
    unstated = load_profile(MINIMAL).unstated_facts()
    assert unstated[:3] == ["/people/affected", "/data/personal", "/data/sensitive"]
    assert unstated[-1] == "/safety_critical"
    assert "/oversight" in unstated
    booleans_and_enums = [s for s in fact_specs().values() if s.kind in ("bool", "enum")]
    assert len(unstated) == len(booleans_and_enums)


def test_null_counts_as_unstated() -> None:
    doc = {**MINIMAL, "data": {"personal": None}}
    assert "/data/personal" in load_profile(doc).unstated_facts()


def test_typo_in_a_key_is_an_error_with_a_suggestion() -> None:
    doc = copy.deepcopy(PROFILE)
    doc["data"]["personel"] = doc["data"].pop("personal")
    with pytest.raises(ValidationFailed) as info:
        load_profile(doc, name="p.json")
    assert str(info.value) == (
        "p.json: invalid document: $.data: unknown key 'personel' (did you mean 'personal'?)"
    )


def test_strings_are_not_booleans() -> None:
    with pytest.raises(ValidationFailed, match=r"\$\.data\.personal"):
        load_profile({**MINIMAL, "data": {"personal": "yes"}})


def test_unknown_domain_and_actor_are_rejected_with_paths() -> None:
    with pytest.raises(ValidationFailed) as info:
        load_profile({**MINIMAL, "domains": ["hiring"], "actors": ["regulator"]})
    paths = sorted(i.path for i in info.value.issues)
    assert paths == ["$.actors[0]", "$.domains[0]"]


def test_extensions_are_kept_at_every_level_and_round_trip() -> None:
    doc = {**PROFILE, "x-owner": "hr", "people": {**PROFILE["people"], "x-count": 3}}
    profile = load_profile(doc)
    assert profile.extensions == {"x-owner": "hr"}
    assert profile.to_json_dict() == doc


def test_malformed_file_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"profile_version": "1",\n "id": }', encoding="utf-8")
    with pytest.raises(ParseError) as info:
        load_profile(path)
    assert (info.value.line, info.value.column) == (2, 8)
    with pytest.raises(FileAccessError):
        load_profile(tmp_path / "missing.json")


def test_fact_paths_cover_every_documented_fact() -> None:
    specs = fact_specs()
    assert specs["domains"].choices == DOMAINS
    assert specs["oversight"].kind == "enum"
    assert specs["people.vulnerable_groups"].kind == "list"
    assert (
        specs["capabilities.behavioural_influence"].pointer == "/capabilities/behavioural_influence"
    )
    assert sum(1 for s in specs.values() if s.kind == "bool") == 26


@given(
    st.dictionaries(
        st.sampled_from([*PROFILE, "x-a", "zzz"]),
        st.none() | st.booleans() | st.text(max_size=4) | st.lists(st.text(max_size=4), max_size=2),
    )
)
def test_arbitrary_input_raises_only_aigov_errors(doc: dict[str, Any]) -> None:
    try:
        assert isinstance(load_profile(doc), SystemProfile)
    except AigovError:
        pass


_REPEATED = (
    b'{"profile_version": "1", "id": "a", "name": "N", "domains": ["finance"], '
    b'"actors": ["developer"], "safety_critical": true, "safety_critical": false}'
)


def test_repeated_key_in_json_bytes_is_an_error_not_a_silent_choice() -> None:
    """Two values for one fact are refused, whichever way the profile arrives."""
    with pytest.raises(DocumentError, match="duplicate key 'safety_critical'"):
        load_profile(_REPEATED, name="batch.jsonl:3")


def test_repeated_key_in_a_profile_file_is_an_error(tmp_path: Path) -> None:
    """A file with a repeated key names the file and the key."""
    path = tmp_path / "dup.json"
    path.write_bytes(_REPEATED)
    with pytest.raises(DocumentError) as info:
        load_profile(path)
    assert str(info.value) == (
        f"{path}: invalid document: $: duplicate key 'safety_critical' in an object "
        "(keep one of them)"
    )


@pytest.mark.parametrize(
    ("key", "kept"),
    [("x-team", True), ("x-", True), ("ax-b", False), ("X-team", False)],
)
def test_only_keys_starting_with_x_dash_are_extensions(key: str, kept: bool) -> None:
    """A key is an extension exactly when it starts with 'x-'; any other unknown key is refused."""
    doc = {**MINIMAL, "people": {key: 1}}
    if kept:
        assert load_profile(doc).people.extensions == {key: 1}
    else:
        with pytest.raises(ValidationFailed, match="unknown key"):
            load_profile(doc)


_EXTENSION_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(st.text(min_size=1, max_size=6).map("x-".__add__), _EXTENSION_VALUES),
    st.sampled_from(["people", "data", "capabilities", None]),
)
def test_json_text_and_python_data_are_read_alike(
    extensions: dict[str, Any], where: str | None
) -> None:
    """A profile reads the same from its JSON text as from the parsed data, or both refuse it."""
    doc = copy.deepcopy(PROFILE)
    (doc if where is None else doc[where]).update(extensions)
    text = json.dumps(doc, ensure_ascii=False).encode()
    outcomes: list[SystemProfile | None] = []
    for source in (text, doc):
        try:
            outcomes.append(load_profile(source))
        except AigovError:
            outcomes.append(None)
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (float("nan"), "nan is not a JSON number"),
        (float("inf"), "inf is not a JSON number"),
        (10**30, "an integer of more than 20 digits"),
        ("bad \ud800", "lone surrogate"),
    ],
)
def test_python_data_meets_the_input_policy(value: Any, message: str) -> None:
    doc = copy.deepcopy(PROFILE)
    doc["people"]["x-team"] = value
    with pytest.raises(DocumentError) as info:
        load_profile(doc)
    assert message in str(info.value)
    assert "$.people.x-team" in str(info.value)


# -- open vocabulary: x- domains, every catalogue role -------------------------------------


def test_actors_are_exactly_the_unscoped_roles_of_the_catalogue() -> None:
    """Profiles name roles in the catalogue's own unscoped vocabulary, none more, none less."""
    unscoped = [r.id for r in builtin_catalog().roles if ":" not in r.id]
    assert list(ACTORS) == unscoped
    assert {"indirect-user", "third-party"} <= set(ACTORS)
    assert fact_specs()["actors"].choices == ACTORS


def test_domains_take_x_labels_beside_other() -> None:
    profile = load_profile({**MINIMAL, "domains": ["other", "x-logistics", "x-cold-chain"]})
    assert profile.domains == ("other", "x-logistics", "x-cold-chain")
    assert profile.to_json_dict()["domains"] == ["other", "x-logistics", "x-cold-chain"]
    assert fact_specs()["domains"].choices == DOMAINS  # rules still test the built-in ones


@pytest.mark.parametrize(
    ("domains", "issue"),
    [
        (["x-logistics"], "$.domains: an 'x-' label needs 'other' in the list too"),
        (
            ["other", "logistics"],
            "$.domains[1]: 'logistics' is not allowed (did you mean 'x-logistics'? labels of "
            "your own start with 'x-' and are lowercase)",
        ),
        (
            ["other", "x-Logistics"],
            "$.domains[1]: 'x-Logistics' is not allowed (did you mean 'x-logistics'? labels of "
            "your own start with 'x-' and are lowercase)",
        ),
        (
            ["other", "Big Thing"],
            "$.domains[1]: 'Big Thing' is not allowed (expected 'agriculture', "
            "'critical-infrastructure', 'education', 'elderly-care', 'employment', 'energy', "
            "'entertainment', 'finance', 'healthcare', 'insurance', 'justice', "
            "'law-enforcement', 'manufacturing', 'marketing', 'media', 'migration', "
            "'public-services', 'research', 'retail', 'security', 'telecommunications', "
            "'transport', 'other', or a label of your own: 'x-' and lowercase words joined "
            "by '-')",
        ),
        (["helthcare"], "$.domains[0]: 'helthcare' is not allowed (did you mean 'healthcare'?)"),
        (["other", "x-a", "x-a"], "$.domains: 'x-a' is listed twice; list each value once"),
    ],
    ids=["label-without-other", "bare-label", "upper-case", "no-label", "typo", "repeat"],
)
def test_bad_domains_are_clear_errors_at_their_path(domains: list[str], issue: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        load_profile({**MINIMAL, "domains": domains})
    assert [str(i) for i in info.value.issues] == [issue]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=12) | st.sampled_from([*DOMAINS, "x-logistics"]), max_size=4))
def test_the_schema_and_the_model_agree_on_domains(domains: list[str]) -> None:
    doc = {**MINIMAL, "domains": domains}
    try:
        load_profile(doc)
    except AigovError:
        schema_ok = not list(iter_errors(doc, "system-profile"))
        assert not schema_ok
        return
    assert not list(iter_errors(doc, "system-profile"))
