"""A set of principles in another framework's terms, as text (private).

What ``check --framework`` and ``gaps --framework`` print below their own
report: the items of the other framework, and the principles that engage them.
"""

from __future__ import annotations

from aigov._render import md, table, truncate, words
from aigov.crosswalk import FrameworkView

__all__ = ["view_lines", "view_markdown"]


def view_lines(view: FrameworkView, lang: str) -> list[str]:
    """The view as an indented text table, a blank line after it."""
    w = words("assessment", lang)
    rows = [
        [
            item.id,
            truncate(getattr(item.label, lang), 50),
            ", ".join(item.principles) + (f" ({w['derived']})" if item.derived else ""),
        ]
        for item in view.items
    ]
    lines = [f"{w['view']} {view.framework}:"]
    body = table(["ID", w["item"].upper(), w["from"].upper()], rows)
    lines.extend("  " + line for line in body.rstrip("\n").split("\n"))
    if view.unmapped:
        lines.append(f"  {w['unmapped']}: " + ", ".join(view.unmapped))
    lines.append("")
    return lines


def view_markdown(view: FrameworkView, lang: str) -> list[str]:
    """The view as a Markdown section (a heading and a list), a blank line after it."""
    w = words("assessment", lang)
    out = [f"## {w['view']} `{view.framework}`", ""]
    for item in view.items:
        mark = f" ({w['derived']})" if item.derived else ""
        out.append(
            f"- {md(getattr(item.label, lang))} (`{item.id}`){mark}: "
            + ", ".join(f"`{p}`" for p in item.principles)
        )
    if view.unmapped:
        out.append(f"- {w['unmapped']}: " + ", ".join(f"`{p}`" for p in view.unmapped))
    out.append("")
    return out
