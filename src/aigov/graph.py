"""The catalogue as a networkx graph, its named queries and its exports.

Nodes are catalogue items; each node has the attributes ``kind`` (one of
:data:`NODE_KINDS`), ``label_ja``, ``label_en``, ``framework`` (empty for
roles and frameworks), ``number`` (0 where the item has none) and ``order``
(position in official order).  Edges are keyed by their relation kind
(:data:`EDGE_KINDS`) and carry ``relation``, ``qualifier`` and ``rationale``
(empty strings where absent).  ``part_of`` and ``has_item`` edges are derived
from the items; ``corresponds_to`` is stored in both directions.
"""

from __future__ import annotations

import io
import weakref
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

from aigov._jsonio import dumps_canonical, gc_paused
from aigov._render import check_lang
from aigov._suggest import suggest
from aigov.errors import UnknownIdError, UsageError
from aigov.models import Practice, Principle, RelationKind

if TYPE_CHECKING:
    import networkx as nx

    from aigov.catalog import Catalog, Item

__all__ = [
    "EDGE_KINDS",
    "EXPORT_FORMATS",
    "NODE_KINDS",
    "build_graph",
    "export",
    "neighbours",
    "principles_addressing",
    "principles_embodying",
    "values_of",
]

#: Node kinds of the graph.
NODE_KINDS = ("framework", "principle", "subitem", "value", "role", "practice", "practice-item")
#: Edge kinds (the ``key`` and ``relation`` attribute of every edge).
EDGE_KINDS = tuple(kind.value for kind in RelationKind)
#: Formats :func:`export` writes.
EXPORT_FORMATS = ("dot", "gexf", "graphml", "json", "jsonld", "mermaid", "sssom", "svg")

Direction = Literal["out", "in", "both"]


def build_graph(catalog: Catalog) -> nx.MultiDiGraph[str]:
    """Build the ``MultiDiGraph`` of a catalogue (see the module docs for the vocabulary)."""
    import networkx as nx  # noqa: PLC0415 - heavy import, only when a graph is wanted

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="aigov catalogue", version=catalog.version)
    with gc_paused():
        nodes, edges = _graph_data(catalog)
        layout = _layout(graph)
        if layout is not None:
            _fill(graph, layout, nodes, edges)
        else:
            _fill_public(graph, nodes, edges)
    # The catalogue is immutable and caches its graph: callers get a frozen view.
    nx.freeze(graph)
    return graph


_Edge = tuple[str, str, str, dict[str, str]]


def _graph_data(catalog: Catalog) -> tuple[list[tuple[str, dict[str, Any]]], Iterator[_Edge]]:
    """The graph's nodes and keyed edges, with their attributes, in insertion order."""
    kinds = catalog._kinds
    ordered = catalog._ordered()
    nodes: list[tuple[str, dict[str, Any]]] = []
    # Sub-items and practice items carry the framework of their parent.
    parents: tuple[Principle | Practice, ...] = (*catalog.principles, *catalog.practices)
    parent_framework = {sub.id: parent.framework for parent in parents for sub in parent.items}
    for order, item in enumerate(ordered):
        # vars(): a missing field is a dict miss, not pydantic's slow attribute error.
        fields = vars(item)
        item_id = fields["id"]
        label_ja, label_en = _labels(item)
        nodes.append(
            (
                item_id,
                {
                    "kind": kinds[item_id],
                    "label_ja": label_ja,
                    "label_en": label_en,
                    "framework": fields.get("framework") or parent_framework.get(item_id, ""),
                    "number": fields.get("number", 0),
                    "order": order,
                },
            )
        )
    return nodes, _edges(catalog, ordered, parents)


def _edges(
    catalog: Catalog, ordered: list[Item], parents: tuple[Principle | Practice, ...]
) -> Iterator[_Edge]:
    part_of = RelationKind.PART_OF._value_
    has_item = RelationKind.HAS_ITEM._value_
    symmetric = RelationKind.CORRESPONDS_TO._value_
    for item in ordered:
        framework = vars(item).get("framework")
        if framework:
            yield item.id, framework, part_of, _attrs(part_of)
    for parent in parents:
        for sub in parent.items:
            yield parent.id, sub.id, has_item, _attrs(has_item)
    for rel in catalog.relations:
        kind = rel.predicate._value_
        qualifier = rel.qualifier or ""
        rationale = rel.rationale or ""
        yield rel.subject, rel.object, kind, _attrs(kind, qualifier, rationale)
        if kind == symmetric:
            yield rel.object, rel.subject, kind, _attrs(kind, qualifier, rationale)


