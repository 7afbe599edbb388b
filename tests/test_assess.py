"""check() and explain(): semantics, properties, traceability, CLI."""

from __future__ import annotations

import copy
import gc
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aigov.assess import Assessment, check, explain
from aigov.catalog import builtin_catalog
from aigov.errors import DocumentError, RuleError, UnknownIdError, UsageError, ValidationFailed
from aigov.profile import ACTORS, DOMAINS, fact_specs
from aigov.rules import CompiledRules, builtin_rules, compile_rules
from aigov.schemas import validate
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src/aigov/data/examples/profiles"
RESUME = EXAMPLES / "resume-screener.json"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


# -- the assessment -----------------------------------------------------------------------


def test_assessment_json_validates_against_its_schema() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        doc = json.loads(check(path).to_json())
        assert validate(doc) == "assessment"
        assert Assessment.model_validate(doc).to_json() == check(path).to_json()


def test_assessment_carries_versions_and_content_hashes() -> None:
    a = check(RESUME)
    assert a.versions.catalog.startswith("jp-guidelines@")
    assert a.versions.rules.startswith("builtin@")
    assert a.versions.catalog_hash.startswith("sha256:")
    assert a.versions.rules_hash.startswith("sha256:")
    assert a.profile.id == "resume-screener"


def test_principles_are_only_triggered_for_actors_they_address() -> None:
    a = check(RESUME)  # actors: developer, business-user
    taken = {
        "developer",
        "business-user",
        "jp-ai-business-2024:ai-developer",
        "jp-ai-business-2024:ai-business-user",
    }
    for t in a.triggered:
        assert set(t.roles) <= taken
        if t.framework == "jp-ai-rd-2017":
            assert t.roles == ("developer",)
        if t.framework == "jp-ai-business-2024":
            assert set(t.roles) <= {r for r in taken if r.startswith("jp-ai-business-2024:")}


def test_profile_actors_take_the_2024_roles() -> None:
    """developer, ai-service-provider and business-user take the 2024 guidelines' three
    actor roles; consumer users and data providers take none (they are not addressees)."""
    rules = builtin_rules()
    assert rules.roles_of_actors(["developer", "ai-service-provider", "business-user"]) == (
        "developer",
        "jp-ai-business-2024:ai-developer",
        "ai-service-provider",
        "jp-ai-business-2024:ai-provider",
        "business-user",
        "jp-ai-business-2024:ai-business-user",
    )
    assert rules.roles_of_actors(["consumer-user", "data-provider"]) == (
        "consumer-user",
        "data-provider",
    )
    rules_2019 = compile_rules(rule_sets=["builtin"])
    assert rules_2019.roles_of_actors(["developer"]) == ("developer",)


def test_role_filter_keeps_only_that_role() -> None:
    """An actor selects itself and the roles it takes under the 2024 rules; nothing else."""
    both = ("business-user", "jp-ai-business-2024:ai-business-user")
    a = check(RESUME, roles=["business-user"])
    assert a.triggered
    assert all(t.roles and set(t.roles) <= set(both) for t in a.triggered)
    assert a.roles == both
    assert {r for t in a.triggered for r in t.roles} == set(both)
    with pytest.raises(UnknownIdError, match="did you mean 'developer'"):
        check(RESUME, roles=["developr"])


def test_a_role_of_the_2024_rules_selects_only_itself() -> None:
    """A rule set's own role id is not widened: only the 2024 AI business user."""
    a = check(RESUME, roles=["jp-ai-business-2024:ai-business-user"])
    assert a.roles == ("jp-ai-business-2024:ai-business-user",)
    assert {r for t in a.triggered for r in t.roles} == {"jp-ai-business-2024:ai-business-user"}
    # ... while the actor's id shows the 2024 principles of the role it takes there.
    assert check(RESUME, roles=["business-user"]).trigger("jp-ai-business-2024:privacy")


def test_reasons_name_rule_rationale_citation_and_facts() -> None:
    privacy = check(RESUME).trigger("jp-ai-util-2019:privacy")
    assert privacy is not None
    reason = privacy.reasons[0]
    assert reason.rule.startswith("util.privacy.")
    assert reason.rationale.ja and reason.rationale.en
    assert {"path": "/data/personal", "value": True, "stated": True} in [
        f.model_dump() for r in privacy.reasons for f in r.facts
    ]


