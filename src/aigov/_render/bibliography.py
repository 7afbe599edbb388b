"""The bibliography as text or JSON (private)."""

from __future__ import annotations

from aigov._jsonio import dumps_canonical
from aigov._render import check_lang, table, truncate
from aigov.bibliography import Bibliography, Reference
from aigov.errors import UsageError

__all__ = ["render_reference", "render_references"]


def render_reference(
    bibliography: Bibliography, key: str, fmt: str = "text", lang: str = "en"
) -> str:
    """Render one bibliography entry, with the documents it is part of or shows.

    Raises:
        UnknownIdError: No such key (with a did-you-mean).
        UsageError: Unknown format or language.
    """
    check_lang(lang)
    ref = bibliography[key]
    if fmt == "json":
        return dumps_canonical(ref.model_dump(mode="json", exclude_none=True))
    if fmt != "text":
        raise UsageError(f"unknown format {fmt!r} (formats: json, text)")
    lines = [f"{ref.key}  [{ref.kind}]", f"  {ref.citation(lang)}"]
    if ref.url:
        lines.append(f"  address: {ref.url}")
    for label, other in (("part of", ref.part_of), ("shows", ref.reproduces)):
        if other is not None:
            parent: Reference = bibliography[other]
            lines.append(f"  {label}: [{parent.key}] {parent.citation(lang)}")
    if ref.shows:
        lines.append(f"  seen there: {ref.shows}")
    if ref.note:
        lines.append(f"  note: {ref.note}")
    return "\n".join(lines) + "\n"


def render_references(bibliography: Bibliography, fmt: str = "table", lang: str = "en") -> str:
    """Render every bibliography entry: a ``table`` (key, kind, title, address) or ``json``.

    Raises:
        UsageError: Unknown format or language.
    """
    check_lang(lang)
    if fmt == "json":
        return dumps_canonical(bibliography.document.model_dump(mode="json", exclude_none=True))
    if fmt != "table":
        raise UsageError(f"unknown format {fmt!r} (formats: json, table)")
    rows = [
        [ref.key, ref.kind, truncate(ref.title.text(lang), 60), ref.url or ""]
        for ref in bibliography.values()
    ]
    return table(["KEY", "KIND", "TITLE", "ADDRESS"], rows)
