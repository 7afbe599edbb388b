"""A small, dependency-free layered SVG drawing of catalogue graphs (private helper).

Columns of labelled boxes with curved edges between them: enough for a
readable, printable, deterministic picture without Graphviz or JavaScript.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from aigov._render import words
from aigov.catalog import Catalog
from aigov.models import RelationKind

__all__ = ["Box", "catalog_svg", "layered_svg"]


def escape(text: str) -> str:
    """Text for XML character data (xml.sax.saxutils would import urllib: 25 ms at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ROW = 24
_PAD = 12
_GAP = 90
_TOP = 56
_FONT = 12

_EDGE_COLOURS = {
    "addresses": "#7a5195",
    "embodies": "#ef5675",
    "corresponds_to": "#003f5c",
    "implements": "#ffa600",
}
_FILL = {
    "role": "#efe7f5",
    "principle": "#e6eef5",
    "value": "#fde8ec",
    "practice": "#fff4dd",
}


@dataclass(frozen=True)
class Box:
    """A node to draw: its id, its text and its kind (which sets the colour)."""

    id: str
    text: str
    kind: str


def _text_width(text: str) -> int:
    # Wide (CJK) characters take about a full em, others a bit over half.
    return sum(_FONT if unicodedata.east_asian_width(ch) in ("W", "F") else 7 for ch in text)


def layered_svg(
    title: str,
    columns: Sequence[tuple[str, Sequence[Box]]],
    edges: Sequence[tuple[str, str, str] | tuple[str, str, str, bool]],
    *,
    lang: str = "en",
) -> str:
    """Draw columns of boxes and the edges between them as a standalone SVG document.

    Args:
        title: Heading drawn at the top.
        columns: ``(column heading, boxes)`` from left to right.
        edges: ``(from id, to id, relation kind)``, optionally with a fourth item
            ``True`` when the drawing runs against the relation's direction;
            edges to unknown ids are skipped.
        lang: ``ja`` or ``en`` words for the relation kinds in hover titles and the
            legend (a kind without a word is shown as it is).

    Raises:
        UsageError: ``lang`` is not ``ja`` or ``en``.
    """
    w = words("graph", lang)
    widths = [
        max([_text_width(b.text) for b in boxes] + [_text_width(head)]) + 2 * _PAD
        for head, boxes in columns
    ]
    xs: list[int] = []
    x = 20
    for width in widths:
        xs.append(x)
        x += width + _GAP
    height = _TOP + max([len(boxes) for _, boxes in columns] + [1]) * _ROW + 70
    total_width = x - _GAP + 20
    where: dict[str, tuple[int, int, int]] = {}  # id -> (left x, right x, centre y)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_width}" height="{height}" '
        f'viewBox="0 0 {total_width} {height}" font-family="sans-serif" font-size="{_FONT}" '
        'role="img">',
        f"<title>{escape(title)}</title>",
        f'<text x="20" y="22" font-size="16" font-weight="bold">{escape(title)}</text>',
    ]
    for (head, boxes), left, width in zip(columns, xs, widths, strict=True):
        out.append(f'<text x="{left}" y="{_TOP - 12}" font-weight="bold">{escape(head)}</text>')
        for row, box in enumerate(boxes):
            top = _TOP + row * _ROW
            where[box.id] = (left, left + width, top + (_ROW - 4) // 2)
            fill = _FILL.get(box.kind, "#f0f0f0")
            out.append(
                f'<g><title>{escape(box.id)}</title><rect x="{left}" y="{top}" width="{width}" '
                f'height="{_ROW - 4}" rx="4" fill="{fill}" stroke="#888"/>'
                f'<text x="{left + _PAD}" y="{top + 14}">{escape(box.text)}</text></g>'
            )
    paths = []
    for source, target, kind, *flipped in edges:
        if source not in where or target not in where:
            continue
        # Layout may draw an edge against its direction; the tooltip keeps the meaning.
        subject, obj = (target, source) if flipped and flipped[0] else (source, target)
        (sl, sr, sy), (tl, tr, ty) = where[source], where[target]
        x1, x2 = (sr, tl) if sl < tl else (sl, tr)
        if sl == tl:  # same column: loop out to the right
            x1, x2 = sr, tr
            mid = sr + _GAP // 2
            d = f"M{x1},{sy} C{mid},{sy} {mid},{ty} {x2},{ty}"
        else:
            mid = (x1 + x2) // 2
            d = f"M{x1},{sy} C{mid},{sy} {mid},{ty} {x2},{ty}"
        colour = _EDGE_COLOURS.get(kind, "#999")
        hover = w["edge"].format(subject=subject, kind=w.get(kind, kind), object=obj)
        paths.append(
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-opacity="0.55" '
            f'stroke-width="1.2"><title>{escape(hover)}</title></path>'
        )
    out[3:3] = paths  # edges under the boxes
    legend_y = height - 24
    lx = 20
    for kind, colour in _EDGE_COLOURS.items():
        word = w.get(kind, kind)
        out.append(
            f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 24}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="3"/>'
            f'<text x="{lx + 30}" y="{legend_y + 4}">{escape(word)}</text>'
        )
        lx += 40 + _text_width(word)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def catalog_svg(catalog: Catalog, lang: str = "en", principles: Sequence[str] | None = None) -> str:
    """Draw roles, principles, values and practices of a catalogue with their relations.

    Args:
        catalog: The catalogue.
        lang: ``ja`` or ``en`` labels.
        principles: Only these principles (and what they reach); all when None.
    """
    wanted = None if principles is None else set(principles)
    chosen = [p for p in catalog.principles if wanted is None or p.id in wanted]
    chosen_ids = {p.id for p in chosen}
    edges: list[tuple[str, str, str]] = []
    for rel in catalog.relations:
        if (
            (rel.predicate is RelationKind.ADDRESSES and rel.subject in chosen_ids)
            or (rel.predicate is RelationKind.EMBODIES and rel.subject in chosen_ids)
            or (
                rel.predicate is RelationKind.CORRESPONDS_TO
                and {rel.subject, rel.object} <= chosen_ids
            )
        ):
            edges.append((rel.subject, rel.object, rel.predicate.value))
    reached = {e[1] for e in edges}
    values = [v for v in catalog.values if wanted is None or v.id in reached]
    value_ids = {v.id for v in values}
    practice_edges = [
        (rel.object, rel.subject, rel.predicate.value, True)
        for rel in catalog.relations
        if rel.predicate is RelationKind.IMPLEMENTS and rel.object in value_ids
    ]
    practices = [p for p in catalog.practices if p.id in {e[1] for e in practice_edges}]
    roles = [r for r in catalog.roles if wanted is None or r.id in reached]

    def label(item: object) -> str:
        text: str = getattr(getattr(item, "label"), lang)  # noqa: B009
        number = getattr(item, "number", None)
        return f"{number}. {text}" if number is not None else text

    w = words("graph", lang)
    columns: list[tuple[str, Sequence[Box]]] = [
        (w["roles"], [Box(r.id, label(r), "role") for r in roles])
    ]
    for fw in catalog.frameworks:
        boxes = [Box(p.id, label(p), "principle") for p in chosen if p.framework == fw.id]
        if boxes:
            heading = (
                (fw.short_label or fw.label).en if lang == "en" else (fw.short_label or fw.label).ja
            )
            columns.append((heading, boxes))
    columns.append((w["values"], [Box(v.id, label(v), "value") for v in values]))
    if practices:
        columns.append((w["practices"], [Box(p.id, label(p), "practice") for p in practices]))
    # Flip "addresses" so that edges run from the role column to principles.
    drawn = [(b, a, k, True) if k == "addresses" else (a, b, k, False) for a, b, k in edges]
    return layered_svg(w["title"], columns, drawn + practice_edges, lang=lang)
