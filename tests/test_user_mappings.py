"""A user's mapping set works everywhere the built-in ones do.

`docs/examples/extra-mappings.json` maps the 2017 transparency principle to the
EU AI Act's limited-risk tier, a pair no built-in set covers: it shows up in
`check(mappings=...)`, `gaps(mappings=...)`, and on the command line in
`check`, `crosswalk`, `gaps --framework` and `export` with `--mappings FILE`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import aigov
from aigov.checklist import gaps, load_checklist
from aigov.errors import UsageError
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
EXTRA = ROOT / "docs" / "examples" / "extra-mappings.json"
PROFILE = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
SHEET = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"
FRAMEWORK = "eu-ai-act-2024"
SUBJECT, OBJECT = "jp-ai-rd-2017:transparency", "eu-ai-act-2024:limited"


def _curated(view: Any) -> set[str]:
    """Principles that engage OBJECT through a curated mapping (not derived through values)."""
    data = view if isinstance(view, dict) else view.model_dump(mode="json")
    found = [i for i in data["items"] if i["id"] == OBJECT]
    return set(found[0]["principles"]) if found and not found[0]["derived"] else set()


def test_check_without_the_set_has_no_curated_match_for_the_pair() -> None:
    """The baseline: the built-in sets do not map 2017 transparency to the AI Act."""
    assert aigov.find_correspondences(SUBJECT, FRAMEWORK, derived=False) == []
    assert _curated(aigov.check(PROFILE, framework=FRAMEWORK).crosswalk) == set()


@pytest.mark.parametrize("given", ["path", "document", "index"])
def test_check_takes_mapping_sets_as_files_documents_or_an_index(given: str) -> None:
    document = json.loads(EXTRA.read_text(encoding="utf-8"))
    mappings: Any = {
        "path": str(EXTRA),
        "document": document,
        "index": aigov.load_mappings(EXTRA),
    }[given]
    assert SUBJECT in _curated(
        aigov.check(PROFILE, framework=FRAMEWORK, mappings=mappings).crosswalk
    )


def test_gaps_expresses_the_open_items_in_another_framework_with_the_set() -> None:
    report = gaps(load_checklist(SHEET), framework=FRAMEWORK, mappings=[EXTRA])
    assert report.crosswalk is not None
    assert SUBJECT in _curated(report.crosswalk)
    # Only principles with open items are expressed.
    opened = {i.principle for i in report.open_items}
    assert {p for i in report.crosswalk.items for p in i.principles} <= opened


@pytest.mark.parametrize(
    "call",
    [
        lambda: aigov.check(PROFILE, mappings=EXTRA),
        lambda: gaps(load_checklist(SHEET), mappings=EXTRA),
    ],
    ids=["check", "gaps"],
)
def test_mappings_without_a_framework_are_refused(call: Callable[[], object]) -> None:
    with pytest.raises(UsageError) as info:
        call()
    assert str(info.value) == (
        "mappings= only serves framework= (the framework to express the result in): "
        "give framework=ID, or leave mappings out"
    )


def test_cli_check_takes_mappings() -> None:
    result = run_cli(
        "check", PROFILE, "--framework", FRAMEWORK, "--mappings", EXTRA, "--format", "json"
    )
    assert SUBJECT in _curated(result.json()["crosswalk"])


def test_cli_crosswalk_takes_mappings() -> None:
    argv = ["crosswalk", SUBJECT, "--to", FRAMEWORK, "--no-derived", "--format", "json"]
    assert run_cli(*argv).json() == []
    found = run_cli(*argv, "--mappings", EXTRA).json()
    assert [(c["id"], c["predicate"], c["mapping_set"]) for c in found] == [
        (OBJECT, "skos:relatedMatch", "jp-ai-rd-2017--eu-ai-act-2024")
    ]


def test_cli_gaps_framework_takes_mappings() -> None:
    result = run_cli(
        "gaps", SHEET, "--framework", FRAMEWORK, "--mappings", EXTRA, "--format", "json"
    )
    assert result.code == 0, result.stderr
    assert SUBJECT in _curated(json.loads(result.stdout)["crosswalk"])
    text = run_cli("gaps", SHEET, "--framework", FRAMEWORK, "--mappings", EXTRA).stdout
    assert f"In the terms of {FRAMEWORK}:" in text
    assert OBJECT in text
    markdown = run_cli(
        "gaps", SHEET, "--framework", FRAMEWORK, "--format", "markdown", "--mappings", EXTRA
    ).stdout
    assert f"## In the terms of `{FRAMEWORK}`" in markdown


def test_cli_export_takes_mappings() -> None:
    row = f"{SUBJECT}\tPrinciple of transparency\tskos:relatedMatch\t{OBJECT}"
    assert row not in run_cli("export", "--format", "sssom").stdout
    assert row in run_cli("export", "--format", "sssom", "--mappings", EXTRA).stdout

    def related(*extra: object) -> list[Any]:
        graph = run_cli("export", "--format", "jsonld", *extra).json()["@graph"]
        node = next(n for n in graph if n["@id"] == SUBJECT)
        return list(node.get("skos:relatedMatch", []))

    assert {"@id": OBJECT} not in related()
    assert {"@id": OBJECT} in related("--mappings", EXTRA)


@pytest.mark.parametrize("command", ["check", "gaps"])
def test_cli_mappings_without_framework_is_a_usage_error(command: str) -> None:
    source = PROFILE if command == "check" else SHEET
    result = run_cli(command, source, "--mappings", EXTRA)
    assert result.code == 2
    assert result.stderr == (
        "aigov: error: --mappings serves --framework: give --framework ID too "
        f"(see 'aigov {command} --help')\n"
    )
