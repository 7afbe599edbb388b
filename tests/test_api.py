"""The public API: stable names, no answer that depends on what was asked before.

Each test here pins a way 0.1 gave a wrong answer without a word.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import aigov
from aigov.catalog import builtin_catalog
from aigov.errors import AigovError, UnknownIdError, UsageError
from aigov.models import RelationKind
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "src/aigov/data/examples/profiles").glob("*.json"))
RESUME = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
FAIRNESS = "jp-ai-util-2019:fairness"


# -- relation kinds as strings ------------------------------------------------------------


def test_a_relation_kind_may_be_given_by_its_string_value() -> None:
    """objects()/subjects()/relations_*() take 'addresses' as well as RelationKind.ADDRESSES."""
    cat = builtin_catalog()
    by_kind = cat.objects(FAIRNESS, RelationKind.ADDRESSES)
    assert by_kind
    assert cat.objects(FAIRNESS, "addresses") == by_kind
    assert cat.subjects("developer", "addresses") == cat.subjects(
        "developer", RelationKind.ADDRESSES
    )
    assert cat.relations_from(FAIRNESS, "embodies") == cat.relations_from(
        FAIRNESS, RelationKind.EMBODIES
    )


def test_a_misspelt_relation_kind_is_refused_with_a_did_you_mean() -> None:
    with pytest.raises(UnknownIdError) as info:
        builtin_catalog().objects(FAIRNESS, "adresses")
    assert str(info.value) == "Unknown relation kind 'adresses' (did you mean 'addresses'?)"
    with pytest.raises(UnknownIdError) as info:
        builtin_catalog().objects(FAIRNESS, "zzz")
    assert "(valid: addresses, corresponds_to, embodies, has_item, implements, part_of)" in str(
        info.value
    )


def test_a_string_query_does_not_change_later_checks() -> None:
    """The resume screener keeps its HIGH fairness trigger after any string-predicate query."""
    cat = builtin_catalog()
    cat.objects(FAIRNESS, "addresses")
    cat.subjects("business-user", "addresses")
    trigger = aigov.check(RESUME).trigger(FAIRNESS)
    assert trigger is not None
    assert trigger.severity == "high"
    assert cat.roles_of(FAIRNESS) == cat.objects(FAIRNESS, RelationKind.ADDRESSES)


def _fresh_process_results() -> dict[str, str]:
    code = (
        "import json, sys, aigov\n"
        "print(json.dumps({p: aigov.check(p).to_json() for p in sys.argv[1:]}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, EXAMPLES)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    results: dict[str, str] = json.loads(done.stdout)
    return results


FRESH = _fresh_process_results()
_IDS = st.sampled_from(
    [FAIRNESS, "developer", "business-user", "jp-values-2022:privacy", "jp-ai-rd-2017", "nope"]
)
_PREDICATES = st.sampled_from([*RelationKind, *(k.value for k in RelationKind), "adresses", ""])


class QueriesNeverChangeAnswers(RuleBasedStateMachine):
    """Any sequence of public queries, then check() of every example equals a fresh process."""

    @initialize()
    def start(self) -> None:
        self.cat = builtin_catalog()

    @rule(item=_IDS, predicate=_PREDICATES)
    def objects(self, item: str, predicate: Any) -> None:
        try:
            self.cat.objects(item, predicate)
            self.cat.subjects(item, predicate)
            self.cat.relations_from(item, predicate)
            self.cat.relations_to(item, predicate)
        except AigovError:
            pass

    @rule(
        framework=st.none() | st.sampled_from(["jp-ai-util-2019", "oecd-2019", "nope"]),
        role=st.none() | _IDS,
        value=st.none() | _IDS,
    )
    def filter_principles(self, framework: str | None, role: str | None, value: str | None) -> None:
        try:
            self.cat.filter_principles(framework=framework, role=role, value=value)
        except AigovError:
            pass

    @rule(item=_IDS)
    def lookups(self, item: str) -> None:
        for query in (self.cat.roles_of, self.cat.values_of, self.cat.corresponding):
            try:
                query(item)
            except AigovError:
                pass

    @invariant()
    def checks_equal_a_fresh_process(self) -> None:
        for path in EXAMPLES[:3]:
            assert aigov.check(path).to_json() == FRESH[str(path)]

    def teardown(self) -> None:
        for path in EXAMPLES:
            assert aigov.check(path).to_json() == FRESH[str(path)]


QueriesNeverChangeAnswers.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_queries_never_change_answers = QueriesNeverChangeAnswers.TestCase


# -- names --------------------------------------------------------------------------------


def _submodules() -> set[str]:
    return {info.name for info in pkgutil.iter_modules(aigov.__path__)}


def test_no_public_name_is_also_a_module_name() -> None:
    """aigov.X is the same object whatever was imported before (no function named like a module)."""
    assert not set(aigov.__all__) & _submodules()


_ORDERS = [
    "import aigov",
    "import aigov.cli; import aigov",
    "import aigov.checklist, aigov.coverage, aigov.crosswalk; import aigov",
    "import aigov; from aigov.report import render_checklist; import aigov.crosswalk",
    "from aigov import make_checklist, review_coverage, find_correspondences; import aigov.cli",
]


@pytest.mark.parametrize("imports", _ORDERS)
def test_public_names_are_the_same_objects_in_any_import_order(imports: str) -> None:
    code = (
        f"{imports}\n"
        "import importlib, aigov\n"
        "for name, module in aigov._EXPORTS.items():\n"
        "    assert getattr(aigov, name) is getattr(importlib.import_module(module), name), name\n"
        "assert callable(aigov.make_checklist) and callable(aigov.find_correspondences)\n"
        "assert aigov.crosswalk.find_correspondences is aigov.find_correspondences\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.stdout.strip() == "ok", done.stderr


def _aigov_classes(hint: Any) -> set[type]:
    found: set[type] = set()
    if isinstance(hint, type) and hint.__module__.startswith("aigov"):
        found.add(hint)
    for arg in typing.get_args(hint):
        found |= _aigov_classes(arg)
    return found


def test_every_exported_function_returns_exported_types() -> None:
    exported = {getattr(aigov, name) for name in aigov.__all__ if name != "__version__"}
    functions = [obj for obj in exported if callable(obj) and not isinstance(obj, type)]
    assert functions
    for function in functions:
        inner = getattr(function, "__wrapped__", function)  # functools.cache
        annotation = inner.__annotations__.get("return")
        returned = (
            eval(annotation, inner.__globals__) if isinstance(annotation, str) else annotation
        )
        missing = {cls.__name__ for cls in _aigov_classes(returned)} - set(aigov.__all__)
        assert not missing, f"{function.__name__} returns {missing}, not exported from aigov"


def test_old_function_names_still_work_with_a_deprecation_warning() -> None:
    a = aigov.check(RESUME)
    crosswalk = importlib.import_module("aigov.crosswalk")
    checklist = importlib.import_module("aigov.checklist")
    with pytest.warns(DeprecationWarning, match="find_correspondences"):
        old = crosswalk.crosswalk(FAIRNESS, "oecd-2019")
    assert old == aigov.find_correspondences(FAIRNESS, "oecd-2019")
    with pytest.warns(DeprecationWarning, match="make_checklist"):
        assert checklist.checklist(a) == aigov.make_checklist(a)


# -- documents through ordinary pydantic calls ----------------------------------------------


def _documents() -> list[tuple[str, Any]]:
    profile = aigov.load_profile(RESUME)
    assessment = aigov.check(profile)
    catalog = builtin_catalog()
    policy = aigov.load_policy(ROOT / "src/aigov/data/examples/policies/sakura-robotics.json")
    mappings = aigov.load_mappings()
    return [
        ("assessment", assessment),
        ("assessment", aigov.check(profile, framework="oecd-2019", roles=["developer"])),
        ("checklist", aigov.make_checklist(assessment, profile=profile)),
        ("catalog", catalog.to_document()),
        ("rule-set", aigov.compile_rules().sets[0][0]),
        ("mapping-set", mappings.sets[0]),
        ("policy", policy),
        ("system-profile", profile),
    ]


@pytest.mark.parametrize(("kind", "model"), _documents(), ids=lambda v: getattr(v, "kind", None))
def test_every_document_model_dumps_to_a_valid_document(kind: str, model: Any) -> None:
    """model_dump_json() and model_dump(mode='json') give documents the schema accepts."""
    as_json = json.loads(model.model_dump_json())
    assert "schema_" not in as_json
    assert aigov.validate(as_json, kind) == kind
    assert aigov.validate(model.model_dump(mode="json"), kind) == kind
    assert type(model).model_validate_json(model.model_dump_json()) == model


def test_schema_key_round_trips_as_dollar_schema() -> None:
    a = aigov.check(RESUME).model_copy(
        update={"schema_": "https://w3id.org/aigov/schema/1/assessment.schema.json"}
    )
    dumped = json.loads(a.model_dump_json())
    assert dumped["$schema"] == "https://w3id.org/aigov/schema/1/assessment.schema.json"
    assert aigov.Assessment.model_validate(dumped) == a


# -- inputs -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ['{"a": 1}', '  {"profile_version": "1"}', "[1, 2]"])
def test_json_text_given_as_a_path_says_so(text: str) -> None:
    with pytest.raises(UsageError) as info:
        aigov.check(text)
    assert "looks like JSON text" in str(info.value)
    assert "text.encode()" in str(info.value)
    assert "no such file" not in str(info.value)


def test_unknown_framework_with_no_close_match_lists_the_valid_ones() -> None:
    result = run_cli("crosswalk", FAIRNESS, "--to", "nist-rmf")
    assert result.code == 2
    assert "Unknown framework 'nist-rmf'" in result.stderr
    assert "(valid: airo, eu-ai-act-2024, eu-hleg-2019," in result.stderr
    assert "nist-ai-rmf-1.0" in result.stderr
