"""OSCAL exports: a framework as an OSCAL catalog, the crosswalks as a mapping collection.

Governance, risk and compliance tools read NIST's OSCAL.  One framework is
one catalog (:func:`to_catalog`): its principles, values or practices are
controls, grouped by what the framework calls them; a principle's summary is
the control's ``statement`` part and its sub-items are ``item`` parts of that
statement; the roles it addresses, the values it embodies and the
verification mark of its source are properties; its sources are resources in
the back matter.  The curated correspondences are one mapping collection
(:func:`to_mapping_collection`, OSCAL 1.2), one mapping per pair of
frameworks.

The output is deterministic: UUIDs are derived (version 5) from the items'
IRIs and the data version, and a catalog's dates are the framework's
publication date, not the time of the export.  Text is written as OSCAL
Markdown with the characters Markdown would read as markup escaped.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from aigov._jsonio import dumps_canonical
from aigov.errors import UsageError
from aigov.linked import correspondences, iri, is_web_iri
from aigov.models import (
    Framework,
    Practice,
    PracticeItem,
    Principle,
    RelationKind,
    Source,
    SubItem,
    Value,
)
from aigov.namespaces import BASE, MAPPINGS, VOCAB

if TYPE_CHECKING:
    from aigov.catalog import Catalog
    from aigov.crosswalk import MappingIndex

__all__ = ["OSCAL_VERSION", "RELATIONSHIPS", "control_id", "to_catalog", "to_mapping_collection"]

#: The OSCAL version the exports follow (the first with mapping collections is 1.2.0).
OSCAL_VERSION = "1.2.1"

#: The OSCAL (NIST IR 8477 set-theory) relationship of each SKOS predicate.
#: ``A skos:broadMatch B`` says B is broader, so A is a subset of B; a close or
#: related match only says the two share ground.
RELATIONSHIPS = {
    "skos:exactMatch": "equivalent-to",
    "skos:closeMatch": "intersects-with",
    "skos:broadMatch": "subset-of",
    "skos:narrowMatch": "superset-of",
    "skos:relatedMatch": "intersects-with",
}

# The namespace of aigov's own property names (OSCAL's own need none).
_NS = VOCAB
# What OSCAL's Markdown would read as markup: emphasis, code, links, HTML,
# `{{ insert: ... }}` parameters, an entity reference, a heading at the start.
_MARKUP = re.compile(r"[\\`*_{}\[\]<>]|&(?=#?\w+;)|^#")


def _line(text: str) -> str:
    """One line of OSCAL Markdown: whitespace runs made one space, markup escaped."""
    return _MARKUP.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))


def _prose(text: str) -> str:
    """Multi-line OSCAL Markdown: paragraphs kept, markup escaped."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(_line(p) for p in paragraphs if p.strip())


def _value(text: str) -> str:
    # A property value holds no line break and no leading or trailing space.
    return " ".join(text.split())


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "#".join(parts)))


def _token(local: str) -> str:
    """An OSCAL token from a slug: '/' becomes '_', and a leading digit gets '_' first.

    Slugs hold no '_', so distinct slugs give distinct tokens.
    """
    token = local.replace("/", "_")
    return token if token[:1].isalpha() else f"_{token}"


def control_id(item_id: str) -> str:
    """The OSCAL control (or part) ID of a catalogue item in its framework's catalog.

    The item ID without its framework prefix, as an OSCAL token:
    ``jp-ai-util-2019:privacy`` is ``privacy``.
    """
    return _token(item_id.partition(":")[2])


def _prop(name: str, value: str, *, own: bool = True, cls: str | None = None) -> dict[str, str]:
    prop = {"name": name, "value": _value(value)}
    if own:
        prop["ns"] = _NS
    if cls:
        prop["class"] = cls
    return prop


def _date(value: dt.date | str) -> str:
    """An OSCAL date-time (midnight UTC) from a date or a year(-month)."""
    text = str(value)
    full = text + {4: "-01-01", 7: "-01"}.get(len(text), "")
    return f"{full}T00:00:00Z"


