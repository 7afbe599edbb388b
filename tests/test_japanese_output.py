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
from html.parser import HTMLParser
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
#: text writes in Latin letters (AI, EU, IT, the CE marking, Annex III, the EUR-Lex
#: CELEX number), the option metavariables of the command line, the JSON literal
#: ``null`` a reader is told to write, and ``when``, the root of the rule paths
#: ``explain`` names (``when.any[0]``).
ALLOWED = {
    "aigov", "AI", "ID", "EU", "IT", "CE", "III", "CELEX", "PROFILE", "SHEET", "null", "when",
}  # fmt: skip


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


class _VisibleText(HTMLParser):
    """The text a reader of an HTML page meets: no script or style, ``<code>`` as a code span."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")
        self.parts.append(" `" if tag == "code" else " ")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")
        self.parts.append("` " if tag == "code" else " ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data.replace("`", "'"))


def _visible(page: str) -> str:
    parser = _VisibleText()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def test_visible_text_keeps_prose_and_marks_code() -> None:
    """The HTML reader drops styles and scripts and keeps ``<code>`` out of the check."""
    page = "<style>p{color:red}</style><p>重要度 high <code>developer</code></p><script>x</script>"
    assert _english_words(_visible(page)) == {"high"}


def _triage_rule_ids(profile: Path) -> set[str]:
    """The ids of the triage rules a classification cites (``excluded``), codes in a column."""
    result = run_cli("classify", profile, "--format", "json")
    return {r["rule"] for r in json.loads(result.stdout)["reasons"]}


def _explain_targets(profile: Path) -> list[str]:
    """A principle the profile triggers and one it may not: both branches of ``explain``."""
    triggered = [t.principle for t in check(load_profile(profile)).triggered]
    return [*triggered[:1], "jp-ai-util-2019:fairness", "jp-ai-business-2024:human-centric"]


_REPORTS = {
    "check-table": ("check", "{profile}", "--format", "table"),
    "check-markdown": ("check", "{profile}", "--format", "markdown"),
    "check-html": ("check", "{profile}", "--format", "html"),
    "check-eu-table": ("check", "{profile}", "--framework", "eu-ai-act-2024"),
    "check-eu-html": ("check", "{profile}", "--format", "html", "--framework", "eu-ai-act-2024"),
    "check-nist-html": ("check", "{profile}", "--format", "html", "--framework", "nist-ai-rmf-1.0"),
    "checklist-html": ("checklist", "{profile}", "--format", "html"),
    "gaps-html": (
        "gaps", FILLED, "--profile", "{profile}", "--format", "html", "--allow-version-drift",
    ),
    "classify-table": ("classify", "{profile}", "--format", "table"),
    "classify-markdown": ("classify", "{profile}", "--format", "markdown"),
    "classify-html": ("classify", "{profile}", "--format", "html"),
}  # fmt: skip


@pytest.mark.parametrize("report", sorted(_REPORTS))
@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_reports_in_japanese_have_no_english_words(profile: Path, report: str) -> None:
    """check, classify, and the HTML of checklist and gaps: role names, fact values, tiers,
    articles and marks are Japanese; the catalogue's English notes are pointed to, not shown."""
    argv = [profile if a == "{profile}" else a for a in _REPORTS[report]]
    result = run_cli(*argv, "--lang", "ja")
    assert result.code in (0, 1), result.stderr
    allowed = _user_words(profile, FILLED) | _triage_rule_ids(profile)
    if report.endswith("html"):
        assert '<html lang="en">' not in result.stdout  # a page, or classify's fragment
        assert _english_words(_visible(result.stdout), allowed) == set()
        assert _english_words(result.stderr, allowed) == set()
    else:
        _assert_japanese(result, allowed)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_explain_in_japanese_has_no_english_words(profile: Path) -> None:
    """Severities, operators, fact values and role names of ``explain`` are Japanese."""
    for principle in _explain_targets(profile):
        result = run_cli("explain", profile, principle, "--lang", "ja")
        assert result.code == 0, result.stderr
        _assert_japanese(result, _user_words(profile))


def test_japanese_html_reads_fact_values_and_points_to_the_notes() -> None:
    """Booleans are はい/いいえ, domains their labels; notes are pointed to, not shown."""
    profile = EXAMPLES / "profiles/credit-scoring.json"
    ja = run_cli("check", profile, "--format", "html", "--lang", "ja").stdout
    en = run_cli("check", profile, "--format", "html").stdout
    assert "<code>/domains</code> = 金融" in ja
    assert "<code>/data/personal</code> = はい" in ja
    assert "<code>/data/personal</code> = <code>true</code>" in en
    assert "<code>aigov show ID</code>" in ja
    assert "word for word" in en
    assert "word for word" not in ja
