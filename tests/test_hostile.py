"""Hostile input, round two: one regression test per finding of the 2026-11 security review.

Each test names its finding (F1...F25 of SECURITY-2026-11.md). The contract:
only AigovError reaches a library user, the command line exits 0/1/2 (130 on
Ctrl-C) without a traceback, nothing is silently dropped, writes are atomic
and only ever replace regular files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import aigov
from aigov._jsonio import atomic_write_text
from aigov.catalog import load_catalog
from aigov.checklist import Checklist, load_checklist
from aigov.errors import AigovError, DocumentError, FileAccessError, LimitError, ParseError
from aigov.report import render_assessment, render_checklist, render_coverage
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
RESUME = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
PROFILE: dict[str, Any] = json.loads(RESUME.read_text(encoding="utf-8"))
LT = {"ja": "t", "en": "t"}
SRC = {"document": "d", "verification": "verified"}


def _aigov(*args: object, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """The real command in a child process (for what in-process calls cannot show)."""
    return subprocess.run(
        [sys.executable, "-m", "aigov", *map(str, args)],
        capture_output=True,
        check=False,
        cwd=kwargs.pop("cwd", ROOT),
        **kwargs,
    )


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# -- F1, F16: numbers -----------------------------------------------------------------------


def test_f1_a_huge_integer_is_a_parse_error_with_its_place(tmp_path: Path) -> None:
    text = RESUME.read_text(encoding="utf-8").replace(
        '"safety_critical": false', '"safety_critical": ' + "1" * 4301
    )
    path = tmp_path / "bigint.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError) as info:
        aigov.check(path)
    assert "an integer of 4301 digits; at most 20 are read" in str(info.value)
    assert f"{path}: invalid document: line " in str(info.value)
    result = run_cli("validate", path)
    assert result.code == 3
    assert "Traceback" not in result.stderr


def test_f1_a_huge_integer_fails_only_its_line_of_a_batch(tmp_path: Path) -> None:
    good = json.dumps(PROFILE)
    lines = tmp_path / "batch.jsonl"
    lines.write_text("\n".join([good, good.replace("false", "9" * 5000, 1), good]) + "\n")
    result = run_cli("check", lines, "--format", "json")
    assert result.code == 3
    assert len(result.stdout.splitlines()) == 2
    assert f"{lines}:2: invalid document: line 1" in result.stderr


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_f16_non_finite_numbers_are_refused(literal: str) -> None:
    text = json.dumps(PROFILE).replace('"name":', f'"x-n": {literal}, "name":', 1)
    with pytest.raises(ParseError, match=r"not a JSON number|too large to be read"):
        aigov.check(text.encode())


# -- F2, F19: nesting, and validate agreeing with check -----------------------------------


def _nested_rules(depth: int) -> dict[str, Any]:
    when: dict[str, Any] = {"fact": "data.personal", "operator": "equal", "value": True}
    for _ in range(depth):
        when = {"all": [when]}
    rule = {
        "id": "deep",
        "when": when,
        "triggers": ["jp-ai-util-2019:privacy"],
        "severity": "low",
        "rationale": LT,
        "citation": SRC,
    }
    return {"kind": "rule-set", "id": "deep", "version": "1", "rules": [rule]}


@pytest.mark.parametrize("depth", [40, 150, 400])
def test_f2_validate_refuses_deep_rules_without_a_traceback(tmp_path: Path, depth: int) -> None:
    path = _write(tmp_path / "deep.json", _nested_rules(depth))
    result = run_cli("validate", path)
    assert result.code == 3, result.stderr
    assert "deeper than" in result.stderr
    with pytest.raises(LimitError):
        aigov.check_document(_nested_rules(depth))


def test_f19_validate_and_check_agree(tmp_path: Path) -> None:
    deep = dict(PROFILE, **{"x-d": json.loads("[" * 300 + "]" * 300)})
    path = _write(tmp_path / "deep.json", deep)
    assert run_cli("validate", path).code == 3
    assert run_cli("check", path).code == 3


# -- F3: long merged versions --------------------------------------------------------------


def test_f3_json_export_of_many_or_long_versioned_packs(tmp_path: Path) -> None:
    pack = {
        "kind": "catalog",
        "id": "long-version",
        "version": "v" * 390,
        "frameworks": [],
    }
    path = _write(tmp_path / "pack.json", pack)
    result = run_cli("export", "--format", "json", "--pack", path)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["version"].startswith("merged-")


# -- F4: lone surrogates --------------------------------------------------------------------


@pytest.mark.parametrize("where", ["value", "key"])
def test_f4_a_lone_surrogate_is_refused_and_leaves_no_file(tmp_path: Path, where: str) -> None:
    text = json.dumps(PROFILE)
    text = text.replace(
        '"name":', '"x-a": "\\udfff", "name":' if where == "value" else '"x-\\ud800": 1, "name":', 1
    )
    path = tmp_path / "surrogate.json"
    path.write_text(text, encoding="utf-8")
    result = run_cli("checklist", path, "--format", "json", "-o", tmp_path / "out.json")
    assert result.code == 3
    assert "lone surrogate" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["surrogate.json"]


# -- F5, F6: the terminal and its streams ------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp932", "shift_jis", "euc-jp", "latin-1", "ascii"])
def test_f5_output_never_fails_on_the_stream_encoding(encoding: str) -> None:
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    for lang in ("en", "ja"):
        done = _aigov("check", RESUME, "--lang", lang, env=env)
        assert done.returncode == 0, done.stderr
        assert b"Traceback" not in done.stderr


def test_f5_output_is_utf8_by_default() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env["LC_ALL"] = "C"
    done = _aigov("list", "values", "--lang", "ja", env=env)
    assert done.returncode == 0
    assert "人間中心" in done.stdout.decode("utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_f6_a_full_disk_on_stdout_is_exit_2() -> None:
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "aigov", "schema", "catalog"],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            cwd=ROOT,
        )
    assert done.returncode == 2
    assert done.stderr.decode().startswith("aigov: error: standard output:")


def test_f6_a_closed_stdout_is_exit_2() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "aigov", "list", "values"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        cwd=ROOT,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr


def test_f6_a_closed_stderr_keeps_the_exit_code() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "aigov", "check", "/nonexistent.json"],
        capture_output=True,
        check=False,
        cwd=ROOT,
        preexec_fn=lambda: os.close(2),
    )
    assert done.returncode == 2


# -- F7, F8: cost ------------------------------------------------------------------------------


def test_f7_did_you_mean_is_worked_out_for_the_shown_problems_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A hint compares with every ID; only the 20 problems a message shows get one."""
    import aigov._suggest

    calls: list[object] = []
    real = aigov._suggest.did_you_mean

    def counted(value: str, options: Any) -> str | None:
        calls.append(value)
        return real(value, options)

    monkeypatch.setattr(aigov._suggest, "did_you_mean", counted)
    relations = [
        {
            "subject": f"fw:p{i}-missing",
            "predicate": "addresses",
            "object": "developer",
            "rationale": "r",
        }
        for i in range(3000)
    ]
    pack = {"kind": "catalog", "id": "dangling", "version": "1", "relations": relations}
    with pytest.raises(AigovError) as info:
        load_catalog(pack)
    assert len(calls) == 20
    assert "and 2980 more" in str(info.value)
    assert "define it or fix the id)" in str(info.value)


