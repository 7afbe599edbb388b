"""Crosswalks: how items of one framework correspond to items of another.

Curated correspondences live in *mapping sets* (``"kind": "mapping-set"``),
one file per pair of frameworks, in the spirit of SSSOM: each row has a
subject, a SKOS predicate, an object, a justification, a confidence, an author
and a date.  Besides them, :func:`find_correspondences` derives correspondences through
the 22 values to respect: two items that embody a shared value are related,
and the result says so (``derived=True``) with the path through the graph.
Nothing is derived to or from an item with a ``legal_effect`` (a legal
classification such as the EU AI Act's risk levels, or an obligation):
resembling a value is no legal test.

:func:`find_correspondences` answers for one item; :func:`framework_view`
expresses a set of (triggered) principles in another framework's items.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from importlib.resources import files
from typing import Annotated, Any, Literal, TypeAlias, Union

from pydantic import Field, StringConstraints

from aigov._base import AnyId, DocumentModel, FrameworkId, FrozenModel
from aigov._load import load_document, sources
from aigov._suggest import Hints
from aigov.catalog import Catalog, builtin_catalog
from aigov.errors import CatalogError, Issue, UsageError
from aigov.models import LocalizedText, Relation, RelationKind

__all__ = [
    "INVERSE",
    "PREDICATES",
    "Correspondence",
    "FrameworkView",
    "MappingIndex",
    "MappingRow",
    "MappingSet",
    "MappingSource",
    "MappingsArg",
    "ViewItem",
    "builtin_mappings",
    "crosswalk",
    "express_in",
    "find_correspondences",
    "framework_view",
    "has_legal_effect",
    "load_mappings",
    "relation_match",
    "resolve_mappings",
]

Predicate = Literal[
    "skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch", "skos:relatedMatch"
]
#: SKOS mapping predicates, strongest first.
PREDICATES: tuple[str, ...] = (
    "skos:exactMatch",
    "skos:closeMatch",
    "skos:broadMatch",
    "skos:narrowMatch",
    "skos:relatedMatch",
)
#: The predicate read in the other direction.
INVERSE: dict[str, str] = {
    "skos:exactMatch": "skos:exactMatch",
    "skos:closeMatch": "skos:closeMatch",
    "skos:broadMatch": "skos:narrowMatch",
    "skos:narrowMatch": "skos:broadMatch",
    "skos:relatedMatch": "skos:relatedMatch",
}

_Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
_SetId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=128)]


class MappingRow(FrozenModel):
    """One curated correspondence (an SSSOM-style row).

    Attributes:
        subject_id: The item mapped from.
        predicate_id: How the subject relates to the object (SKOS).
        object_id: The item mapped to.
        justification: Why, in the curator's own words.
        confidence: How sure the curator is, from 0 to 1.
        author_id: Who curated the row.
        mapping_date: When.
    """

    subject_id: AnyId
    predicate_id: Predicate
    object_id: AnyId
    justification: _Text
    confidence: Annotated[float, Field(ge=0, le=1)]
    author_id: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    mapping_date: dt.date


class MappingSet(DocumentModel):
    """A mapping-set document: curated rows between two frameworks."""

    kind: Literal["mapping-set"]
    format_version: Literal["1"] = "1"
    id: _SetId
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    title: LocalizedText | None = None
    subject_source: FrameworkId
    object_source: FrameworkId
    license: Annotated[str, StringConstraints(max_length=200)] | None = None
    mappings: Annotated[tuple[MappingRow, ...], Field(max_length=20_000)]


class Correspondence(FrozenModel):
    """An item that corresponds to the one asked about.

    ``derived`` correspondences come from shared values (``via``) rather than
    a curated mapping; ``path`` is the route through the graph
    (item, value, item) for derived ones and (item, item) for curated ones.
    """

    id: str
    label: LocalizedText
    framework: str
    kind: str
    predicate: str
    derived: bool
    justification: str | None = None
    confidence: float
    mapping_set: str | None = None
    author: str | None = None
    date: dt.date | None = None
    via: tuple[str, ...] = ()
    path: tuple[str, ...]


MappingSource: TypeAlias = Union[MappingSet, Mapping[str, Any], str, "os.PathLike[str]", bytes]
"""What :func:`load_mappings` accepts: a model, a parsed document, a path, or JSON bytes."""


def _framework_of(catalog: Catalog, item_id: str) -> set[str]:
    return set(catalog.frameworks_of(item_id))


class MappingIndex:
    """Mapping sets checked against a catalogue and indexed both ways."""

    def __init__(self, sets: Sequence[tuple[MappingSet, str]], catalog: Catalog) -> None:
        """Check every row against ``catalog`` and index it.

        Raises:
            CatalogError: A row names an unknown item, an item outside the
                set's declared framework, or repeats another row.
        """
        self.catalog = catalog
        self.sets = tuple(s for s, _ in sets)
        issues: list[Issue] = []
        self._by_item: dict[str, list[tuple[MappingRow, MappingSet, bool]]] = {}
        seen: dict[tuple[str, str], str] = {}
        hints = Hints()
        frameworks = [f.id for f in catalog.frameworks]
        ids = list(_ids(catalog))
        for mset, source in sets:
            for fw in (mset.subject_source, mset.object_source):
                if fw not in catalog or catalog.kind_of(fw) != "framework":
                    hint = hints(fw, frameworks)
                    issues.append(Issue("$", f"unknown framework {fw!r}", hint, source))
            for i, row in enumerate(mset.mappings):
                where = f"$.mappings[{i}]"
                ok = True
                for end, value, fw in (
                    ("subject_id", row.subject_id, mset.subject_source),
                    ("object_id", row.object_id, mset.object_source),
                ):
                    if value not in catalog:
                        hint = hints(value, ids)
                        issues.append(
                            Issue(f"{where}.{end}", f"unknown id {value!r}", hint, source)
                        )
                        ok = False
                    elif fw not in _framework_of(catalog, value):
                        issues.append(
                            Issue(
                                f"{where}.{end}",
                                f"{value!r} is not an item of {fw!r}, the set's "
                                f"{end.split('_')[0]} source",
                                None,
                                source,
                            )
                        )
                        ok = False
                pair = (row.subject_id, row.object_id)
                if ok and pair in seen:
                    issues.append(
                        Issue(where, f"mapping repeats {seen[pair]}", "keep one row", source)
                    )
                    ok = False
                if ok:
                    seen[pair] = f"{source}: {where}"
                    self._by_item.setdefault(row.subject_id, []).append((row, mset, False))
                    self._by_item.setdefault(row.object_id, []).append((row, mset, True))
        if issues:
            raise CatalogError(issues, source=sets[0][1] if len(sets) == 1 else None)

    def rows(self) -> list[tuple[MappingRow, MappingSet]]:
        """Every curated row with its set, in file order."""
        return [(row, mset) for mset in self.sets for row in mset.mappings]

    def curated(self, item_id: str) -> list[tuple[str, str, MappingRow, MappingSet]]:
        """``(other id, predicate from item_id's side, row, set)`` for every curated row."""
        out = []
        for row, mset, inverse in self._by_item.get(item_id, ()):
            if inverse:
                out.append((row.subject_id, INVERSE[row.predicate_id], row, mset))
            else:
                out.append((row.object_id, row.predicate_id, row, mset))
        return out


def _ids(catalog: Catalog) -> Iterable[str]:
    for kind in ("principle", "subitem", "role", "value"):
        for item in catalog.items(kind):
            yield item.id


def _load_set(source: MappingSource) -> tuple[MappingSet, str]:
    return load_document(MappingSet, source, what="mappings")


def _builtin_sets() -> list[tuple[MappingSet, str]]:
    folder = files("aigov.data").joinpath("mappings")
    entries = sorted(
        (e for e in folder.iterdir() if e.name.endswith(".json") and not e.name.startswith(".")),
        key=lambda e: e.name,
    )
    return [
        (MappingSet.model_validate_json(e.read_bytes()), f"aigov/data/mappings/{e.name}")
        for e in entries
    ]


@functools.cache
def builtin_mappings() -> MappingIndex:
    """The packaged mapping sets, checked against the built-in catalogue (cached)."""
    return MappingIndex(_builtin_sets(), builtin_catalog())


def load_mappings(
    *sources: MappingSource,
    builtin: bool = True,
    catalog: Catalog | None = None,
) -> MappingIndex:
    """Load mapping sets (files, documents or models) on top of the built-in ones.

    Raises:
        FileAccessError: A file cannot be read.
        ParseError: A file is not JSON.
        ValidationFailed: A document breaks the mapping-set format.
        CatalogError: A row names unknown items or repeats another.
    """
    cat = catalog if catalog is not None else builtin_catalog()
    if not sources and builtin and cat is builtin_catalog():
        return builtin_mappings()
    # Built-in sets between frameworks the catalogue lacks (a catalogue loaded
    # without some built-in packs) are left out rather than reported.
    present = {fw.id for fw in cat.frameworks}
    sets = [
        (mset, name)
        for mset, name in (_builtin_sets() if builtin else [])
        if {mset.subject_source, mset.object_source} <= present
    ]
    sets.extend(_load_set(s) for s in sources)
    return MappingIndex(sets, cat)


def relation_match(relation: Relation) -> tuple[str, float]:
    """The SKOS predicate and confidence of a catalogue ``corresponds_to`` relation.

    The catalogue's own correspondences (2017 to 2019, and a pack's) are
    curated too: principles on the same topic (qualifier ``same-topic``) are
    a close match, others a related one.

    Args:
        relation: A ``corresponds_to`` relation.

    Returns:
        ``(predicate, confidence)``, e.g. ``("skos:closeMatch", 0.8)``.
    """
    if relation.qualifier == "same-topic":
        return "skos:closeMatch", 0.8
    return "skos:relatedMatch", 0.5


MappingsArg: TypeAlias = MappingIndex | MappingSource | Sequence[MappingSource] | None
"""What functions that use crosswalks take as ``mappings``: an index, or sets to add."""


def resolve_mappings(mappings: MappingsArg, catalog: Catalog) -> MappingIndex:
    """The mapping sets a call uses: the built-in ones plus those given.

    Args:
        mappings: ``None`` (the built-in sets), a :class:`MappingIndex` (used
            as it is, checked again if it was made for another catalogue), or
            mapping-set files, documents or models added to the built-in sets.
        catalog: The catalogue the rows must name items of.

    Raises:
        FileAccessError: A file cannot be read.
        ValidationFailed: A document breaks the mapping-set format.
        CatalogError: A row names unknown items or repeats another.
    """
    if isinstance(mappings, MappingIndex):
        if mappings.catalog is catalog:
            return mappings
        return MappingIndex([(s, f"<mappings {s.id}>") for s in mappings.sets], catalog)
    return load_mappings(*sources(mappings), catalog=catalog)


def express_in(
    framework: str | None,
    principles: Iterable[str],
    *,
    catalog: Catalog,
    mappings: MappingsArg = None,
) -> FrameworkView | None:
    """:func:`framework_view` of ``principles`` when a framework is asked for, else None.

    What ``check(framework=...)`` and ``gaps(framework=...)`` share.

    Raises:
        UsageError: ``mappings`` is given without ``framework`` (it would do nothing).
        UnknownIdError: ``framework`` or a principle is unknown.
    """
    if framework is None:
        if mappings is not None:
            raise UsageError(
                "mappings= only serves framework= (the framework to express the result "
                "in): give framework=ID, or leave mappings out"
            )
        return None
    index = resolve_mappings(mappings, catalog)
    return framework_view(principles, framework, catalog=catalog, mappings=index)


def _values_of(catalog: Catalog, item_id: str) -> list[str]:
    return catalog.objects(item_id, RelationKind.EMBODIES)


def has_legal_effect(catalog: Catalog, item_id: str) -> bool:
    """Whether ``item_id`` is a legal classification or obligation (``legal_effect``).

    Correspondences are never derived through shared values to or from such
    an item: only the law's own tests, or a curated mapping, may reach it.
    """
    return getattr(catalog.get(item_id), "legal_effect", None) is not None


def find_correspondences(
    item_id: str,
    to: str | None = None,
    *,
    catalog: Catalog | None = None,
    mappings: MappingIndex | None = None,
    derived: bool = True,
) -> list[Correspondence]:
    """Items of other frameworks that correspond to ``item_id``.

    Args:
        item_id: A principle, sub-item, value or role.
        to: Only items of this framework (default: every other framework).
        catalog: The catalogue (default: the built-in one).
        mappings: Curated mapping sets (default: the built-in ones).
        derived: Also derive correspondences through shared values.

    Returns:
        Curated correspondences first (strongest predicate, then confidence),
        then derived ones (highest share of values in common — shared values
        divided by all values of either item — first), each in catalogue
        order within ties.

    Raises:
        UnknownIdError: ``item_id`` or ``to`` is unknown (with a did-you-mean).
    """
    cat = catalog if catalog is not None else builtin_catalog()
    index = mappings if mappings is not None else load_mappings(catalog=cat)
    cat.get(item_id)
    if to is not None:
        cat.framework(to)
    own = _framework_of(cat, item_id)
    rank = cat.rank

    def wanted(other: str) -> bool:
        # A crosswalk runs between frameworks: never back into the item's own.
        frameworks = _framework_of(cat, other)
        return not (frameworks & own) and (to is None or to in frameworks)

    found: dict[str, Correspondence] = {}
    # The catalogue's own corresponds_to relations are curated too.
    for rel in [
        *cat.relations_from(item_id, RelationKind.CORRESPONDS_TO),
        *cat.relations_to(item_id, RelationKind.CORRESPONDS_TO),
    ]:
        other = rel.object if rel.subject == item_id else rel.subject
        if not wanted(other) or other in found:
            continue
        predicate, confidence = relation_match(rel)
        found[other] = Correspondence(
            id=other,
            label=cat.get(other).label,
            framework=sorted(_framework_of(cat, other))[0],
            kind=cat.kind_of(other),
            predicate=predicate,
            derived=False,
            justification=rel.rationale,
            confidence=confidence,
            mapping_set="catalog",
            path=(item_id, other),
        )
    for other, predicate, row, mset in index.curated(item_id):
        if not wanted(other) or other in found:
            continue
        target = cat.get(other)
        found[other] = Correspondence(
            id=other,
            label=target.label,
            framework=sorted(_framework_of(cat, other))[0],
            kind=cat.kind_of(other),
            predicate=predicate,
            derived=False,
            justification=row.justification,
            confidence=row.confidence,
            mapping_set=mset.id,
            author=row.author_id,
            date=row.mapping_date,
            path=(item_id, other),
        )
    curated = sorted(
        found.values(),
        key=lambda c: (PREDICATES.index(c.predicate), -c.confidence, rank(c.id)),
    )
    results = list(curated)
    if (
        derived
        and cat.kind_of(item_id) in ("principle", "subitem")
        and not has_legal_effect(cat, item_id)
    ):
        mine = _values_of(cat, item_id)
        candidates: dict[str, list[str]] = {}
        for value in mine:
            for other in cat.subjects(value, RelationKind.EMBODIES):
                if (
                    other != item_id
                    and other not in found
                    and wanted(other)
                    and not has_legal_effect(cat, other)
                ):
                    candidates.setdefault(other, []).append(value)
        extra = []
        for other, shared in candidates.items():
            union = set(mine) | set(_values_of(cat, other))
            target = cat.get(other)
            extra.append(
                Correspondence(
                    id=other,
                    label=target.label,
                    framework=sorted(_framework_of(cat, other))[0],
                    kind=cat.kind_of(other),
                    predicate="skos:relatedMatch",
                    derived=True,
                    confidence=round(len(shared) / len(union), 2),
                    via=tuple(shared),
                    path=(item_id, shared[0], other),
                )
            )
        extra.sort(key=lambda c: (-c.confidence, rank(c.id)))
        results.extend(extra)
    return results


def crosswalk(
    item_id: str,
    to: str | None = None,
    *,
    catalog: Catalog | None = None,
    mappings: MappingIndex | None = None,
    derived: bool = True,
) -> list[Correspondence]:
    """Deprecated name of :func:`find_correspondences` (kept for one release)."""
    warnings.warn(
        "aigov.crosswalk.crosswalk() is renamed find_correspondences()",
        DeprecationWarning,
        stacklevel=2,
    )
    return find_correspondences(item_id, to, catalog=catalog, mappings=mappings, derived=derived)


# -- expressing an assessment in another framework's terms --------------------------------


class ViewItem(FrozenModel):
    """An item of the target framework engaged by triggered principles."""

    id: str
    label: LocalizedText
    kind: str
    principles: tuple[str, ...]
    predicates: tuple[str, ...]
    derived: bool


class FrameworkView(FrozenModel):
    """The triggered principles of an assessment, expressed in one framework's items.

    ``items`` are engaged through curated correspondences; ``suggestions``
    only share values with a triggered principle.  A suggestion is a weak hint
    to read the item, never a claim that it is engaged.
    """

    framework: str
    items: tuple[ViewItem, ...]
    unmapped: tuple[str, ...]
    suggestions: tuple[ViewItem, ...] = ()


def framework_view(
    principles: Iterable[str],
    framework: str,
    *,
    catalog: Catalog | None = None,
    mappings: MappingIndex | None = None,
) -> FrameworkView:
    """Which items of ``framework`` the given (triggered) principles engage.

    Curated mappings are used where they exist and make ``items``; a
    principle without any falls back to correspondences derived through
    shared values, which are kept apart in ``suggestions`` (never items with
    a ``legal_effect``).

    Raises:
        UnknownIdError: ``framework`` or a principle is unknown.
    """
    cat = catalog if catalog is not None else builtin_catalog()
    cat.framework(framework)
    if mappings is None:
        mappings = load_mappings(catalog=cat)  # once, not once per principle
    engaged: dict[str, dict[str, Any]] = {}
    unmapped = []
    for principle in principles:
        if framework in _framework_of(cat, principle):
            # A principle of the target framework stands for itself.
            entry = engaged.setdefault(
                principle,
                {
                    "corr": Correspondence(
                        id=principle,
                        label=cat.get(principle).label,
                        framework=framework,
                        kind=cat.kind_of(principle),
                        predicate="skos:exactMatch",
                        derived=False,
                        confidence=1.0,
                        path=(principle,),
                    ),
                    "principles": [],
                    "predicates": [],
                    "derived": False,
                },
            )
            entry["principles"].append(principle)
            entry["predicates"].append("skos:exactMatch")
            continue
        found = find_correspondences(
            principle, framework, catalog=cat, mappings=mappings, derived=False
        )
        derived = not found
        if derived:
            found = find_correspondences(principle, framework, catalog=cat, mappings=mappings)
        if not found:
            unmapped.append(principle)
        for corr in found:
            entry = engaged.setdefault(
                corr.id,
                {"corr": corr, "principles": [], "predicates": [], "derived": True},
            )
            entry["principles"].append(principle)
            entry["predicates"].append(corr.predicate)
            entry["derived"] = entry["derived"] and derived
    every = [
        ViewItem(
            id=item_id,
            label=entry["corr"].label,
            kind=entry["corr"].kind,
            principles=tuple(entry["principles"]),
            predicates=tuple(sorted(set(entry["predicates"]), key=PREDICATES.index)),
            derived=entry["derived"],
        )
        for item_id, entry in sorted(engaged.items(), key=lambda kv: cat.rank(kv[0]))
    ]
    return FrameworkView(
        framework=framework,
        items=tuple(item for item in every if not item.derived),
        unmapped=tuple(unmapped),
        suggestions=tuple(item for item in every if item.derived),
    )
