"""The CSV form of a check sheet: writing cells safely and reading rows back (private).

The codec knows columns and cells, not the sheet model: :mod:`aigov.checklist`
turns items into rows and the document read here into a sheet.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

from aigov._jsonio import parse_json
from aigov.errors import DocumentError, Issue, ParseError

__all__ = [
    "CELLS_JA",
    "COLUMNS_JA",
    "CSV_COLUMNS",
    "OPTIONAL_COLUMNS",
    "STATUS_WORDS",
    "column_names",
    "csv_cell",
    "csv_date",
    "csv_severity",
    "csv_status",
    "csv_text",
    "decode_csv",
    "localize_cells",
    "read_csv",
    "read_rows",
    "write_csv",
]

#: Columns of the CSV form, in order; ``sheet`` holds the sheet's header once.
CSV_COLUMNS = (
    "id",
    "roles",
    "principle",
    "severity",
    "question_ja",
    "question_en",
    "guidance_ja",
    "guidance_en",
    "values",
    "basis",
    "rests_on",
    "status",
    "evidence",
    "justification",
    "answered_by",
    "answered_at",
    "sheet",
)


#: The header of each column in a Japanese sheet (``--lang ja``); read back like the codes.
COLUMNS_JA: dict[str, str] = {
    "id": "ID",
    "roles": "主体",
    "principle": "原則",
    "severity": "重要度",
    "question_ja": "確認事項（日本語）",
    "question_en": "確認事項（英語）",
    "guidance_ja": "解説（日本語）",
    "guidance_en": "解説（英語）",
    "values": "価値",
    "basis": "質問の出典",
    "rests_on": "出典の確認状況",
    "status": "回答",
    "evidence": "根拠",
    "justification": "理由",
    "answered_by": "回答者",
    "answered_at": "回答日",
    "sheet": "シート情報",
}
_COLUMN_OF = {label: code for code, label in COLUMNS_JA.items()}

#: Severities, statuses and verification marks as a Japanese sheet writes them.
CELLS_JA: dict[str, dict[str, str]] = {
    "severity": {"high": "高", "medium": "中", "low": "低"},
    "status": {"yes": "はい", "partial": "一部", "no": "いいえ", "not-applicable": "該当なし"},
    "rests_on": {
        "verified": "確認済み",
        "partial": "一部のみ確認",
        "interpreted": "aigovによる解釈",
        "unverified": "未確認",
    },
}
_SEVERITY_OF = {label: code for code, label in CELLS_JA["severity"].items()}


def column_names(lang: str) -> tuple[str, ...]:
    """The header row of a sheet in ``lang`` (the codes of :data:`CSV_COLUMNS` in English)."""
    return tuple(COLUMNS_JA[c] for c in CSV_COLUMNS) if lang == "ja" else CSV_COLUMNS


def localize_cells(cells: list[str], lang: str) -> list[str]:
    """An item's cells (in the order of :data:`CSV_COLUMNS`) with codes in the words of ``lang``.

    Only severities, statuses and verification marks change; the reader takes
    them back (:func:`csv_status`, :func:`csv_severity`; the mark is recomputed).
    """
    if lang != "ja":
        return cells
    out = list(cells)
    for column, words in CELLS_JA.items():
        index = CSV_COLUMNS.index(column)
        out[index] = words.get(out[index], out[index])
    return out


def csv_severity(cell: str) -> str:
    """The severity code of a severity cell (``high`` or ``高``...); other text is kept."""
    text = cell.strip()
    return _SEVERITY_OF.get(text, text)


#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading quote keeps a formula from running.

    A cell that starts with a quote gets one more, so that reading it back
    (:func:`csv_text`) gives exactly the text that was written.
    """
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def csv_text(cell: str) -> str:
    """The text of a cell written by :func:`csv_cell` (a cell typed by hand is kept)."""
    if cell.startswith("'") and cell[1:].startswith((*_FORMULA_START, "'")):
        return cell[1:]
    return cell


#: Columns a sheet may lack: ``rests_on`` is shown for people and recomputed on reading
#: (sheets written before it existed have no such column).
OPTIONAL_COLUMNS = ("rests_on",)

