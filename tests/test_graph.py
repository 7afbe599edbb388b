"""The catalogue graph: its vocabulary and named queries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

from aigov.catalog import KINDS, Catalog, load_catalog
from aigov.errors import AigovError, UnknownIdError, UsageError
from aigov.graph import (
    EDGE_KINDS,
    NODE_KINDS,
    build_graph,
    neighbours,
    principles_addressing,
    principles_embodying,
    values_of,
)
from aigov.models import PracticeItem, RelationKind

SVG_NS = "{http://www.w3.org/2000/svg}"
PRACTICE_ITEM_LABELS = {
    "standard": ("参考となる標準的な取組", "Standard practice"),
    "notable": ("特に注目すべき取組", "Notable practice"),
}


@pytest.fixture(scope="module")
def graph(catalog: Catalog) -> nx.MultiDiGraph[str]:
    return build_graph(catalog)


def _edges(graph: nx.MultiDiGraph[str], key: str) -> set[tuple[str, str]]:
    return {(u, v) for u, v, k in graph.edges(keys=True) if k == key}


def _labels(catalog: Catalog, item_id: str) -> tuple[str, str]:
    item = catalog.get(item_id)
    if isinstance(item, PracticeItem):
        return PRACTICE_ITEM_LABELS[item.kind]
    return item.label.ja, item.label.en


# -- vocabulary -------------------------------------------------------------------------


def test_vocabulary() -> None:
    """Node kinds are the catalogue's item kinds; edge kinds are the relation kinds."""
    assert NODE_KINDS == KINDS
    assert set(EDGE_KINDS) == {kind.value for kind in RelationKind}


def test_every_item_is_a_node_with_kind_and_labels(
    catalog: Catalog, graph: nx.MultiDiGraph[str]
) -> None:
    """Each catalogue item is exactly one node, carrying its kind and its ja/en label."""
    assert graph.number_of_nodes() == len(catalog) == 113
    for node, data in graph.nodes(data=True):
        assert node in catalog
        assert data["kind"] == catalog.kind_of(node)
        assert (data["label_ja"], data["label_en"]) == _labels(catalog, node)


def test_node_order_and_framework_attributes(catalog: Catalog, graph: nx.MultiDiGraph[str]) -> None:
    """Nodes record their official order, number and framework (sub-items: their parent's)."""
    ordered = sorted(graph.nodes, key=lambda node: int(graph.nodes[node]["order"]))
    assert [graph.nodes[node]["order"] for node in ordered] == list(range(len(ordered)))
    assert ordered[0] == "jp-ai-rd-2017"
    assert ordered[-1] == "jp-practices-2022:ai-supply-chain/notable"
    fairness = graph.nodes["jp-ai-util-2019:fairness"]
    assert (fairness["framework"], fairness["number"]) == ("jp-ai-util-2019", 8)
    assert graph.nodes["jp-ai-util-2019:fairness/b"]["framework"] == "jp-ai-util-2019"
    assert graph.nodes["jp-practices-2022:privacy/notable"]["framework"] == "jp-practices-2022"
    assert graph.nodes["developer"]["framework"] == ""
    assert graph.nodes["jp-ai-rd-2017"]["number"] == 0


def test_graph_metadata(catalog: Catalog, graph: nx.MultiDiGraph[str]) -> None:
    """The graph records the catalogue version."""
    assert graph.graph["version"] == catalog.version


def test_part_of_edges(catalog: Catalog, graph: nx.MultiDiGraph[str]) -> None:
    """Every principle, value and practice has one part_of edge to its framework."""
    expected = {(p.id, p.framework) for p in catalog.principles}
    expected |= {(v.id, v.framework) for v in catalog.values}
    expected |= {(p.id, p.framework) for p in catalog.practices}
    assert _edges(graph, "part_of") == expected
    assert len(expected) == 19 + 22 + 14


def test_has_item_edges(catalog: Catalog, graph: nx.MultiDiGraph[str]) -> None:
    """Every sub-item and practice item hangs off its parent by a has_item edge."""
    expected = {(p.id, s.id) for p in catalog.principles for s in p.items}
    expected |= {(p.id, i.id) for p in catalog.practices for i in p.items}
    assert _edges(graph, "has_item") == expected
    assert len(expected) == 26 + 21


