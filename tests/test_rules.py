"""Rule sets: loading, checking against the profile format and catalogue, compiling."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aigov.catalog import builtin_catalog
from aigov.errors import (
    AigovError,
    LimitError,
    ParseError,
    RuleError,
    UnknownIdError,
    ValidationFailed,
)
from aigov.profile import DOMAINS, DataFacts, fact_specs, load_profile
from aigov.rules import (
    BUILTIN_RULE_SETS,
    MAX_DEPTH,
    OPERATORS,
    CompiledRules,
    builtin_rules,
    compile_rules,
    facts_for,
    load_rule_set,
)
from aigov.schemas import iter_errors

PROFILE = load_profile(Path(__file__).parent / "data" / "resume-screener.json")


def rule(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "r1",
        "when": {"fact": "data.personal", "operator": "equal", "value": True},
        "triggers": ["jp-ai-util-2019:privacy"],
        "severity": "medium",
        "rationale": {"ja": "個人データを扱う。", "en": "Personal data is used."},
        "citation": {"document": "jp-ai-util-2019", "verification": "partial"},
    }
    base.update(over)
    return base


def rule_set(*rules: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "rule-set", "id": "test", "version": "1", "rules": list(rules)}


def compiled(*rules: dict[str, Any]) -> CompiledRules:
    return compile_rules(rule_set(*rules), builtin=False)


def fired_ids(rules: CompiledRules, profile: Any = PROFILE) -> list[str]:
    return [rules.rules[i].rule.id for i in rules.evaluate(profile)]


def test_builtin_rule_set_compiles_once_and_grounds_every_principle() -> None:
    rules = builtin_rules()
    assert builtin_rules() is rules
    targeted = {p for c in rules.rules for p in c.rule.triggers}
    guideline = {
        p.id
        for p in builtin_catalog().principles
        if p.framework in ("jp-ai-rd-2017", "jp-ai-util-2019")
    }
    assert guideline <= targeted
    for c in rules.rules:
        assert c.rule.rationale.ja and c.rule.rationale.en
        assert c.rule.citation.document


@pytest.mark.parametrize("rule_set_id", BUILTIN_RULE_SETS)
def test_builtin_rule_set_file_validates_against_its_schema(rule_set_id: str) -> None:
    from aigov.schemas import validate

    path = Path(__file__).resolve().parent.parent / f"src/aigov/data/rules/{rule_set_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert validate(data) == "rule-set"
    assert data["id"] == rule_set_id


def test_the_2024_rule_set_targets_every_2024_principle_but_fair_competition() -> None:
    """Fair competition is society-level and the profile states no fact that gives a
    reason for it (market position is not a profile fact), so no rule targets it."""
    rules = compile_rules(rule_sets=["jp-ai-business-2024"])
    targeted = {p for c in rules.rules for p in c.rule.triggers}
    in_2024 = {p.id for p in builtin_catalog().principles if p.framework == "jp-ai-business-2024"}
    assert targeted == in_2024 - {"jp-ai-business-2024:fair-competition"}
    assert all(c.rule_set == "jp-ai-business-2024" for c in rules.rules)


def test_rule_sets_are_selected_by_id_in_the_given_order() -> None:
    only_2019 = compile_rules(rule_sets=["builtin"])
    assert only_2019.version.startswith("builtin@")
    assert "+" not in only_2019.version
    both = compile_rules(rule_sets=["jp-ai-business-2024", "builtin"])
    assert both.version.split("+")[0].startswith("jp-ai-business-2024@")
    assert len(both.rules) == len(builtin_rules().rules)
    assert compile_rules(rule_sets=BUILTIN_RULE_SETS) is builtin_rules()
    assert compile_rules(rule_sets=["builtin", "builtin"]).version == only_2019.version


def test_unknown_rule_set_id_is_refused_with_a_suggestion() -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'jp-ai-business-2024'"):
        compile_rules(rule_sets=["jp-ai-business-2042"])


def test_no_rule_set_selected_and_none_given_is_an_error() -> None:
    with pytest.raises(RuleError, match="no rule set to check with"):
        compile_rules(rule_sets=[])


def test_actor_mapped_to_an_unknown_role_is_refused_with_its_path() -> None:
    doc = rule_set(rule())
    doc["actors"] = [{"actor": "developer", "roles": ["jp-ai-business-2024:ai-develper"]}]
    with pytest.raises(RuleError) as err:
        compile_rules(doc, builtin=False)
    assert err.value.issues[0].path == "$.actors[0].roles[0]"
    assert "did you mean 'jp-ai-business-2024:ai-developer'" in str(err.value)


def test_unstated_boolean_counts_as_false() -> None:
    bare = load_profile(
        {
            "profile_version": "1",
            "id": "b",
            "name": "b",
            "domains": ["other"],
            "actors": ["developer"],
        }
    )
    rules = compiled(
        rule(id="yes", when={"fact": "data.personal", "operator": "equal", "value": True}),
        rule(id="no", when={"fact": "data.personal", "operator": "equal", "value": False}),
        rule(id="auto", when={"fact": "oversight", "operator": "equal", "value": "autonomous"}),
        rule(
            id="notauto", when={"fact": "oversight", "operator": "notEqual", "value": "autonomous"}
        ),
    )
    assert fired_ids(rules, bare) == ["no", "notauto"]


def _error(doc: dict[str, Any]) -> RuleError:
    with pytest.raises(RuleError) as info:
        compile_rules(doc, builtin=False)
    return info.value


def test_unknown_fact_path_is_rejected_at_load_with_the_rule_id() -> None:
    err = _error(rule_set(rule(when={"fact": "data.personel", "operator": "equal", "value": True})))
    assert [str(i) for i in err.issues] == [
        "<rules test>: $.rules[0].when.fact: rule 'r1': unknown fact 'data.personel' "
        "(did you mean 'data.personal'?)"
    ]


def test_operator_must_fit_the_fact() -> None:
    err = _error(rule_set(rule(when={"fact": "domains", "operator": "equal", "value": "finance"})))
    assert "operator 'equal' does not apply to list fact 'domains'" in str(err)
    assert "(use one of containsAll, containsAny, containsNone, contains, doesNotContain)" in str(
        err
    ) or "use one of contains" in str(err)


def test_value_must_be_in_the_facts_vocabulary() -> None:
    err = _error(rule_set(rule(when={"fact": "domains", "operator": "contains", "value": "hr"})))
    assert "'hr' is not a value of 'domains'" in str(err)
    err = _error(
        rule_set(rule(when={"fact": "data.personal", "operator": "equal", "value": "yes"}))
    )
    assert "'yes' is not a value of 'data.personal'" in str(err)


def test_a_rule_may_test_a_domain_label_of_the_profiles_own() -> None:
    """``domains`` takes ``x-`` labels beside its vocabulary, in rules as in profiles."""
    for operator, value in (("contains", "x-logistics"), ("containsAny", ["x-a", "finance"])):
        compiled = compile_rules(
            rule_set(rule(when={"fact": "domains", "operator": operator, "value": value})),
            builtin=False,
        )
        assert [r.rule.id for r in compiled.rules] == ["r1"]


_ALL_DOMAINS = ", ".join(repr(d) for d in DOMAINS)


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("healthcar", "did you mean 'healthcare'?"),
        (
            "logistics",
            "did you mean 'x-logistics'? labels of your own start with 'x-' and are lowercase",
        ),
        (
            "x-Logistics",
            "did you mean 'x-logistics'? labels of your own start with 'x-' and are lowercase",
        ),
        (
            "Big Thing",
            f"expected {_ALL_DOMAINS}, or a label of your own: 'x-' and lowercase words joined by '-'",
        ),
    ],
)
def test_a_domain_that_is_neither_listed_nor_a_label_gets_the_profiles_hint(
    value: str, hint: str
) -> None:
    """A misspelt built-in domain keeps its did-you-mean; a label without 'x-' or with
    capitals is shown written right: the hint a profile gets for the same domain."""
    err = _error(rule_set(rule(when={"fact": "domains", "operator": "contains", "value": value})))
    assert [str(i) for i in err.issues] == [
        f"<rules test>: $.rules[0].when.value: rule 'r1': {value!r} is not a value of "
        f"'domains' ({hint})"
    ]
    with pytest.raises(ValidationFailed) as info:
        load_profile({**PROFILE.to_json_dict(), "domains": ["other", value]})
    assert [i.message for i in info.value.issues] == [f"{value!r} is not allowed ({hint})"]


def test_only_domains_take_labels_of_ones_own() -> None:
    """Other list facts keep a closed vocabulary, even where it has an 'other' value."""
    err = _error(
        rule_set(
            rule(
                when={"fact": "people.vulnerable_groups", "operator": "contains", "value": "x-kids"}
            )
        )
    )
    assert "'x-kids' is not a value of 'people.vulnerable_groups'" in str(err)
    assert "label of your own" not in str(err)


def test_list_operators_need_lists_and_scalar_operators_scalars() -> None:
    err = _error(
        rule_set(rule(when={"fact": "oversight", "operator": "in", "value": "autonomous"}))
    )
    assert "'in' needs a list of values" in str(err)


def test_unknown_principle_and_role_suggest_the_closest() -> None:
    err = _error(rule_set(rule(triggers=["jp-ai-util-2019:fairnes"], roles=["developr"])))
    text = str(err)
    assert (
        "$.rules[0].triggers[0]: rule 'r1': unknown principle 'jp-ai-util-2019:fairnes' "
        "(did you mean 'jp-ai-util-2019:fairness'?)" in text
    )
    assert "unknown role 'developr' (did you mean 'developer'?)" in text


def test_repeated_rule_ids_are_rejected() -> None:
    err = _error(rule_set(rule(), rule()))
    assert "rule id 'r1' repeats" in str(err)


def test_rule_ids_repeating_the_builtin_set_are_rejected() -> None:
    first = builtin_rules().rules[0].rule.id
    with pytest.raises(RuleError, match=f"rule id '{first}' repeats"):
        compile_rules(rule_set(rule(id=first)))


def test_structural_errors_name_the_rule() -> None:
    bad = rule(severity="urgent")
    del bad["rationale"]
    err = _error(rule_set(bad))
    messages = sorted(str(i) for i in err.issues)
    assert any("$.rules[0]: rule 'r1': required key 'rationale' is missing" in m for m in messages)
    assert any("$.rules[0].severity: rule 'r1': 'urgent' is not allowed" in m for m in messages)


def test_condition_without_a_known_key_is_explained() -> None:
    err = _error(rule_set(rule(when={"facts": "data.personal"})))
    assert "a condition needs one of the keys 'fact', 'all', 'any' or 'not'" in str(err)


def test_deep_nesting_is_refused_before_parsing_into_models() -> None:
    when: dict[str, Any] = {"fact": "data.personal", "operator": "equal", "value": True}
    for _ in range(MAX_DEPTH + 5):
        when = {"not": when}
    with pytest.raises(LimitError, match=f"nest deeper than {MAX_DEPTH} levels"):
        compile_rules(rule_set(rule(when=when)), builtin=False)


def test_nesting_up_to_the_limit_compiles() -> None:
    when: dict[str, Any] = {"fact": "data.personal", "operator": "equal", "value": True}
    for _ in range(MAX_DEPTH - 1):
        when = {"not": {"not": when}} if False else {"all": [when]}
    assert fired_ids(compiled(rule(when=when))) == ["r1"]


def test_rule_files_report_parse_errors_with_position(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text('{"kind": "rule-set",\n "rules": [}', encoding="utf-8")
    with pytest.raises(ParseError) as info:
        load_rule_set(path)
    assert info.value.line == 2


def test_user_rules_add_to_or_replace_the_builtin_set(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(rule_set(rule(id="mine"))), encoding="utf-8")
    added = compile_rules(path)
    assert len(added.rules) == len(builtin_rules().rules) + 1
    assert added.version == f"{builtin_rules().version}+test@1"
    alone = compile_rules(path, builtin=False)
    assert [c.rule.id for c in alone.rules] == ["mine"]
    assert alone.content_hash.startswith("sha256:")


# -- hostile input: nothing from the rule file reaches the generated source ------------------

_hostile = st.one_of(
    st.text(alphabet=st.sampled_from(list("'\"\\\n)(;#{}:.a_\u2028")), max_size=40),
    st.sampled_from(["__import__('os')", "os.system('x')", "data.personal", "x'); import os; ('"]),
)


@settings(max_examples=200, deadline=None)
@given(fact=_hostile, value=_hostile, rid=_hostile, principle=_hostile)
def test_hostile_strings_never_compile_and_only_aigov_errors_escape(
    fact: str, value: str, rid: str, principle: str
) -> None:
    doc = rule_set(
        rule(
            id=rid,
            triggers=[principle],
            when={"fact": fact, "operator": "contains", "value": value},
        )
    )
    try:
        rules = compile_rules(doc, builtin=False)
    except AigovError:
        return
    # Whatever got through is plain data that evaluates like any rule.
    assert fired_ids(rules) in ([], [rid])


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda kids: (
            st.lists(kids, max_size=3)
            | st.dictionaries(
                st.sampled_from(["fact", "operator", "value", "all", "any", "not", "x"]),
                kids,
                max_size=3,
            )
        ),
        max_leaves=15,
    )
)
def test_arbitrary_conditions_raise_only_aigov_errors(when: Any) -> None:
    try:
        compile_rules(rule_set(rule(when=when)), builtin=False)
    except AigovError:
        pass


def test_copying_rules_does_not_share_state() -> None:
    doc = rule_set(rule())
    first = compile_rules(copy.deepcopy(doc), builtin=False)
    second = compile_rules(doc, builtin=False)
    assert first.content_hash == second.content_hash
    assert fired_ids(first) == fired_ids(second)


# -- custom facts ------------------------------------------------------------------------


def declaring(*facts: dict[str, Any], rules: tuple[dict[str, Any], ...] = ()) -> dict[str, Any]:
    """A format 1.1 rule set that declares ``facts``."""
    return {**rule_set(*rules), "format_version": "1.1", "facts": list(facts)}


def fact(name: str, kind: str = "bool", values: tuple[str, ...] = ()) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "fact": name,
        "kind": kind,
        "description": {"ja": "説明", "en": "What it means."},
    }
    if values:
        doc["values"] = list(values)
    return doc


HOSTING = fact("deployment.x-hosting", "enum", ("self-hosted", "vendor-api"))


def test_a_rule_on_an_undeclared_x_fact_is_told_to_declare_it() -> None:
    err = _error(rule_set(rule(when={"fact": "x-agentic", "operator": "equal", "value": True})))
    assert [str(i) for i in err.issues] == [
        "<rules test>: $.rules[0].when.fact: rule 'r1': custom fact 'x-agentic' is not "
        "declared (declare it in the rule set's 'facts' ($.facts, format_version '1.1') "
        "with its kind and values)"
    ]


def test_a_misspelt_custom_fact_suggests_the_declared_one() -> None:
    doc = declaring(
        HOSTING,
        rules=(
            rule(when={"fact": "deployment.x-hostng", "operator": "equal", "value": "self-hosted"}),
        ),
    )
    assert "(did you mean 'deployment.x-hosting'?)" in str(_error(doc))


def test_declared_facts_get_the_built_in_checks_of_operator_and_value() -> None:
    doc = declaring(
        HOSTING,
        fact("x-sources", "list", ("internal-documents", "public-web")),
        rules=(
            rule(
                id="a",
                when={
                    "fact": "deployment.x-hosting",
                    "operator": "contains",
                    "value": "self-hosted",
                },
            ),
            rule(
                id="b",
                when={"fact": "deployment.x-hosting", "operator": "equal", "value": "on-prem"},
            ),
            rule(
                id="c", when={"fact": "x-sources", "operator": "contains", "value": ["public-web"]}
            ),
        ),
    )
    messages = [i.message for i in _error(doc).issues]
    assert messages == [
        "rule 'a': operator 'contains' does not apply to enum fact 'deployment.x-hosting'",
        "rule 'b': 'on-prem' is not a value of 'deployment.x-hosting'",
        "rule 'c': 'contains' needs a single value",
    ]


def test_declarations_in_format_1_are_refused() -> None:
    doc = {**declaring(HOSTING), "format_version": "1"}
    assert "'facts' needs format_version '1.1'" in str(_error(doc))


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        (fact("hosting"), "does not match the pattern"),
        (fact("eu_ai_act.x-market"), "does not match the pattern"),
        (fact("x-kind", "enum"), "a enum fact needs its allowed 'values'"),
        (fact("x-flag", "bool", ("yes",)), "a bool fact takes no 'values'"),
        (fact("x-list", "list", ("a", "a")), "'a' is listed twice in 'values'"),
        ({**fact("x-flag"), "kind": "number"}, "$.facts[0].kind"),
        ({**fact("x-flag"), "description": {"en": "only English"}}, "required key 'ja' is missing"),
    ],
    ids=["not-x", "eu-block", "enum-no-values", "bool-values", "repeated-value", "kind", "ja"],
)
def test_bad_declarations_are_refused_with_their_path(
    declared: dict[str, Any], message: str
) -> None:
    err = _error(declaring(declared))
    assert message in str(err)
    assert all(i.path.startswith("$.facts[0]") for i in err.issues)


def test_a_fact_declared_twice_in_one_rule_set_is_refused() -> None:
    err = _error(declaring(HOSTING, HOSTING))
    assert "fact 'deployment.x-hosting' is declared twice" in str(err)


def test_rule_sets_may_share_a_declaration_but_not_conflict() -> None:
    other = {**declaring(HOSTING), "id": "other"}
    rules = compile_rules(declaring(HOSTING), other, builtin=False)
    assert [s.path for s in rules.declared] == ["deployment.x-hosting"]
    assert rules.declared[0].declared_by == "test"
    clash = {**declaring(fact("deployment.x-hosting", "enum", ("self-hosted",))), "id": "other"}
    with pytest.raises(RuleError) as info:
        compile_rules(declaring(HOSTING), clash, builtin=False)
    assert [str(i) for i in info.value.issues] == [
        "<rules other>: $.facts[0]: fact 'deployment.x-hosting' is declared here as enum of "
        "'self-hosted', but as enum of 'self-hosted', 'vendor-api' at <rules test>: $.facts[0] "
        "(declare it the same way in every rule set, or rename one of them)"
    ]


def test_facts_for_lists_built_in_then_declared_facts_with_their_words() -> None:
    doc = declaring({**HOSTING, "label": {"ja": "運用形態", "en": "Hosting"}})
    facts = facts_for(doc)
    assert list(facts)[: len(fact_specs())] == list(fact_specs())
    assert list(facts)[len(fact_specs()) :] == ["deployment.x-hosting"]
    spec = facts["deployment.x-hosting"]
    assert (spec.kind, spec.choices, spec.pointer) == (
        "enum",
        ("self-hosted", "vendor-api"),
        "/deployment/x-hosting",
    )
    assert dict(spec.description) == {"ja": "説明", "en": "What it means."}
    assert dict(spec.label) == {"ja": "運用形態", "en": "Hosting"}
    assert (
        facts["data.personal"].description["en"] == DataFacts.model_fields["personal"].description
    )
    rules = compile_rules(doc)
    assert facts_for(rules) == rules.facts


_NAMES = st.from_regex(r"\A(?:(?:data|deployment|people)\.)?x-[a-z0-9]{1,6}\Z")


@settings(max_examples=100, deadline=None)
@given(
    name=_NAMES,
    kind=st.sampled_from(["bool", "enum", "list", "text"]),
    values=st.lists(st.text(max_size=6), max_size=4),
    operator=st.sampled_from(sorted(OPERATORS)),
    value=st.one_of(st.booleans(), st.text(max_size=6), st.lists(st.text(max_size=6), max_size=3)),
)
def test_any_declaration_and_rule_on_it_compiles_or_raises_an_aigov_error(
    name: str, kind: str, values: list[str], operator: str, value: Any
) -> None:
    doc = declaring(
        {**fact(name, kind), "values": values},
        rules=(rule(when={"fact": name, "operator": operator, "value": value}),),
    )
    try:
        rules = compile_rules(doc, builtin=False)
    except AigovError:
        return
    assert rules.facts[name].kind == kind in OPERATORS[operator]


@pytest.mark.parametrize("version", ["1", None])
def test_the_rule_set_schema_also_refuses_declarations_in_format_1(version: str | None) -> None:
    doc = declaring(HOSTING)
    if version is None:
        del doc["format_version"]  # the default is 1
    else:
        doc["format_version"] = version
    assert [i.path for i in iter_errors(doc, "rule-set")] == ["$.facts"]
    assert not list(iter_errors(declaring(HOSTING), "rule-set"))
