"""``aigov init``: the profile wizard on the command line (issue #17)."""

from __future__ import annotations

import json
from pathlib import Path

from aigov import load_profile
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "docs" / "examples" / "wizard" / "answers.json"
CUSTOM = ROOT / "src" / "aigov" / "data" / "examples" / "custom-facts" / "custom-facts-rules.json"


def test_answers_file_writes_a_profile_that_checks_with_nothing_unstated(tmp_path: Path) -> None:
    """init --answers FILE -o OUT writes a valid profile; check then assumes no fact."""
    target = tmp_path / "mine.json"
    result = run_cli("init", "--answers", ANSWERS, "-o", target)
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert f"aigov check {target}" in result.stderr  # the next commands, on stderr
    profile = load_profile(target)
    assert profile.id == "customer-chatbot"
    checked = run_cli("check", target, "--format", "json")
    assert checked.code == 0
    assert checked.json()["unstated_facts"] == []


def test_answers_from_standard_input_print_the_profile(tmp_path: Path) -> None:
    """--answers - reads the answers from stdin; without -o the profile goes to stdout."""
    result = run_cli("init", "--answers", "-", input=ANSWERS.read_text(encoding="utf-8"))
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "Customer support chatbot"


def test_a_wrong_answer_is_an_invalid_document_naming_its_key(tmp_path: Path) -> None:
    """A misspelt key exits 3 with the key and a did-you-mean."""
    answers = json.loads(ANSWERS.read_text(encoding="utf-8"))
    answers["data.personl"] = answers.pop("data.personal")
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = run_cli("init", "--answers", path)
    assert result.code == 3
    assert "data.personl" in result.stderr
    assert "did you mean 'data.personal'?" in result.stderr


def test_input_that_ends_early_names_the_question_left() -> None:
    """An interactive session whose input ends exits 2, naming the question."""
    result = run_cli("init", input="My bot\n")
    assert result.code == 2
    assert "the input ended before question 'id' was answered" in result.stderr
    assert "What is the system called?" in result.stderr  # the prompts go to stderr
    assert result.stdout == ""


def test_a_bad_reply_on_piped_input_fails_instead_of_asking_forever() -> None:
    """Not on a terminal, a reply that does not answer is an error (no loop)."""
    result = run_cli("init", input="My bot\n\n\nnot-a-domain\n")
    assert result.code == 3
    assert "not-a-domain" in result.stderr


def test_custom_facts_of_a_rule_set_are_asked_and_trigger_its_rules(tmp_path: Path) -> None:
    """init --rules asks the declared facts; check --rules then fires the rule on one."""
    answers = json.loads(ANSWERS.read_text(encoding="utf-8"))
    answers |= {
        "x-agentic-tool-use": True,
        "data.x-retrieval-sources": ["internal-documents"],
        "deployment.x-model-hosting": "vendor-api",
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    target = tmp_path / "mine.json"
    result = run_cli("init", "--answers", path, "--rules", CUSTOM, "-o", target)
    assert result.code == 0, result.stderr
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written["x-agentic-tool-use"] is True
    assert written["deployment"]["x-model-hosting"] == "vendor-api"
    checked = run_cli("check", target, "--rules", CUSTOM, "--format", "json").json()
    assert checked["unstated_facts"] == []
    fired = {r["rule"] for t in checked["triggered"] for r in t["reasons"]}
    assert any(rule.startswith("acme.") for rule in fired), fired


def test_without_rules_an_x_answer_is_kept_as_an_extension(tmp_path: Path) -> None:
    """An x- answer no rule set declares is kept as the profile's own extension key."""
    answers = json.loads(ANSWERS.read_text(encoding="utf-8")) | {"x-agentic-tool-use": True}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = run_cli("init", "--answers", path)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["x-agentic-tool-use"] is True
