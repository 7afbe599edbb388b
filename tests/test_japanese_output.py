"""Every word of ``--lang ja`` output is Japanese (identifiers and the user's own text aside).

Data-driven: every shipped example profile goes through ``checklist`` and
``gaps`` in every text format, and each run's standard output and standard
error are searched for runs of ASCII letters.  What may stay Latin is listed
below (ids, paths, article numbers, URLs, format and tool names) or comes from
the user: the words of the profile and of the sheet's answers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from aigov.assess import check
from aigov.checklist import load_checklist, make_checklist
from aigov.profile import load_profile
from aigov.testing import CliResult, run_cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src/aigov/data/examples"
PROFILE = EXAMPLES / "profiles/resume-screener.json"
FILLED = EXAMPLES / "checklists/resume-screener-filled.csv"
OLD_SHEETS = ROOT / "tests/data/old-sheets"
PROFILES = sorted([*EXAMPLES.glob("profiles/*.json"), *EXAMPLES.glob("eu-ai-act/*.json")])

#: Latin words that are no English prose: the tool's name, abbreviations Japanese
#: text writes in Latin letters (AI, EU, the CE marking, Annex III, the EUR-Lex CELEX
#: number) and the option metavariables of the command line.
ALLOWED = {"aigov", "AI", "ID", "EU", "CE", "III", "CELEX", "PROFILE", "SHEET"}


def _user_words(*paths: Path) -> set[str]:
    """The Latin words of the user's own text: every string of a profile or a filled sheet."""
    out: set[str] = set()
    for path in paths:
        out.update(re.findall(r"[A-Za-z]{2,}", path.read_text(encoding="utf-8-sig")))
    return out


def _english_words(text: str, allowed: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
    words = set()
    text = re.sub(r"`[^`]*`", "", text)  # identifiers in code spans
    text = re.sub(r"https?://\S+", "", text)
    for token in re.split(r"[\s|,()（）「」『』、。：；\[\]*“”]+|:(?=\s)", text):
        # Identifiers (jp-ai-util-2019:fairness/1, capabilities.profiling=true), options
        # (--allow-version-drift), paths and file names are codes, not words.
        if not token or re.search(r'[-.:/=_0-9@"$]', token):
            continue
        words.update(re.findall(r"[A-Za-z]{2,}", token))
    return words - ALLOWED - allowed


def _assert_japanese(result: CliResult, allowed: set[str]) -> None:
    assert _english_words(result.stdout, allowed) == set(), "standard output"
    assert _english_words(result.stderr, allowed) == set(), "standard error"


@pytest.mark.parametrize("fmt", ["markdown"])
@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_checklist_in_japanese_has_no_english_words(profile: Path, fmt: str) -> None:
    """Headings, role names, severities, statuses and the EU section are Japanese."""
    result = run_cli("checklist", profile, "--lang", "ja", "--format", fmt)
    assert result.code == 0, result.stderr
    _assert_japanese(result, _user_words(profile))


#: Columns of a spreadsheet that hold English by design (the sheet is bilingual, and these
#: are covered by its digest) or codes: the English texts, the JSON header, ids.
_LATIN_COLUMNS = (
    "ID",
    "主体",
    "原則",
    "確認事項（英語）",
    "解説（英語）",
    "価値",
    "質問の出典",
    "シート情報",
)


def _sheet_cells(rows: list[list[str]]) -> str:
    """The text a Japanese reader meets in a sheet's rows, the Latin columns aside."""
    header = rows[0]
    keep = [n for n, name in enumerate(header) if name not in _LATIN_COLUMNS]
    return "\n".join(row[n] for row in rows for n in keep if n < len(row))


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_spreadsheets_in_japanese_have_japanese_headers_and_cells(
    profile: Path, tmp_path: Path
) -> None:
    """CSV and .xlsx: headers, severities, statuses and marks are Japanese, and read back."""
    result = run_cli("checklist", profile, "--lang", "ja", "--format", "csv")
    assert result.code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0][0] == "ID"
    assert _english_words(_sheet_cells(rows), _user_words(profile)) == set()
    written = tmp_path / "ja.csv"
    written.write_text(result.stdout, encoding="utf-8")
    xlsx = tmp_path / "ja.xlsx"
    assert run_cli("checklist", profile, "--lang", "ja", "--format", "xlsx", "-o", xlsx).code == 0
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(xlsx, read_only=True)
    cells = [["" if c is None else str(c) for c in row] for row in book["checklist"].values]
    assert _english_words(_sheet_cells(cells), _user_words(profile)) == set()
    # Both read back to the sheet the library makes (its digest holds).
    data = load_profile(profile)
    made = make_checklist(check(data), profile=data)
    assert load_checklist(written) == made
    assert load_checklist(xlsx) == made


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_gaps_in_japanese_has_no_english_words(profile: Path, fmt: str) -> None:
    """The filled example sheet against every profile: stale, missing and open items, the
    verdict and the gate's reasons on standard error (in JSON: ``failures``)."""
    result = run_cli(
        "gaps", FILLED, "--profile", profile, "--lang", "ja", "--format", fmt,
        "--allow-version-drift",
    )  # fmt: skip
    assert result.code in (0, 1), result.stderr
    allowed = _user_words(profile, FILLED)
    if fmt == "json":
        # A document of codes; its one field of sentences is in the reader's words.
        failures = json.loads(result.stdout)["failures"]
        assert _english_words("\n".join(failures), allowed) == set()
        assert _english_words(result.stderr, allowed) == set()
    else:
        _assert_japanese(result, allowed)