class _Sources:
    """The back-matter resources of a document: one per source document."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.resources: dict[str, dict[str, Any]] = {}

    def link(self, source: Source) -> dict[str, str]:
        """A link from a control or part to its source's resource."""
        resource = self.resources.get(source.document)
        if resource is None:
            resource = self._resource(source)
            self.resources[source.document] = resource
        elif source.url and is_web_iri(source.url) and "rlinks" not in resource:
            resource["rlinks"] = [{"href": source.url}]
        link = {"href": f"#{resource['uuid']}", "rel": "reference"}
        if source.locator:
            link["text"] = _line(source.locator)
        return link

    def _resource(self, source: Source) -> dict[str, Any]:
        document = source.document
        known = document in self.catalog and self.catalog.kind_of(document) == "framework"
        title = self.catalog.framework(document).label.en if known else document
        resource: dict[str, Any] = {
            "uuid": _uuid(BASE, "source", document),
            "title": _line(title),
            "citation": {"text": _line(title)},
        }
        # Only web IRIs, as in the linked-data exports: never a javascript: or file: link.
        if source.url and is_web_iri(source.url):
            resource["rlinks"] = [{"href": source.url}]
        return resource

    def back_matter(self) -> dict[str, Any] | None:
        resources = sorted(self.resources.values(), key=lambda r: r["uuid"])
        return {"resources": resources} if resources else None


_RELATION_PROPS = (
    (RelationKind.ADDRESSES, "addressed-role"),
    (RelationKind.EMBODIES, "embodied-value"),
    (RelationKind.IMPLEMENTS, "implements"),
)


def _relation_props(catalog: Catalog, item_id: str) -> list[dict[str, str]]:
    """The roles, values and principles an item relates to, in official order."""
    props: list[dict[str, str]] = []
    for kind, name in _RELATION_PROPS:
        relations = sorted(
            catalog.relations_from(item_id, kind), key=lambda r: catalog.rank(r.object)
        )
        props.extend(_prop(name, rel.object, cls=rel.qualifier) for rel in relations)
    return props


def _control(catalog: Catalog, item: Principle | Value | Practice, sources: _Sources) -> Any:  # noqa: ANN401
    cid = control_id(item.id)
    code = getattr(item, "code", None)
    props = [
        _prop("label", code or str(item.number), own=False),
        _prop("sort-id", f"{item.number:04d}", own=False),
        _prop("aigov-id", item.id),
        _prop("title-ja", item.label.ja),
        *_relation_props(catalog, item.id),
        _prop("verification", item.source.verification.value),
    ]
    if isinstance(item, Value):
        props.append(_prop("new-in-2022", "true" if item.new_in_2022 else "false"))
        if item.domestic_count is not None:
            props.append(_prop("domestic-count", str(item.domestic_count)))
    statement: dict[str, Any] = {
        "id": f"{cid}_smt",
        "name": "statement",
        "prose": _prose(item.summary.en),
    }
    subparts = [_item_part(cid, sub, sources) for sub in getattr(item, "items", ())]
    if subparts:
        statement["parts"] = subparts
    control: dict[str, Any] = {
        "id": cid,
        "class": getattr(item, "kind", None)
        or ("value" if isinstance(item, Value) else "practice"),
        "title": _line(item.label.en),
        "props": props,
        "links": [sources.link(item.source)],
        "parts": [statement],
    }
    return control


def _item_part(cid: str, sub: SubItem | PracticeItem, sources: _Sources) -> dict[str, Any]:
    props = [_prop("aigov-id", sub.id)]
    if isinstance(sub, SubItem) and (sub.marker or sub.code):
        props.insert(0, _prop("label", sub.marker or sub.code or "", own=False))
    if isinstance(sub, PracticeItem):
        props.append(_prop("practice-kind", sub.kind))
    props.append(_prop("verification", sub.source.verification.value))
    part: dict[str, Any] = {
        "id": f"{cid}_smt.{_token(sub.id.rsplit('/', 1)[1])}",
        "name": "item",
        "title": _line(sub.label.en),
        "props": props,
        "links": [sources.link(sub.source)],
    }
    if sub.summary is not None:
        part["prose"] = _prose(sub.summary.en)
    return part