#: Status words a spreadsheet user may type, in any case, mapped to the status codes.
STATUS_WORDS: dict[str, str] = {
    "yes": "yes",
    "partial": "partial",
    "partly": "partial",
    "no": "no",
    "not-applicable": "not-applicable",
    "not applicable": "not-applicable",
    "n/a": "not-applicable",
    "はい": "yes",
    "一部": "partial",
    "いいえ": "no",
    "該当なし": "not-applicable",
}

# Dates as spreadsheets write them back: 2025/5/12, 2025-05-12 0:00, 2025年5月12日.
_DATE = re.compile(r"^(\d{4})[/.年-](\d{1,2})[/.月-](\d{1,2})日?(?:[ T]0{1,2}:00(?::00)?)?$")


def csv_status(cell: str) -> str:
    """The status code of a status cell (``Yes``, ``はい``...); other text is kept for the error."""
    text = " ".join(cell.split())
    return STATUS_WORDS.get(text.lower(), text)


def csv_date(cell: str) -> str:
    """An ISO date for a date cell as a spreadsheet writes it; other text is kept for the error."""
    text = cell.strip()
    match = _DATE.match(text)
    if match is None:
        return text
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def decode_csv(data: bytes, source: str) -> str:
    """The text of a CSV file: UTF-8 (a byte-order mark is dropped).

    Raises:
        ParseError: The bytes are not UTF-8; Shift_JIS (CP932), the encoding
            of Excel's plain "CSV" in Japan, is named with how to save the
            file instead (it cannot always be told from other encodings, so it
            is not guessed).
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        try:
            data.decode("cp932")
        except UnicodeDecodeError:
            message, hint = f"not UTF-8 text (byte {err.start})", "save the file as UTF-8"
        else:
            message = "not UTF-8 text: it looks like Shift_JIS (CP932), Excel's plain 'CSV' format"
            hint = "in Excel, save the sheet as 'CSV UTF-8 (comma delimited)'"
        raise ParseError(message, line=line, column=column, source=source, hint=hint) from err


def _delimiter(text: str) -> str:
    """``;`` when the header row is separated by semicolons (Excel in many locales), else ``,``."""
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _columns(header: list[str], source: str) -> dict[str, int]:
    """Where each known column is; unknown columns are left alone, order is free."""
    where: dict[str, int] = {}
    problems = []
    for index, name in enumerate(header):
        key = _COLUMN_OF.get(name.strip(), name.strip().lower())
        # Sheets written before items listed their roles had a 'role' column.
        key = "roles" if key == "role" else key
        if key in CSV_COLUMNS:
            if key in where:
                problems.append(Issue("line 1", f"the column {key!r} appears twice", "keep one"))
            where[key] = index
    absent = [name for name in CSV_COLUMNS if name not in where and name not in OPTIONAL_COLUMNS]
    if absent:
        problems.append(
            Issue(
                "line 1",
                "the header row is not aigov's check-sheet header: it lacks " + ", ".join(absent),
                "expected the columns " + ",".join(CSV_COLUMNS) + " (in any order; other "
                "columns are ignored)",
            )
        )
    if problems:
        raise DocumentError(problems, source=source)
    return where


def read_csv(text: str, source: str) -> tuple[dict[str, Any], list[int]]:
    """The sheet document of a CSV text, and the CSV line of each item.

    The reader takes a sheet as spreadsheets write it back: columns in any
    order and extra columns (ignored), semicolons as delimiters, status in
    any case or in Japanese (:data:`STATUS_WORDS`), dates such as
    ``2025/5/12`` or ``2025-05-12 0:00``, and the ``#sheet`` row anywhere.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = list(reader)
    except csv.Error as err:
        raise ParseError(
            f"malformed CSV: {err}", line=reader.line_num, column=1, source=source
        ) from err
    return read_rows(rows, source, csv_text)


