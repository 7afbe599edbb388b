"""The documentation: generated parts are fresh, every example runs, the site builds.

Code blocks are read from ``docs/*.md`` and ``README.md``:

- every fenced ``python`` block is executed in a fresh namespace, unless its
  first line is ``# doctest: skip``.  In
  ``docs/``, comment lines right below a ``print(...)`` line show what it
  prints, and must match (``...`` inside such a line stands for any text);
- every ``$ aigov ...`` line of a ``console`` block is run in-process and must
  exit 0, or the code named by an ``# exit 1`` / ``# exit 2`` line right below
  it.  In ``docs/`` the output shown below a command must also match what the
  command prints (stdout, then stderr); a line holding only ``...`` stands for
  any number of lines.

Both run in a folder that looks like the repository's root (its files and
folders linked in) with every shipped example copied into it by
``aigov.examples.copy_example``: the folder a reader has after ``aigov examples
copy NAME``, so the pages can say ``aigov check resume-screener.json``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from aigov.catalog import _RELATION_ENDS, KINDS, builtin_catalog
from aigov.cli import main
from aigov.examples import copy_example, list_examples
from aigov.profile import fact_specs
from aigov.rules import OPERATORS
from aigov.schemas import detect_schema, schema_files, validate

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
SKIP_MARK = "# doctest: skip"
ELLIPSIS = "..."


def _generator() -> ModuleType:
    path = ROOT / "scripts" / "generate_docs.py"
    spec = importlib.util.spec_from_file_location("generate_docs", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- reading code blocks ---------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A fenced code block: where it is, its language, its text."""

    path: Path
    line: int
    lang: str
    text: str

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<lang>[\w+-]*)(?P<rest>.*)$")


def _blocks(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        indent, fence = match["indent"], match["fence"]
        closing = re.compile(rf"^{re.escape(indent)}{re.escape(fence)}\s*$")
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            body.append(lines[j][len(indent) :])
            j += 1
        found.append(Block(path, i + 1, match["lang"], "\n".join(body) + "\n"))
        i = j + 1
    return found


def _doc_files() -> list[Path]:
    files = sorted(DOCS.glob("*.md"))
    if README.is_file():
        files.append(README)
    return files


def _all_blocks(lang: str) -> list[Block]:
    return [b for path in _doc_files() for b in _blocks(path) if b.lang == lang]


# -- console commands ------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One ``$ aigov ...`` line with the exit code and output the page shows for it."""

    block: Block
    offset: int
    argv: tuple[str, ...]
    exit_code: int
    output: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.block.path.relative_to(ROOT)}:{self.block.line + 1 + self.offset}"


_EXIT = re.compile(r"^# exit (\d+)$")


def _commands(block: Block) -> list[Command]:
    lines = block.text.rstrip("\n").split("\n")
    commands: list[Command] = []
    for i, line in enumerate(lines):
        if not line.startswith("$ aigov "):
            continue
        rest: list[str] = []
        for following in lines[i + 1 :]:
            if following.startswith("$ "):
                break
            rest.append(following.rstrip())
        code = 0
        if rest and (match := _EXIT.match(rest[0])):
            code = int(match[1])
            rest = rest[1:]
        argv = tuple(shlex.split(line[2:])[1:])
        commands.append(Command(block, i, argv, code, tuple(rest)))
    return commands


def _all_commands() -> list[Command]:
    return [c for b in _all_blocks("console") for c in _commands(b)]


def _matches(expected: Sequence[str], actual: Sequence[str]) -> bool:
    """Whether ``actual`` lines fit ``expected``, where a ``...`` line matches any lines."""
    parts: list[list[str]] = [[]]
    for line in expected:
        if line == ELLIPSIS:
            parts.append([])
        else:
            parts[-1].append(line)
    if len(parts) == 1:
        return list(actual) == parts[0]
    head, *middle, tail = parts
    if list(actual[: len(head)]) != head:
        return False
    if tail and list(actual[len(actual) - len(tail) :]) != tail:
        return False
    pos, end = len(head), len(actual) - len(tail)
    if pos > end:
        return False
    for part in middle:
        # Leftmost match of each middle part is enough: a later one never helps.
        while pos + len(part) <= end and list(actual[pos : pos + len(part)]) != part:
            pos += 1
        if pos + len(part) > end:
            return False
        pos += len(part)
    return True


def test_ellipsis_matching_accepts_elided_lines_and_rejects_wrong_ones() -> None:
    actual = ["a", "b", "c", "d"]
    assert _matches(["a", ELLIPSIS, "d"], actual)
    assert _matches([ELLIPSIS, "c", ELLIPSIS], actual)
    assert _matches(["a", "b", "c", "d", ELLIPSIS], actual)
    assert not _matches(["a", ELLIPSIS, "c"], actual)
    assert not _matches(["a", "c", ELLIPSIS], actual)
    assert not _matches(["a", "b"], actual)


