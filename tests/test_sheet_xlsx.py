"""Check sheets as Excel workbooks, written by aigov and filled in and read with openpyxl."""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from pathlib import Path

import pytest

from aigov.assess import check
from aigov.checklist import CSV_COLUMNS, Checklist, gaps, load_checklist, make_checklist
from aigov.errors import DocumentError, LimitError, UsageError
from aigov.profile import load_profile
from aigov.testing import run_cli

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is in the test extra")

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
FILLED = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"
COLUMNS = CSV_COLUMNS[:-1]


@pytest.fixture(scope="module")
def blank() -> Checklist:
    profile = load_profile(PROFILE)
    return make_checklist(check(profile), profile=profile)


def _column(name: str) -> int:
    return COLUMNS.index(name) + 1


def test_the_workbook_has_a_drop_down_protected_columns_and_a_hidden_header(
    blank: Checklist, tmp_path: Path
) -> None:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(blank.to_xlsx())
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["checklist", "aigov"]
    assert book["aigov"].sheet_state == "hidden"
    sheet = book["checklist"]
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet.max_row == len(blank.items) + 1
    assert sheet.protection.sheet
    assert sheet.cell(row=2, column=_column("severity")).protection.locked
    assert sheet.cell(row=2, column=_column("question_en")).protection.locked
    for name in ("status", "evidence", "justification", "answered_by", "answered_at"):
        assert not sheet.cell(row=2, column=_column(name)).protection.locked
    (rule,) = sheet.data_validations.dataValidation
    assert rule.type == "list"
    assert rule.formula1 == '"yes,partial,no,not-applicable"'
    status = openpyxl.utils.get_column_letter(_column("status"))
    assert str(rule.sqref) == f"{status}2:{status}{len(blank.items) + 1}"


def test_a_sheet_filled_in_with_openpyxl_reads_back_and_passes(
    blank: Checklist, tmp_path: Path
) -> None:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(blank.to_xlsx())
    book = openpyxl.load_workbook(path)
    sheet = book["checklist"]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=_column("status")).value = "はい"
        sheet.cell(row=row, column=_column("evidence")).value = "=see HR-AI-03"
        sheet.cell(row=row, column=_column("evidence")).data_type = "s"
        sheet.cell(row=row, column=_column("answered_by")).value = "鈴木"
        # Excel stores a typed date as a date-time.
        sheet.cell(row=row, column=_column("answered_at")).value = dt.datetime(2025, 5, 12)
    sheet.cell(row=1, column=len(COLUMNS) + 1).value = "comment"  # a column of our own
    book.save(path)
    filled = load_checklist(path)
    assert {i.status for i in filled.items} == {"yes"}
    assert {i.evidence for i in filled.items} == {"=see HR-AI-03"}
    assert {i.answered_at for i in filled.items} == {dt.date(2025, 5, 12)}
    assert gaps(filled).passed
    assert run_cli("gaps", path).code == 0


def test_the_round_trip_is_lossless_and_formulas_stay_text(tmp_path: Path) -> None:
    sheet = load_checklist(FILLED)
    risky = tuple(
        item.model_copy(update={"evidence": text})
        for item, text in zip(
            sheet.items, ("=1+2", "+81 3", "-x", "@SUM(A1)", "'quoted", "\tTab"), strict=False
        )
    )
    sheet = sheet.model_copy(update={"items": risky + sheet.items[len(risky) :]})
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(sheet.to_xlsx())
    cells = openpyxl.load_workbook(path)["checklist"]
    assert all(c.data_type != "f" for row in cells.iter_rows() for c in row)
    assert load_checklist(path) == sheet


def test_the_cli_writes_a_workbook_only_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "sheet.xlsx"
    assert run_cli("checklist", PROFILE, "--format", "xlsx", "-o", out).code == 0
    assert run_cli("validate", out).stdout == f"{out}: valid checklist\n"
    result = run_cli("checklist", PROFILE, "--format", "xlsx")
    assert result.code == 2
    assert "give -o FILE.xlsx" in result.stderr


def test_a_file_that_is_not_a_workbook_is_an_invalid_document(tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"id,role\n")
    with pytest.raises(DocumentError, match=r"not an \.xlsx workbook"):
        load_checklist(path)
    assert run_cli("gaps", path).code == 3


def test_a_workbook_that_unpacks_too_far_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (40 * 1024 * 1024))
    with pytest.raises(LimitError, match="unpacks to 41943041 bytes"):
        load_checklist(path)
    assert run_cli("gaps", path).code == 3


def test_without_openpyxl_the_error_says_how_to_install_it(
    blank: Checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(UsageError, match=r"pip install 'aigov-jp\[xlsx\]'"):
        blank.to_xlsx()