# F8 (coverage was quadratic in a policy's principles) is a cost, so it is measured, with a
# time bound, by benchmarks/limits.py ("Policy: 1,000 principles..."), not in a timed test.


# -- F9, F10, F17: check-sheet CSV ----------------------------------------------------------


def _sheet() -> Checklist:
    profile = aigov.load_profile(RESUME)
    return aigov.make_checklist(aigov.check(profile), profile=profile)


def test_f9_formula_cells_are_neutralised_and_read_back(tmp_path: Path) -> None:
    sheet = _sheet()
    answers = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1", "-2", "\tx", "'=already", "'plain"]
    items = list(sheet.items)
    for i, text in enumerate(answers):
        items[i] = items[i].model_copy(update={"status": "yes", "evidence": text})
    filled = sheet.model_copy(update={"items": tuple(items)})
    text = render_checklist(filled, "csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    risky = [
        cell for row in rows[1:] for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")
    ]
    assert risky == []
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert load_checklist(path) == filled


def test_f10_a_second_sheet_row_is_refused(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(_sheet().to_csv().lstrip("\ufeff"), newline="")))
    rows.insert(1, next(row for row in rows if row[0] == "#sheet"))
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = tmp_path / "two.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with pytest.raises(DocumentError, match="a second '#sheet' row"):
        load_checklist(path)


