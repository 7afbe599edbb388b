"""Exports of the catalogue: JSON, GraphML, GEXF, dot, Mermaid and SVG."""

from __future__ import annotations

import html
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx
import pytest

from aigov.catalog import Catalog, load_catalog
from aigov.errors import AigovError, UsageError
from aigov.export import EXPORT_FORMATS, export, mermaid_label
from aigov.graph import (
    build_graph,
)
from aigov.models import CatalogDocument

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def graph(catalog: Catalog) -> nx.MultiDiGraph[str]:
    return build_graph(catalog)


# -- exports ----------------------------------------------------------------------------


def test_json_export_round_trips(catalog: Catalog) -> None:
    """The json export parses back to the catalogue's merged document."""
    text = export(catalog, "json")
    assert CatalogDocument.model_validate_json(text) == catalog.to_document()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_graph_exports_parse_back(catalog: Catalog, fmt: str) -> None:
    """graphml and gexf read back with networkx with the same nodes, edges and node kinds."""
    data = io.BytesIO(export(catalog, fmt).encode("utf-8"))
    back = nx.read_graphml(data) if fmt == "graphml" else nx.read_gexf(data)
    assert back.number_of_nodes() == catalog.graph.number_of_nodes()
    assert back.number_of_edges() == catalog.graph.number_of_edges()
    assert set(back.nodes) == set(catalog.graph.nodes)
    assert back.nodes["jp-ai-util-2019:fairness"]["kind"] == "principle"
    assert back.nodes["jp-values-2022:cost"]["label_ja"] == "コスト"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_dot_export_contains_every_node_and_edge(catalog: Catalog, lang: str) -> None:
    """The dot export declares every node with its label and draws every edge."""
    text = export(catalog, "dot", lang=lang)
    assert text.startswith("digraph aigov {\n")
    assert text.endswith("}\n")
    graph = catalog.graph
    for node, label in graph.nodes(data=f"label_{lang}"):
        assert f'  "{node}" [label="{label}", shape=' in text
    assert text.count(" -> ") == graph.number_of_edges()
    assert '"jp-ai-rd-2017:ethics" -> "jp-ai-util-2019:fairness" [label="corresponds_to"];' in text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_mermaid_export_contains_every_node_and_edge(catalog: Catalog, lang: str) -> None:
    """The mermaid export declares one box per node, with its label, and every edge."""
    text = export(catalog, "mermaid", lang=lang)
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    boxes = [line for line in lines if re.fullmatch(r'  n\d+\[".*"\]', line)]
    graph = catalog.graph
    assert len(boxes) == graph.number_of_nodes()
    for _, label in graph.nodes(data=f"label_{lang}"):
        assert f'["{mermaid_label(str(label))}"]' in text
    assert sum(" -->|" in line for line in lines) == graph.number_of_edges()


@pytest.mark.parametrize(
    ("lang", "title"), [("en", "aigov catalogue graph"), ("ja", "aigov カタログのグラフ")]
)
def test_svg_export_is_well_formed(catalog: Catalog, lang: str, title: str) -> None:
    """The svg export is well-formed SVG with its title and a box per principle."""
    root = ET.fromstring(export(catalog, "svg", lang=lang))
    assert root.tag == f"{SVG_NS}svg"
    assert root.findtext(f"{SVG_NS}title") == title
    box_titles = {g.findtext(f"{SVG_NS}title") for g in root.iter(f"{SVG_NS}g")}
    assert {p.id for p in catalog.principles} <= box_titles
    assert {v.id for v in catalog.values} <= box_titles
    label = catalog.principle("jp-ai-util-2019:fairness").label
    texts = {t.text for t in root.iter(f"{SVG_NS}text")}
    assert f"8. {label.ja if lang == 'ja' else label.en}" in texts


