"""Plain-text rendering helpers shared by the CLI and reports (private)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from aigov.errors import UsageError

__all__ = ["LANGUAGES", "check_lang", "display_width", "pad", "table", "truncate"]

#: Label languages every renderer offers.
LANGUAGES = ("ja", "en")


def check_lang(lang: str) -> None:
    """Refuse a label language other than Japanese and English.

    Raises:
        UsageError: ``lang`` is not ``ja`` or ``en``.
    """
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r} (use 'ja' or 'en')")


def display_width(text: str) -> int:
    """Columns a string takes in a terminal (wide CJK characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def truncate(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` terminal columns, marking the cut with an ellipsis."""
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Render an aligned text table with a rule under the headers."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )
    return "\n".join(lines) + "\n"
