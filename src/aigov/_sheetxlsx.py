"""The Excel (.xlsx) form of a check sheet (private; needs the optional openpyxl).

The workbook has the items on a first sheet, with a drop-down for the status
and the generated columns protected (the sheet is protected without a
password, and only the answer columns are unlocked), and the sheet's header
as JSON on a hidden second sheet.  Text is always written as text, so a
value such as ``=1+2`` stays a string and never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import TYPE_CHECKING, Any

from aigov._jsonio import MAX_DOCUMENT_BYTES
from aigov._sheetcsv import (
    CELLS_JA,
    CSV_COLUMNS,
    STATUS_WORDS,
    column_names,
    localize_cells,
    read_rows,
)
from aigov.errors import DocumentError, Issue, LimitError, UsageError

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["ITEMS_SHEET", "META_SHEET", "read_xlsx", "write_xlsx"]

#: The names of the workbook's sheets: the items, and the hidden header.
ITEMS_SHEET = "checklist"
META_SHEET = "aigov"

_ANSWERS = ("status", "evidence", "justification", "answered_by", "answered_at")
_CHUNK = 30_000  # under Excel's 32,767 characters a cell


def _openpyxl() -> Any:  # noqa: ANN401 - the module, whose stubs are optional
    try:
        import openpyxl  # noqa: PLC0415 - optional: only .xlsx sheets need it
    except ImportError as err:
        raise UsageError(
            "check sheets as .xlsx need openpyxl: pip install 'aigov-jp[xlsx]'"
        ) from err
    return openpyxl


def write_xlsx(header: dict[str, Any], rows: list[list[str]], lang: str = "en") -> bytes:
    """The bytes of an .xlsx workbook of a sheet.

    Args:
        header: The sheet's document without its items (kept on the hidden sheet).
        rows: The cells of each item, in the order of :data:`CSV_COLUMNS` without ``sheet``.
        lang: ``ja`` writes the column headers, severities, statuses, marks and the
            status drop-down in Japanese; either form reads back.

    Raises:
        UsageError: openpyxl is not installed.
    """
    openpyxl = _openpyxl()
    from openpyxl.styles import Font, Protection  # noqa: PLC0415 - optional, as above
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    book = openpyxl.Workbook()
    sheet: Worksheet = book.active
    sheet.title = ITEMS_SHEET
    columns = CSV_COLUMNS[:-1]
    sheet.append(list(column_names(lang)[:-1]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    unlocked = Protection(locked=False)
    answer_columns = {columns.index(name) + 1 for name in _ANSWERS}
    for number, cells in enumerate(rows, start=2):
        for column, text in enumerate(localize_cells(cells, lang), start=1):
            cell = sheet.cell(row=number, column=column)
            if text:
                cell.value = text
                # Always text: a value starting with '=' must not become a formula.
                cell.data_type = "s"
            if column in answer_columns:
                cell.protection = unlocked
    last = len(rows) + 1
    status = get_column_letter(columns.index("status") + 1)
    statuses = list(dict.fromkeys(STATUS_WORDS.values()))
    if lang == "ja":
        statuses = [CELLS_JA["status"][s] for s in statuses]
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(statuses) + '"',
        allow_blank=True,
        showErrorMessage=True,
        error="、".join(statuses) if lang == "ja" else "yes, partial, no or not-applicable",
    )
    choices.add(f"{status}2:{status}{max(last, 2)}")
    sheet.add_data_validation(choices)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    # Protected without a password: it keeps generated cells from being changed by
    # mistake; the gate's recomputation and digest are what catch a deliberate edit.
    sheet.protection.sheet = True
    sheet.protection.sort = False
    sheet.protection.autoFilter = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    meta: Worksheet = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    text = json.dumps(header, ensure_ascii=False, sort_keys=True)
    meta.append(["sheet"])
    for start in range(0, len(text), _CHUNK):
        meta.append([text[start : start + _CHUNK]])
        meta.cell(row=meta.max_row, column=1).data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: object) -> str:
    """A cell's value as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_unpacked_size(data: bytes, source: str) -> None:
    """Refuse a workbook that would unpack to more than the document limit (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise DocumentError(
            [Issue("$", "not an .xlsx workbook (not a zip archive)", "save it as .xlsx")],
            source=source,
        ) from err
    if unpacked > MAX_DOCUMENT_BYTES:
        raise LimitError(
            [
                Issue(
                    "$",
                    f"the workbook unpacks to {unpacked} bytes; at most {MAX_DOCUMENT_BYTES} "
                    "are read",
                    "split the sheet",
                )
            ],
            source=source,
        )


def read_xlsx(data: bytes, source: str) -> tuple[dict[str, Any], list[int]]:
    """The sheet document of an .xlsx workbook, and the row of each item.

    Raises:
        UsageError: openpyxl is not installed.
        DocumentError: The file is not a workbook, or lacks the items or the
            hidden header sheet.
    """
    openpyxl = _openpyxl()
    _check_unpacked_size(data, source)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises zipfile, KeyError and its own errors alike
        raise DocumentError(
            [Issue("$", f"not an .xlsx workbook ({type(err).__name__})", "save it as .xlsx")],
            source=source,
        ) from err
    try:
        names = list(book.sheetnames)
        if META_SHEET not in names or ITEMS_SHEET not in names:
            raise DocumentError(
                [
                    Issue(
                        "$",
                        f"the workbook lacks its {ITEMS_SHEET!r} or hidden {META_SHEET!r} sheet",
                        "export the sheet with 'aigov checklist --format xlsx' and keep both",
                    )
                ],
                source=source,
            )
        rows = [[_text(v) for v in row] for row in book[ITEMS_SHEET].iter_rows(values_only=True)]
        meta = [_text(row[0]) for row in book[META_SHEET].iter_rows(values_only=True) if row]
    finally:
        book.close()
    header_json = "".join(meta[1:])
    if rows:
        # The header goes back into the row form the CSV reader knows.
        rows = [[*rows[0], "sheet"], *([*row, ""] for row in rows[1:])]
        rows.append(["#sheet", *([""] * (len(rows[0]) - 2)), header_json])
    return read_rows(rows, source, lambda cell: cell)
