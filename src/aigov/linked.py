"""Linked-data exports: the catalogue as JSON-LD, the crosswalks as SSSOM TSV.

Every item has an HTTPS IRI under the project's base (:mod:`aigov.namespaces`):
framework ``F`` is ``https://w3id.org/aigov/id/F``, its item ``F:x`` is
``https://w3id.org/aigov/id/F/x``, and a role of the 2017 and 2019
guidelines (``developer``) is ``https://w3id.org/aigov/role/developer``.
In both formats a framework's items are written as CURIEs whose prefix is
the framework ID (:func:`prefix_of`), so that ``jp-ai-util-2019:privacy``
reads as in the catalogue.  A framework whose ID is one of the prefixes the
exports bind (``skos``, ``airo``... see :data:`aigov.namespaces.VOCABULARIES`)
gets the prefix ``aigov_<id>`` instead: no pack can redefine a vocabulary.

Labels become ``skos:prefLabel`` in Japanese and English, curated mappings
and the catalogue's ``corresponds_to`` relations become SKOS mapping
properties, and roles that name an external term (AIRO, DPV) carry it as
``skos:exactMatch``.  Only absolute ``http(s)`` IRIs are written as links
(``@id``); any other ``url``, ``iri`` or ``see_also`` text stays a plain
literal, so that a pack cannot make a ``javascript:`` or relative reference
look like a resource.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aigov._jsonio import dumps_canonical
from aigov.crosswalk import relation_match
from aigov.models import PracticeItem, RelationKind
from aigov.namespaces import BASE, ITEMS, MAPPINGS, ROLES, VOCABULARIES

if TYPE_CHECKING:
    from aigov.catalog import Catalog
    from aigov.crosswalk import MappingIndex

__all__ = [
    "SSSOM_COLUMNS",
    "context",
    "correspondences",
    "iri",
    "is_web_iri",
    "prefix_of",
    "to_jsonld",
    "to_sssom",
]

#: Columns of the SSSOM export, in order.
SSSOM_COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "author_label",
    "mapping_date",
    "subject_source",
    "object_source",
    "mapping_source",
    "comment",
)

#: The vocabularies the JSON-LD export binds (AIRO and DPV: the terms roles stand for).
_JSONLD_VOCABULARIES = (
    "aigov",
    "aigov-framework",
    "aigov-role",
    "airo",
    "dcterms",
    "dpv",
    "dpv-ai",
    "rdfs",
    "skos",
    "xsd",
)
#: The vocabularies the SSSOM export uses (``aigov-mappings`` names each source set).
_SSSOM_VOCABULARIES = ("aigov-framework", "aigov-mappings", "aigov-role", "semapv", "skos")

_TYPES = {
    "framework": "aigov:Framework",
    "principle": "aigov:Principle",
    "subitem": "aigov:SubItem",
    "value": "aigov:Value",
    "role": "aigov:Role",
    "practice": "aigov:Practice",
    "practice-item": "aigov:PracticeItem",
}

# An absolute http(s) IRI without the characters RFC 3987 leaves out of IRIs.
_WEB_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`\x00-\x1f\x7f]+", re.IGNORECASE)


def is_web_iri(text: str) -> bool:
    """Whether ``text`` is an absolute ``http`` or ``https`` IRI with a host.

    Only such IRIs are written as links; anything else (``javascript:``,
    ``file:``, a relative reference, text with spaces) stays a literal.
    """
    # fullmatch: with `$`, a trailing newline would pass.
    return bool(_WEB_IRI.fullmatch(text)) and bool(urlsplit(text).netloc)


def prefix_of(framework_id: str) -> str:
    """The CURIE prefix of a framework's items in the exports.

    The framework ID itself, unless it is a prefix the exports bind to a
    vocabulary (:data:`aigov.namespaces.VOCABULARIES`) or does not start with
    a letter: then ``aigov_`` and the ID.  No framework ID holds ``_``, so the
    second form never meets the first, nor a vocabulary.
    """
    if framework_id in VOCABULARIES or not framework_id[:1].isalpha():
        return f"aigov_{framework_id}"
    return framework_id


def _prefixes(catalog: Catalog) -> dict[str, str]:
    return {prefix_of(fw.id): f"{ITEMS}{fw.id}/" for fw in catalog.frameworks}


def context(catalog: Catalog) -> dict[str, Any]:
    """The JSON-LD ``@context``: vocabularies and one prefix per framework."""
    ctx: dict[str, Any] = {"@version": 1.1}
    ctx.update({prefix: VOCABULARIES[prefix] for prefix in _JSONLD_VOCABULARIES})
    for prefix, base in _prefixes(catalog).items():
        ctx[prefix] = {"@id": base, "@prefix": True}
    return ctx


def _curie(catalog: Catalog, item_id: str) -> str:
    if catalog.kind_of(item_id) == "framework":
        return f"aigov-framework:{item_id}"
    framework, sep, local = item_id.partition(":")
    if not sep:
        return f"aigov-role:{item_id}"
    return f"{prefix_of(framework)}:{local}"


def iri(catalog: Catalog, item_id: str) -> str:
    """The full IRI of a catalogue item (what its CURIE expands to).

    Raises:
        UnknownIdError: ``item_id`` is not in the catalogue.
    """
    if catalog.kind_of(item_id) == "framework":
        return f"{ITEMS}{item_id}"
    framework, sep, local = item_id.partition(":")
    return f"{ITEMS}{framework}/{local}" if sep else f"{ROLES}{item_id}"


def _link(text: str) -> dict[str, str]:
    return {"@id": text} if is_web_iri(text) else {"@value": text}


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
        node["dcterms:issued"] = {"@value": issued, "@type": f"xsd:{kind_of_date}"}
        node.update(_text(item.issuer, "dcterms:creator"))
    if getattr(item, "iri", None):
        node["skos:exactMatch"] = [_link(item.iri)]
    if getattr(item, "see_also", ()):
        # Related terms whose equivalence is not checked: a weaker link.
        node["rdfs:seeAlso"] = [_link(x) for x in item.see_also]
    source = getattr(item, "source", None)
    if source is not None and source.url:
        node["dcterms:source"] = _link(source.url)
    return node


def correspondences(
    catalog: Catalog, mappings: MappingIndex | None = None
) -> Iterator[dict[str, Any]]:
    """Every curated correspondence: the catalogue's own, then the mapping sets' rows.

    The catalogue's ``corresponds_to`` relations (2017 to 2019, and any a
    pack adds) come first, each once, with the predicate and confidence of
    :func:`aigov.crosswalk.relation_match`; then each row of each mapping set.

    Yields:
        Dicts with ``subject``, ``predicate``, ``object``, ``confidence``,
        ``justification`` and, for mapping-set rows, ``author``, ``date`` and
        ``set`` (the set's ID).
    """
    for rel in catalog.relations:
        if rel.predicate is RelationKind.CORRESPONDS_TO:
            predicate, confidence = relation_match(rel)
            yield {
                "subject": rel.subject,
                "predicate": predicate,
                "object": rel.object,
                "confidence": confidence,
                "justification": rel.rationale or (rel.source.locator if rel.source else None),
            }
    for row, mset in mappings.rows() if mappings is not None else ():
        yield {
            "subject": row.subject_id,
            "predicate": row.predicate_id,
            "object": row.object_id,
            "confidence": row.confidence,
            "justification": row.justification,
            "author": row.author_id,
            "date": row.mapping_date.isoformat(),
            "set": mset.id,
        }


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
    return " ".join(str(value).split()) if value is not None else ""


def _yaml(text: str) -> str:
    # A JSON string is a double-quoted YAML scalar: safe for ':' and '#' (the
    # unquoted 'urn:aigov:role:' broke the header), and escapes control characters.
    return json.dumps(text, ensure_ascii=False)


def _licence(mappings: MappingIndex) -> tuple[str, str]:
    """The table's licence URL, and a note when its sets do not share one."""
    given = sorted({s.license or "" for s in mappings.sets})
    if len(given) == 1 and given[0]:
        only = given[0]
        return (only if is_web_iri(only) else f"https://spdx.org/licenses/{only}.html"), ""
    listed = "; ".join(f"{s.id}: {s.license or 'not stated'}" for s in mappings.sets)
    return "https://spdx.org/licenses/NOASSERTION", f" Licences differ by set ({listed})."


def _source(catalog: Catalog, item_id: str) -> str | None:
    frameworks = catalog.frameworks_of(item_id)
    return f"aigov-framework:{frameworks[0]}" if frameworks else None


def to_sssom(catalog: Catalog, mappings: MappingIndex) -> str:
    """Every curated correspondence as one SSSOM TSV table with its metadata.

    The table holds the catalogue's ``corresponds_to`` relations and every row
    of the mapping sets (see :func:`correspondences`); ``mapping_source``
    names the set a row comes from.  The metadata block is YAML with every
    value quoted, and every identifier in it is a URI or a CURIE of the
    ``curie_map``, so that sssom-py validates and reads the table.
    """
    prefixes = {p: VOCABULARIES[p] for p in _SSSOM_VOCABULARIES}
    prefixes.update(_prefixes(catalog))
    licence, note = _licence(mappings)
    header = {
        "mapping_set_id": MAPPINGS,
        "mapping_set_version": catalog.version,
        "mapping_set_title": "aigov curated correspondences",
        "mapping_set_description": (
            "The corresponds_to relations of the aigov catalogue and the rows of its "
            f"mapping sets ({', '.join(s.id for s in mappings.sets) or 'none'})." + note
        ),
        "license": licence,
        "mapping_provider": BASE,
    }
    lines = ["# curie_map:"]
    lines.extend(f"#   {prefix}: {_yaml(base)}" for prefix, base in sorted(prefixes.items()))
    lines.extend(f"# {key}: {_yaml(value)}" for key, value in header.items())
    lines.append("\t".join(SSSOM_COLUMNS))
    for found in correspondences(catalog, mappings):
        subject, obj = found["subject"], found["object"]
        cells = {
            "subject_id": _curie(catalog, subject),
            "subject_label": catalog.get(subject).label.en,
            "predicate_id": found["predicate"],
            "object_id": _curie(catalog, obj),
            "object_label": catalog.get(obj).label.en,
            "mapping_justification": "semapv:ManualMappingCuration",
            "confidence": f"{found['confidence']:g}",
            "author_label": found.get("author"),
            "mapping_date": found.get("date"),
            "subject_source": _source(catalog, subject),
            "object_source": _source(catalog, obj),
            "mapping_source": f"aigov-mappings:{found['set']}" if "set" in found else None,
            "comment": found["justification"],
        }
        lines.append("\t".join(_cell(cells[column]) for column in SSSOM_COLUMNS))
    return "\n".join(lines) + "\n"
