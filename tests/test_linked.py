"""JSON-LD and SSSOM exports: read by the tools of linked data and mappings.

rdflib parses the JSON-LD as RDF; sssom-py (the reference implementation of
SSSOM) validates the SSSOM table with `sssom validate` and reads it back with
`sssom.parsers`.  Packs cannot redefine the prefixes the exports bind, nor
turn a `url`, `iri` or `see_also` text into a link that is not a web IRI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aigov._base import SLUG
from aigov.catalog import Catalog, builtin_catalog
from aigov.crosswalk import builtin_mappings, load_mappings
from aigov.export import export
from aigov.linked import SSSOM_COLUMNS, correspondences, iri, is_web_iri, prefix_of
from aigov.models import RelationKind
from aigov.namespaces import ITEMS, ROLES, VOCABULARIES

rdflib = pytest.importorskip("rdflib", reason="rdflib (test extra) parses the JSON-LD as RDF")

SKOS = "http://www.w3.org/2004/02/skos/core#"
#: Prefixes the exports bind that a pack's framework ID could take.
RESERVED = ("skos", "dcterms", "rdfs", "semapv", "aigov", "xsd", "aigov-role")


def _source(url: str | None = None) -> dict[str, Any]:
    return {"document": "odd", "verification": "verified", **({"url": url} if url else {})}


def _text(en: str) -> dict[str, str]:
    return {"ja": en, "en": en}


def odd_pack(framework: str) -> dict[str, Any]:
    """A pack whose framework takes a reserved prefix, with links that are not web IRIs."""
    return {
        "kind": "catalog",
        "id": f"{framework}-pack",
        "version": "1",
        "frameworks": [
            {
                "id": framework,
                "label": _text(f"The {framework} framework"),
                "issuer": _text("Someone"),
                "date": "2025",
                "summary": _text("A framework whose ID is a prefix the exports bind."),
                "source": _source(),
            }
        ],
        "principles": [
            {
                "id": f"{framework}:openness",
                "framework": framework,
                "number": 1,
                "label": _text("Openness"),
                "summary": _text("Be open about the AI."),
                "iri": "javascript:alert(1)",
                "source": _source("file:///etc/passwd"),
            }
        ],
        "roles": [
            {
                "id": f"{framework}:operator",
                "label": _text("Operator"),
                "summary": _text("Runs the AI."),
                "frameworks": [framework],
                "iri": "https://example.org/terms#Operator",
                "see_also": ["../relative/term", "https://example.org/terms#Runner"],
                "source": _source("https://example.org/guide"),
            }
        ],
        "relations": [
            {
                "subject": f"{framework}:openness",
                "predicate": "corresponds_to",
                "object": "jp-ai-util-2019:transparency",
                "qualifier": "same-topic",
                "rationale": "Both ask for openness about the AI.",
            }
        ],
    }


def _graph(text: str) -> Any:
    graph = rdflib.Graph()
    graph.parse(data=text, format="json-ld")
    return graph


# -- JSON-LD --------------------------------------------------------------------------


# rdflib's own JSON-LD parser still uses its deprecated ConjunctiveGraph internally.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_parses_as_rdf_with_https_iris_labels_relations_and_mappings() -> None:
    graph = _graph(export(builtin_catalog(), "jsonld"))
    skos = rdflib.Namespace(SKOS)
    privacy = rdflib.URIRef("https://w3id.org/aigov/id/jp-ai-util-2019/privacy")
    labels = {(str(o), o.language) for o in graph.objects(privacy, skos.prefLabel)}
    assert ("プライバシーの原則", "ja") in labels
    assert ("Principle of privacy", "en") in labels
    embodies = rdflib.URIRef("https://w3id.org/aigov/vocab#embodies")
    assert rdflib.URIRef("https://w3id.org/aigov/id/jp-values-2022/privacy") in set(
        graph.objects(privacy, embodies)
    )
    matches = set(graph.objects(privacy, skos.exactMatch)) | set(
        graph.objects(privacy, skos.closeMatch)
    )
    assert rdflib.URIRef("https://w3id.org/aigov/id/nist-ai-rmf-1.0/privacy-enhanced") in matches
    developer = rdflib.URIRef("https://w3id.org/aigov/id/airo/ai-developer")
    assert rdflib.URIRef("https://w3id.org/airo#AIDeveloper") in set(
        graph.objects(developer, skos.exactMatch)
    )
    assert len(graph) > 1000
    # Nothing the project names is a URN any more.
    assert not [t for t in graph.all_nodes() if str(t).startswith("urn:")]


def test_jsonld_context_binds_the_real_vocabularies_and_every_framework() -> None:
    context = json.loads(export(builtin_catalog(), "jsonld"))["@context"]
    assert context["skos"] == SKOS
    assert context["aigov"] == "https://w3id.org/aigov/vocab#"
    for fw in builtin_catalog().frameworks:
        assert context[prefix_of(fw.id)]["@id"] == f"https://w3id.org/aigov/id/{fw.id}/"
    # AIRO and DPV keep their own namespaces; the AIRO pack's items are aigov's
    # entries for AIRO terms, not AIRO's terms, so they take another prefix.
    assert context["airo"] == "https://w3id.org/airo#"
    assert context["dpv"] == "https://w3id.org/dpv#"
    assert context["dpv-ai"] == "https://w3id.org/dpv/ai#"
    assert prefix_of("airo") == "aigov_airo"
    assert iri(builtin_catalog(), "developer") == "https://w3id.org/aigov/role/developer"
    assert iri(builtin_catalog(), "jp-ai-util-2019") == "https://w3id.org/aigov/id/jp-ai-util-2019"
    assert iri(builtin_catalog(), "jp-ai-util-2019:privacy/a") == (
        "https://w3id.org/aigov/id/jp-ai-util-2019/privacy/a"
    )


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("framework", RESERVED)
def test_a_pack_framework_cannot_redefine_a_bound_prefix_in_jsonld(framework: str) -> None:
    """F12: a framework called `skos` gets the prefix `aigov_skos`; `skos:` stays SKOS."""
    catalog = builtin_catalog().with_packs(odd_pack(framework))
    text = export(catalog, "jsonld")
    context = json.loads(text)["@context"]
    for prefix in ("skos", "dcterms", "rdfs", "aigov", "xsd", "aigov-role"):
        assert context[prefix] == VOCABULARIES[prefix]
    assert context[f"aigov_{framework}"]["@id"] == f"{ITEMS}{framework}/"
    graph = _graph(text)
    openness = rdflib.URIRef(f"{ITEMS}{framework}/openness")
    assert rdflib.Literal("Openness", lang="en") in set(
        graph.objects(openness, rdflib.URIRef(SKOS + "prefLabel"))
    )


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_only_web_iris_become_links_in_jsonld() -> None:
    """F24: `javascript:`, `file:` and relative references stay literals; http(s) IRIs link."""
    catalog = builtin_catalog().with_packs(odd_pack("acme"))
    graph = _graph(export(catalog, "jsonld"))
    links = {str(o) for o in graph.objects() if isinstance(o, rdflib.URIRef)}
    literals = {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    for text in ("javascript:alert(1)", "file:///etc/passwd", "../relative/term"):
        assert text in literals
        assert not [link for link in links if text in link]
    for text in ("https://example.org/terms#Operator", "https://example.org/terms#Runner"):
        assert text in links
    assert "https://example.org/guide" in links


@pytest.mark.parametrize(
    ("text", "web"),
    [
        ("https://w3id.org/airo#AIDeveloper", True),
        ("http://example.org/a?b=c", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("//example.org/a", False),
        ("../a", False),
        ("https://", False),
        ("https://example.org/a b", False),
        ('https://example.org/"onmouseover', False),
        ("https://example.org/\n", False),
    ],
)
def test_is_web_iri(text: str, web: bool) -> None:
    assert is_web_iri(text) is web


@given(st.sets(st.from_regex(rf"\A{SLUG}\Z") | st.sampled_from(sorted(VOCABULARIES))))
def test_framework_prefixes_are_unique_and_never_a_bound_vocabulary(ids: set[str]) -> None:
    prefixes = [prefix_of(i) for i in ids]
    assert len(set(prefixes)) == len(prefixes)
    assert not set(prefixes) & set(VOCABULARIES)


# -- SSSOM ------------------------------------------------------------------------------


def _expected(catalog: Catalog, mappings: Any) -> set[tuple[str, str, str]]:
    return {(c["subject"], c["predicate"], c["object"]) for c in correspondences(catalog, mappings)}


def test_sssom_has_every_curated_correspondence_once() -> None:
    """The mapping sets' rows and the catalogue's own corresponds_to relations (2017 ↔ 2019)."""
    catalog = builtin_catalog()
    text = export(catalog, "sssom")
    body = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert tuple(body[0]) == SSSOM_COLUMNS
    stored = [r for r in catalog.relations if r.predicate is RelationKind.CORRESPONDS_TO]
    assert len(body) - 1 == len(stored) + len(builtin_mappings().rows())
    rows = {(r[0], r[2], r[3]) for r in body[1:]}
    assert ("jp-ai-rd-2017:collaboration", "skos:closeMatch", "jp-ai-util-2019:collaboration") in (
        rows
    )
    assert (
        "eu-ai-act-2024:provider",
        "skos:closeMatch",
        "aigov_airo:ai-provider",
    ) in rows


def _sssom_validate(path: Path) -> None:
    """Run `sssom validate PATH` (sssom-py's command, in this process) and fail on an error."""
    pytest.importorskip("sssom", reason="sssom (test extra) is SSSOM's reference implementation")
    from click.testing import CliRunner
    from sssom.cli import main as sssom_main

    result = CliRunner().invoke(sssom_main, ["validate", str(path)])
    assert result.exit_code == 0, f"{result.output}{result.exception!r}"


def _read_back(path: Path) -> Any:
    pytest.importorskip("sssom", reason="sssom (test extra) is SSSOM's reference implementation")
    from sssom.parsers import parse_sssom_table

    return parse_sssom_table(path)


def _curies(catalog: Catalog, triples: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    def curie(item: str) -> str:
        framework, sep, local = item.partition(":")
        return f"{prefix_of(framework)}:{local}" if sep else f"aigov-role:{item}"

    return {(curie(s), p, curie(o)) for s, p, o in triples}


# sssom-py still calls pandas options that pandas 3 deprecates.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_sssom_validate_accepts_the_export_and_sssom_reads_it_back(tmp_path: Path) -> None:
    catalog = builtin_catalog()
    path = tmp_path / "aigov.sssom.tsv"
    path.write_text(export(catalog, "sssom"), encoding="utf-8")
    _sssom_validate(path)
    msdf = _read_back(path)
    got = set(
        zip(msdf.df["subject_id"], msdf.df["predicate_id"], msdf.df["object_id"], strict=True)
    )
    assert got == _curies(catalog, _expected(catalog, builtin_mappings()))
    assert msdf.metadata["mapping_set_id"] == "https://w3id.org/aigov/mappings"
    assert set(msdf.df["mapping_provider"]) == {"https://w3id.org/aigov/"}
    assert msdf.converter.expand("jp-ai-util-2019:privacy") == (
        "https://w3id.org/aigov/id/jp-ai-util-2019/privacy"
    )
    assert msdf.converter.expand("aigov-role:developer") == f"{ROLES}developer"
    assert msdf.converter.expand("skos:closeMatch") == SKOS + "closeMatch"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_pack_framework_cannot_redefine_a_bound_prefix_in_sssom(tmp_path: Path) -> None:
    """F12 in SSSOM: the curie_map keeps `skos` and `semapv`; the packs' rows are there."""
    reserved = ("skos", "semapv", "aigov-mappings")
    catalog = builtin_catalog().with_packs(*map(odd_pack, reserved))
    path = tmp_path / "pack.sssom.tsv"
    path.write_text(export(catalog, "sssom"), encoding="utf-8")
    _sssom_validate(path)
    msdf = _read_back(path)
    assert msdf.converter.expand("skos:closeMatch") == SKOS + "closeMatch"
    assert msdf.converter.expand("semapv:ManualMappingCuration") == (
        "https://w3id.org/semapv/vocab/ManualMappingCuration"
    )
    rows = set(
        zip(msdf.df["subject_id"], msdf.df["predicate_id"], msdf.df["object_id"], strict=True)
    )
    for framework in reserved:
        assert (
            f"aigov_{framework}:openness",
            "skos:closeMatch",
            "jp-ai-util-2019:transparency",
        ) in (rows)
        assert (
            msdf.converter.expand(f"aigov_{framework}:openness") == f"{ITEMS}{framework}/openness"
        )


def test_sssom_includes_a_user_mapping_set(tmp_path: Path) -> None:
    catalog = builtin_catalog().with_packs(odd_pack("acme"))
    user_set = {
        "kind": "mapping-set",
        "id": "acme--oecd-2019",
        "version": "1",
        "subject_source": "acme",
        "object_source": "oecd-2019",
        "license": "CC-BY-4.0",
        "mappings": [
            {
                "subject_id": "acme:openness",
                "predicate_id": "skos:broadMatch",
                "object_id": "oecd-2019:transparency",
                "justification": "Openness is one part of transparency.",
                "confidence": 0.6,
                "author_id": "acme-governance",
                "mapping_date": "2025-01-31",
            }
        ],
    }
    text = export(catalog, "sssom", mappings=load_mappings(user_set, catalog=catalog))
    assert "acme:openness\tOpenness\tskos:broadMatch\toecd-2019:transparency" in text
    assert "\tacme-governance\t2025-01-31\t" in text
    assert "aigov-mappings:acme--oecd-2019" in text
    # The sets' licences differ: the header says so instead of claiming one.
    assert '# license: "https://spdx.org/licenses/NOASSERTION"' in text
    assert "acme--oecd-2019: CC-BY-4.0" in text


def test_linked_exports_are_deterministic() -> None:
    for fmt in ("jsonld", "sssom"):
        assert export(builtin_catalog(), fmt) == export(builtin_catalog(), fmt)