def _attrs(kind: str, qualifier: str = "", rationale: str = "") -> dict[str, str]:
    return {"relation": kind, "qualifier": qualifier, "rationale": rationale}


def _layout(graph: nx.MultiDiGraph[str]) -> tuple[dict[str, Any], ...] | None:
    """The graph's node, successor and predecessor dicts, if laid out as expected.

    networkx documents its graphs as dicts of dicts (``_node``, ``_succ`` and
    ``_pred``, with ``_adj`` the same object as ``_succ``), built by factory
    attributes that default to ``dict``; anything else and :func:`_fill_public`
    is used instead.
    """
    attrs = vars(graph)
    node, succ, pred = attrs.get("_node"), attrs.get("_succ"), attrs.get("_pred")
    cls: Any = type(graph)
    factories = ("node_dict_factory", "adjlist_inner_dict_factory", "edge_key_dict_factory")
    if (
        succ is attrs.get("_adj")
        and type(node) is dict
        and type(succ) is dict
        and type(pred) is dict
        and all(getattr(cls, name, None) is dict for name in factories)
        and getattr(cls, "edge_attr_dict_factory", None) is dict
    ):
        return node, succ, pred
    return None


def _fill(
    graph: nx.MultiDiGraph[str],
    layout: tuple[dict[str, Any], ...],
    nodes: list[tuple[str, dict[str, Any]]],
    edges: Iterable[_Edge],
) -> None:
    """Insert nodes and edges straight into networkx's adjacency dicts.

    ``add_edge`` costs microseconds per call in bookkeeping a fresh, private
    graph does not need; a catalogue of 100,000 relations spent most of its
    graph build there.  The result is the same structure ``add_node`` and
    ``add_edge`` build (the tests compare the two), and :func:`_layout`
    guards the layout this relies on.
    """
    node, succ, pred = layout
    for name, attrs in nodes:
        if name in node:
            node[name].update(attrs)
        else:
            node[name] = attrs
            succ[name] = {}
            pred[name] = {}
    for u, v, key, attrs in edges:
        if u not in node or v not in node:  # pragma: no cover - relations are checked
            graph.add_edge(u, v, key=key, **attrs)
            continue
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        if key in keys:
            keys[key].update(attrs)
        else:
            keys[key] = attrs
    nx_clear = getattr(graph, "__networkx_cache__", None)
    if isinstance(nx_clear, dict):
        nx_clear.clear()


def _fill_public(
    graph: nx.MultiDiGraph[str], nodes: list[tuple[str, dict[str, Any]]], edges: Iterable[_Edge]
) -> None:
    """Insert nodes and edges through networkx's public API (the reference path)."""
    for name, attrs in nodes:
        graph.add_node(name, **attrs)
    for u, v, key, attrs in edges:
        graph.add_edge(u, v, key=key, **attrs)


_PRACTICE_ITEM_LABELS = {
    "standard": ("参考となる標準的な取組", "Standard practice"),
    "notable": ("特に注目すべき取組", "Notable practice"),
}


def _labels(item: object) -> tuple[str, str]:
    label = vars(item).get("label")
    if label is not None:
        return label.ja, label.en
    # Practice items have no label of their own in the source: name them by kind.
    return _PRACTICE_ITEM_LABELS[getattr(item, "kind", "standard")]


def _check_node(graph: nx.MultiDiGraph[str], node: str, kind: str | None = None) -> None:
    found: Any = graph.nodes[node]["kind"] if node in graph else None
    if found is None or (kind is not None and found != kind):
        pool = [n for n, k in graph.nodes(data="kind") if kind is None or str(k) == kind]
        raise UnknownIdError(kind or "node", node, suggestions=suggest(node, pool))


_NEIGHBOURS: weakref.WeakKeyDictionary[Any, dict[tuple[str, str | None, str], tuple[str, ...]]]
_NEIGHBOURS = weakref.WeakKeyDictionary()


def _ordered(graph: nx.MultiDiGraph[str], nodes: Iterable[str]) -> list[str]:
    return sorted(set(nodes), key=lambda n: (graph.nodes[n]["order"], n))