def test_values_are_reached_through_the_triggered_principles() -> None:
    a = check(RESUME)
    by_value = {v.value: v.principles for v in a.values}
    assert "jp-ai-util-2019:privacy" in by_value["jp-values-2022:privacy"]


def test_unstated_facts_are_listed_and_count_as_false() -> None:
    minimal = {
        "profile_version": "1",
        "id": "m",
        "name": "M",
        "domains": ["other"],
        "actors": ["developer"],
    }
    a = check(minimal)
    assert "/data/personal" in a.unstated_facts
    assert a.trigger("jp-ai-rd-2017:privacy") is None
    baseline = a.trigger("jp-ai-rd-2017:accountability")
    assert baseline is not None
    assert baseline.baseline


def test_check_accepts_dict_path_bytes_and_model_alike() -> None:
    doc = load("resume-screener")
    expected = check(RESUME).to_json()
    assert check(doc).to_json() == expected
    assert check(RESUME.read_bytes()).to_json() == expected
    assert check(str(RESUME)).to_json() == expected


def test_same_input_gives_byte_identical_output() -> None:
    assert check(RESUME).to_json() == check(RESUME).to_json()


def test_invalid_profile_raises_with_paths() -> None:
    doc = load("resume-screener")
    doc["capabilities"]["profilng"] = True
    with pytest.raises(ValidationFailed, match=r"\$\.capabilities: unknown key 'profilng'"):
        check(doc)


_EMPLOYMENT_RULES = {
    "kind": "rule-set",
    "id": "mine",
    "version": "1",
    "rules": [
        {
            "id": "only",
            "when": {"fact": "domains", "operator": "contains", "value": "employment"},
            "triggers": ["jp-ai-rd-2017:ethics"],
            "severity": "high",
            "rationale": {"ja": "雇用。", "en": "Employment."},
            "citation": {"document": "jp-ai-rd-2017", "verification": "partial"},
        }
    ],
}


def test_rules_given_to_check_are_added_to_the_builtin_set() -> None:
    """check(rules=...) adds to the built-in rules, as `aigov check --rules` does."""
    a = check(RESUME, rules=_EMPLOYMENT_RULES)
    builtin = check(RESUME)
    assert a.versions.rules == builtin.versions.rules + "+mine@1"
    ethics = a.trigger("jp-ai-rd-2017:ethics")
    assert ethics is not None
    assert "only" in [r.rule for r in ethics.reasons]
    # Everything the built-in rules trigger is still there (the resume screener's fairness too).
    assert {t.principle for t in builtin.triggered} <= {t.principle for t in a.triggered}
    assert a.trigger("jp-ai-util-2019:fairness") is not None


def test_builtin_rules_false_replaces_the_builtin_set() -> None:
    """Replacing is explicit: builtin_rules=False, like `--no-builtin-rules`."""
    a = check(RESUME, rules=_EMPLOYMENT_RULES, builtin_rules=False)
    assert [t.principle for t in a.triggered] == ["jp-ai-rd-2017:ethics"]
    assert a.versions.rules == "mine@1"


def test_cli_spells_replacing_the_same_way(tmp_path: Path) -> None:
    """`--rules FILE` adds, `--no-builtin-rules` replaces, the same results as check()."""
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(_EMPLOYMENT_RULES), encoding="utf-8")
    for extra, builtin in (((), True), (("--no-builtin-rules",), False)):
        result = run_cli("check", RESUME, "--rules", path, *extra, "--format", "json")
        expected = check(RESUME, rules=path, builtin_rules=builtin)
        assert result.json() == json.loads(expected.to_json())


def test_builtin_rules_false_without_rules_is_refused() -> None:
    with pytest.raises(RuleError, match="no rule set to check with"):
        check(RESUME, builtin_rules=False)


# -- properties ------------------------------------------------------------------------------

