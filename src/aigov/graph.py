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

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from aigov._suggest import did_you_mean, suggest
from aigov.errors import UnknownIdError, UsageError
from aigov.models import PracticeItem, RelationKind, SubItem

if TYPE_CHECKING:
    import networkx as nx

    from aigov.catalog import Catalog

__all__ = [
    "EDGE_KINDS",
    "NODE_KINDS",
    "build_graph",
    "neighbours",
    "ordered_nodes",
    "principles_addressing",
    "principles_embodying",
    "values_of",
]

#: Node kinds of the graph.
NODE_KINDS = ("framework", "principle", "subitem", "value", "role", "practice", "practice-item")
#: Edge kinds (the ``key`` and ``relation`` attribute of every edge).
EDGE_KINDS = tuple(kind.value for kind in RelationKind)

Direction = Literal["out", "in", "both"]


def build_graph(catalog: Catalog) -> nx.MultiDiGraph[str]:
    """Build the frozen ``MultiDiGraph`` of a catalogue (see the module docs for the vocabulary)."""
    import networkx as nx  # noqa: PLC0415 - heavy import, only when a graph is wanted

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="aigov catalogue", version=catalog.version)
    graph.add_nodes_from(
        (
            item.id,
            {
                "kind": catalog.kind_of(item.id),
                "label_ja": item.label.ja,
                "label_en": item.label.en,
                "framework": _framework(catalog, item.id),
                "number": getattr(item, "number", 0),
                "order": order,
            },
        )
        for order, item in enumerate(catalog.order())
    )
    edges: Iterable[Any] = _edges(catalog)  # (u, v, key, attributes): the stubs know no keys
    graph.add_edges_from(edges)
    # The catalogue is immutable and keeps its graph: callers get a frozen view.
    nx.freeze(graph)
    return graph


def _framework(catalog: Catalog, item_id: str) -> str:
    if catalog.kind_of(item_id) in ("framework", "role"):
        return ""
    return catalog.frameworks_of(item_id)[0]


def _edges(catalog: Catalog) -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """Keyed edges with their attributes: derived ``part_of``/``has_item``, then stored ones."""
    for item in catalog.order():
        framework = getattr(item, "framework", None)
        if framework:
            yield item.id, framework, RelationKind.PART_OF.value, _attrs(RelationKind.PART_OF)
    parents: list[tuple[str, Sequence[SubItem | PracticeItem]]] = [
        *((p.id, p.items) for p in catalog.principles),
        *((p.id, p.items) for p in catalog.practices),
    ]
    for parent_id, items in parents:
        for sub in items:
            yield parent_id, sub.id, RelationKind.HAS_ITEM.value, _attrs(RelationKind.HAS_ITEM)
    for rel in catalog.relations:
        attrs = _attrs(rel.predicate, rel.qualifier or "", rel.rationale or "")
        yield rel.subject, rel.object, rel.predicate.value, attrs
        if rel.predicate is RelationKind.CORRESPONDS_TO:  # symmetric: both directions
            yield rel.object, rel.subject, rel.predicate.value, attrs


def _attrs(kind: RelationKind, qualifier: str = "", rationale: str = "") -> dict[str, str]:
    return {"relation": kind.value, "qualifier": qualifier, "rationale": rationale}


def _check_node(graph: nx.MultiDiGraph[str], node: str, kind: str | None = None) -> None:
    found: Any = graph.nodes[node]["kind"] if node in graph else None
    if found is None or (kind is not None and found != kind):
        pool = [n for n, k in graph.nodes(data="kind") if kind is None or str(k) == kind]
        raise UnknownIdError(kind or "node", node, suggestions=suggest(node, pool))


def ordered_nodes(graph: nx.MultiDiGraph[str], nodes: Iterable[str]) -> list[str]:
    """``nodes`` without repeats, in official order (their ``order`` attribute)."""
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
        hint = did_you_mean(relation, EDGE_KINDS) or "relations: " + ", ".join(EDGE_KINDS)
        raise UsageError(f"unknown relation {relation!r} ({hint})")
    found: list[str] = []
    if direction in ("out", "both"):
        found += [v for _, v, k in graph.out_edges(node, keys=True) if relation in (None, k)]
    if direction in ("in", "both"):
        found += [u for u, _, k in graph.in_edges(node, keys=True) if relation in (None, k)]
    return ordered_nodes(graph, found)


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