@pytest.mark.parametrize(
    "kind", [RelationKind.ADDRESSES, RelationKind.EMBODIES, RelationKind.IMPLEMENTS]
)
def test_stored_relations_are_edges(
    catalog: Catalog, graph: nx.MultiDiGraph[str], kind: RelationKind
) -> None:
    """Each stored addresses/embodies/implements relation is one edge, with its qualifier."""
    rels = [r for r in catalog.relations if r.predicate is kind]
    assert rels
    assert _edges(graph, kind.value) == {(r.subject, r.object) for r in rels}
    for rel in rels:
        data = graph.edges[rel.subject, rel.object, kind.value]
        assert data["relation"] == kind.value
        assert data["qualifier"] == (rel.qualifier or "")
        assert data["rationale"] == (rel.rationale or "")


def test_corresponds_to_goes_both_ways(catalog: Catalog, graph: nx.MultiDiGraph[str]) -> None:
    """corresponds_to is symmetric: each stored pair becomes an edge in both directions."""
    stored = {
        (r.subject, r.object)
        for r in catalog.relations
        if r.predicate is RelationKind.CORRESPONDS_TO
    }
    assert stored
    assert _edges(graph, "corresponds_to") == stored | {(v, u) for u, v in stored}


def test_edge_count_adds_up(catalog: Catalog, graph: nx.MultiDiGraph[str]) -> None:
    """The edges are exactly the derived ones plus the stored ones (corresponds_to twice)."""
    counts = Counter(k for _, _, k in graph.edges(keys=True))
    stored = Counter(r.predicate.value for r in catalog.relations)
    assert counts == {
        "part_of": 55,
        "has_item": 47,
        "addresses": stored["addresses"],
        "embodies": stored["embodies"],
        "implements": stored["implements"],
        "corresponds_to": 2 * stored["corresponds_to"],
    }
    assert graph.number_of_edges() == 55 + 47 + len(catalog.relations) + stored["corresponds_to"]


def test_catalog_graph_is_cached_and_equal_to_a_fresh_build(
    catalog: Catalog, graph: nx.MultiDiGraph[str]
) -> None:
    """Catalog.graph is built once and matches build_graph()."""
    assert catalog.graph is catalog.graph
    assert {n: catalog.graph.nodes[n] for n in catalog.graph} == {n: graph.nodes[n] for n in graph}
    assert sorted(catalog.graph.edges(keys=True, data=True)) == sorted(
        graph.edges(keys=True, data=True)
    )


def test_cached_graph_cannot_be_changed_by_callers(fresh_catalog: Callable[[], Catalog]) -> None:
    """The graph of an immutable catalogue refuses changes (networkx frozen graph)."""
    shared = fresh_catalog()
    with pytest.raises(nx.NetworkXError):
        shared.graph.add_node("intruder")


def test_user_pack_items_are_nodes(fresh_catalog: Callable[[], Catalog]) -> None:
    """Items and relations of a user pack appear in its catalogue's graph."""
    pack = fresh_catalog().to_document().model_dump(mode="json", by_alias=True)
    pack["id"] = "copy"
    pack["frameworks"].append(
        {
            "id": "acme-ai",
            "label": {"ja": "アクメ", "en": "ACME"},
            "issuer": {"ja": "アクメ", "en": "ACME"},
            "date": "2024-01-01",
            "summary": {"ja": "方針", "en": "Policy"},
            "source": {"document": "acme-ai", "verification": "verified"},
        }
    )
    custom = load_catalog(pack, builtin=False)
    assert custom.graph.nodes["acme-ai"]["kind"] == "framework"
    assert custom.graph.number_of_nodes() == 114


# -- named queries ----------------------------------------------------------------------


def test_principles_addressing(catalog: Catalog, graph: nx.MultiDiGraph[str]) -> None:
    """principles_addressing() lists the principles addressed to a role, in official order."""
    assert principles_addressing(graph, "business-user")[:2] == [
        "jp-ai-util-2019:proper-utilization",
        "jp-ai-util-2019:data-quality",
    ]
    for role in catalog.roles:
        assert principles_addressing(graph, role.id) == catalog.principles_addressing(role.id)


def test_values_of(catalog: Catalog, graph: nx.MultiDiGraph[str]) -> None:
    """values_of() lists a principle's values, as the catalogue does."""
    assert values_of(graph, "jp-ai-rd-2017:security") == [
        "jp-values-2022:security",
        "jp-values-2022:robustness",
    ]
    for principle in catalog.principles:
        assert values_of(graph, principle.id) == catalog.values_of(principle.id)


