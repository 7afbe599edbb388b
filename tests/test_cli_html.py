"""`--format html` of check, checklist and gaps writes one self-contained page."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
FILLED = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"


@pytest.mark.parametrize(
    ("argv", "heading"),
    [
        (("check", PROFILE), "Triggered principles"),
        (("checklist", PROFILE), "Check sheet"),
        (("gaps", FILLED), "Gaps"),
    ],
)
def test_html_reports_from_the_cli(argv: tuple[str | Path, ...], heading: str) -> None:
    code, out, err = run_cli(*argv, "--format", "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>")
    assert heading in out
    assert "<svg" in out
    assert "<script" not in out


def test_html_gaps_needs_a_profile_when_the_sheet_has_none(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.json"
    code, out, _ = run_cli("check", PROFILE, "--format", "json")
    assessment = tmp_path / "a.json"
    assessment.write_text(out, encoding="utf-8")
    code, _, _ = run_cli("checklist", assessment, "--format", "json", "-o", sheet)
    assert code == 0
    code, _, err = run_cli("gaps", sheet, "--format", "html")
    assert code == 2
    assert "needs the profile" in err
    code, out, _ = run_cli("gaps", sheet, "--format", "html", "--profile", PROFILE)
    assert code == 1  # a blank sheet: high-severity items are open
    assert "FAIL" in out