@pytest.mark.parametrize(
    ("lang", "hover", "legend"),
    [
        ("en", "{s} embodies {o}", ["addresses", "embodies", "corresponds_to", "implements"]),
        ("ja", "{s} —体現する→ {o}", ["対象とする", "体現する", "対応する", "実践する"]),
    ],
)
def test_svg_edges_name_their_relation_in_the_language(
    catalog: Catalog, lang: str, hover: str, legend: list[str]
) -> None:
    """An edge's hover title and the legend name the relation kind in ``lang`` (English: the
    kind's code, unchanged), keeping the relation's direction."""
    root = ET.fromstring(export(catalog, "svg", lang=lang))
    edge_titles = {p.findtext(f"{SVG_NS}title") for p in root.iter(f"{SVG_NS}path")}
    embodies = [r for r in catalog.relations if r.predicate.value == "embodies"]
    assert embodies
    for rel in embodies:
        assert hover.format(s=rel.subject, o=rel.object) in edge_titles
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert texts[-len(legend) :] == legend


def _framework(fmt: str) -> str | None:
    # oscal-catalog writes one framework; the others take the whole catalogue.
    return "jp-ai-util-2019" if fmt == "oscal-catalog" else None


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_exports_are_deterministic(
    fresh_catalog: Callable[[], Catalog], catalog: Catalog, fmt: str
) -> None:
    """The same data gives the same text: twice in a row, and from a freshly loaded catalogue."""
    first = export(catalog, fmt, framework=_framework(fmt))
    assert export(catalog, fmt, framework=_framework(fmt)) == first
    assert export(fresh_catalog(), fmt, framework=_framework(fmt)) == first


def test_unknown_format_is_a_usage_error(catalog: Catalog) -> None:
    """An unknown export format raises UsageError naming the closest format and all formats."""
    with pytest.raises(UsageError) as info:
        export(catalog, "grapml")
    assert str(info.value) == (
        "unknown export format 'grapml' (did you mean 'graphml'? "
        "formats: dot, gexf, graphml, json, jsonld, mermaid, oscal-catalog, oscal-mapping, sssom, svg)"
    )
    with pytest.raises(UsageError) as info:
        export(catalog, "png")
    assert str(info.value) == (
        "unknown export format 'png' (formats: dot, gexf, graphml, json, jsonld, mermaid, "
        "oscal-catalog, oscal-mapping, sssom, svg)"
    )


def test_unknown_language_is_a_usage_error(catalog: Catalog) -> None:
    """Only ja and en labels can be exported."""
    with pytest.raises(UsageError) as info:
        export(catalog, "dot", lang="fr")
    assert str(info.value) == "unknown language 'fr' (use 'ja' or 'en')"


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if not f.startswith("oscal-")])
def test_empty_catalogue_exports(fmt: str) -> None:
    """A catalogue with no packs exports in every format but OSCAL without error."""
    empty = load_catalog(builtin=False)
    assert empty.graph.number_of_nodes() == 0
    assert export(empty, fmt)


def test_empty_catalogue_has_no_oscal_to_write() -> None:
    """OSCAL needs a framework, or correspondences between controls: the errors say so."""
    empty = load_catalog(builtin=False)
    with pytest.raises(UsageError, match=r"frameworks: the catalogue has none$"):
        export(empty, "oscal-catalog")
    with pytest.raises(UsageError, match=r"^no correspondence between controls to write"):
        export(empty, "oscal-mapping")


@pytest.mark.parametrize("fmt", ["svg", "graphml", "gexf"])
def test_control_characters_never_yield_malformed_xml(
    fresh_catalog: Callable[[], Catalog], fmt: str
) -> None:
    """A label with a control character is refused at load or exported as well-formed XML."""
    pack = fresh_catalog().to_document().model_dump(mode="json", by_alias=True)
    pack["principles"][0]["label"]["en"] = "Collaboration\x0bprinciple"
    try:
        odd = load_catalog(pack, builtin=False)
    except AigovError:
        return  # refusing such a label at load time is a fine outcome too
    ET.fromstring(export(odd, fmt).encode("utf-8"))


# -- GraphML reads back as the same multigraph; labels survive every export ------------


