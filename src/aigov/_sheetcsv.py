"""The CSV form of a check sheet: writing cells safely and reading rows back (private).

The codec knows columns and cells, not the sheet model: :mod:`aigov.checklist`
turns items into rows and the document read here into a sheet.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from aigov._jsonio import parse_json
from aigov.errors import DocumentError, Issue, ParseError

__all__ = ["CSV_COLUMNS", "csv_cell", "csv_text", "read_csv", "write_csv"]

#: Columns of the CSV form, in order; ``sheet`` holds the sheet's header once.
CSV_COLUMNS = (
    "id",
    "role",
    "principle",
    "severity",
    "question_ja",
    "question_en",
    "guidance_ja",
    "guidance_en",
    "values",
    "basis",
    "status",
    "evidence",
    "justification",
    "answered_by",
    "answered_at",
    "sheet",
)


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


def read_csv(text: str, source: str) -> tuple[dict[str, Any], list[int]]:
    """The sheet document of a CSV text, and the CSV line of each item."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as err:
        raise ParseError(
            f"malformed CSV: {err}", line=reader.line_num, column=1, source=source
        ) from err
    if not rows or tuple(h.strip() for h in rows[0]) != CSV_COLUMNS:
        expected = ",".join(CSV_COLUMNS)
        raise DocumentError(
            [
                Issue(
                    "line 1",
                    "the header row is not aigov's check-sheet header",
                    f"expected {expected}",
                )
            ],
            source=source,
        )
    header: dict[str, Any] | None = None
    header_line = 0
    items: list[dict[str, Any]] = []
    lines: list[int] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_COLUMNS):
            raise DocumentError(
                [
                    Issue(
                        f"line {number}",
                        f"{len(row)} columns, expected {len(CSV_COLUMNS)}",
                        "keep every column, even empty ones",
                    )
                ],
                source=source,
            )
        cells = {name: csv_text(cell) for name, cell in zip(CSV_COLUMNS, row, strict=True)}
        if cells["id"] == "#sheet":
            header = _sheet_header(cells, number, header_line, source)
            header_line = number
            continue
        item: dict[str, Any] = {
            "id": cells["id"],
            "role": cells["role"],
            "principle": cells["principle"],
            "severity": cells["severity"],
            "question": {"ja": cells["question_ja"], "en": cells["question_en"]},
            "guidance": {"ja": cells["guidance_ja"], "en": cells["guidance_en"]},
            "values": cells["values"].split(),
            "basis": cells["basis"].split(),
        }
        # Answers are kept as written (spaces too); the status and date are codes.
        for key in ("status", "answered_at"):
            if cells[key].strip():
                item[key] = cells[key].strip()
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
                    "export the sheet with 'aigov checklist --format csv' and keep that row",
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


def write_csv(header: dict[str, Any], rows: list[list[str]]) -> str:
    """CSV text of a sheet: UTF-8 with a byte-order mark, CRLF lines, every cell made safe.

    Args:
        header: The sheet's document without its items, kept in the ``#sheet`` row.
        rows: The cells of each item, in the order of :data:`CSV_COLUMNS` without ``sheet``.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerow(
        [
            "#sheet",
            *([""] * (len(CSV_COLUMNS) - 2)),
            json.dumps(header, ensure_ascii=False, sort_keys=True),
        ]
    )
    for cells in rows:
        writer.writerow([*(csv_cell(cell) for cell in cells), ""])
    # A byte-order mark so that spreadsheet programs read the Japanese text as UTF-8.
    return "\ufeff" + buffer.getvalue()
