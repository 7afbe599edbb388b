"""Rule-condition semantics, from the case table in tests/cases/rules/.

Each case runs through check() and explain(): both use the one compiled
evaluator, and this suite pins that they agree with each other and with the
expected outcome.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aigov.assess import check, explain
from aigov.catalog import builtin_catalog
from aigov.rules import compile_rules
from aigov.testing import make_rule, make_rule_set

CASES_DIR = Path(__file__).parent / "cases" / "rules"
CASES = [
    case
    for path in sorted(CASES_DIR.glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
]
PRINCIPLE = "jp-ai-rd-2017:collaboration"  # addresses the developer, an actor of every case


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_condition_case_through_check_and_explain(case: dict[str, Any]) -> None:
    """check() triggers the principle exactly when the condition holds; explain() agrees."""
    rules = compile_rules(
        make_rule_set(make_rule("case", case["when"], triggers=[PRINCIPLE], roles=["developer"])),
        builtin=False,
        catalog=builtin_catalog(),
    )
    assessment = check(case["profile"], rules)
    trigger = assessment.trigger(PRINCIPLE)
    assert (trigger is not None) is case["holds"]
    explanation = explain(case["profile"], PRINCIPLE, rules=rules)
    assert explanation.triggered is case["holds"]
    [rule] = explanation.rules
    assert rule.fired is case["holds"]
    if trigger is not None:
        [reason] = trigger.reasons
        facts = [[f.path, f.value, f.stated] for f in reason.facts]
        assert facts == case["facts"]


def test_case_table_covers_every_operator() -> None:
    """Every operator of the rule language has at least one case."""
    from aigov.rules import OPERATORS

    used: set[str] = set()

    def walk(node: dict[str, Any]) -> None:
        if "fact" in node:
            used.add(node["operator"])
        for key in ("all", "any"):
            for child in node.get(key, ()):
                walk(child)
        if "not" in node:
            walk(node["not"])

    for case in CASES:
        walk(case["when"])
    assert used == set(OPERATORS)
