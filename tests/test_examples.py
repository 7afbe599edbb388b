"""Golden tests: every example profile gives the outcome written in EXPECTED.md.

``src/aigov/data/examples/profiles/EXPECTED.md`` states, per profile and in prose a reviewer can
check against the guidelines, which principles must be triggered (severity,
roles, firing rules) and which must not. This test parses it and compares.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import pytest

from aigov.assess import check
from aigov.catalog import builtin_catalog
from aigov.checklist import load_checklist
from aigov.errors import FileAccessError, UnknownIdError
from aigov.examples import EXAMPLE_GROUPS, Example, copy_example, list_examples, read_example
from aigov.profile import load_profile
from aigov.schemas import validate

EXAMPLES = Path(__file__).resolve().parent.parent / "src/aigov/data/examples/profiles"


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


# -- the shipped examples: aigov.examples -------------------------------------------------

#: The examples' names are an interface (the README and the docs copy them by
#: name): renaming or dropping one is a deliberate change to this list.
STABLE_NAMES = {
    "profiles": [
        "credit-scoring",
        "customer-chatbot",
        "elderly-care-monitor",
        "exam-proctoring",
        "face-recognition-entry",
        "factory-defect-detector",
        "medical-imaging-triage",
        "networked-ai-agents",
        "public-space-camera",
        "resume-screener",
        "retail-recommender",
        "self-driving-shuttle",
    ],
    "eu-ai-act": [
        "eu-credit-scoring",
        "eu-customer-chatbot",
        "eu-cv-screening",
        "eu-cv-screening-derogation-profiling",
        "eu-deepfake-generator",
        "eu-derogated-procedural-tool",
        "eu-exam-proctoring",
        "eu-factory-defect-detector",
        "eu-gpai-systemic",
        "eu-medical-device-component",
        "eu-military-targeting",
        "eu-social-scoring",
        "eu-workplace-emotion",
        "jp-only-recommender",
    ],
    "checklists": ["resume-screener-filled"],
    "policies": ["northwind-analytics", "sakura-robotics"],
    "packs": ["sakura-robotics-pack"],
    "custom-facts": ["custom-facts-rules", "warehouse-robot"],
}


def _packaged_files() -> dict[str, bytes]:
    """Every .json and .csv file under aigov/data/examples, found through importlib.resources."""
    root = files("aigov.data").joinpath("examples")
    found: dict[str, bytes] = {}
    for group in root.iterdir():
        if group.is_dir():
            for entry in group.iterdir():
                if entry.name.endswith((".json", ".csv")):
                    found[f"{group.name}/{entry.name}"] = entry.read_bytes()
    return found


def test_example_names_are_unique_stable_and_their_file_names() -> None:
    examples = list_examples()
    names = [e.name for e in examples]
    assert len(names) == len(set(names))
    for example in examples:
        assert example.file_name.rpartition(".")[0] == example.name
    by_group = {g: [e.name for e in examples if e.group == g] for g in STABLE_NAMES}
    assert by_group == STABLE_NAMES
    # Listed group by group, in the order of EXAMPLE_GROUPS.
    assert [e.group for e in examples] == sorted(
        (e.group for e in examples), key=list(EXAMPLE_GROUPS).index
    )
    assert list(EXAMPLE_GROUPS) == list(STABLE_NAMES)


def test_every_packaged_example_file_is_listed_and_read_back_byte_for_byte() -> None:
    packaged = _packaged_files()
    listed = {f"{e.group}/{e.file_name}": read_example(e.name) for e in list_examples()}
    assert listed == packaged
    assert len(packaged) == sum(len(names) for names in STABLE_NAMES.values())


@pytest.mark.parametrize("example", list_examples(), ids=lambda e: e.name)
def test_every_example_is_a_valid_document_of_its_kind(example: Example) -> None:
    data = read_example(example.name)
    if example.kind == "checklist":
        assert load_checklist(EXAMPLES.parent / example.group / example.file_name).items
    else:
        assert validate(json.loads(data), example.kind, source=example.file_name) == example.kind


def test_title_and_description_come_from_the_document() -> None:
    by_name = {e.name: e for e in list_examples()}
    profile = json.loads(read_example("resume-screener"))
    assert (by_name["resume-screener"].title, by_name["resume-screener"].description) == (
        profile["name"],
        profile["description"],
    )
    policy = json.loads(read_example("sakura-robotics"))
    assert by_name["sakura-robotics"].title == policy["title"]
    assert by_name["sakura-robotics"].description == policy["organisation"]
    assert by_name["resume-screener-filled"].title is None


def test_copy_example_writes_the_shipped_bytes_into_the_given_folder(tmp_path: Path) -> None:
    written = copy_example("resume-screener", tmp_path / "new" / "folder")
    assert written == tmp_path / "new" / "folder" / "resume-screener.json"
    assert written.read_bytes() == read_example("resume-screener")
    assert load_profile(written).id == "resume-screener"


def test_copy_example_accepts_the_file_name(tmp_path: Path) -> None:
    written = copy_example("resume-screener-filled.csv", tmp_path)
    assert written.name == "resume-screener-filled.csv"


def test_copy_example_refuses_to_overwrite_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "resume-screener.json"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileAccessError) as caught:
        copy_example("resume-screener", tmp_path)
    assert str(caught.value) == (
        f"{target}: already exists; overwrite it with --force (overwrite=True),"
        " or copy the example into another directory"
    )
    assert target.read_text(encoding="utf-8") == "mine"
    copy_example("resume-screener", tmp_path, overwrite=True)
    assert target.read_bytes() == read_example("resume-screener")


def test_copy_example_into_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(FileAccessError, match="is not a directory"):
        copy_example("resume-screener", tmp_path / "file")


def test_an_unknown_example_name_gets_a_did_you_mean() -> None:
    with pytest.raises(UnknownIdError) as caught:
        read_example("resume-screner")
    assert str(caught.value) == "Unknown example 'resume-screner' (did you mean 'resume-screener'?)"
    with pytest.raises(
        UnknownIdError, match=r"\(valid: credit-scoring, custom-facts-rules, customer-chatbot, "
    ):
        copy_example("nothing-like-it", ".")