_BOOL_FACTS = [s for s in fact_specs().values() if s.kind == "bool"]


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "profile_version": "1",
        "id": "p",
        "name": "P",
        "domains": draw(st.lists(st.sampled_from(DOMAINS), min_size=1, max_size=3, unique=True)),
        "actors": draw(st.lists(st.sampled_from(ACTORS), min_size=1, max_size=5, unique=True)),
    }
    for spec in _BOOL_FACTS:
        value = draw(st.sampled_from([None, True, False]))
        if value is None:
            continue
        target = doc
        for attr in spec.attrs[:-1]:
            target = target.setdefault(attr, {})
        target[spec.attrs[-1]] = value
    oversight = draw(
        st.sampled_from([None, "human-in-the-loop", "human-on-the-loop", "autonomous"])
    )
    if oversight:
        doc["oversight"] = oversight
    return doc


def _set(doc: dict[str, Any], attrs: tuple[str, ...], value: object) -> dict[str, Any]:
    new = copy.deepcopy(doc)
    target = new
    for attr in attrs[:-1]:
        target = target.setdefault(attr, {})
    target[attrs[-1]] = value
    return new


@settings(max_examples=150, deadline=None)
@given(profiles(), st.sampled_from(_BOOL_FACTS), st.booleans())
def test_changing_a_fact_never_removes_a_principle_that_rests_on_other_facts(
    doc: dict[str, Any], spec: Any, value: bool
) -> None:
    before = check(doc)
    after = check(_set(doc, spec.attrs, value))
    for trig in before.triggered:
        independent = [r for r in trig.reasons if spec.pointer not in {f.path for f in r.facts}]
        if independent:
            again = after.trigger(trig.principle)
            assert again is not None, (trig.principle, spec.path)