# -- generated files -------------------------------------------------------------------


def test_generated_docs_are_up_to_date() -> None:
    stale = [
        str(path.relative_to(ROOT))
        for path, text in _generator().render().items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"stale: {', '.join(stale)}; run 'python scripts/generate_docs.py'"


def test_generating_the_docs_twice_gives_the_same_text() -> None:
    generator = _generator()
    assert generator.render() == generator.render()


def test_splice_refuses_a_page_without_its_markers() -> None:
    generator = _generator()
    with pytest.raises(ValueError, match="expected exactly one"):
        generator.splice("no markers here\n", "body\n")


# -- examples ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's root entries, linked, and every example copied in, by its file name."""
    folder = tmp_path_factory.mktemp("docs-workdir")
    for entry in ROOT.iterdir():
        if not entry.name.startswith(".") and entry.name != "examples":
            (folder / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    for example in list_examples():
        copy_example(example.name, folder)
    return folder


def _shown_outputs(text: str) -> list[list[str]]:
    """The comment lines right below each ``print(...)`` line, without the ``#``."""
    lines = text.splitlines()
    shown: list[list[str]] = []
    for i, line in enumerate(lines):
        if not line.strip().startswith("print("):
            continue
        chunk: list[str] = []
        for following in lines[i + 1 :]:
            stripped = following.strip()
            if not stripped.startswith("# "):
                break
            chunk.append(stripped[2:])
        if chunk:
            shown.append(chunk)
    return shown


def _line_pattern(line: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in line.split(ELLIPSIS)))


def _find_in_order(chunks: list[list[str]], printed: list[str]) -> list[str] | None:
    """The first chunk that cannot be found, in order, among the printed lines."""
    pos = 0
    for chunk in chunks:
        patterns = [_line_pattern(line) for line in chunk]
        while pos + len(chunk) <= len(printed) and not all(
            p.fullmatch(printed[pos + k]) for k, p in enumerate(patterns)
        ):
            pos += 1
        if pos + len(chunk) > len(printed):
            return chunk
        pos += len(chunk)
    return None


def test_shown_print_output_is_matched_in_order() -> None:
    text = 'print(1)\n# 1\nx = 2\nprint("a b")\n# a ...\n'
    chunks = _shown_outputs(text)
    assert chunks == [["1"], ["a ..."]]
    assert _find_in_order(chunks, ["1", "a b"]) is None
    assert _find_in_order(chunks, ["a b", "1"]) == ["a ..."]


@pytest.mark.parametrize("block", _all_blocks("python"), ids=lambda b: b.name)
def test_python_example_runs(block: Block, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if block.text.startswith(SKIP_MARK):
        pytest.skip(f"marked '{SKIP_MARK}'")
    monkeypatch.chdir(workdir)
    code = compile(block.text, block.name, "exec")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, {"__name__": "__docs__"})
    if block.path == README:
        return
    missing = _find_in_order(_shown_outputs(block.text), printed.getvalue().splitlines())
    assert missing is None, (
        "the output shown in comments is not what the example prints\n--- shown\n"
        + "\n".join(missing or [])
        + "\n--- printed\n"
        + printed.getvalue()
    )


@pytest.mark.parametrize("command", _all_commands(), ids=lambda c: c.name)
def test_console_example_exits_as_shown(
    command: Command, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workdir)
    out, err = io.StringIO(), io.StringIO()
    code = main(list(command.argv), stdout=out, stderr=err)
    assert code == command.exit_code, (
        f"exit {code}, expected {command.exit_code}:\n{err.getvalue()}"
    )
    if command.block.path == README or not command.output:
        return
    actual = [line.rstrip() for line in (out.getvalue() + err.getvalue()).splitlines()]
    expected = list(command.output)
    assert _matches(expected, actual), (
        "the output shown differs from the real output\n--- shown\n"
        + "\n".join(expected)
        + "\n--- real\n"
        + "\n".join(actual)
    )


@pytest.mark.parametrize("block", _all_blocks("json"), ids=lambda b: b.name)
def test_json_example_is_a_valid_document(block: Block, tmp_path: Path) -> None:
    """A relative `$schema` in an example starts from a folder next to `aigov schema --all`'s."""
    (tmp_path / "schemas").mkdir()
    for file_name, text in schema_files().items():
        (tmp_path / "schemas" / file_name).write_text(text, encoding="utf-8")
    base = tmp_path / "docs"
    document = json.loads(block.text)
    if detect_schema(document, base=base) is not None:
        validate(document, source=block.name, base=base)


def test_the_docs_have_examples_to_run() -> None:
    assert len(_all_blocks("python")) >= 10
    assert len(_all_commands()) >= 20


# -- reference pages cover the code ------------------------------------------------------


def _page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_every_profile_fact_is_documented() -> None:
    page = _page("checking.md")
    missing = [path for path in fact_specs() if f"`{path}`" not in page]
    assert not missing, f"checking.md does not describe: {missing}"


def test_every_rule_operator_is_documented() -> None:
    page = _page("checking.md")
    missing = [op for op in OPERATORS if f"`{op}`" not in page]
    assert not missing, f"checking.md does not describe: {missing}"


def test_every_cli_command_has_a_section() -> None:
    page = _page("cli.md")
    commands = ("list", "show", "validate", "schema", "export", "check", "crosswalk", "explain")
    missing = [c for c in commands if f"## `aigov {c}`" not in page]
    assert not missing, f"cli.md has no section for: {missing}"


def test_relation_table_gives_the_ends_the_catalogue_enforces() -> None:
    page = _page("concepts.md")
    for kind, (subjects, objects) in _RELATION_ENDS.items():
        row = next(
            (line for line in page.splitlines() if line.startswith(f"| `{kind.value}` |")), ""
        )
        assert row, f"concepts.md has no table row for {kind.value!r}"
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert set(re.findall(r"`([a-z-]+)`", cells[1])) == subjects, row
        assert set(re.findall(r"`([a-z-]+)`", cells[2])) == objects, row


def test_every_evidence_key_in_the_data_is_explained() -> None:
    catalog = builtin_catalog()
    sources = [item.source for kind in KINDS for item in catalog.items(kind)]
    sources += [rel.source for rel in catalog.relations if rel.source is not None]
    keys = {key for source in sources for key in source.evidence}
    page = _page("data-sources.md")
    missing = sorted(k for k in keys if f"| {k} |" not in page)
    assert not missing, f"data-sources.md does not explain evidence keys {missing}"


def test_nav_lists_every_page() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_nav = set(re.findall(r"^\s+- [^:]+: (\S+\.md)$", config, flags=re.MULTILINE))
    assert in_nav == {p.name for p in DOCS.glob("*.md")}


def _listed_members() -> dict[str, list[str]]:
    """The modules whose API block lists its members, with the names listed."""
    found = {}
    for block in _page("api.md").split("\n::: ")[1:]:
        module, _, rest = block.partition("\n")
        options = rest.split("\n\n", 1)[0]  # the indented options right below the line
        listed = re.findall(r"^\s+- (\S+)$", options, flags=re.MULTILINE)
        if listed:
            found[module.strip()] = listed
    return found


def test_re_exporting_modules_list_their_members_on_the_api_page() -> None:
    """aigov.checklist and aigov.coverage re-export, so their pages list members by hand."""
    assert {"aigov.checklist", "aigov.coverage"} <= set(_listed_members())


@pytest.mark.parametrize("module", sorted(_listed_members()))
def test_api_page_lists_every_public_name(module: str) -> None:
    """A module whose members the page lists by hand has them all, and only them."""
    public = importlib.import_module(module).__all__
    assert sorted(_listed_members()[module]) == sorted(public)


# -- the site ------------------------------------------------------------------------------


def test_docs_site_builds_in_strict_mode(tmp_path: Path) -> None:
    for module in ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python"):
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            pytest.skip(
                f"{module} is not installed; install the docs extra: pip install -e '.[docs]'"
            )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(tmp_path / "site"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "api" / "index.html").is_file()


# -- the Interoperability page names real tests --------------------------------------------


def _interoperability_rows() -> list[list[str]]:
    section = _page("interoperability.md").split("## Formats and the tools that read them", 1)[1]
    table = section.split("\n## ", 1)[0]
    rows = [line.strip("|").split(" | ") for line in table.splitlines() if line.startswith("| ")]
    return rows[1:]  # below the heading row


def test_interoperability_page_lists_every_export_format_with_a_tool_and_a_test() -> None:
    from aigov.export import EXPORT_FORMATS

    rows = _interoperability_rows()
    written = " ".join(row[1] for row in rows)
    missing = [f for f in EXPORT_FORMATS if f != "json" and f"--format {f}" not in written]
    assert not missing, f"formats without a row on the Interoperability page: {missing}"
    assert all(row[2].strip() and row[3].strip() for row in rows)


def test_every_test_the_interoperability_page_names_exists() -> None:
    import ast

    for row in _interoperability_rows():
        for ref in re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", row[3]):
            path, name = ROOT / ref[0], ref[1]
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
            assert name in names, f"{ref[0]} has no {name}"
