"""Hostile input: every entry point that reads outside data, fuzzed with a fixed budget.

The only exceptions that may escape the library are AigovError subclasses; the
CLI never shows a traceback and exits 0, 1 or 2.  The budget per entry point is
``AIGOV_FUZZ_EXAMPLES`` (default 100, seeded, so CI runs the same inputs every
time); ``benchmarks/fuzz.sh`` runs a larger budget.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from aigov.assess import check
from aigov.catalog import load_catalog
from aigov.checklist import CSV_COLUMNS, load_checklist
from aigov.cli import main
from aigov.crosswalk import load_mappings
from aigov.errors import AigovError
from aigov.profile import load_profile
from aigov.rules import compile_rules

BUDGET = int(os.environ.get("AIGOV_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=BUDGET,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ROOT = Path(__file__).resolve().parent.parent
RESUME: dict[str, Any] = json.loads(
    (ROOT / "src/aigov/data/examples/profiles/resume-screener.json").read_text(encoding="utf-8")
)

_KEYS = st.sampled_from(
    [
        "kind",
        "id",
        "version",
        "rules",
        "when",
        "fact",
        "operator",
        "value",
        "all",
        "any",
        "not",
        "items",
        "principles",
        "relations",
        "mappings",
        "profile_version",
        "domains",
        "actors",
        "data",
        "personal",
        "x-ext",
        "$schema",
        "status",
        "label",
        "ja",
        "en",
        "\u0000",
        "🙂",
    ]
)
#: Text a hostile document holds: lone surrogates, terminal controls, C1 characters.
_HOSTILE_TEXT = st.text(
    st.characters(categories=["Cs", "Cc", "Zl", "Zp", "Lo", "Ll"]), max_size=8
) | st.sampled_from(["\ud800", "a\udfffb", "\x1b]0;x\x07", "\x1b[2J", "\r", "\x9b", "=cmd|x"])
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**19, max_value=10**60)
    | st.floats(allow_nan=True)
    | st.text(max_size=12)
    | _HOSTILE_TEXT
    | st.sampled_from(["catalog", "rule-set", "checklist", "1", "yes"])
)
_JSON = st.recursive(
    _SCALARS,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(_KEYS, kids, max_size=5),
    max_leaves=25,
)


def _mutate(base: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps(base))
    for _ in range(data.draw(st.integers(0, 4))):
        target: Any = doc
        path = data.draw(st.lists(_KEYS, max_size=3))
        for key in path[:-1]:
            if isinstance(target, dict):
                target = target.setdefault(key, {})
        if isinstance(target, dict) and path:
            target[path[-1]] = data.draw(_JSON)
    return doc


def _main_in_root(argv: list[str], out: Any, err: io.StringIO) -> int:
    """Run the CLI in-process from the project root (paths in argv are relative to it)."""
    cwd = Path.cwd()
    try:
        os.chdir(ROOT)
        return main(argv, stdout=out, stderr=err)
    finally:
        os.chdir(cwd)


def _only_aigov_errors(fn: Any, *args: Any) -> None:
    try:
        fn(*args)
    except AigovError:
        pass


@FUZZ
@given(st.data())
def test_fuzz_profiles(data: st.DataObject) -> None:
    _only_aigov_errors(check, _mutate(RESUME, data))


@FUZZ
@given(_JSON)
def test_fuzz_profile_documents(doc: Any) -> None:
    _only_aigov_errors(load_profile, doc if isinstance(doc, dict) else {"x": doc})


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_profile_bytes(raw: bytes) -> None:
    _only_aigov_errors(load_profile, raw)


@FUZZ
@given(st.data())
def test_fuzz_rule_sets(data: st.DataObject) -> None:
    base = {
        "kind": "rule-set",
        "id": "f",
        "version": "1",
        "rules": [
            {
                "id": "r",
                "when": {"fact": "data.personal", "operator": "equal", "value": True},
                "triggers": ["jp-ai-util-2019:privacy"],
                "severity": "low",
                "rationale": {"ja": "a", "en": "a"},
                "citation": {"document": "d", "verification": "partial"},
            }
        ],
    }
    _only_aigov_errors(lambda doc: compile_rules(doc, builtin=False), _mutate(base, data))


@FUZZ
@given(st.data())
def test_fuzz_catalog_packs(data: st.DataObject) -> None:
    base = {
        "kind": "catalog",
        "id": "f",
        "version": "1",
        "relations": [
            {
                "subject": "jp-ai-util-2019:privacy",
                "predicate": "embodies",
                "object": "jp-values-2022:privacy",
                "rationale": "r",
            }
        ],
    }
    _only_aigov_errors(load_catalog, _mutate(base, data))


@FUZZ
@given(st.data())
def test_fuzz_mapping_sets(data: st.DataObject) -> None:
    base = {
        "kind": "mapping-set",
        "id": "f",
        "version": "1",
        "subject_source": "jp-ai-util-2019",
        "object_source": "oecd-2019",
        "mappings": [],
    }
    _only_aigov_errors(lambda doc: load_mappings(doc, builtin=False), _mutate(base, data))


@FUZZ
@given(st.data())
def test_fuzz_checklists_json(data: st.DataObject) -> None:
    base = json.loads(
        (ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv")
        .read_text(encoding="utf-8-sig")
        .splitlines()[-1]  # the '#sheet' row, last
        .split(",", len(CSV_COLUMNS) - 1)[-1]
        .strip('"')
        .replace('""', '"')
    )
    base["items"] = []
    _only_aigov_errors(load_checklist, _mutate(base, data))


@FUZZ
@given(st.text(max_size=400))
def test_fuzz_checklists_csv(text: str) -> None:
    path = Path(os.environ.get("TMPDIR", "/tmp")) / "aigov-fuzz-sheet.csv"
    path.write_text(text, encoding="utf-8", errors="replace")
    _only_aigov_errors(load_checklist, path)


_WORDS = st.sampled_from(
    [
        "list",
        "show",
        "validate",
        "schema",
        "export",
        "check",
        "explain",
        "crosswalk",
        "checklist",
        "gaps",
        "principles",
        "values",
        "roles",
        "--format",
        "json",
        "table",
        "csv",
        "markdown",
        "--lang",
        "ja",
        "en",
        "--framework",
        "oecd-2019",
        "--role",
        "developer",
        "--all",
        "--to",
        "jp-ai-util-2019:privacy",
        "--schema",
        "catalog",
        "--rules",
        "--pack",
        "src/aigov/data/examples/profiles/resume-screener.json",
        "src/aigov/data/examples/checklists/resume-screener-filled.csv",
        "missing.json",
        "-o",
        "--no-builtin-rules",
        "--profile",
        "--",
        "-",
        "",
    ]
)


@FUZZ
@given(st.lists(_WORDS, max_size=7))
def test_fuzz_cli_never_shows_a_traceback(argv: list[str]) -> None:
    if "-o" in argv:  # keep the fuzzer from writing files into the repository
        return
    out, err = io.StringIO(), io.StringIO()
    code = _main_in_root(argv, out, err)
    assert code in (0, 1, 2, 3)  # 1: a gate failed (gaps), 3: an invalid document
    assert "Traceback" not in err.getvalue()


@seed(0)
@FUZZ
@given(st.binary(max_size=500))
def test_fuzz_cli_on_arbitrary_files(raw: bytes) -> None:
    path = Path(os.environ.get("TMPDIR", "/tmp")) / "aigov-fuzz.json"
    path.write_bytes(raw)
    for argv in (["validate", str(path)], ["check", str(path)], ["gaps", str(path)]):
        out, err = io.StringIO(), io.StringIO()
        assert main(argv, stdout=out, stderr=err) in (2, 3)
        assert "Traceback" not in err.getvalue()


@FUZZ
@given(
    st.integers(1, 6000),
    st.sampled_from(["1", "-1", "1.5e", "NaN", "Infinity", "-Infinity", "1e999"]),
)
def test_fuzz_number_literals_of_any_length(digits: int, kind: str) -> None:
    """Integers of any length and non-finite numbers in the text of any document."""
    if kind.endswith("e"):
        literal = kind + "9" * min(digits, 400)  # an exponent out of any float's range
    elif kind[-1].isalpha():
        literal = kind
    else:
        literal = kind * digits
    text = json.dumps(RESUME).replace('"safety_critical": false', f'"safety_critical": {literal}')
    _only_aigov_errors(load_profile, text.encode())
    _only_aigov_errors(
        load_catalog, text.replace('"profile_version"', '"kind": "catalog", "x"').encode()
    )


@FUZZ
@given(st.integers(1, 400), st.sampled_from(["all", "any", "not"]))
def test_fuzz_deep_rule_conditions(depth: int, combinator: str) -> None:
    """Conditions nested to any depth: a LimitError or a rule set, never a RecursionError."""
    when: dict[str, Any] = {"fact": "data.personal", "operator": "equal", "value": True}
    for _ in range(depth):
        when = {"not": when} if combinator == "not" else {combinator: [when]}
    doc = {
        "kind": "rule-set",
        "id": "deep",
        "version": "1",
        "rules": [
            {
                "id": "r",
                "when": when,
                "triggers": ["jp-ai-util-2019:privacy"],
                "severity": "low",
                "rationale": {"ja": "a", "en": "a"},
                "citation": {"document": "d", "verification": "partial"},
            }
        ],
    }
    path = Path(os.environ.get("TMPDIR", "/tmp")) / "aigov-fuzz-rules.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    for argv in (
        ["validate", str(path)],
        ["check", "src/aigov/data/examples/profiles/resume-screener.json", "--rules", str(path)],
    ):
        out, err = io.StringIO(), io.StringIO()
        code = _main_in_root(argv, out, err)
        assert code in (0, 3), err.getvalue()
        assert "Traceback" not in err.getvalue()


@FUZZ
@given(_HOSTILE_TEXT, st.sampled_from(["name", "description", "x-note"]))
def test_fuzz_hostile_text_in_every_profile_string(text: str, field: str) -> None:
    """Lone surrogates and control characters: refused or kept, and any output is writable."""
    doc = dict(RESUME, **{field: text or "x"})
    try:
        assessment = check(doc)
    except AigovError:
        return
    from aigov.report import render_assessment

    for fmt in ("table", "markdown", "json"):
        rendered = render_assessment(assessment, fmt)
        rendered.encode("utf-8")  # never a lone surrogate in output
        assert "\x1b" not in rendered


@FUZZ
@given(
    st.sampled_from(["regular", "directory", "fifo", "missing-folder", "dash"]),
    st.sampled_from(
        [
            "export --format mermaid",
            "schema catalog",
            "checklist src/aigov/data/examples/profiles/resume-screener.json",
        ]
    ),
)
def test_fuzz_special_output_targets(target: str, command: str) -> None:
    """-o onto every kind of target: written, refused with exit 2, or standard output."""
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / "aigov-fuzz-out"
    folder.mkdir(exist_ok=True)
    path = {
        "regular": folder / "out.txt",
        "directory": folder,
        "fifo": folder / "out.fifo",
        "missing-folder": folder / "nope" / "out.txt",
        "dash": Path("-"),
    }[target]
    if target == "fifo" and not path.exists():
        os.mkfifo(path)
    argv = [*command.split(), "-o", str(path)]
    if command == "schema catalog":
        argv = ["schema", "catalog"]  # schema has no -o: only the stream matters
    out, err = io.StringIO(), io.StringIO()
    code = _main_in_root(argv, out, err)
    assert code in (0, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if target == "fifo":
        assert path.is_fifo()
    assert not list(folder.glob(".*.tmp"))


@FUZZ
@given(
    st.sampled_from(["cp932", "shift_jis", "euc-jp", "latin-1", "ascii"]),
    st.sampled_from(
        [
            ["check", "src/aigov/data/examples/profiles/resume-screener.json", "--lang", "ja"],
            [
                "check",
                "src/aigov/data/examples/profiles/credit-scoring.json",
                "--format",
                "markdown",
            ],
            ["list", "values", "--lang", "ja"],
            ["show", "jp-ai-util-2019:fairness", "--lang", "ja"],
            ["checklist", "src/aigov/data/examples/profiles/resume-screener.json", "--lang", "ja"],
        ]
    ),
)
def test_fuzz_non_utf8_output_streams(encoding: str, argv: list[str]) -> None:
    """Output to a stream that cannot hold every character: escaped, never a crash."""
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding, errors="strict")
    err = io.StringIO()
    code = _main_in_root(argv, out, err)
    out.flush()
    assert code == 0, err.getvalue()
    assert raw.getvalue()