def test_principles_embodying(catalog: Catalog, graph: nx.MultiDiGraph[str]) -> None:
    """principles_embodying() lists the principles that embody a value, as the catalogue does."""
    assert principles_embodying(graph, "jp-values-2022:fairness") == [
        "jp-ai-rd-2017:ethics",
        "jp-ai-util-2019:fairness",
    ]
    for value in catalog.values:
        assert principles_embodying(graph, value.id) == catalog.principles_embodying(value.id)


def test_neighbours_default_is_every_outgoing_edge(graph: nx.MultiDiGraph[str]) -> None:
    """neighbours() without a relation follows every outgoing edge, in official order."""
    assert neighbours(graph, "jp-ai-util-2019:transparency") == [
        "jp-ai-util-2019",
        "jp-ai-rd-2017:transparency",
        "jp-ai-util-2019:transparency/a",
        "jp-ai-util-2019:transparency/b",
        "jp-values-2022:transparency-explainability",
        "jp-values-2022:traceability",
        "ai-service-provider",
        "business-user",
    ]


def test_neighbours_by_relation_and_direction(graph: nx.MultiDiGraph[str]) -> None:
    """neighbours() filters by relation and follows out, in or both directions."""
    node = "jp-ai-util-2019:fairness"
    assert neighbours(graph, node, "embodies") == [
        "jp-values-2022:human-judgement-controllability",
        "jp-values-2022:proper-learning",
        "jp-values-2022:fairness",
    ]
    assert neighbours(graph, node, "implements", "in") == ["jp-practices-2022:fairness"]
    assert neighbours(graph, node, "implements", "out") == []
    assert neighbours(graph, node, direction="in") == [
        "jp-ai-rd-2017:ethics",
        "jp-practices-2022:fairness",
    ]
    assert neighbours(graph, node, "corresponds_to", "both") == ["jp-ai-rd-2017:ethics"]
    assert neighbours(graph, "jp-ai-util-2019", "part_of", "in")[:2] == [
        "jp-ai-util-2019:proper-utilization",
        "jp-ai-util-2019:data-quality",
    ]


def test_unknown_node_is_an_unknown_id_error(graph: nx.MultiDiGraph[str]) -> None:
    """A node that is not in the graph raises UnknownIdError with the closest node first."""
    with pytest.raises(UnknownIdError) as info:
        neighbours(graph, "jp-ai-util-2019:fairnes")
    assert info.value.kind == "node"
    assert info.value.suggestions[0] == "jp-ai-util-2019:fairness"
    assert str(info.value).startswith(
        "Unknown node 'jp-ai-util-2019:fairnes' (did you mean 'jp-ai-util-2019:fairness'"
    )


@pytest.mark.parametrize(
    ("query", "node", "message"),
    [
        (principles_addressing, "developr", "Unknown role 'developr' (did you mean 'developer'?)"),
        (
            principles_addressing,
            "jp-ai-rd-2017",
            "Unknown role 'jp-ai-rd-2017'",
        ),
        (
            principles_embodying,
            "jp-ai-util-2019:fairness",
            "Unknown value 'jp-ai-util-2019:fairness' (did you mean 'jp-values-2022:fairness'?)",
        ),
        (values_of, "fairness", "Unknown node 'fairness' (did you mean "),
    ],
)
def test_named_queries_check_their_node(
    graph: nx.MultiDiGraph[str], query: Any, node: str, message: str
) -> None:
    """Named queries reject unknown nodes and nodes of the wrong kind, with suggestions."""
    with pytest.raises(UnknownIdError) as info:
        query(graph, node)
    assert str(info.value).startswith(message)


def test_unknown_relation_is_a_usage_error(graph: nx.MultiDiGraph[str]) -> None:
    """An unknown relation name raises UsageError with a did-you-mean."""
    with pytest.raises(UsageError) as info:
        neighbours(graph, "jp-ai-util-2019:fairness", "embodys")
    assert str(info.value) == "unknown relation 'embodys' (did you mean 'embodies'?)"
    assert isinstance(info.value, AigovError)
    with pytest.raises(UsageError) as info:
        neighbours(graph, "jp-ai-util-2019:fairness", "zzz")
    assert str(info.value) == (
        "unknown relation 'zzz' (relations: addresses, embodies, implements, "
        "corresponds_to, part_of, has_item)"
    )