def test_f17_answers_survive_json_csv_json(tmp_path: Path) -> None:
    sheet = _sheet()
    items = list(sheet.items)
    items[0] = items[0].model_copy(
        update={"status": "no", "justification": "  out of scope\n", "answered_by": "\tA. Person "}
    )
    items[1] = items[1].model_copy(update={"status": "yes", "evidence": "   "})
    filled = sheet.model_copy(update={"items": tuple(items)})
    path = tmp_path / "sheet.csv"
    path.write_text(render_checklist(filled, "csv"), encoding="utf-8", newline="")
    assert load_checklist(path) == filled


# -- F11, F14: injection into reports and terminals ---------------------------------------------


def _markdown_html(text: str) -> str:
    """The HTML a CommonMark renderer (markdown-it-py, raw HTML allowed) makes of ``text``."""
    from markdown_it import MarkdownIt

    html: str = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    return html


PAYLOAD = "<img src=x onerror=alert(1)> [x](javascript:alert(2))\n# Forged heading"


def test_f11_markdown_reports_keep_document_text_inert() -> None:
    profile = dict(PROFILE, name=PAYLOAD.replace("\n", " "), id="md")
    text = render_assessment(aigov.check(profile), "markdown")
    html = _markdown_html(text)
    assert "<img" not in html
    assert "[x](javascript:alert(2))" in html  # shown as text, not made a link
    assert "href" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    sheet = _sheet()
    items = list(sheet.items)
    items[0] = items[0].model_copy(update={"status": "yes", "evidence": PAYLOAD})
    html = _markdown_html(
        render_checklist(sheet.model_copy(update={"items": tuple(items)}), "markdown")
    )
    assert "Forged heading</h1>" not in html
    assert "<img" not in html
    assert "href" not in html