@pytest.mark.parametrize(
    "argv",
    [
        ("gaps", FILLED, "--lang", "ja"),
        ("gaps", FILLED, "--lang", "ja", "--format", "markdown"),
        ("gaps", FILLED, "--lang", "ja", "--fail-on", "medium"),
        ("gaps", FILLED, "--lang", "ja", "--min-answered", "100"),
        ("gaps", FILLED, "--lang", "ja", "--framework", "nist-ai-rmf-1.0"),
        ("gaps", FILLED, "--lang", "ja", "--framework", "oecd-2019", "--format", "markdown"),
        ("checklist", PROFILE, "--lang", "ja"),
        ("checklist", PROFILE, "--lang", "ja", "--from", FILLED),
        ("check", PROFILE, "--lang", "ja"),
    ],
    ids=[
        "gaps-table",
        "gaps-markdown",
        "gaps-failed",
        "gaps-answered",
        "gaps-framework",
        "gaps-framework-markdown",
        "checklist",
        "from",
        "check",
    ],
)
def test_japanese_output_has_no_english_words(argv: tuple[object, ...]) -> None:
    result = run_cli(*argv)
    _assert_japanese(result, _user_words(PROFILE, FILLED))


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_per_role_sheets_are_read_in_japanese(suffix: str) -> None:
    """Reading an old per-role sheet says what was merged, in Japanese (rows named)."""
    old = OLD_SHEETS / f"public-space-camera-per-role.{suffix}"
    allowed = _user_words(old)
    drift = run_cli("gaps", old, "--lang", "ja")
    assert drift.code == 2
    assert "別のバージョン" in drift.stderr
    _assert_japanese(drift, allowed)
    report = run_cli("gaps", old, "--lang", "ja", "--allow-version-drift")
    assert "主体ごとの形式" in report.stdout
    assert "最も悪い回答「いいえ」" in report.stderr
    _assert_japanese(report, allowed)
    profile = EXAMPLES / "profiles/public-space-camera.json"
    carried = run_cli("checklist", profile, "--lang", "ja", "--from", old)
    assert "件の回答を引き継ぎました" in carried.stderr
    _assert_japanese(carried, allowed | _user_words(profile))


def test_edits_and_notes_are_japanese_too(tmp_path: Path) -> None:
    """A sheet made from an assessment (no profile), with a severity edited."""
    assessment = tmp_path / "assessment.json"
    assessment.write_text(run_cli("check", PROFILE, "--format", "json").stdout, encoding="utf-8")
    sheet = tmp_path / "sheet.json"
    assert run_cli("checklist", assessment, "--format", "json", "-o", sheet).code == 0
    data = json.loads(sheet.read_text(encoding="utf-8"))
    data["items"][0]["severity"] = "low" if data["items"][0]["severity"] != "low" else "high"
    data["items"][1]["roles"] = ["developer", "business-user"]
    sheet.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("gaps", sheet, "--lang", "ja")
    assert result.code == 1
    assert "完全性ダイジェストが一致しません" in result.stdout
    assert "該当しなくなった項目を確認できません" in result.stdout
    assert "ゲート不合格" in result.stderr
    _assert_japanese(result, _user_words(PROFILE))


def test_the_checker_finds_english() -> None:
    """The check itself: English prose is found, codes and Japanese are not."""
    assert _english_words("重要度: high (`jp-ai-rd-2017:ethics/1`)") == {"high"}
    assert _english_words("gate failed: 3 open item(s)") == {"gate", "failed", "open", "item"}
    assert _english_words("第5条 --allow-version-drift https://example.org/x a.csv") == set()


def test_a_filled_sheet_in_japanese_writes_its_statuses_in_japanese(tmp_path: Path) -> None:
    """Statuses of a filled sheet come out as はい / 一部 / いいえ / 該当なし, and read back."""
    result = run_cli("checklist", PROFILE, "--lang", "ja", "--format", "csv", "--from", FILLED)
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    statuses = {row[rows[0].index("回答")] for row in rows[1:-1]}
    assert {"はい", "一部", "該当なし"} <= statuses <= {"はい", "一部", "いいえ", "該当なし", ""}
    assert _english_words(_sheet_cells(rows), _user_words(PROFILE, FILLED)) == set()
    written = tmp_path / "filled-ja.csv"
    written.write_text(result.stdout, encoding="utf-8")
    assert load_checklist(written) == load_checklist(FILLED)
