"""One convention across every ``aigov`` command (issue #17).

Each test walks every sub-command of the real parser, so a command added
later is held to the same rules: ``-o``, ``--lang`` and ``--format`` where they
make sense, a did-you-mean for every choice, usage errors that point at the
sub-command's help, and a section in docs/cli.md that lists every option.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from aigov import load_profile, validate
from aigov._cli_parser import _Choice
from aigov.cli import _build_parser
from aigov.errors import ValidationFailed
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "tests" / "data" / "resume-screener.json"
RULES = ROOT / "src" / "aigov" / "data" / "rules" / "builtin.json"
PARSER = _build_parser()
COMMANDS = dict(PARSER.commands)

#: Commands whose output has no labels or sentences to translate (an example's
#: title is in the example's own language).
NO_LANG = {"validate", "schema", "examples"}
#: Commands that do not read the catalogue (so take no --pack).
NO_PACK = {"schema", "sources", "classify", "examples", "policy", "init"}


def _actions(name: str) -> list[argparse.Action]:
    """The command's arguments, and those of its actions (``policy from-pack``)."""
    command = COMMANDS[name]
    return [a for p in (command, *command.commands.values()) for a in p._actions]


def _options(name: str) -> dict[str, argparse.Action]:
    return {opt: action for action in _actions(name) for opt in action.option_strings}


def _sample(name: str, tmp_path: Path) -> list[str]:
    """A cheap, valid invocation of each command (a new command must add one)."""
    sheet = tmp_path / "sheet.json"
    if name == "gaps":
        assert run_cli("checklist", PROFILE, "--format", "json", "-o", sheet).code == 0
    examples = ROOT / "src" / "aigov" / "data" / "examples"
    policy = examples / "policies" / "northwind-analytics.json"
    pack = examples / "packs" / "sakura-robotics-pack.json"
    samples = {
        "list": ["list", "frameworks"],
        "show": ["show", "jp-ai-util-2019:privacy"],
        "sources": ["sources"],
        "validate": ["validate", str(PROFILE)],
        "schema": ["schema", "policy"],
        "export": ["export", "--format", "mermaid"],
        "check": ["check", str(PROFILE)],
        "checklist": ["checklist", str(PROFILE)],
        "gaps": ["gaps", str(sheet)],
        "coverage": ["coverage", str(policy)],
        "crosswalk": ["crosswalk", "jp-ai-util-2019:privacy"],
        "explain": ["explain", str(PROFILE), "jp-ai-util-2019:privacy"],
        "classify": ["classify", str(PROFILE)],
        "examples": ["examples"],
        "policy": ["policy", "from-pack", str(pack)],
        "init": ["init", "--answers", str(ROOT / "docs" / "examples" / "wizard" / "answers.json")],
    }
    return samples[name]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_writes_to_a_file_with_dash_o(name: str, tmp_path: Path) -> None:
    """-o FILE gets exactly what standard output would have had, and stdout stays empty."""
    argv = _sample(name, tmp_path)
    plain = run_cli(*argv)
    assert plain.code in (0, 1), plain.stderr
    target = tmp_path / "out.txt"
    written = run_cli(*argv, "-o", target)
    assert written.code == plain.code, written.stderr
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == plain.stdout
    assert "-o" in _options(name)


def test_dash_o_holds_for_an_option_named_like_one_that_writes_itself(tmp_path: Path) -> None:
    """list --all (sub-items) writes to -o FILE; only schema --all writes a folder itself."""
    argv = ["list", "principles", "--framework", "jp-ai-util-2019", "--all"]
    target = tmp_path / "out.txt"
    result = run_cli(*argv, "-o", target)
    assert result.code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == run_cli(*argv).stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_lang_and_pack_where_they_make_sense(name: str) -> None:
    """--lang wherever output has words; --pack wherever the catalogue is read."""
    options = _options(name)
    assert ("--lang" in options) is (name not in NO_LANG)
    assert ("--pack" in options) is (name not in NO_PACK)


def _choice_options() -> list[tuple[str, str, tuple[str, ...]]]:
    found = []
    for name in sorted(COMMANDS):
        for action in _actions(name):
            if isinstance(action.type, _Choice):
                option = action.option_strings[-1] if action.option_strings else ""
                found.append((name, option, action.type.choices))
    return found


@pytest.mark.parametrize(
    ("name", "option", "choices"),
    _choice_options(),
    ids=[f"{n}{o}" for n, o, _ in _choice_options()],
)
def test_every_choice_gets_a_did_you_mean(
    name: str, option: str, choices: tuple[str, ...], tmp_path: Path
) -> None:
    """A near miss of any choice names the choice meant and the command's help."""
    wanted = max(choices, key=len)
    typo = wanted[:-1] if len(wanted) > 3 else wanted + "x"
    # A positional choice replaces the sample's arguments.
    argv = [*_sample(name, tmp_path), option, typo] if option else [name, typo]
    result = run_cli(*argv)
    assert result.code == 2
    assert f"did you mean {wanted!r}?" in result.stderr
    assert f"(see 'aigov {name} --help')" in result.stderr