def read_rows(
    rows: list[list[str]], source: str, cell_text: Callable[[str], str]
) -> tuple[dict[str, Any], list[int]]:
    """The sheet document of a table's rows (the first is the header), and each item's row.

    Args:
        rows: The cells of each row, as text.
        source: The file, for messages.
        cell_text: The text a cell stands for (:func:`csv_text` undoes the
            leading quote of a formula-like CSV cell).
    """
    if not rows:
        _columns([], source)
    where = _columns(rows[0], source)
    header: dict[str, Any] | None = None
    header_line = 0
    items: list[dict[str, Any]] = []
    lines: list[int] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {
            name: cell_text(row[where[name]]) if where.get(name, len(row)) < len(row) else ""
            for name in CSV_COLUMNS
        }
        if cells["id"] == "#sheet":
            header = _sheet_header(cells, number, header_line, source)
            header_line = number
            continue
        item: dict[str, Any] = {
            "id": cells["id"],
            "roles": cells["roles"].split(),
            "principle": cells["principle"],
            "severity": csv_severity(cells["severity"]),
            "question": {"ja": cells["question_ja"], "en": cells["question_en"]},
            "guidance": {"ja": cells["guidance_ja"], "en": cells["guidance_en"]},
            "values": cells["values"].split(),
            "basis": cells["basis"].split(),
        }
        # Answers are kept as written (spaces too); the status and date are codes.
        if cells["status"].strip():
            item["status"] = csv_status(cells["status"])
        if cells["answered_at"].strip():
            item["answered_at"] = csv_date(cells["answered_at"])
        for key in ("evidence", "justification", "answered_by"):
            if cells[key]:
                item[key] = cells[key]
        items.append(item)
        lines.append(number)
    if header is None:
        raise DocumentError(
            [
                Issue(
                    "line 2",
                    "the '#sheet' row with the sheet's header is missing",
                    "export the sheet with 'aigov checklist --format csv' and keep that row "
                    "(it is the last row)",
                )
            ],
            source=source,
        )
    return {**header, "items": items}, lines


def _sheet_header(cells: dict[str, str], number: int, seen: int, source: str) -> dict[str, Any]:
    """The sheet's header from its '#sheet' row, refusing anything that would be lost."""
    problems = []
    if seen:
        problems.append(
            Issue(
                f"line {number}",
                f"a second '#sheet' row (the first is line {seen})",
                "keep only the row the sheet was exported with",
            )
        )
    extra = [name for name in CSV_COLUMNS[1:-1] if cells[name].strip()]
    if extra:
        problems.append(
            Issue(
                f"line {number}",
                "the '#sheet' row holds text in " + ", ".join(extra),
                "leave that row as exported",
            )
        )
    try:
        # The same parser as for JSON files: repeated keys and deep nesting are refused.
        header = parse_json(cells["sheet"])
    except DocumentError as err:
        problem = "; ".join(issue.message for issue in err.issues)
        problems.append(Issue(f"line {number}", f"the sheet column is not valid JSON: {problem}"))
        header = {}
    if not isinstance(header, dict):
        problems.append(Issue(f"line {number}", "the sheet column is not a JSON object"))
    elif "items" in header:
        problems.append(
            Issue(
                f"line {number}",
                "the sheet column holds 'items'; a CSV sheet's items are its rows",
                "remove 'items' from that cell",
            )
        )
    if problems:
        raise DocumentError(problems, source=source)
    checked: dict[str, Any] = header
    return checked


def write_csv(header: dict[str, Any], rows: list[list[str]], lang: str = "en") -> str:
    """CSV text of a sheet: UTF-8 with a byte-order mark, CRLF lines, every cell made safe.

    Args:
        header: The sheet's document without its items, kept in the ``#sheet`` row.
        rows: The cells of each item, in the order of :data:`CSV_COLUMNS` without ``sheet``.
        lang: ``ja`` writes the column headers, severities, statuses and marks in
            Japanese (:data:`COLUMNS_JA`, :data:`CELLS_JA`); either form reads back.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column_names(lang))
    for cells in rows:
        writer.writerow([*(csv_cell(cell) for cell in localize_cells(cells, lang)), ""])
    # The header goes last, where it is out of the way of the person filling the sheet in.
    writer.writerow(
        [
            "#sheet",
            *([""] * (len(CSV_COLUMNS) - 2)),
            json.dumps(header, ensure_ascii=False, sort_keys=True),
        ]
    )
    # A byte-order mark so that spreadsheet programs read the Japanese text as UTF-8.
    return "\ufeff" + buffer.getvalue()
