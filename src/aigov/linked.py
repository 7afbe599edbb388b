"""Linked-data exports: the catalogue as JSON-LD, the crosswalks as SSSOM TSV.

Item IDs are CURIEs whose prefix is the framework ID; the JSON-LD ``@context``
maps each prefix to a ``urn:aigov:<framework>:`` IRI, so the data loads into
any RDF tool.  Labels become ``skos:prefLabel`` in Japanese and English,
curated mappings become SKOS mapping properties, and roles that name an
external term (AIRO, DPV) carry it as ``skos:exactMatch``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aigov._jsonio import dumps_canonical
from aigov.models import PracticeItem

if TYPE_CHECKING:
    from aigov.catalog import Catalog
    from aigov.crosswalk import MappingIndex

__all__ = ["SSSOM_COLUMNS", "context", "iri", "to_jsonld", "to_sssom"]

#: Columns of the SSSOM export, in order.
SSSOM_COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "author_id",
    "mapping_date",
    "subject_source",
    "object_source",
    "comment",
)

_VOCAB = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "aigov": "urn:aigov:vocab:",
    "aigov-framework": "urn:aigov:framework:",
    "aigov-role": "urn:aigov:role:",
}

_XSD = "http://www.w3.org/2001/XMLSchema#"

_TYPES = {
    "framework": "aigov:Framework",
    "principle": "aigov:Principle",
    "subitem": "aigov:SubItem",
    "value": "aigov:Value",
    "role": "aigov:Role",
    "practice": "aigov:Practice",
    "practice-item": "aigov:PracticeItem",
}


def _prefixes(catalog: Catalog) -> dict[str, str]:
    return {fw.id: f"urn:aigov:{fw.id}:" for fw in catalog.frameworks}


def context(catalog: Catalog) -> dict[str, Any]:
    """The JSON-LD ``@context``: vocabularies and one prefix per framework."""
    ctx: dict[str, Any] = {"@version": 1.1, **_VOCAB}
    for prefix, base in _prefixes(catalog).items():
        ctx[prefix] = {"@id": base, "@prefix": True}
    return ctx


def _curie(catalog: Catalog, item_id: str) -> str:
    if catalog.kind_of(item_id) == "framework":
        return f"aigov-framework:{item_id}"
    if ":" not in item_id:
        return f"aigov-role:{item_id}"
    return item_id


def iri(catalog: Catalog, item_id: str) -> str:
    """The full IRI of a catalogue item (what its CURIE expands to)."""
    curie = _curie(catalog, item_id)
    prefix, _, local = curie.partition(":")
    base = _VOCAB.get(prefix) or _prefixes(catalog)[prefix]
    return base + local


def _text(label: Any, prop: str) -> dict[str, Any]:  # noqa: ANN401 - LocalizedText
    return {
        prop: [
            {"@value": label.ja, "@language": "ja"},
            {"@value": label.en, "@language": "en"},
        ]
    }


def _node(catalog: Catalog, item: Any) -> dict[str, Any]:  # noqa: ANN401 - any catalogue item
    kind = catalog.kind_of(item.id)
    node: dict[str, Any] = {"@id": _curie(catalog, item.id), "@type": _TYPES[kind]}
    # A practice item's label only names its kind; it is no heading of its own.
    if not isinstance(item, PracticeItem):
        node.update(_text(item.label, "skos:prefLabel"))
    if item.summary is not None:
        node.update(_text(item.summary, "skos:definition"))
    schemes = [getattr(item, "framework", None), *getattr(item, "frameworks", ())]
    if any(schemes):
        node["skos:inScheme"] = [{"@id": f"aigov-framework:{fw}"} for fw in schemes if fw]
    if getattr(item, "number", None) is not None:
        node["aigov:number"] = item.number
    if getattr(item, "code", None):
        node["skos:notation"] = item.code
    if kind == "framework":
        issued = str(item.date)
        kind_of_date = {4: "gYear", 7: "gYearMonth"}.get(len(issued), "date")
        node["dcterms:issued"] = {"@value": issued, "@type": _XSD + kind_of_date}
        node.update(_text(item.issuer, "dcterms:creator"))
    if getattr(item, "iri", None):
        node["skos:exactMatch"] = [{"@id": item.iri}]
    if getattr(item, "see_also", ()):
        # Related terms whose equivalence is not checked: a weaker link.
        node["rdfs:seeAlso"] = [{"@id": x} for x in item.see_also]
    source = getattr(item, "source", None)
    if source is not None and source.url:
        node["dcterms:source"] = {"@id": source.url}
    return node


def to_jsonld(catalog: Catalog, mappings: MappingIndex | None = None) -> str:
    """The catalogue (and curated mappings) as a JSON-LD document, canonical JSON text."""
    edges: dict[str, dict[str, list[dict[str, str]]]] = {}
    triples = [(r.subject, f"aigov:{r.predicate.value}", r.object) for r in catalog.relations]
    if mappings is not None:
        triples += [(m.subject_id, m.predicate_id, m.object_id) for m, _ in mappings.rows()]
    for subject, prop, obj in triples:
        edges.setdefault(subject, {}).setdefault(prop, []).append({"@id": _curie(catalog, obj)})
    nodes = []
    for item in catalog.order():
        node = _node(catalog, item)
        for prop, targets in edges.get(item.id, {}).items():
            existing = node.get(prop, [])
            node[prop] = [*(existing if isinstance(existing, list) else [existing]), *targets]
        nodes.append(node)
    return dumps_canonical({"@context": context(catalog), "@graph": nodes})


def _cell(value: object) -> str:
    # TSV cells cannot hold tabs or line breaks.
    return " ".join(str(value).split())


def to_sssom(catalog: Catalog, mappings: MappingIndex) -> str:
    """Every curated mapping as one SSSOM TSV table with its curie map."""
    prefixes = {
        **{k: v for k, v in _VOCAB.items() if k in ("skos", "semapv")},
        **_prefixes(catalog),
    }
    prefixes["aigov-role"] = _VOCAB["aigov-role"]
    lines = ["# curie_map:"]
    lines.extend(f"#   {prefix}: {base}" for prefix, base in sorted(prefixes.items()))
    lines.append("# mapping_set_id: urn:aigov:mappings")
    lines.append("# license: https://www.apache.org/licenses/LICENSE-2.0")
    lines.append("# mapping_provider: aigov")
    lines.append("\t".join(SSSOM_COLUMNS))
    for row, mset in mappings.rows():
        subject = catalog.get(row.subject_id)
        obj = catalog.get(row.object_id)
        cells = [
            _curie(catalog, row.subject_id),
            subject.label.en,
            row.predicate_id,
            _curie(catalog, row.object_id),
            obj.label.en,
            "semapv:ManualMappingCuration",
            f"{row.confidence:g}",
            row.author_id,
            row.mapping_date.isoformat(),
            mset.subject_source,
            mset.object_source,
            row.justification,
        ]
        lines.append("\t".join(_cell(c) for c in cells))
    return "\n".join(lines) + "\n"