def _group_title(slug: str) -> str:
    words = slug.replace("-", " ")
    return words[:1].upper() + words[1:] + ("" if words.endswith("s") else "s")


def _groups(catalog: Catalog, framework: Framework, sources: _Sources) -> list[dict[str, Any]]:
    """One group per kind of item (principles, requirements...), in official order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    items: Iterable[Principle | Value | Practice] = [
        *(p for p in catalog.principles if p.framework == framework.id),
        *(v for v in catalog.values if v.framework == framework.id),
        *(p for p in catalog.practices if p.framework == framework.id),
    ]
    for item in sorted(items, key=lambda i: catalog.rank(i.id)):
        if isinstance(item, Principle):
            kind = item.kind
        elif isinstance(item, Value):
            kind = "value"
        else:
            kind = item.group
        groups.setdefault(kind, []).append(_control(catalog, item, sources))
    return [
        {"id": f"_{_token(kind)}", "class": kind, "title": _group_title(kind), "controls": controls}
        for kind, controls in groups.items()
    ]


def to_catalog(catalog: Catalog, framework_id: str) -> str:
    """One framework of the catalogue as an OSCAL catalog (canonical JSON text).

    Raises:
        UnknownIdError: ``framework_id`` is not a framework of the catalogue.
    """
    framework = catalog.framework(framework_id)
    sources = _Sources(catalog)
    framework_link = sources.link(framework.source)
    published = _date(framework.date)
    metadata: dict[str, Any] = {
        "title": _line(framework.label.en),
        "published": published,
        "last-modified": published,
        "version": _value(catalog.version),
        "oscal-version": OSCAL_VERSION,
        "props": [
            _prop("aigov-id", framework.id),
            _prop("title-ja", framework.label.ja),
            _prop("issuer", framework.issuer.en),
        ],
        "links": [{"href": iri(catalog, framework.id), "rel": "canonical"}, framework_link],
        "remarks": _prose(framework.summary.en),
    }
    document: dict[str, Any] = {
        "uuid": _uuid(iri(catalog, framework.id), "oscal-catalog", catalog.version),
        "metadata": metadata,
    }
    groups = _groups(catalog, framework, sources)
    if groups:
        document["groups"] = groups
    back_matter = sources.back_matter()
    if back_matter:
        document["back-matter"] = back_matter
    return dumps_canonical({"catalog": document})


# -- mapping collection -----------------------------------------------------------------

_PART_KINDS = ("subitem", "practice-item")
_CONTROL_KINDS = ("principle", "value", "practice")


def _mapping_item(catalog: Catalog, item_id: str) -> dict[str, str]:
    if catalog.kind_of(item_id) in _PART_KINDS:
        parent, _, local = item_id.rpartition("/")
        ref = f"{control_id(parent)}_smt.{_token(local)}"
        return {"type": "statement", "id-ref": ref}
    return {"type": "control", "id-ref": control_id(item_id)}


def _pairs(
    catalog: Catalog, mappings: MappingIndex, framework: str | None
) -> tuple[dict[tuple[str, str], list[dict[str, Any]]], int]:
    """Correspondences between controls by (source, target) framework; how many were left out."""
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    left_out = 0
    wanted = (*_CONTROL_KINDS, *_PART_KINDS)
    for found in correspondences(catalog, mappings):
        subject, obj = found["subject"], found["object"]
        ends = (catalog.frameworks_of(subject)[0], catalog.frameworks_of(obj)[0])
        if framework is not None and framework not in ends:
            continue
        if catalog.kind_of(subject) not in wanted or catalog.kind_of(obj) not in wanted:
            left_out += 1  # a role: OSCAL maps controls
            continue
        pairs.setdefault(ends, []).append(found)
    return pairs, left_out


def _map(catalog: Catalog, found: dict[str, Any]) -> dict[str, Any]:
    subject, obj = found["subject"], found["object"]
    props = [_prop("skos-predicate", found["predicate"])]
    if "set" in found:
        props.append(_prop("mapping-set", found["set"]))
    entry: dict[str, Any] = {
        "uuid": _uuid(iri(catalog, subject), found["predicate"], iri(catalog, obj)),
        "relationship": RELATIONSHIPS[found["predicate"]],
        "sources": [_mapping_item(catalog, subject)],
        "targets": [_mapping_item(catalog, obj)],
        "confidence-score": {"percentage": found["confidence"]},
        "props": props,
    }
    if found.get("justification"):
        entry["remarks"] = _prose(found["justification"])
    return entry


def _catalog_resource(catalog: Catalog, framework_id: str) -> dict[str, Any]:
    title = catalog.framework(framework_id).label.en
    return {
        "uuid": _uuid(iri(catalog, framework_id), "oscal-catalog-file"),
        "title": _line(title),
        "rlinks": [
            {"href": f"{framework_id}.oscal-catalog.json", "media-type": "application/json"}
        ],
    }


def _mappings_of(
    catalog: Catalog, pairs: dict[tuple[str, str], list[dict[str, Any]]]
) -> Iterator[dict[str, Any]]:
    for (source, target), rows in pairs.items():
        yield {
            "uuid": _uuid(MAPPINGS, source, target),
            "source-resource": {
                "type": "catalog",
                "href": f"#{_catalog_resource(catalog, source)['uuid']}",
            },
            "target-resource": {
                "type": "catalog",
                "href": f"#{_catalog_resource(catalog, target)['uuid']}",
            },
            "maps": [_map(catalog, found) for found in rows],
        }


def to_mapping_collection(
    catalog: Catalog, mappings: MappingIndex, framework: str | None = None
) -> str:
    """The curated correspondences between controls as an OSCAL mapping collection.

    One mapping per pair of frameworks; each names the two frameworks' OSCAL
    catalogs as back-matter resources (``<framework>.oscal-catalog.json``,
    written by :func:`to_catalog`), and each map keeps its SKOS predicate,
    confidence, set and justification.  Correspondences between roles are
    left out (OSCAL maps controls; the SSSOM export has them), and the
    metadata says how many.

    Args:
        catalog: The catalogue.
        mappings: The curated mapping sets.
        framework: Only the mappings from or to this framework.

    Raises:
        UnknownIdError: ``framework`` is not a framework of the catalogue.
        UsageError: No correspondence between controls is left to write.
    """
    if framework is not None:
        catalog.framework(framework)
    pairs, left_out = _pairs(catalog, mappings, framework)
    if not pairs:
        raise UsageError(
            "no correspondence between controls to write"
            + (f" for framework {framework!r}" if framework else "")
            + ": OSCAL mapping collections map controls, not roles"
        )
    frameworks = sorted({fw for pair in pairs for fw in pair}, key=catalog.rank)
    # The newest curation date or framework edition: what the collection last changed with.
    modified = max(
        [_date(f["date"]) for rows in pairs.values() for f in rows if "date" in f]
        + [_date(catalog.framework(fw).date) for fw in frameworks]
    )
    note = f" {left_out} correspondences between roles are left out." if left_out else ""
    document = {
        "uuid": _uuid(MAPPINGS, "oscal-mapping", catalog.version, framework or ""),
        "metadata": {
            "title": "aigov curated correspondences" + (f" of {framework}" if framework else ""),
            "last-modified": modified,
            "version": _value(catalog.version),
            "oscal-version": OSCAL_VERSION,
            "remarks": "The catalogue's corresponds_to relations and the rows of its mapping "
            "sets, between controls." + note,
        },
        "provenance": {
            "method": "human",
            "matching-rationale": "semantic",
            "status": "draft",
            "mapping-description": "Curated by people: each map keeps its SKOS predicate "
            "(relationship from it: exact is equivalent-to; close and related are "
            "intersects-with; broad is subset-of; narrow is superset-of), its confidence and "
            "the curators' justification.",
        },
        "mappings": list(_mappings_of(catalog, pairs)),
        "back-matter": {"resources": [_catalog_resource(catalog, fw) for fw in frameworks]},
    }
    return dumps_canonical({"mapping-collection": document})
