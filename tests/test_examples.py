"""Golden tests: every example profile gives the outcome written in EXPECTED.md.

``examples/profiles/EXPECTED.md`` states, per profile and in prose a reviewer can
check against the guidelines, which principles must be triggered (severity,
roles, firing rules) and which must not. This test parses it and compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from aigov.assess import check
from aigov.catalog import builtin_catalog
from aigov.profile import load_profile

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"


@dataclass
class Expected:
    triggered: dict[str, tuple[str, list[str], list[str]]] = field(default_factory=dict)
    not_triggered: set[str] = field(default_factory=set)
    unstated: list[str] = field(default_factory=list)


def _parse() -> dict[str, Expected]:
    text = (EXAMPLES / "EXPECTED.md").read_text(encoding="utf-8")
    result: dict[str, Expected] = {}
    for block in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        name = block.split("\n", 1)[0].strip()
        exp = result[name] = Expected()
        unstated = re.search(r"Unstated facts: (.*)", block)
        assert unstated, name
        exp.unstated = re.findall(r"`([^`]+)`", unstated.group(1))
        triggered, _, must_not = block.partition("Must NOT be triggered:")
        for line in triggered.splitlines():
            parts = line.split(" — ")
            if not line.startswith("- `") or len(parts) < 4:
                continue
            principle = parts[0][3:].strip("`")
            severity = parts[1].strip("* ")
            roles = [r.split(" (")[0].strip() for r in parts[2].split(",")]
            rules = re.findall(r"`([a-z0-9.-]+)`", parts[3])
            exp.triggered[principle] = (severity, roles, rules)
        for line in must_not.splitlines():
            if line.startswith("- all nine `jp-ai-rd-2017:*`"):
                exp.not_triggered |= {
                    p.id for p in builtin_catalog().principles if p.framework == "jp-ai-rd-2017"
                }
            elif line.startswith("- `"):
                exp.not_triggered.add(line[3:].split("`", 1)[0])
    return result


EXPECTED = _parse()


def test_every_example_profile_has_expectations() -> None:
    assert sorted(EXPECTED) == sorted(p.stem for p in EXAMPLES.glob("*.json"))
    assert len(EXPECTED) >= 10
    assert all(e.triggered and e.not_triggered for e in EXPECTED.values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_profile_outcome_matches_expected(name: str) -> None:
    exp = EXPECTED[name]
    assessment = check(EXAMPLES / f"{name}.json")
    got = {
        t.principle: (t.severity, list(t.roles), [r.rule for r in t.reasons])
        for t in assessment.triggered
    }
    assert sorted(got) == sorted(exp.triggered)
    for principle, (severity, roles, rules) in exp.triggered.items():
        assert got[principle][0] == severity, principle
        assert sorted(got[principle][1]) == sorted(roles), principle
        assert sorted(got[principle][2]) == sorted(rules), principle
    assert not exp.not_triggered & set(got)
    assert list(assessment.unstated_facts) == exp.unstated


def test_factory_without_people_gets_no_people_principles() -> None:
    """The brief's own example: a defect detector that sees no people."""
    assessment = check(EXAMPLES / "factory-defect-detector.json")
    principles = {t.principle for t in assessment.triggered}
    for topic in ("privacy", "fairness", "dignity-autonomy"):
        assert f"jp-ai-util-2019:{topic}" not in principles
    assert "jp-ai-rd-2017:privacy" not in principles
    assert "jp-ai-rd-2017:ethics" not in principles


def test_every_example_carries_a_note_of_the_case_it_resembles() -> None:
    import json

    for path in EXAMPLES.glob("*.json"):
        note = json.loads(path.read_text(encoding="utf-8")).get("x-note")
        assert isinstance(note, str)
        assert note


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_2024_topic_principles_agree_with_2019(name: str) -> None:
    """Privacy, fairness and safety under the 2024 guidelines fire exactly where they fire
    under the 2019 guidelines, for the actors both address (consumer users and data
    providers are not 2024 addressees)."""
    profile = load_profile(EXAMPLES / f"{name}.json")
    assert {"developer", "ai-service-provider", "business-user"} & set(profile.actors)
    got = {t.principle for t in check(profile).triggered}
    for topic in ("privacy", "fairness", "safety"):
        assert (f"jp-ai-util-2019:{topic}" in got) == (f"jp-ai-business-2024:{topic}" in got), topic


def test_factory_without_people_gets_no_people_principles_under_2024() -> None:
    """The defect detector that sees no people is not told about privacy, fairness or
    human-centric matters under the 2024 guidelines either."""
    assessment = check(EXAMPLES / "factory-defect-detector.json")
    principles = {t.principle for t in assessment.triggered}
    for topic in ("privacy", "fairness", "human-centric"):
        assert f"jp-ai-business-2024:{topic}" not in principles
    assert "jp-ai-business-2024:safety" in principles
