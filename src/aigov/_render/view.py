"""A set of principles in another framework's terms, as text (private).

What ``check --framework`` and ``gaps --framework`` print below their own
report: the items of the other framework engaged through curated
correspondences, and apart from them the weak suggestions that only share
values with a principle (never "engaged").
"""

from __future__ import annotations

from aigov._render import md, table, truncate, words
from aigov.crosswalk import FrameworkView, ViewItem

__all__ = ["view_lines", "view_markdown"]


def _table_lines(items: tuple[ViewItem, ...], lang: str, heading: str) -> list[str]:
    w = words("assessment", lang)
    rows = [
        [item.id, truncate(getattr(item.label, lang), 50), ", ".join(item.principles)]
        for item in items
    ]
    body = table(["ID", w["item"].upper(), heading.upper()], rows)
    return ["  " + line for line in body.rstrip("\n").split("\n")]


def view_lines(view: FrameworkView, lang: str) -> list[str]:
    """The view as an indented text table, a blank line after it."""
    w = words("assessment", lang)
    lines = [f"{w['view']} {view.framework}:"]
    if view.items:
        lines.extend(_table_lines(view.items, lang, w["from"]))
    else:
        lines.append(f"  {w['none_engaged']}")
    if view.unmapped:
        lines.append(f"  {w['unmapped']}: " + ", ".join(view.unmapped))
    if view.suggestions:
        lines.append(f"  {w['suggestions']}:")
        lines.extend(_table_lines(view.suggestions, lang, w["shares_values"]))
    lines.append("")
    return lines


def view_markdown(view: FrameworkView, lang: str) -> list[str]:
    """The view as a Markdown section (a heading and a list), a blank line after it."""
    w = words("assessment", lang)
    out = [f"## {w['view']} `{view.framework}`", ""]
    if not view.items:
        out.append(f"- {w['none_engaged']}")
    for item in view.items:
        out.append(
            f"- {md(getattr(item.label, lang))} (`{item.id}`): "
            + ", ".join(f"`{p}`" for p in item.principles)
        )
    if view.unmapped:
        out.append(f"- {w['unmapped']}: " + ", ".join(f"`{p}`" for p in view.unmapped))
    if view.suggestions:
        out += ["", f"{w['suggestions']}:", ""]
        out.extend(
            f"- {md(getattr(item.label, lang))} (`{item.id}`), {w['shares_values']}: "
            + ", ".join(f"`{p}`" for p in item.principles)
            for item in view.suggestions
        )
    out.append("")
    return out