def test_every_choice_is_a_choice_with_suggestions() -> None:
    """No command uses argparse's own choices (they give no did-you-mean)."""
    for name in COMMANDS:
        for action in _actions(name):
            assert action.choices is None or isinstance(action, argparse._SubParsersAction), (
                name,
                action.dest,
            )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_usage_errors_point_at_the_commands_help(name: str, tmp_path: Path) -> None:
    """An unknown option names 'aigov NAME --help', not the top-level help."""
    result = run_cli(*_sample(name, tmp_path), "--no-such-option")
    assert result.code == 2
    assert result.stderr.startswith("aigov: error: unrecognized arguments: --no-such-option")
    assert result.stderr.rstrip().endswith(f"(see 'aigov {name} --help')")


def test_an_unknown_command_gets_a_did_you_mean() -> None:
    """'aigov chek' suggests 'check' and lists the commands."""
    result = run_cli("chek", PROFILE)
    assert result.code == 2
    assert "unknown command 'chek' of 'aigov'; did you mean 'check'?" in result.stderr
    assert all(name in result.stderr for name in COMMANDS)


def test_a_rule_set_given_as_a_profile_says_what_it_is() -> None:
    """The document's kind is named, with where it goes, instead of nine profile errors."""
    result = run_cli("check", RULES)
    assert result.code == 3
    assert result.stderr.count("\n") == 1
    assert "this is a rule set, not a system profile" in result.stderr
    assert "--rules FILE" in result.stderr


_SHIPPED = ROOT / "src" / "aigov" / "data" / "examples"
_POLICY = _SHIPPED / "policies" / "northwind-analytics.json"
_PACK = _SHIPPED / "packs" / "sakura-robotics-pack.json"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["check", RULES], "this is a rule set, not a system profile"),
        (["check", _POLICY], "this is an AI policy, not a system profile"),
        (["check", PROFILE, "--rules", PROFILE], "this is a system profile, not a rule set"),
        (["check", PROFILE, "--pack", RULES], "this is a rule set, not a catalogue pack"),
        (["gaps", PROFILE], "this is a system profile, not a check sheet"),
        (["coverage", _PACK], "this is a catalogue pack, not an AI policy"),
        (["classify", _POLICY], "this is an AI policy, not a system profile"),
    ],
    ids=[
        "check-rules",
        "check-policy",
        "rules-profile",
        "pack-rules",
        "gaps",
        "coverage",
        "classify",
    ],
)
def test_every_loader_names_a_misplaced_documents_kind(argv: list[object], said: str) -> None:
    """Whatever document goes in the wrong place, the one message says what it is."""
    result = run_cli(*argv)
    assert result.code == 3
    assert said in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_pack_id_without_its_pack_says_to_load_it() -> None:
    """An id whose prefix no loaded catalogue uses gets the hint to pass --pack."""
    result = run_cli("show", "acme:people-first")
    assert result.code == 2
    assert "prefix 'acme:'" in result.stderr
    assert "--pack FILE" in result.stderr


BROKEN_PROFILES = [
    pytest.param({"name": 1}, id="wrong-type"),
    pytest.param({"id": "Not A Slug"}, id="pattern"),
    pytest.param({"domains": ["employmnet"]}, id="enum"),
    pytest.param({"domains": ["x-logistics"]}, id="own-domain-without-other"),
    pytest.param({"domains": ["other", "x-Logistics"]}, id="own-domain-capitals"),
    pytest.param({"domains": ["other", "logistics"]}, id="own-domain-without-x"),
    pytest.param({"colour": "red"}, id="unknown-key"),
    pytest.param({"data": {"personal": "yes"}}, id="nested-type"),
]


@pytest.mark.parametrize("change", BROKEN_PROFILES)
def test_validate_and_load_word_a_problem_the_same_way(change: dict[str, object]) -> None:
    """The schema validator and the loader give the same paths and the same messages."""
    document = {**json.loads(PROFILE.read_text(encoding="utf-8")), **change}
    with pytest.raises(ValidationFailed) as loaded:
        load_profile(document)
    with pytest.raises(ValidationFailed) as checked:
        validate(document, "system-profile")
    # The same words, whether the did-you-mean is part of the message or its hint.
    as_loaded = [str(i) for i in loaded.value.issues]
    as_checked = [str(i) for i in checked.value.issues]
    assert as_loaded == as_checked


_OPTION = re.compile(r"^\| `(-[-a-z]+|[A-Z_]+)[ `]")
#: Options every command documents once, in the page's "Common options" table.
_COMMON = {"-h", "--help", "--pack", "--lang", "-o", "--output"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_cli_page_documents_every_option(name: str) -> None:
    """docs/cli.md's section of each command lists each of its options in its table."""
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = page.split(f"## `aigov {name}`\n", 1)[1].split("\n## ", 1)[0]
    documented = {m.group(1) for line in section.splitlines() if (m := _OPTION.match(line))}
    wanted = {
        action.option_strings[-1]
        for action in _actions(name)
        if action.option_strings and not set(action.option_strings) & _COMMON
    }
    missing = sorted(w for w in wanted if w not in documented)
    assert not missing, f"docs/cli.md, aigov {name}: no row for {missing}"