def test_f11_coverage_markdown_escapes_policy_text() -> None:
    policy = json.loads(
        (ROOT / "src/aigov/data/examples/policies/sakura-robotics.json").read_text("utf-8")
    )
    policy["title"] = "<script>alert(1)</script>"
    html = _markdown_html(render_coverage(aigov.review_coverage(policy), "markdown"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_f14_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    profile = dict(PROFILE, name="x\x1b]0;PWNED\x07\x1b[2J\r")
    path = _write(tmp_path / "esc.json", profile)
    result = run_cli("check", path)
    assert result.code == 3
    assert "\x1b" not in result.stdout + result.stderr
    assert "a control character (\\x1b) is not allowed here" in result.stderr
    name = tmp_path / "a\nprod.json: valid system-profile\nb.json"
    name.write_text(RESUME.read_text("utf-8"), encoding="utf-8")
    result = run_cli("validate", name)
    assert result.stdout.count("\n") == 1
    assert "a\\nprod.json" in result.stdout


def test_f14_catalogue_text_refuses_carriage_returns() -> None:
    pack = {
        "kind": "catalog",
        "id": "cr",
        "version": "1",
        "frameworks": [
            {
                "id": "cr-fw",
                "label": {"ja": "a\rb", "en": "a"},
                "issuer": LT,
                "date": "2024",
                "summary": LT,
                "source": SRC,
            }
        ],
    }
    with pytest.raises(DocumentError, match=r"a control character \(\\r\)"):
        load_catalog(pack)


# -- F13, F15: files written --------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_f13_output_never_replaces_a_special_file(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    result = run_cli("export", "--format", "mermaid", "-o", fifo)
    assert result.code == 2
    assert "is not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(FileAccessError, match="not a regular file"):
        atomic_write_text(fifo, "x")


def test_f13_dash_writes_to_standard_output() -> None:
    result = run_cli("export", "--format", "mermaid", "-o", "-")
    assert result.code == 0
    assert result.stdout.startswith("flowchart LR")


def test_f15_ctrl_c_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    principles = [
        {
            "id": f"big:p{i}",
            "framework": "big",
            "number": i % 999 + 1,
            "label": LT,
            "summary": {"ja": "s" * 1000, "en": "s" * 1000},
            "source": SRC,
        }
        for i in range(4000)
    ]
    pack = {
        "kind": "catalog",
        "id": "big-pack",
        "version": "1",
        "frameworks": [
            {"id": "big", "label": LT, "issuer": LT, "date": "2024", "summary": LT, "source": SRC}
        ],
        "principles": principles,
    }
    _write(tmp_path / "pack.json", pack)
    for delay in (0.6, 0.9, 1.2, 1.5):
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aigov",
                "export",
                "--pack",
                "pack.json",
                "--format",
                "json",
                "-o",
                "out.json",
            ],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
        assert b"Traceback" not in err
        # 130 after a clean interrupt, 0 if it finished first, -SIGINT if the signal
        # came before Python could handle it (no traceback then either).
        assert child.returncode in (0, 130, -signal.SIGINT)
        assert not list(tmp_path.glob(".out.json.*.tmp"))


def test_f15_ctrl_c_at_start_up_prints_no_traceback() -> None:
    """A Ctrl-C while the library loads (pydantic mapped in, aigov importing) exits quietly.

    The interpreter's own start-up, before any aigov code runs, is out of aigov's
    reach: the signal is sent once pydantic's compiled core is loaded, which
    happens only inside ``aigov.__main__.run``.
    """
    child = subprocess.Popen(
        [sys.executable, "-m", "aigov", "schema"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    maps = Path(f"/proc/{child.pid}/maps")
    deadline = time.monotonic() + 30
    while child.poll() is None and time.monotonic() < deadline:
        try:
            if "pydantic_core" in maps.read_text(errors="replace"):
                break
        except OSError:
            break
        time.sleep(0.002)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert b"Traceback" not in err
    assert child.returncode in (0, 130)


# -- F18, F20, F21, F22, F25 ----------------------------------------------------------------------


def test_f18_repeated_list_values_are_refused() -> None:
    with pytest.raises(DocumentError, match="'employment' is listed twice"):
        aigov.check(dict(PROFILE, domains=["employment"] * 3))


def test_f20_an_assessment_with_repeated_or_unknown_principles_is_refused(tmp_path: Path) -> None:
    doc = json.loads(aigov.check(RESUME).to_json())
    doc["triggered"].append(doc["triggered"][0])
    result = run_cli("checklist", _write(tmp_path / "twice.json", doc))
    assert result.code == 3
    assert "$.triggered[" in result.stderr
    assert "is listed twice" in result.stderr
    doc["triggered"] = doc["triggered"][:1]
    doc["triggered"][0]["principle"] = "nope:missing"
    result = run_cli("checklist", _write(tmp_path / "unknown.json", doc))
    assert result.code == 3
    assert (
        "unknown.json: invalid document: $.triggered[0].principle: unknown principle"
        in result.stderr
    )


def test_f21_error_paths_are_paths_in_the_document(tmp_path: Path) -> None:
    rule = {
        "id": "long",
        "when": {"fact": "domains", "operator": "contains", "value": "e" * 201},
        "triggers": ["jp-ai-util-2019:privacy"],
        "severity": "low",
        "rationale": LT,
        "citation": SRC,
    }
    path = _write(
        tmp_path / "long.json", {"kind": "rule-set", "id": "l", "version": "1", "rules": [rule]}
    )
    result = run_cli("check", RESUME, "--rules", path)
    assert result.code == 3
    assert "$.rules[0].when.value: rule 'long'" in result.stderr
    assert ".bool" not in result.stderr
    assert "tuple[" not in result.stderr


@pytest.mark.parametrize(
    "call",
    [
        aigov.check,
        aigov.load_catalog,
        aigov.load_checklist,
        aigov.compile_rules,
        aigov.review_coverage,
    ],
)
def test_f22_a_nul_in_a_path_is_a_file_error(call: Any) -> None:
    with pytest.raises(FileAccessError, match="NUL"):
        call("bad\x00name.json")


def test_f25_html_for_several_profiles_is_refused() -> None:
    result = run_cli("check", RESUME, RESUME, "--format", "html")
    assert result.code == 2
    assert "one page for one profile" in result.stderr
    assert result.stdout == ""
