"""The presentation layer (private): text helpers and the UI words.

Every renderer lives in this package; :mod:`aigov.report` is its public face.
The words of headings and labels are data, ``aigov/data/ui/{en,ja}.json``,
one section per renderer, the same keys in both languages.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Sequence
from importlib.resources import files

from aigov.catalog import builtin_catalog
from aigov.errors import UsageError, printable

__all__ = [
    "LANGUAGES",
    "check_lang",
    "display_width",
    "eu_role_label",
    "md",
    "md_code",
    "pad",
    "role_label",
    "table",
    "truncate",
    "words",
]

#: Label languages every renderer offers.
LANGUAGES = ("ja", "en")


def check_lang(lang: str) -> None:
    """Refuse a label language other than Japanese and English.

    Raises:
        UsageError: ``lang`` is not ``ja`` or ``en``.
    """
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r} (use 'ja' or 'en')")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_MD_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def md(text: str) -> str:
    """Text for a Markdown document: literal, on one line, inert as HTML.

    Markdown punctuation that could make emphasis, code, links or table cells
    is backslash-escaped, ``<``, ``>`` and ``&`` become entities (so no raw
    HTML passes), and line breaks become spaces (so no heading or list can be
    forged). Every Markdown renderer passes text from documents through it.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_BREAKS.sub(" ", _MD_SPECIAL.sub(r"\\\1", text))


def md_code(text: str) -> str:
    """``text`` as a Markdown code span, or as escaped text when a span cannot hold it."""
    if "`" in text or _MD_BREAKS.search(text):
        return md(text)
    return f"`{text}`"


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
    """Render an aligned text table with a rule under the headers.

    Cells go through :func:`aigov.errors.printable`: whatever a document
    holds, a table cannot steer the terminal it is printed on.
    """
    rows = [[printable(cell) for cell in row] for row in rows]
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


@functools.cache
def _words(lang: str) -> dict[str, dict[str, str]]:
    text = files("aigov.data").joinpath("ui").joinpath(f"{lang}.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


def words(section: str, lang: str) -> dict[str, str]:
    """The UI words of one renderer (``assessment``, ``checklist``...) in ``lang``.

    Raises:
        UsageError: ``lang`` is not ``ja`` or ``en``.
    """
    check_lang(lang)
    return _words(lang)[section]


def eu_role_label(role: str, lang: str) -> str:
    """An EU AI Act operator role (``provider``) by the catalogue's label in ``lang``.

    ``product-manufacturer``, which the catalogue lacks, is named by the UI's words.
    """
    return words("classification", lang).get("role_" + role) or role_label(
        f"eu-ai-act-2024:{role}", lang
    )


def role_label(role: str, lang: str) -> str:
    """A role's label in ``lang``; its id when the built-in catalogue does not know it."""
    catalog = builtin_catalog()
    if role in catalog and catalog.kind_of(role) == "role":
        label: str = getattr(catalog.role(role).label, lang)
        return label
    return role
