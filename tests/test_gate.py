"""The release gate of ``aigov gaps``: the tampering a user might try all fail it.

Severity, principle, role and the set of items come from the assessment, never
from the sheet's cells; an integrity digest shows edits even without the
profile; exit codes tell a failed gate (1) from usage errors (2) and invalid
documents (3).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from aigov.assess import check
from aigov.checklist import CSV_COLUMNS, Checklist, gaps, load_checklist, make_checklist
from aigov.errors import UsageError, VersionDriftError
from aigov.profile import load_profile
from aigov.rules import compile_rules
from aigov.schemas import validate
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
FILLED = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"
STATUS = CSV_COLUMNS.index("status")
SEVERITY = CSV_COLUMNS.index("severity")


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _write(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _reopen_high(rows: list[list[str]]) -> list[list[str]]:
    """The filled example with every high-severity answer taken back (open again)."""
    for row in rows[2:]:
        if row[SEVERITY] == "high":
            row[STATUS] = ""
    return rows


@pytest.fixture
def open_high(tmp_path: Path) -> Path:
    return _write(tmp_path / "open-high.csv", _reopen_high(_rows(FILLED)))


def test_the_filled_example_passes_the_gate() -> None:
    result = run_cli("gaps", FILLED)
    assert result.code == 0, result.stderr
    assert result.stdout.rstrip().endswith("PASS")


def test_open_high_items_fail_the_gate_with_exit_1(open_high: Path) -> None:
    result = run_cli("gaps", open_high)
    assert result.code == 1
    assert "FAIL: " in result.stdout
    assert "open item(s) of high severity" in result.stderr


def test_marking_open_high_rows_low_fails_the_gate_and_names_the_rows(
    tmp_path: Path, open_high: Path
) -> None:
    rows = _rows(open_high)
    for row in rows[2:]:
        if row[SEVERITY] == "high":
            row[SEVERITY] = "low"
    edited = _write(tmp_path / "edited.csv", rows)
    result = run_cli("gaps", edited, "--profile", PROFILE)
    assert result.code == 1
    assert (
        "item 'jp-ai-rd-2017:ethics/1' (developer): the severity cell says 'low', "
        "the assessment says 'high'" in result.stderr
    )
    # The severities of the report are the assessment's, not the cells'.
    report = gaps(load_checklist(edited))
    assert report.open_high > 0
    assert all(i.severity == "high" for i in report.open_items[: report.open_high])


def test_deleting_open_high_rows_fails_the_gate(tmp_path: Path, open_high: Path) -> None:
    rows = [
        r for r in _rows(open_high) if r[0] == "id" or r[0] == "#sheet" or r[SEVERITY] != "high"
    ]
    result = run_cli("gaps", _write(tmp_path / "deleted.csv", rows), "--format", "json")
    assert result.code == 1
    report = json.loads(result.stdout)
    assert report["missing_items"]
    assert report["open_high"] == len(report["missing_items"])
    assert {"kind": "digest"} in report["tampered"]


def test_a_sheet_made_from_an_assessment_is_checked_against_its_recorded_triggers(
    tmp_path: Path,
) -> None:
    sheet = make_checklist(check(PROFILE))  # no profile kept
    assert sheet.system_profile is None
    blank = gaps(sheet)
    assert str(blank.notes[0]).startswith("stale items cannot be found")
    assert blank.tampered == ()
    high = next(i for i in sheet.items if i.severity == "high")
    items = tuple(i.model_copy(update={"severity": "low"}) if i == high else i for i in sheet.items)
    report = gaps(sheet.model_copy(update={"items": items}))
    assert not report.passed
    assert f"item {high.id!r} ({', '.join(high.roles)}): the severity cell says 'low'" in " ".join(
        map(str, report.tampered)
    )
    deleted = gaps(
        sheet.model_copy(update={"items": tuple(i for i in sheet.items if i.severity != "high")})
    )
    assert f"item {high.id!r} ({', '.join(high.roles)}) was deleted from the sheet" in map(
        str, deleted.tampered
    )


def test_editing_the_recorded_versions_shows_in_the_digest() -> None:
    profile = load_profile(PROFILE)
    sheet = make_checklist(check(profile), profile=profile)
    forged = sheet.model_copy(
        update={"versions": sheet.versions.model_copy(update={"rules": "other@1"})}
    )
    assert "integrity digest" in str(gaps(forged).tampered[0])


def test_other_rules_than_the_sheets_are_refused_unless_drift_is_allowed(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(
        json.dumps(
            {
                "kind": "rule-set",
                "id": "extra",
                "version": "1",
                "title": {"ja": "追加のルール", "en": "Extra rules"},
                "rules": [
                    {
                        "id": "extra.privacy",
                        "when": {"fact": "data.personal", "operator": "equal", "value": True},
                        "triggers": ["jp-ai-util-2019:privacy"],
                        "severity": "high",
                        "rationale": {"ja": "個人データを扱う。", "en": "Personal data is used."},
                        "citation": {
                            "document": "extra",
                            "locator": "1",
                            "verification": "interpreted",
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    sheet_path = tmp_path / "sheet.json"
    made = run_cli(
        "checklist", PROFILE, "--rules", rules_file, "--format", "json", "-o", sheet_path
    )
    assert made.code == 0, made.stderr
    forgot = run_cli("gaps", sheet_path)
    assert forgot.code == 2
    assert "the sheet was made with rules" in forgot.stderr
    assert "--allow-version-drift" in forgot.stderr
    assert run_cli("gaps", sheet_path, "--rules", rules_file).code == 1  # blank: open items
    allowed = run_cli("gaps", sheet_path, "--allow-version-drift", "--format", "json")
    assert allowed.code == 1
    assert json.loads(allowed.stdout)["notes"][0]["kind"] == "version-drift"
    with pytest.raises(VersionDriftError) as caught:
        gaps(load_checklist(sheet_path), rules=compile_rules())
    assert set(caught.value.drift) == {"rules"}


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (("--fail-on", "high"), 0),
        (("--fail-on", "medium"), 1),
        (("--min-answered", "90"), 0),
        (("--min-answered", "100%"), 1),
        (("--min-answered", "101"), 2),
    ],
)
def test_fail_on_and_min_answered(argv: tuple[str, ...], code: int) -> None:
    # The filled example answers 93.1% of its items and leaves no high one open.
    assert run_cli("gaps", FILLED, *argv).code == code


def test_min_answered_fails_a_blank_sheet_without_high_items() -> None:
    profile = load_profile(PROFILE)
    sheet = make_checklist(check(profile), profile=profile)
    low_only: Checklist = sheet
    report = gaps(low_only, fail_on="high", min_answered=50)
    assert report.answered_percent == 0
    assert "0% of the items answered, 50% required" in report.failures
    with pytest.raises(UsageError):
        gaps(sheet, min_answered=150)


def test_gaps_json_is_a_document_with_its_schema() -> None:
    result = run_cli("gaps", FILLED, "--format", "json")
    data = json.loads(result.stdout)
    assert data["kind"] == "gap-report"
    assert data["format_version"] == "1"
    assert data["passed"] is True
    assert validate(data) == "gap-report"


def test_an_invalid_sheet_exits_3_and_a_failed_gate_1(tmp_path: Path, open_high: Path) -> None:
    rows = _rows(open_high)
    rows[3][STATUS] = "done"
    bad = run_cli("gaps", _write(tmp_path / "bad.csv", rows))
    assert bad.code == 3
    assert "line 4, column status" in bad.stderr
    assert run_cli("validate", tmp_path / "bad.csv").code == 3
    assert run_cli("gaps", open_high).code == 1


def test_a_newer_profile_changes_severities_without_counting_as_an_edit() -> None:
    """Cells are compared with the sheet as made; the gate uses the profile as it is now."""
    profile = json.loads(PROFILE.read_text(encoding="utf-8"))
    profile["capabilities"]["profiling"] = False
    profile["capabilities"]["decisions_about_people"] = False
    profile["safety_critical"] = True
    sheet = load_checklist(FILLED)
    report = gaps(sheet, profile=profile)
    assert report.tampered == ()
    assert "jp-ai-util-2019:fairness" in {i.principle for i in report.stale_items}
    assert "jp-ai-util-2019:safety" in report.new_principles
    security = {p.severity for p in report.progress if p.principle == "jp-ai-util-2019:security"}
    assert security == {"high"}  # low when the sheet was made
    assert not report.passed  # the new high-severity items are open
