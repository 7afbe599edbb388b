"""JSON-LD and SSSOM exports round-trip into linked-data and mapping tools."""

from __future__ import annotations

import csv
import io
import json

import pytest

from aigov.catalog import builtin_catalog
from aigov.crosswalk import builtin_mappings
from aigov.export import export
from aigov.linked import SSSOM_COLUMNS, iri

rdflib = pytest.importorskip("rdflib", reason="rdflib (test extra) parses the JSON-LD as RDF")


# rdflib's own JSON-LD parser still uses its deprecated ConjunctiveGraph internally.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_parses_as_rdf_with_labels_relations_and_mappings() -> None:
    text = export(builtin_catalog(), "jsonld")
    graph = rdflib.Graph()
    graph.parse(data=text, format="json-ld")
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    privacy = rdflib.URIRef("urn:aigov:jp-ai-util-2019:privacy")
    labels = {(str(o), o.language) for o in graph.objects(privacy, skos.prefLabel)}
    assert ("プライバシーの原則", "ja") in labels
    assert ("Principle of privacy", "en") in labels
    embodies = rdflib.URIRef("urn:aigov:vocab:embodies")
    assert rdflib.URIRef("urn:aigov:jp-values-2022:privacy") in set(
        graph.objects(privacy, embodies)
    )
    matches = set(graph.objects(privacy, skos.exactMatch)) | set(
        graph.objects(privacy, skos.closeMatch)
    )
    assert rdflib.URIRef("urn:aigov:nist-ai-rmf-1.0:privacy-enhanced") in matches
    developer = rdflib.URIRef("urn:aigov:airo:ai-developer")
    assert rdflib.URIRef("https://w3id.org/airo#AIDeveloper") in set(
        graph.objects(developer, skos.exactMatch)
    )
    assert len(graph) > 1000


def test_jsonld_context_maps_every_framework_prefix() -> None:
    doc = json.loads(export(builtin_catalog(), "jsonld"))
    for fw in builtin_catalog().frameworks:
        assert doc["@context"][fw.id]["@id"] == f"urn:aigov:{fw.id}:"
    assert iri(builtin_catalog(), "developer") == "urn:aigov:role:developer"


def test_sssom_tsv_round_trips_every_curated_row() -> None:
    text = export(builtin_catalog(), "sssom")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[0] == "# curie_map:"
    assert any(line.startswith("#   skos: ") for line in header)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(body), delimiter="\t"))
    assert tuple(rows[0]) == SSSOM_COLUMNS
    expected = builtin_mappings().rows()
    assert len(rows) == len(expected)
    for got, (row, mset) in zip(rows, expected, strict=True):
        assert got["subject_id"].endswith(row.subject_id.split(":")[-1])
        assert got["predicate_id"] == row.predicate_id
        assert float(got["confidence"]) == pytest.approx(row.confidence)
        assert got["mapping_date"] == row.mapping_date.isoformat()
        assert got["mapping_justification"] == "semapv:ManualMappingCuration"
        assert got["comment"] == " ".join(row.justification.split())
        assert got["subject_source"] == mset.subject_source


def test_linked_exports_are_deterministic() -> None:
    for fmt in ("jsonld", "sssom"):
        assert export(builtin_catalog(), fmt) == export(builtin_catalog(), fmt)