@settings(max_examples=100, deadline=None)
@given(profiles(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_key_order(doc: dict[str, Any], rnd: random.Random) -> None:
    def shuffle(value: Any) -> Any:
        if isinstance(value, dict):
            items = list(value.items())
            rnd.shuffle(items)
            return {k: shuffle(v) for k, v in items}
        return value

    assert check(shuffle(doc)).to_json() == check(doc).to_json()


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_every_reason_points_at_facts_of_the_profile(doc: dict[str, Any]) -> None:
    pointers = {s.pointer for s in fact_specs().values()}
    a = check(doc)
    for trig in a.triggered:
        assert trig.roles
        assert set(trig.roles) <= set(builtin_rules().roles_of_actors(doc["actors"]))
        for reason in trig.reasons:
            for fact in reason.facts:
                assert fact.path in pointers
                assert fact.stated == (fact.path not in a.unstated_facts)


@settings(max_examples=50, deadline=None)
@given(profiles())
def test_compact_json_equals_the_sorted_dump(doc: dict[str, Any]) -> None:
    a = check(doc)
    dumped = a.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert json.loads(a.to_json(compact=True)) == dumped
    assert a.to_json(compact=True) == json.dumps(
        dumped, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(profiles(), min_size=2, max_size=6))
def test_cached_reasons_equal_freshly_built_ones(docs: list[dict[str, Any]]) -> None:
    """Reasons reused from other profiles equal those of a newly compiled rule set."""
    warm = [check(doc).to_json() for doc in docs]
    for doc, expected in zip(docs, warm, strict=True):
        fresh = CompiledRules(builtin_rules().sets, builtin_catalog())
        assert check(doc, fresh).to_json() == expected


# -- explain ------------------------------------------------------------------------------


def test_explain_a_principle_that_was_not_triggered() -> None:
    e = explain(EXAMPLES / "factory-defect-detector.json", "jp-ai-util-2019:privacy")
    assert not e.triggered
    assert e.rules
    assert all(not r.fired for r in e.rules)
    failed = [c for r in e.rules for c in r.conditions if not c.held]
    assert any(c.fact == "data.personal" and c.actual is False for c in failed)


def test_explain_a_triggered_principle_names_the_held_conditions() -> None:
    e = explain(RESUME, "jp-ai-util-2019:fairness")
    assert e.triggered
    assert e.roles == ("business-user",)
    fired = [r for r in e.rules if r.fired]
    assert fired
    assert all(any(c.held for c in r.conditions) or not r.conditions for r in fired)


def test_explain_when_no_addressed_role_is_an_actor() -> None:
    e = explain(RESUME, "jp-ai-util-2019:data-quality")
    if not e.triggered:
        assert "none of which is among the profile's actors" in e.summary or e.rules


def test_explain_from_an_assessment_needs_the_profile() -> None:
    a = check(RESUME)
    with pytest.raises(UsageError):
        explain(a, "jp-ai-util-2019:privacy")
    assert explain(a, "jp-ai-util-2019:privacy", profile=RESUME).triggered


def test_explain_unknown_principle_suggests() -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'jp-ai-util-2019:privacy'"):
        explain(RESUME, "jp-ai-util-2019:privcy")


# -- CLI ------------------------------------------------------------------------------------


def test_cli_check_table_groups_by_role() -> None:
    code, out, _ = run_cli("check", RESUME)
    assert code == 0
    assert "[developer]" in out
    assert "[business-user]" in out
    assert out.startswith("resume-screener — Resume screening assistant")


def test_cli_check_json_is_an_assessment_document() -> None:
    code, out, _ = run_cli("check", RESUME, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert validate(doc) == "assessment"
    assert {"triggered", "unstated_facts", "versions"} <= set(doc)
    first = doc["triggered"][0]
    assert {"principle", "roles", "severity", "reasons"} <= set(first)
    assert {"rule", "facts"} <= set(first["reasons"][0])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_cli_check_markdown_is_a_report(lang: str) -> None:
    code, out, _ = run_cli("check", RESUME, "--format", "markdown", "--lang", lang)
    assert code == 0
    assert out.startswith("# ")
    assert ("該当する原則" if lang == "ja" else "Triggered principles") in out


def test_cli_check_many_profiles_reports_bad_ones_and_continues(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"profile_version": "1"}', encoding="utf-8")
    lines = tmp_path / "batch.jsonl"
    good = json.dumps(load("customer-chatbot"))
    lines.write_text(f"{good}\n\n{{oops\n{good}\n", encoding="utf-8")
    code, out, err = run_cli("check", RESUME, bad, lines, "--format", "json")
    assert code == 3
    assert len(out.splitlines()) == 3  # resume + two good JSONL lines
    assert all(json.loads(line)["kind"] == "assessment" for line in out.splitlines())
    assert f"{bad}: invalid document" in err
    assert f"{lines}:3: invalid document: line 1, column 2" in err


def test_cli_batch_leaves_the_garbage_collector_alone(tmp_path: Path) -> None:
    """A batch run changes no interpreter-global state: the collector stays as it was."""
    good = json.dumps(load("customer-chatbot"))
    lines = tmp_path / "batch.jsonl"
    lines.write_text("\n".join([good, "{oops", good]) + "\n")
    code, out, err = run_cli("check", lines, "--format", "json")
    assert code == 3
    assert len(out.splitlines()) == 2
    assert err.count("invalid document") == 1
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_cli_check_missing_file_is_exit_2() -> None:
    code, _, err = run_cli("check", "nope.json")
    assert code == 2
    assert "nope.json: no such file" in err


def test_cli_check_with_extra_and_replacing_rules(tmp_path: Path) -> None:
    rules = {
        "kind": "rule-set",
        "id": "mine",
        "version": "1",
        "rules": [
            {
                "id": "mine.only",
                "when": {"all": []},
                "triggers": ["jp-ai-rd-2017:ethics"],
                "severity": "low",
                "rationale": {"ja": "常に。", "en": "Always."},
                "citation": {"document": "jp-ai-rd-2017", "verification": "partial"},
            }
        ],
    }
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(rules), encoding="utf-8")
    code, out, _ = run_cli(
        "check", RESUME, "--rules", path, "--no-builtin-rules", "--format", "json"
    )
    assert code == 0
    assert [t["principle"] for t in json.loads(out)["triggered"]] == ["jp-ai-rd-2017:ethics"]
    code, _, err = run_cli("check", RESUME, "--no-builtin-rules")
    assert code == 2
    assert "--no-builtin-rules needs" in err


def test_cli_invalid_rule_set_is_exit_3_with_rule_id(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(
        json.dumps(
            {
                "kind": "rule-set",
                "id": "x",
                "version": "1",
                "rules": [
                    {
                        "id": "bad",
                        "when": {"fact": "data.personel", "operator": "equal", "value": True},
                        "triggers": ["jp-ai-rd-2017:ethics"],
                        "severity": "low",
                        "rationale": {"ja": "a", "en": "a"},
                        "citation": {"document": "d", "verification": "partial"},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    code, _, err = run_cli("check", RESUME, "--rules", path)
    assert code == 3
    assert "rule 'bad': unknown fact 'data.personel' (did you mean 'data.personal'?)" in err


def test_cli_explain_text_and_json() -> None:
    code, out, _ = run_cli(
        "explain", EXAMPLES / "factory-defect-detector.json", "jp-ai-util-2019:privacy"
    )
    assert code == 0
    assert out.startswith("jp-ai-util-2019:privacy: not triggered")
    code, out, _ = run_cli("explain", RESUME, "jp-ai-util-2019:privacy", "--format", "json")
    assert json.loads(out)["triggered"] is True


def test_compiled_rules_can_be_reused_across_checks() -> None:
    rules = compile_rules()
    assert check(RESUME, rules=rules).to_json() == check(RESUME).to_json()


def test_cli_check_refuses_an_overlong_jsonl_line_and_goes_on(tmp_path: Path) -> None:
    from aigov.cli import MAX_LINE_BYTES

    good = json.dumps(load("resume-screener"))
    path = tmp_path / "batch.jsonl"
    path.write_text(f'{good}\n{{"x": "{"a" * (MAX_LINE_BYTES + 10)}"}}\n{good}\n', encoding="utf-8")
    code, out, err = run_cli("check", path, "--format", "json")
    assert code == 3
    assert len(out.splitlines()) == 2
    assert f"{path}:2: invalid document: $: line longer than {MAX_LINE_BYTES} bytes" in err


# -- the 2024 rules keep the 2019 semantics ------------------------------------------------

_BUSINESS_ACTORS = {"ai-service-provider", "business-user"}


def _facts(doc: dict[str, Any]) -> dict[str, object]:
    """Every stated fact of a generated profile by its dotted name."""
    out: dict[str, object] = {}
    for key, value in doc.items():
        if isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_2024_topic_principles_fire_where_the_2019_ones_do(doc: dict[str, Any]) -> None:
    """With a provider or business user among the actors, 2024 privacy, fairness and
    safety are triggered exactly when their 2019 namesakes are."""
    if not _BUSINESS_ACTORS & set(doc["actors"]):
        return
    got = {t.principle for t in check(doc).triggered}
    for topic in ("privacy", "fairness", "safety"):
        assert (f"jp-ai-util-2019:{topic}" in got) == (f"jp-ai-business-2024:{topic}" in got)


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_2024_topic_principles_need_their_facts(doc: dict[str, Any]) -> None:
    """Privacy needs data about people or people observed or inferred about; fairness
    needs outputs about people; safety needs actuation or a safety-critical system."""
    fact = _facts(doc)

    def stated(*names: str) -> bool:
        return any(fact.get(name) is True for name in names)

    got = {t.principle for t in check(doc).triggered}
    if "jp-ai-business-2024:privacy" in got:
        assert stated(
            "data.personal",
            "data.sensitive",
            "data.biometric",
            "capabilities.biometric_identification",
            "capabilities.profiling",
            "capabilities.emotion_recognition",
        ) or (stated("deployment.public_space") and stated("people.affected"))
    if "jp-ai-business-2024:fairness" in got:
        assert stated(
            "capabilities.decisions_about_people",
            "capabilities.profiling",
            "capabilities.biometric_identification",
            "capabilities.emotion_recognition",
        ) or (stated("capabilities.recommendation") and stated("people.affected"))
    if "jp-ai-business-2024:safety" in got:
        assert stated("capabilities.physical_actuation", "safety_critical")
    assert "jp-ai-business-2024:fair-competition" not in got


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_consumers_and_data_providers_get_no_2024_principle(doc: dict[str, Any]) -> None:
    """The 2024 guidelines address businesses: profiles whose only actors are consumer
    users or data providers get none of their principles."""
    doc = {**doc, "actors": [a for a in doc["actors"] if a in ("consumer-user", "data-provider")]}
    if not doc["actors"]:
        return
    assert all(t.framework != "jp-ai-business-2024" for t in check(doc).triggered)


# -- custom facts and the profile's open vocabulary ---------------------------------------

CUSTOM = (
    Path(__file__).resolve().parent.parent / "src" / "aigov" / "data" / "examples" / "custom-facts"
)
ROBOT = json.loads((CUSTOM / "warehouse-robot.json").read_text(encoding="utf-8"))
COMPANY = compile_rules(CUSTOM / "custom-facts-rules.json")


def _without(doc: dict[str, Any], *attrs: str) -> dict[str, Any]:
    new = copy.deepcopy(doc)
    target = new
    for attr in attrs[:-1]:
        target = target[attr]
    del target[attrs[-1]]
    return new


def test_a_rule_on_a_declared_fact_triggers_with_the_facts_path_in_its_reason() -> None:
    assessment = check(ROBOT, COMPANY)
    trigger = assessment.trigger("jp-ai-rd-2017:controllability")
    assert trigger is not None
    reason = next(r for r in trigger.reasons if r.rule == "acme.agentic.controllability")
    assert reason.rule_set == "acme-custom-facts"
    assert [(f.path, f.value, f.stated) for f in reason.facts] == [
        ("/x-agentic-tool-use", True, True)
    ]
    security = assessment.trigger("jp-ai-util-2019:security")
    assert security is not None
    retrieval = next(r for r in security.reasons if r.rule == "acme.retrieval.confidentiality")
    assert [(f.path, f.value) for f in retrieval.facts] == [
        ("/data/x-retrieval-sources", ["internal-documents"])
    ]
    validate(json.loads(assessment.to_json()), "assessment")


def test_a_rule_on_a_domain_label_of_ones_own_triggers_and_is_explained() -> None:
    """The example's logistics rule reads the profile's 'x-logistics' domain."""
    assessment = check(ROBOT, COMPANY)
    safety = assessment.trigger("jp-ai-util-2019:safety")
    assert safety is not None
    reason = next(r for r in safety.reasons if r.rule == "acme.logistics.robots-among-people")
    assert [(f.path, f.value) for f in reason.facts] == [
        ("/capabilities/physical_actuation", True),
        ("/domains", ["other", "x-logistics"]),
    ]
    explained = explain(ROBOT, "jp-ai-util-2019:safety", rules=COMPANY)
    rule = next(r for r in explained.rules if r.rule == "acme.logistics.robots-among-people")
    assert rule.fired
    assert [(c.fact, c.actual, c.held) for c in rule.conditions] == [
        ("domains", ["other", "x-logistics"], True),
        ("capabilities.physical_actuation", True, True),
    ]
    elsewhere = {**ROBOT, "domains": ["other", "x-ports"]}
    rule = next(
        r
        for r in explain(elsewhere, "jp-ai-util-2019:safety", rules=COMPANY).rules
        if r.rule == "acme.logistics.robots-among-people"
    )
    assert not rule.fired


def test_explain_shows_a_declared_fact_stated_or_not() -> None:
    stated = explain(ROBOT, "jp-ai-rd-2017:controllability", rules=COMPANY)
    rule = next(r for r in stated.rules if r.rule == "acme.agentic.controllability")
    assert rule.fired
    assert [(c.fact, c.actual, c.stated, c.held) for c in rule.conditions] == [
        ("x-agentic-tool-use", True, True, True)
    ]
    unstated = explain(
        _without(ROBOT, "x-agentic-tool-use"), "jp-ai-rd-2017:controllability", rules=COMPANY
    )
    rule = next(r for r in unstated.rules if r.rule == "acme.agentic.controllability")
    assert not rule.fired
    assert [(c.actual, c.stated, c.held) for c in rule.conditions] == [(False, False, False)]


def test_unstated_declared_facts_are_listed_after_the_built_in_ones() -> None:
    assert check(ROBOT, COMPANY).unstated_facts == ()
    doc = _without(_without(ROBOT, "data", "x-retrieval-sources"), "x-agentic-tool-use")
    assert check(doc, COMPANY).unstated_facts == (
        "/x-agentic-tool-use",
        "/data/x-retrieval-sources",
    )
    nulled = {**ROBOT, "deployment": {**ROBOT["deployment"], "x-model-hosting": None}}
    assert check(nulled, COMPANY).unstated_facts == ("/deployment/x-model-hosting",)


def test_without_declarations_x_keys_stay_plain_extensions() -> None:
    """The built-in rules alone give the same result as before: x- keys are not read."""
    plain = check(ROBOT)
    assert plain.unstated_facts == ()
    stripped = _without(_without(ROBOT, "x-agentic-tool-use"), "deployment", "x-model-hosting")
    assert check(stripped).model_dump()["triggered"] == plain.model_dump()["triggered"]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            {"x-agentic-tool-use": "yes"},
            "$.x-agentic-tool-use",
            "'yes' is not a value of custom fact 'x-agentic-tool-use' (declared by rule set "
            "'acme-custom-facts') (expected true or false)",
        ),
        (
            {"deployment": {"x-model-hosting": "self-hostd"}},
            "$.deployment.x-model-hosting",
            "'self-hostd' is not a value of custom fact 'deployment.x-model-hosting' "
            "(declared by rule set 'acme-custom-facts') (did you mean 'self-hosted'?)",
        ),
        (
            {"data": {"x-retrieval-sources": "public-web"}},
            "$.data.x-retrieval-sources",
            "custom fact 'data.x-retrieval-sources' (declared by rule set 'acme-custom-facts') "
            "is a list, not 'public-web' (write a list of values: expected internal-documents, "
            "customer-records, public-web)",
        ),
        (
            {"data": {"x-retrieval-sources": ["public-web", "public-web"]}},
            "$.data.x-retrieval-sources[1]",
            "'public-web' is listed twice (list each value once)",
        ),
        (
            {"data": {"x-retrieval-sources": [1]}},
            "$.data.x-retrieval-sources[0]",
            "1 is not a value of custom fact 'data.x-retrieval-sources' (declared by rule set "
            "'acme-custom-facts') (expected internal-documents, customer-records, public-web)",
        ),
    ],
    ids=["bool", "enum", "list-not-list", "list-repeat", "list-item"],
)
def test_a_wrong_value_of_a_declared_fact_is_an_error_at_its_path(
    change: dict[str, Any], path: str, message: str
) -> None:
    doc = {**ROBOT, **change}
    with pytest.raises(ValidationFailed) as info:
        check(doc, COMPANY)
    assert [str(i) for i in info.value.issues] == [f"{path}: {message}"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda kids: (
        st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=4), kids, max_size=2)
    ),
    max_leaves=8,
)


@settings(max_examples=100, deadline=None)
@given(agentic=_JSON, hosting=_JSON, sources=_JSON)
def test_any_values_of_declared_facts_give_an_assessment_or_an_aigov_error(
    agentic: Any, hosting: Any, sources: Any
) -> None:
    doc = {
        **ROBOT,
        "x-agentic-tool-use": agentic,
        "deployment": {**ROBOT["deployment"], "x-model-hosting": hosting},
        "data": {**ROBOT["data"], "x-retrieval-sources": sources},
    }
    try:
        assessment = check(doc, COMPANY)
    except DocumentError as err:  # a wrong value, or one the input policy refuses
        issues = err.issues
    else:
        issues = ()
    if issues:
        assert all(i.path.startswith(("$.x-", "$.deployment.x-", "$.data.x-")) for i in issues)
        return
    fired = {r.rule for t in assessment.triggered for r in t.reasons}
    assert ("acme.agentic.controllability" in fired) == (agentic is True)


_BYSTANDERS = ("indirect-user", "third-party")


@settings(max_examples=100, deadline=None)
@given(doc=profiles())
def test_bystander_roles_change_no_trigger(doc: dict[str, Any]) -> None:
    """No principle addresses indirect users or third parties: naming them adds nothing."""
    without = {**doc, "actors": [a for a in doc["actors"] if a not in _BYSTANDERS] or ["developer"]}
    with_them = {**without, "actors": [*without["actors"], *_BYSTANDERS]}
    assert check(with_them).triggered == check(without).triggered


def test_an_x_domain_label_leaves_the_result_of_other_unchanged() -> None:
    base = {**ROBOT, "domains": ["other"]}
    assert check({**ROBOT, "domains": ["other", "x-logistics"]}).triggered == check(base).triggered


def test_a_wrong_declared_value_names_the_profile_file(tmp_path: Path) -> None:
    path = tmp_path / "robot.json"
    path.write_text(json.dumps({**ROBOT, "x-agentic-tool-use": 1}), encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        check(path, COMPANY)
    assert info.value.source == str(path)
    with pytest.raises(ValidationFailed) as info:
        explain(path, "jp-ai-rd-2017:controllability", rules=COMPANY)
    assert info.value.source == str(path)
