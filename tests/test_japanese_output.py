"""Every word of ``--lang ja`` output is Japanese (identifiers and the user's own text aside)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
FILLED = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"
#: Words that are not English prose: the profile's own name, the tool's name,
#: and the letters of the example's fictional owner and its own evidence text.
ALLOWED = {"Resume", "screening", "assistant", "aigov", "ID", "AI"}


def _english_words(text: str) -> set[str]:
    words = set()
    text = re.sub(r"`[^`]*`", "", text)  # identifiers in code spans
    for token in re.split(r"[\s|,()（）「」、。：\[\]*]+", text):
        # Identifiers (jp-ai-util-2019:fairness/1, capabilities.profiling=true) and
        # fact values ("employment") are codes, not words.
        if not token or re.search(r'[-.:/=_0-9@"]', token):
            continue
        words.update(re.findall(r"[A-Za-z]{2,}", token))
    return words - ALLOWED


@pytest.mark.parametrize(
    "argv",
    [
        ("gaps", FILLED, "--lang", "ja"),
        ("gaps", FILLED, "--lang", "ja", "--format", "markdown"),
        ("gaps", FILLED, "--lang", "ja", "--fail-on", "medium"),
        ("checklist", PROFILE, "--lang", "ja"),
        ("check", PROFILE, "--lang", "ja"),
    ],
    ids=["gaps-table", "gaps-markdown", "gaps-failed", "checklist", "check"],
)
def test_japanese_output_has_no_english_words(argv: tuple[object, ...]) -> None:
    result = run_cli(*argv)
    assert _english_words(result.stdout) == set()


def test_edits_and_notes_are_japanese_too(tmp_path: Path) -> None:
    """A sheet made from an assessment (no profile), with a severity edited."""
    assessment = tmp_path / "assessment.json"
    assessment.write_text(run_cli("check", PROFILE, "--format", "json").stdout, encoding="utf-8")
    sheet = tmp_path / "sheet.json"
    assert run_cli("checklist", assessment, "--format", "json", "-o", sheet).code == 0
    data = json.loads(sheet.read_text(encoding="utf-8"))
    data["items"][0]["severity"] = "low" if data["items"][0]["severity"] != "low" else "high"
    sheet.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("gaps", sheet, "--lang", "ja")
    assert result.code == 1
    assert "完全性ダイジェストが一致しません" in result.stdout
    assert "該当しなくなった項目を確認できません" in result.stdout
    assert _english_words(result.stdout) == set()
