"""Exports of the catalogue: JSON, GraphML, GEXF, dot, Mermaid and SVG."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import networkx as nx
import pytest

from aigov.catalog import Catalog, load_catalog
from aigov.errors import AigovError, UsageError
from aigov.export import EXPORT_FORMATS, export
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
        assert f'["{label}"]' in text
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


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_exports_are_deterministic(
    fresh_catalog: Callable[[], Catalog], catalog: Catalog, fmt: str
) -> None:
    """The same data gives the same text: twice in a row, and from a freshly loaded catalogue."""
    first = export(catalog, fmt)
    assert export(catalog, fmt) == first
    assert export(fresh_catalog(), fmt) == first


def test_unknown_format_is_a_usage_error(catalog: Catalog) -> None:
    """An unknown export format raises UsageError naming the closest format and all formats."""
    with pytest.raises(UsageError) as info:
        export(catalog, "grapml")
    assert str(info.value) == (
        "unknown export format 'grapml' (did you mean 'graphml'? "
        "formats: dot, gexf, graphml, json, jsonld, mermaid, sssom, svg)"
    )
    with pytest.raises(UsageError) as info:
        export(catalog, "png")
    assert str(info.value) == (
        "unknown export format 'png' (formats: dot, gexf, graphml, json, jsonld, mermaid, sssom, svg)"
    )


def test_unknown_language_is_a_usage_error(catalog: Catalog) -> None:
    """Only ja and en labels can be exported."""
    with pytest.raises(UsageError) as info:
        export(catalog, "dot", lang="fr")
    assert str(info.value) == "unknown language 'fr' (use 'ja' or 'en')"


@pytest.mark.parametrize(
    "fmt",
    list(EXPORT_FORMATS),
)
def test_empty_catalogue_exports(fmt: str) -> None:
    """A catalogue with no packs exports in every format without error."""
    empty = load_catalog(builtin=False)
    assert empty.graph.number_of_nodes() == 0
    assert export(empty, fmt)


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