def neighbours(
    graph: nx.MultiDiGraph[str],
    node: str,
    relation: str | None = None,
    direction: Direction = "out",
) -> list[str]:
    """Nodes linked to ``node`` by ``relation`` (any when None), in official order.

    Raises:
        UnknownIdError: ``node`` is not in the graph.
        UsageError: ``relation`` is not an edge kind.
    """
    _check_node(graph, node)
    if relation is not None and relation not in EDGE_KINDS:
        close = suggest(relation, EDGE_KINDS)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UsageError(f"unknown relation {relation!r}{hint}")
    # A frozen graph cannot change, so its answers are kept (per graph object).
    cache = _NEIGHBOURS.setdefault(graph, {})
    key = (node, relation, direction)
    if key in cache:
        return list(cache[key])
    found: list[str] = []
    if direction in ("out", "both"):
        found += [v for _, v, k in graph.out_edges(node, keys=True) if relation in (None, k)]
    if direction in ("in", "both"):
        found += [u for u, _, k in graph.in_edges(node, keys=True) if relation in (None, k)]
    result = _ordered(graph, found)
    if getattr(graph, "frozen", False):
        cache[key] = tuple(result)
    return result


def principles_addressing(graph: nx.MultiDiGraph[str], role: str) -> list[str]:
    """Principles addressed to ``role``."""
    _check_node(graph, role, "role")
    return neighbours(graph, role, RelationKind.ADDRESSES.value, "in")


def values_of(graph: nx.MultiDiGraph[str], principle: str) -> list[str]:
    """Values a principle embodies."""
    _check_node(graph, principle)
    return neighbours(graph, principle, RelationKind.EMBODIES.value)


def principles_embodying(graph: nx.MultiDiGraph[str], value: str) -> list[str]:
    """Principles that embody ``value``."""
    _check_node(graph, value, "value")
    return neighbours(graph, value, RelationKind.EMBODIES.value, "in")


# -- exports -------------------------------------------------------------------------


def export(catalog: Catalog, fmt: str, *, lang: str = "en") -> str:
    """Serialise the catalogue (``json``) or its graph (other formats) as text.

    Args:
        catalog: The catalogue to export.
        fmt: One of :data:`EXPORT_FORMATS` (``jsonld`` and ``sssom`` include the
            curated crosswalks).
        lang: Label language for ``dot``, ``mermaid`` and ``svg`` (``ja`` or ``en``).

    Raises:
        UsageError: Unknown format or language.
    """
    check_lang(lang)
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
        from aigov._svg import catalog_svg  # noqa: PLC0415

        return catalog_svg(catalog, lang)
    if fmt in ("jsonld", "sssom"):
        from aigov.crosswalk import load_mappings  # noqa: PLC0415
        from aigov.linked import to_jsonld, to_sssom  # noqa: PLC0415

        mappings = load_mappings(catalog=catalog)
        return to_jsonld(catalog, mappings) if fmt == "jsonld" else to_sssom(catalog, mappings)
    close = suggest(fmt, EXPORT_FORMATS)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise UsageError(f"unknown export format {fmt!r} ({hint}formats: {', '.join(EXPORT_FORMATS)})")


def _networkx_xml(graph: nx.MultiDiGraph[str], fmt: str) -> str:
    import networkx as nx  # noqa: PLC0415

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


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
    for node in _ordered(graph, graph.nodes):
        data = graph.nodes[node]
        label = data[f"label_{lang}"]
        shape = _DOT_SHAPES[data["kind"]]
        lines.append(f"  {_quote_dot(node)} [label={_quote_dot(label)}, shape={shape}];")
    for u, v, key in sorted(graph.edges(keys=True)):
        lines.append(f"  {_quote_dot(u)} -> {_quote_dot(v)} [label={_quote_dot(key)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid(graph: nx.MultiDiGraph[str], lang: str) -> str:
    ids = {node: f"n{i}" for i, node in enumerate(_ordered(graph, graph.nodes))}
    lines = ["flowchart LR"]
    for node, short in ids.items():
        label = graph.nodes[node][f"label_{lang}"].replace('"', "#quot;")
        lines.append(f'  {short}["{label}"]')
    for u, v, key in sorted(graph.edges(keys=True)):
        lines.append(f"  {ids[u]} -->|{key}| {ids[v]}")
    return "\n".join(lines) + "\n"