def _as_catalogue_graph(back: Any) -> nx.MultiDiGraph[str]:
    """Key the edges read back by their relation kind again, as the catalogue graph does."""
    # networkx's reader adds empty node and edge defaults to the graph's attributes.
    attributes = {k: v for k, v in back.graph.items() if k not in ("node_default", "edge_default")}
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(**attributes)
    graph.add_nodes_from(back.nodes(data=True))
    keyed: Iterable[Any] = ((u, v, d["relation"], d) for u, v, d in back.edges(data=True))
    graph.add_edges_from(keyed)  # (u, v, key, data): the stubs know no keys
    return graph


def _same(one: nx.MultiDiGraph[str], other: nx.MultiDiGraph[str]) -> None:
    nodes: Any = (one.nodes(data=True), other.nodes(data=True))  # the stubs type dict() badly
    assert dict(nodes[0]) == dict(nodes[1])
    assert sorted(one.edges(keys=True, data=True)) == sorted(other.edges(keys=True, data=True))
    assert one.graph == other.graph


def test_graphml_edge_ids_are_unique_and_carry_the_relation_kind(catalog: Catalog) -> None:
    root = ET.fromstring(export(catalog, "graphml"))
    edges = root.findall(".//{http://graphml.graphdrawing.org/xmlns}edge")
    ids = [edge.get("id") for edge in edges]
    assert len(ids) == len(set(ids)) == catalog.graph.number_of_edges()
    assert ids[:3] == ["e0", "e1", "e2"]


def test_graphml_reads_back_as_an_equal_multigraph(catalog: Catalog) -> None:
    """networkx needs force_multigraph=True; the relation kind is each edge's `relation`."""
    back = nx.read_graphml(io.BytesIO(export(catalog, "graphml").encode()), force_multigraph=True)
    assert isinstance(back, nx.MultiDiGraph)
    _same(_as_catalogue_graph(back), catalog.graph)


# Carriage returns never reach an export: catalogue text refuses them (test_hostile F14).
ODD_LABELS = ("line\nbreak", "two\n\nbreaks", "tab\there", '<img src=x onerror="alert(1)"> & #35;')


def _odd_catalogue(fresh_catalog: Callable[[], Catalog]) -> Catalog:
    pack = fresh_catalog().to_document().model_dump(mode="json", by_alias=True)
    for principle, label in zip(pack["principles"], ODD_LABELS, strict=False):
        principle["label"] = {"ja": label, "en": label}
    return load_catalog(pack, builtin=False)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_keep_line_breaks_and_markup_in_labels(
    fresh_catalog: Callable[[], Catalog], fmt: str
) -> None:
    """F23: line breaks, tabs and markup in a label come back as they were written."""
    odd = _odd_catalogue(fresh_catalog)
    data = io.BytesIO(export(odd, fmt).encode("utf-8"))
    back = nx.read_graphml(data, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(data)
    for principle, label in zip(odd.principles, ODD_LABELS, strict=False):
        assert back.nodes[principle.id]["label_en"] == label
    if fmt == "graphml":
        _same(_as_catalogue_graph(back), odd.graph)


def _mermaid_shows(label: str) -> str:
    """What Mermaid shows for a label: it turns #name; and #123; into HTML entities."""
    entities = re.sub(r"#(\w+);", lambda m: f"&#{m[1]};" if m[1].isdigit() else f"&{m[1]};", label)
    return html.unescape(entities)


def test_mermaid_labels_hold_no_markup_and_show_the_text(
    fresh_catalog: Callable[[], Catalog],
) -> None:
    """F23: `<img src=x onerror=...>` reaches no HTML label; Mermaid still shows the text."""
    odd = _odd_catalogue(fresh_catalog)
    text = export(odd, "mermaid")
    shown = {}
    for line in text.splitlines()[1:]:
        match = re.fullmatch(r'  n\d+\["(.*)"\]', line)
        if match:
            label = match[1]
            assert not set(label) & set("<>&\"'`\r\n\t"), label
            shown[_mermaid_shows(label)] = label
    for label in ODD_LABELS:
        assert label in shown
