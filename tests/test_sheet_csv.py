"""Check sheets as spreadsheets write them back: the tolerant CSV reader.

Excel (Japan) and other programs re-save a sheet with dates such as
``2025/5/12``, status words typed by hand, extra columns, another column
order, semicolons, or in Shift_JIS; each is read (or, for Shift_JIS, refused
with what to do), and the round trip stays lossless.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

import pytest

from aigov._sheetcsv import csv_date, csv_status
from aigov.checklist import CSV_COLUMNS, Checklist, gaps, load_checklist
from aigov.errors import DocumentError, ParseError

ROOT = Path(__file__).resolve().parent.parent
FILLED = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"


@pytest.fixture(scope="module")
def filled() -> Checklist:
    return load_checklist(FILLED)


def _rows(sheet: Checklist) -> list[list[str]]:
    return list(csv.reader(io.StringIO(sheet.to_csv().lstrip("\ufeff"), newline="")))


def _save(path: Path, rows: list[list[str]], *, delimiter: str = ",", bom: bool = True) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("Yes", "yes"),
        ("YES", "yes"),
        (" partial ", "partial"),
        ("No", "no"),
        ("Not Applicable", "not-applicable"),
        ("N/A", "not-applicable"),
        ("はい", "yes"),
        ("一部", "partial"),
        ("いいえ", "no"),
        ("該当なし", "not-applicable"),
        ("done", "done"),  # left for validation to name
    ],
)
def test_status_words_in_any_case_and_in_japanese(cell: str, status: str) -> None:
    assert csv_status(cell) == status


@pytest.mark.parametrize(
    ("cell", "date"),
    [
        ("2025/5/12", "2025-05-12"),
        ("2025-05-12 0:00", "2025-05-12"),
        ("2025/05/12 00:00:00", "2025-05-12"),
        ("2025年5月12日", "2025-05-12"),
        ("2025-05-12", "2025-05-12"),
        ("12/05/2025", "12/05/2025"),  # ambiguous: left for validation to name
        ("2025-05-12 13:30", "2025-05-12 13:30"),
    ],
)
def test_dates_as_spreadsheets_write_them(cell: str, date: str) -> None:
    assert csv_date(cell) == date


def test_an_excel_resave_is_read_with_the_same_answers(filled: Checklist, tmp_path: Path) -> None:
    """Japanese status words, Excel dates, an extra column, shuffled columns, semicolons."""
    rows = _rows(filled)
    status, date = CSV_COLUMNS.index("status"), CSV_COLUMNS.index("answered_at")
    words = {"yes": "はい", "partial": "一部", "no": "いいえ", "not-applicable": "該当なし"}
    for row in rows[1:]:
        if row[0] != "#sheet":
            row[status] = words.get(row[status], row[status])
            if row[date]:
                day = dt.date.fromisoformat(row[date])
                row[date] = f"{day.year}/{day.month}/{day.day}"
    rows = [[*row, "comment" if n == 0 else "a note of ours"] for n, row in enumerate(rows)]
    order = list(range(len(rows[0])))
    random.Random(13).shuffle(order)
    shuffled = [[row[i] for i in order] for row in rows]
    # The '#sheet' row moved to the top, as a sort in a spreadsheet might do.
    shuffled.insert(1, shuffled.pop())
    path = _save(tmp_path / "excel.csv", shuffled, delimiter=";", bom=False)
    again = load_checklist(path)
    assert again == filled
    assert gaps(again).passed


def test_the_sheet_row_is_the_last_row(filled: Checklist) -> None:
    rows = _rows(filled)
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[-1][0] == "#sheet"
    assert all(row[0] != "#sheet" for row in rows[:-1])


def test_a_shift_jis_file_is_refused_with_how_to_save_it(filled: Checklist, tmp_path: Path) -> None:
    path = tmp_path / "sjis.csv"
    path.write_bytes(filled.to_csv().lstrip("\ufeff").encode("cp932", "replace"))
    with pytest.raises(ParseError) as caught:
        load_checklist(path)
    text = str(caught.value)
    assert "looks like Shift_JIS (CP932)" in text
    assert "save the sheet as 'CSV UTF-8 (comma delimited)'" in text
    assert "fix the syntax there" not in text


def test_a_repeated_column_is_refused(filled: Checklist, tmp_path: Path) -> None:
    rows = [[*row, row[CSV_COLUMNS.index("status")]] for row in _rows(filled)]
    with pytest.raises(DocumentError, match="the column 'status' appears twice"):
        load_checklist(_save(tmp_path / "twice.csv", rows))


def test_a_semicolon_sheet_with_a_missing_column_says_which(
    filled: Checklist, tmp_path: Path
) -> None:
    rows = [row[:-1] for row in _rows(filled)]
    with pytest.raises(DocumentError, match="it lacks sheet"):
        load_checklist(_save(tmp_path / "semi.csv", rows, delimiter=";"))


def test_rests_on_is_shown_and_a_sheet_without_it_still_reads(
    filled: Checklist, tmp_path: Path
) -> None:
    rows = _rows(filled)
    column = CSV_COLUMNS.index("rests_on")
    assert {row[column] for row in rows[1:-1]} <= {
        "verified",
        "partial",
        "unverified",
        "interpreted",
    }
    assert rows[1][column] == filled.items[0].verification.value  # type: ignore[union-attr]
    older = [row[:column] + row[column + 1 :] for row in rows]
    assert load_checklist(_save(tmp_path / "older.csv", older)) == filled
