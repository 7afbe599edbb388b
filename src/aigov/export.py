"""Exports of the catalogue: its JSON document, its graph, linked data and OSCAL.

``json`` is the merged catalogue document; ``graphml``, ``gexf``, ``dot``,
``mermaid`` and ``svg`` draw the graph of :mod:`aigov.graph`; ``jsonld`` and
``sssom`` (:mod:`aigov.linked`) include the curated crosswalks;
``oscal-catalog`` and ``oscal-mapping`` (:mod:`aigov.oscal`) are for
governance, risk and compliance tools.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from aigov._choices import EXPORT_FORMATS
from aigov._jsonio import dumps_canonical
from aigov._render import check_lang
from aigov._render.svg import catalog_svg
from aigov._suggest import did_you_mean
from aigov.catalog import Catalog
from aigov.crosswalk import MappingIndex, load_mappings
from aigov.errors import UsageError
from aigov.graph import ordered_nodes
from aigov.linked import to_jsonld, to_sssom
from aigov.oscal import to_catalog, to_mapping_collection

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EXPORT_FORMATS", "export", "mermaid_label"]


def export(
    catalog: Catalog,
    fmt: str,
    *,
    lang: str = "en",
    mappings: MappingIndex | None = None,
    framework: str | None = None,
) -> str:
    """Serialise the catalogue (``json``), its graph, or its crosswalks as text.

    Args:
        catalog: The catalogue to export.
        fmt: One of :data:`EXPORT_FORMATS`. ``jsonld``, ``sssom`` and
            ``oscal-mapping`` include the curated crosswalks;
            ``oscal-catalog`` is one framework as an OSCAL catalog
            (:mod:`aigov.oscal`).
        lang: Label language for ``dot``, ``mermaid`` and ``svg`` (``ja`` or ``en``).
        mappings: The curated mapping sets for ``jsonld``, ``sssom`` and
            ``oscal-mapping`` (default: the built-in sets between the
            catalogue's frameworks); see :func:`aigov.crosswalk.load_mappings`
            to add your own.
        framework: The framework of ``oscal-catalog`` (required), or the one
            ``oscal-mapping`` keeps the mappings of.

    Raises:
        UsageError: Unknown format or language; ``framework`` missing for
            ``oscal-catalog``, or given for a format that takes none.
        UnknownIdError: ``framework`` is not a framework of the catalogue.
    """
    check_lang(lang)
    if fmt.startswith("oscal-"):
        return _oscal(catalog, fmt, mappings, framework)
    if framework is not None and fmt in EXPORT_FORMATS:
        raise UsageError(
            f"framework= (--framework) selects what oscal-catalog and oscal-mapping write; "
            f"{fmt} always has every framework: leave it out"
        )
    if fmt == "json":
        document = catalog.to_document().model_dump(mode="json", by_alias=True, exclude_none=True)
        return dumps_canonical(document)
    if fmt in ("graphml", "gexf"):
        return _networkx_xml(catalog.graph, fmt)
    if fmt == "dot":
        return _dot(catalog.graph, lang)
    if fmt == "mermaid":
        return _mermaid(catalog.graph, lang)
    if fmt == "svg":
        return catalog_svg(catalog, lang)
    if fmt in ("jsonld", "sssom"):
        index = mappings if mappings is not None else load_mappings(catalog=catalog)
        return to_jsonld(catalog, index) if fmt == "jsonld" else to_sssom(catalog, index)
    return _unknown(fmt)


def _oscal(catalog: Catalog, fmt: str, mappings: MappingIndex | None, framework: str | None) -> str:
    if fmt == "oscal-catalog":
        if framework is None:
            names = ", ".join(fw.id for fw in catalog.frameworks) or "the catalogue has none"
            raise UsageError(
                "oscal-catalog writes one framework's catalog: name it with framework=ID "
                f"(--framework ID on the command line); frameworks: {names}"
            )
        return to_catalog(catalog, framework)
    if fmt == "oscal-mapping":
        index = mappings if mappings is not None else load_mappings(catalog=catalog)
        return to_mapping_collection(catalog, index, framework)
    return _unknown(fmt)


def _unknown(fmt: str) -> str:
    hint = did_you_mean(fmt, EXPORT_FORMATS)
    hint = f"{hint} " if hint else ""
    raise UsageError(f"unknown export format {fmt!r} ({hint}formats: {', '.join(EXPORT_FORMATS)})")


def _networkx_xml(graph: nx.MultiDiGraph[str], fmt: str) -> str:
    import networkx as nx  # noqa: PLC0415 - heavy import, only for these formats

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_unique_edge_ids(graph), buffer, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True)
    # XML readers turn a raw CR in text into LF; a character reference keeps
    # it (ElementTree already writes one in attribute values, and the
    # pretty-printed markup itself holds no CR).
    return buffer.getvalue().decode("utf-8").replace("\r", "&#13;")


def _unique_edge_ids(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A copy whose edge keys are ``e0``, ``e1``... in a stable order.

    networkx writes an edge's key as its GraphML ``id``; the catalogue graph
    keys edges by relation kind, so ids repeated (``id="part_of"``).  The
    kind stays in each edge's ``relation`` attribute.
    """
    import networkx as nx  # noqa: PLC0415 - heavy import, only for this format

    copy: nx.MultiDiGraph[str] = nx.MultiDiGraph(**graph.graph)
    copy.add_nodes_from(graph.nodes(data=True))
    # Grouped by source node in node order, as networkx writes them: ids run in file order.
    position = {node: i for i, node in enumerate(graph.nodes)}
    edges: list[Any] = sorted(
        graph.edges(keys=True, data=True), key=lambda e: (position[e[0]], e[1], e[2])
    )
    keyed: Iterable[Any] = ((u, v, f"e{i}", d) for i, (u, v, _, d) in enumerate(edges))
    copy.add_edges_from(keyed)  # (u, v, key, data): the stubs know no keys
    return copy


def _quote_dot(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_DOT_SHAPES = {
    "framework": "folder",
    "principle": "box",
    "subitem": "note",
    "value": "ellipse",
    "role": "house",
    "practice": "component",
    "practice-item": "note",
}


def _dot(graph: nx.MultiDiGraph[str], lang: str) -> str:
    lines = ["digraph aigov {", "  rankdir=LR;", '  node [fontname="sans-serif"];']
    for node in ordered_nodes(graph, graph.nodes):
        data = graph.nodes[node]
        label = data[f"label_{lang}"]
        shape = _DOT_SHAPES[data["kind"]]
        lines.append(f"  {_quote_dot(node)} [label={_quote_dot(label)}, shape={shape}];")
    for u, v, key in sorted(graph.edges(keys=True)):
        lines.append(f"  {_quote_dot(u)} -> {_quote_dot(v)} [label={_quote_dot(key)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# Mermaid's entity codes (`#name;` or `#number;`) for every character that
# could end the quoted label, open HTML in its HTML labels (`<img onerror>`),
# start an entity or a markdown string, or break the line.
_MERMAID_CODES = str.maketrans(
    {
        "#": "#35;",
        "&": "#amp;",
        "<": "#lt;",
        ">": "#gt;",
        '"': "#quot;",
        "'": "#39;",
        "`": "#96;",
        "\t": "#9;",
        "\n": "#10;",
        "\r": "#13;",
    }
)


def mermaid_label(text: str) -> str:
    """Text as a quoted Mermaid label shows it: no markup, every character kept.

    Args:
        text: A label, possibly with ``<``, ``&``, quotes or line breaks.

    Returns:
        The text with those characters written as Mermaid entity codes.
    """
    return text.translate(_MERMAID_CODES)


def _mermaid(graph: nx.MultiDiGraph[str], lang: str) -> str:
    ids = {node: f"n{i}" for i, node in enumerate(ordered_nodes(graph, graph.nodes))}
    lines = ["flowchart LR"]
    for node, short in ids.items():
        label = mermaid_label(graph.nodes[node][f"label_{lang}"])
        lines.append(f'  {short}["{label}"]')
    for u, v, key in sorted(graph.edges(keys=True)):
        lines.append(f"  {ids[u]} -->|{key}| {ids[v]}")
    return "\n".join(lines) + "\n"
