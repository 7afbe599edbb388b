"""Coverage review of an organisation's own AI principles.

An organisation writes down its AI policy as a *policy document*
(``"kind": "policy"``): its own principles, each mapped to catalogue items,
that is to the 22 values to respect (``jp-values-2022:*``) and/or to
principles of any framework.  :func:`review_coverage` then reviews one policy the way
the Report 2022 reviewed 22 domestic guidelines: which values to respect it
names, which of the six values newly found in 2022 it names, which principles
of the two Japanese guidelines and which items of the international
frameworks it reflects or misses.  :func:`coverage_matrix` computes the
Report 2022's own table (how many documents name each value) for any corpus
of policy documents.

The rules, stated once:

- A **value is covered** when a policy principle maps to it directly, or maps
  to a catalogue principle that embodies it (``embodies``, whatever its
  qualifier; each link records ``direct``, ``primary`` or ``secondary``).
- A **framework item is reflected** (a principle of ``jp-ai-rd-2017`` or
  ``jp-ai-util-2019``, or a top-level item of another framework) when a policy
  principle maps

  1. to the item itself (``direct``);
  2. to an item that corresponds to it through a curated correspondence found
     by :func:`aigov.crosswalk.find_correspondences` (the catalogue's ``corresponds_to``
     relations and the curated mapping sets), with one of the predicates in
     :data:`REFLECTING_PREDICATES`: ``skos:relatedMatch`` is too loose to
     count (``curated``);
  3. to a value the item embodies as ``primary`` (``value``); or
  4. to a principle that embodies as ``primary`` a value the item also
     embodies as ``primary``: crosswalk's correspondence derived through
     shared values, narrowed to the values both items are mainly about
     (``derived``).

  Secondary values never make an item reflected: a policy about privacy does
  not reflect every principle that mentions privacy in passing.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Annotated, Any, Literal, TypeAlias, TypeVar, Union

from pydantic import Field

from aigov import __version__
from aigov._base import AnyId, DocumentModel, FrozenModel, Short, Slug, Text
from aigov._jsonio import dumps_canonical
from aigov._load import load_document
from aigov._suggest import suggest
from aigov.catalog import Catalog, PackSource, builtin_catalog, load_pack
from aigov.crosswalk import (
    Correspondence,
    MappingIndex,
    find_correspondences,
    load_mappings,
    relation_match,
)
from aigov.errors import MAX_SHOWN, CatalogError, Issue, UnknownIdError, UsageError
from aigov.models import LocalizedText, Principle, RelationKind

__all__ = [
    "COVERAGE_FORMATS",
    "DOMESTIC_GUIDELINES",
    "FRAMEWORKS",
    "GUIDELINES",
    "REFLECTING_PREDICATES",
    "CoverageMatrix",
    "CoverageReport",
    "CoverageVersions",
    "FrameworkCoverage",
    "ItemCoverage",
    "MatrixRow",
    "PolicyDocument",
    "PolicyPrinciple",
    "PolicyRef",
    "PolicySource",
    "ReflectionLink",
    "ValueCoverage",
    "ValueLink",
    "check_policy",
    "coverage",
    "coverage_matrix",
    "iter_policy_issues",
    "load_policy",
    "policy_from_pack",
    "review_coverage",
]

#: How many domestic guidelines the Report 2022 surveyed (the "of 22" of ``domestic_count``).
DOMESTIC_GUIDELINES = 22

#: The two guidelines the Report 2022 reviewed; a report lists their unreflected principles.
GUIDELINES: tuple[str, ...] = ("jp-ai-rd-2017", "jp-ai-util-2019")

#: The other frameworks a report checks (shown in catalogue order; absent ones are skipped).
FRAMEWORKS: tuple[str, ...] = (
    "jp-ai-business-2024",
    "oecd-2019",
    "unesco-2021",
    "eu-hleg-2019",
    "nist-ai-rmf-1.0",
)

#: Curated predicates close enough for a correspondence to make an item reflected.
REFLECTING_PREDICATES: tuple[str, ...] = (
    "skos:exactMatch",
    "skos:closeMatch",
    "skos:broadMatch",
    "skos:narrowMatch",
)

#: Formats :func:`render_coverage` and :func:`render_matrix` write.
COVERAGE_FORMATS = ("json", "markdown", "table")

_Slug = Slug
_Short = Short
_Text = Text


# -- the policy document --------------------------------------------------------------------


class PolicyPrinciple(FrozenModel):
    """One principle of an organisation's AI policy, mapped to the catalogue.

    Attributes:
        id: A slug, unique within the policy.
        title: The principle's heading, in the policy's own words.
        text: Its text or a summary of it.
        maps_to: Catalogue IDs it stands for: values (``jp-values-2022:privacy``)
            and/or principles of any framework (``oecd-2019:transparency``).
    """

    id: _Slug
    title: _Short
    text: _Text
    maps_to: Annotated[tuple[AnyId, ...], Field(min_length=1, max_length=100)]


class PolicyDocument(DocumentModel):
    """An organisation's own AI principles (document kind ``policy``).

    Policy documents are closed: unknown keys are errors, with no ``x-``
    extensions, so a misspelt key never silently drops a mapping.
    """

    kind: Literal["policy"]
    format_version: Literal["1"] = "1"
    id: _Slug
    version: _Short
    organisation: _Short
    title: _Short
    language: Literal["ja", "en"] | None = None
    """The language the policy's own titles and texts are written in."""
    principles: Annotated[tuple[PolicyPrinciple, ...], Field(min_length=1, max_length=1000)]


PolicySource: TypeAlias = Union[PolicyDocument, Mapping[str, Any], str, "os.PathLike[str]", bytes]
"""What :func:`load_policy` accepts: a model, a parsed JSON object, a file path or JSON bytes."""


def _catalog(catalog: Catalog | None) -> Catalog:
    return catalog if catalog is not None else builtin_catalog()


def iter_policy_issues(
    policy: PolicyDocument, *, catalog: Catalog | None = None, source: str | None = None
) -> Iterator[Issue]:
    """Yield every reference problem of ``policy`` against a catalogue, in document order.

    Checks that principle IDs are unique and that every ``maps_to`` entry is a
    value or a principle of the catalogue, listed once per principle.

    Args:
        policy: A validated policy document.
        catalog: The catalogue (default: the built-in one).
        source: Where the policy came from, for the messages.
    """
    cat = _catalog(catalog)
    values = {item.id for item in cat.items("value")}
    pool = [*values, *(item.id for item in cat.items("principle"))]
    hints_left = MAX_SHOWN  # each hint compares with every id: only those shown
    first: dict[str, int] = {}
    for i, principle in enumerate(policy.principles):
        where = f"$.principles[{i}]"
        if principle.id in first:
            yield Issue(
                where + ".id",
                f"duplicate principle id {principle.id!r}, "
                f"already used at $.principles[{first[principle.id]}]",
                "give one of them another id",
                source,
            )
        else:
            first[principle.id] = i
        seen: dict[str, int] = {}
        for j, target in enumerate(principle.maps_to):
            path = f"{where}.maps_to[{j}]"
            if target in seen:
                yield Issue(
                    path,
                    f"{target!r} is already listed at {where}.maps_to[{seen[target]}]",
                    "remove one of them",
                    source,
                )
                continue
            seen[target] = j
            if target not in cat:
                # Among equally close IDs, values first: they are what policies mostly name.
                close = (
                    sorted(suggest(target, pool, limit=10), key=lambda c: c not in values)[:3]
                    if hints_left > 0
                    else []
                )
                hints_left -= 1
                hint = (
                    "did you mean " + " or ".join(repr(c) for c in close) + "?"
                    if close
                    else "map to a value or a principle ('aigov list values', 'aigov list "
                    "principles')"
                )
                yield Issue(path, f"unknown id {target!r}", hint, source)
                continue
            kind = cat.kind_of(target)
            if kind == "subitem":
                parent = target.rsplit("/", 1)[0]
                yield Issue(
                    path,
                    f"{target!r} is a sub-item; policies map to principles and values",
                    f"use its principle {parent!r}",
                    source,
                )
            elif kind not in ("value", "principle"):
                yield Issue(
                    path, f"{target!r} is a {kind}, not a value or a principle", None, source
                )


def check_policy(
    policy: PolicyDocument, *, catalog: Catalog | None = None, source: str | None = None
) -> None:
    """Check a policy's references against a catalogue; raise with every problem.

    Raises:
        CatalogError: Unknown, misplaced or repeated IDs; each issue names the
            JSON path (``$.principles[i].maps_to[j]``) and suggests close IDs.
    """
    issues = list(iter_policy_issues(policy, catalog=catalog, source=source))
    if issues:
        raise CatalogError(issues, source=source)


def load_policy(
    source: PolicySource, *, catalog: Catalog | None = None, name: str | None = None
) -> PolicyDocument:
    """Parse and validate a policy document and check its references.

    Args:
        source: A ``PolicyDocument``, a parsed JSON object, or a file path.
        catalog: The catalogue its IDs must exist in (default: the built-in one).
        name: What to call the document in messages (default: the path).

    Raises:
        FileAccessError: A path cannot be read.
        ParseError: The file is not JSON (with line and column).
        ValidationFailed: The document breaks the policy format; every problem
            is listed with its JSON path.
        CatalogError: It maps to IDs the catalogue does not have (see
            :func:`check_policy`).
        UsageError: ``source`` is none of the accepted types.
    """
    policy, label = load_document(PolicyDocument, source, what="policy", name=name)
    check_policy(policy, catalog=catalog, source=label)
    return policy


# -- results -------------------------------------------------------------------------------


class PolicyRef(FrozenModel):
    """Which policy a result is about."""

    id: str
    version: str
    organisation: str
    title: str
    language: Literal["ja", "en"] | None = None
    principles: int
    """How many principles the policy has."""


class ValueLink(FrozenModel):
    """How one policy principle reaches a value.

    Attributes:
        principle: The policy principle's ID.
        via: The catalogue ID it maps to: the value itself or a principle.
        how: ``direct`` (it maps to the value), else the qualifier of the
            principle's ``embodies`` relation (``primary``, ``secondary``;
            ``embodies`` when the relation has none).
    """

    principle: str
    via: str
    how: str


class ValueCoverage(FrozenModel):
    """One value to respect, with the Report 2022's count and the policy's coverage."""

    id: str
    number: int
    label: LocalizedText
    new_in_2022: bool
    domestic_count: int | None = None
    """How many of the 22 domestic guidelines the Report 2022 found naming it."""
    covered: bool
    by: tuple[ValueLink, ...]


class ReflectionLink(FrozenModel):
    """How one policy principle reflects a framework item (see the module rules).

    Attributes:
        principle: The policy principle's ID.
        via: The catalogue ID it maps to.
        how: ``direct``, ``curated``, ``value`` or ``derived``.
        predicate: For ``curated``: the SKOS predicate, read from the item's side.
        confidence: For ``curated``: the curator's confidence.
        value: For ``value`` and ``derived``: the primary value they share.
    """

    principle: str
    via: str
    how: Literal["direct", "curated", "value", "derived"]
    predicate: str | None = None
    confidence: float | None = None
    value: str | None = None


class ItemCoverage(FrozenModel):
    """A top-level framework item and the policy principles that reflect it."""

    id: str
    number: int
    code: str | None = None
    label: LocalizedText
    reflected: bool
    by: tuple[ReflectionLink, ...]


class FrameworkCoverage(FrozenModel):
    """Which items of one framework a policy reflects and misses, in official order."""

    framework: str
    label: LocalizedText
    items: tuple[ItemCoverage, ...]
    reflected: tuple[str, ...]
    missing: tuple[str, ...]


class CoverageVersions(FrozenModel):
    """Versions and content hashes of everything a result depends on."""

    aigov: str
    policy_format: Literal["1"] = "1"
    catalog: str
    catalog_hash: str
    mappings_hash: str | None = None


_Row = TypeVar("_Row")


def _find(rows: Sequence[_Row], wanted: str, kind: str, key: Callable[[_Row], str]) -> _Row:
    """The row whose ``key`` is ``wanted``, or an error with close matches."""
    for row in rows:
        if key(row) == wanted:
            return row
    raise UnknownIdError(kind, wanted, suggestions=suggest(wanted, [key(row) for row in rows]))


class CoverageReport(FrozenModel):
    """The coverage review of one policy (the result of :func:`coverage`)."""

    kind: Literal["coverage"] = "coverage"
    format_version: Literal["1"] = "1"
    policy: PolicyRef
    values: tuple[ValueCoverage, ...]
    """Every value to respect, in catalogue order."""
    values_covered: tuple[str, ...]
    values_missing: tuple[str, ...]
    new_values_covered: tuple[str, ...]
    """The values newly found in 2022 (17–22) the policy covers."""
    new_values_missing: tuple[str, ...]
    guidelines: tuple[FrameworkCoverage, ...]
    """The principles of the two reviewed guidelines (:data:`GUIDELINES`)."""
    frameworks: tuple[FrameworkCoverage, ...]
    """The top-level items of the other frameworks (:data:`FRAMEWORKS`)."""
    versions: CoverageVersions

    def value(self, value_id: str) -> ValueCoverage:
        """The row of one value.

        Raises:
            UnknownIdError: No such value in the report.
        """
        return _find(self.values, value_id, "value", lambda row: row.id)

    def framework(self, framework_id: str) -> FrameworkCoverage:
        """The coverage of one guideline or framework.

        Raises:
            UnknownIdError: The report does not cover that framework.
        """
        every = (*self.guidelines, *self.frameworks)
        return _find(every, framework_id, "framework", lambda fw: fw.framework)


class MatrixRow(FrozenModel):
    """One value to respect across a corpus of policies."""

    id: str
    number: int
    label: LocalizedText
    new_in_2022: bool
    domestic_count: int | None = None
    cells: tuple[bool, ...]
    """Whether each policy (in the matrix's order) covers the value."""
    count: int
    """How many of the policies cover it."""


class CoverageMatrix(FrozenModel):
    """Values × policies: the Report 2022's domestic table for any corpus."""

    kind: Literal["coverage-matrix"] = "coverage-matrix"
    format_version: Literal["1"] = "1"
    policies: tuple[PolicyRef, ...]
    rows: tuple[MatrixRow, ...]
    totals: tuple[int, ...]
    """How many values each policy covers (in the matrix's order)."""
    versions: CoverageVersions

    def row(self, value_id: str) -> MatrixRow:
        """The row of one value.

        Raises:
            UnknownIdError: No such value in the matrix.
        """
        return _find(self.rows, value_id, "value", lambda row: row.id)


# -- computing -------------------------------------------------------------------------------


def _ref(policy: PolicyDocument) -> PolicyRef:
    return PolicyRef(
        id=policy.id,
        version=policy.version,
        organisation=policy.organisation,
        title=policy.title,
        language=policy.language,
        principles=len(policy.principles),
    )


def _versions(cat: Catalog, index: MappingIndex | None) -> CoverageVersions:
    mappings_hash = None
    if index is not None:
        digest = hashlib.sha256()
        for mset in index.sets:
            dump = mset.model_dump(mode="json", by_alias=True)
            digest.update(dumps_canonical(dump).encode())
        mappings_hash = "sha256:" + digest.hexdigest()
    return CoverageVersions(
        aigov=__version__,
        catalog=cat.version,
        catalog_hash=cat.content_hash,
        mappings_hash=mappings_hash,
    )


def _embodied(cat: Catalog, item_id: str) -> list[tuple[str, str]]:
    """``(value, qualifier)`` for every value an item embodies, in catalogue order."""
    rank = {v: i for i, v in enumerate(cat.values_of(item_id))}
    rels = cat.relations_from(item_id, RelationKind.EMBODIES)
    pairs = {(r.object, r.qualifier or "embodies") for r in rels}
    return sorted(pairs, key=lambda p: (rank.get(p[0], 0), p[1]))


def _value_links(policy: PolicyDocument, cat: Catalog) -> dict[str, list[ValueLink]]:
    links: dict[str, list[ValueLink]] = {}
    seen: set[tuple[str, str, str]] = set()  # (value, principle, via): a set, not a scan
    reached_by: dict[str, list[tuple[str, str]]] = {}
    for principle in policy.principles:
        for target in principle.maps_to:
            reached = reached_by.get(target)
            if reached is None:
                direct = cat.kind_of(target) == "value"
                reached = reached_by[target] = (
                    [(target, "direct")] if direct else _embodied(cat, target)
                )
            for value, how in reached:
                if (value, principle.id, target) not in seen:
                    seen.add((value, principle.id, target))
                    links.setdefault(value, []).append(
                        ValueLink(principle=principle.id, via=target, how=how)
                    )
    return links


class _Reflector:
    """Decides which policy principles reflect a framework item (the module's rules)."""

    def __init__(self, policy: PolicyDocument, cat: Catalog, index: MappingIndex) -> None:
        self.policy = policy
        self.cat = cat
        self.index = index
        self.primary: dict[str, list[str]] = {}
        self.pairs = [(p.id, target) for p in policy.principles for target in p.maps_to]
        self.targets = list(dict.fromkeys(target for _, target in self.pairs))

    def primary_of(self, item_id: str) -> list[str]:
        if item_id not in self.primary:
            self.primary[item_id] = [
                v for v, how in _embodied(self.cat, item_id) if how == "primary"
            ]
        return self.primary[item_id]

    def links(self, item_id: str) -> list[ReflectionLink]:
        curated = {
            c.id: c
            for c in find_correspondences(
                item_id, catalog=self.cat, mappings=self.index, derived=False
            )
            if c.predicate in REFLECTING_PREDICATES
        }
        mine = self.primary_of(item_id)
        # Decide once per distinct target, then list the policy principles that map to it:
        # linear in the policy's mappings, whatever their number.
        made = {target: self._link("", target, item_id, curated, mine) for target in self.targets}
        out: list[ReflectionLink] = []
        for principle, target in self.pairs:
            link = made[target]
            if link is not None:
                out.append(link.model_copy(update={"principle": principle}))
        return out

    def _link(
        self,
        principle: str,
        target: str,
        item_id: str,
        curated: Mapping[str, Correspondence],
        mine: list[str],
    ) -> ReflectionLink | None:
        if target == item_id:
            return ReflectionLink(principle=principle, via=target, how="direct")
        if target in curated:
            corr = curated[target]
            return ReflectionLink(
                principle=principle,
                via=target,
                how="curated",
                predicate=corr.predicate,
                confidence=corr.confidence,
            )
        if self.cat.kind_of(target) == "value":
            if target in mine:
                return ReflectionLink(principle=principle, via=target, how="value", value=target)
            return None
        if item_id.split(":", 1)[0] == target.split(":", 1)[0]:
            return None  # like crosswalk: never derived within one framework
        shared = [v for v in mine if v in self.primary_of(target)]
        if shared:
            return ReflectionLink(principle=principle, via=target, how="derived", value=shared[0])
        return None

    def framework(self, framework_id: str) -> FrameworkCoverage:
        fw = self.cat.framework(framework_id)
        items = []
        for pr in self.cat.filter_principles(framework=framework_id):
            by = self.links(pr.id)
            items.append(
                ItemCoverage(
                    id=pr.id,
                    number=pr.number,
                    code=pr.code,
                    label=pr.label,
                    reflected=bool(by),
                    by=tuple(by),
                )
            )
        return FrameworkCoverage(
            framework=fw.id,
            label=fw.short_label or fw.label,
            items=tuple(items),
            reflected=tuple(i.id for i in items if i.reflected),
            missing=tuple(i.id for i in items if not i.reflected),
        )


def review_coverage(
    policy: PolicySource,
    *,
    catalog: Catalog | None = None,
    mappings: MappingIndex | None = None,
) -> CoverageReport:
    """Review which values, guideline principles and framework items a policy covers.

    The rules for "covered" and "reflected" are those of the module docstring.

    Args:
        policy: A policy document, a parsed JSON object, or a file path.
        catalog: The catalogue (default: the built-in one).
        mappings: Curated mapping sets (default: the built-in ones for ``catalog``).

    Returns:
        Every value with its Report 2022 ``domestic_count`` and whether the
        policy covers it, then the two guidelines and the other frameworks,
        all in catalogue order.

    Raises:
        FileAccessError: A path cannot be read.
        ParseError: The file is not JSON.
        ValidationFailed: The document breaks the policy format.
        CatalogError: It maps to IDs the catalogue does not have.
    """
    cat = _catalog(catalog)
    doc = load_policy(policy, catalog=cat)
    index = mappings if mappings is not None else load_mappings(catalog=cat)
    links = _value_links(doc, cat)
    values = tuple(
        ValueCoverage(
            id=v.id,
            number=v.number,
            label=v.label,
            new_in_2022=v.new_in_2022,
            domestic_count=v.domestic_count,
            covered=v.id in links,
            by=tuple(links.get(v.id, ())),
        )
        for v in cat.values
    )
    reflector = _Reflector(doc, cat, index)
    order = [fw.id for fw in cat.frameworks]  # absent frameworks are skipped
    return CoverageReport(
        policy=_ref(doc),
        values=values,
        values_covered=tuple(v.id for v in values if v.covered),
        values_missing=tuple(v.id for v in values if not v.covered),
        new_values_covered=tuple(v.id for v in values if v.new_in_2022 and v.covered),
        new_values_missing=tuple(v.id for v in values if v.new_in_2022 and not v.covered),
        guidelines=tuple(reflector.framework(fw) for fw in order if fw in GUIDELINES),
        frameworks=tuple(reflector.framework(fw) for fw in order if fw in FRAMEWORKS),
        versions=_versions(cat, index),
    )


def coverage_matrix(
    policies: Iterable[PolicySource], *, catalog: Catalog | None = None
) -> CoverageMatrix:
    """Which of the given policies cover each value to respect, and how many.

    This is the Report 2022's domestic table (22 guidelines × 22 values)
    computed for any corpus; ``domestic_count`` keeps the Report's own count
    beside it for comparison.

    Args:
        policies: Policy documents, parsed JSON objects or paths, at least one;
            columns keep their order.
        catalog: The catalogue (default: the built-in one).

    Raises:
        UsageError: No policy is given, or two share an ID.
        FileAccessError, ParseError, ValidationFailed, CatalogError: As
            :func:`load_policy`.
    """
    cat = _catalog(catalog)
    docs = [load_policy(p, catalog=cat) for p in policies]
    if not docs:
        raise UsageError("a coverage matrix needs at least one policy")
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise UsageError(f"policy id {doc.id!r} is given twice; each column needs its own id")
        seen.add(doc.id)
    covered = [set(_value_links(doc, cat)) for doc in docs]
    rows = []
    for v in cat.values:
        cells = tuple(v.id in c for c in covered)
        rows.append(
            MatrixRow(
                id=v.id,
                number=v.number,
                label=v.label,
                new_in_2022=v.new_in_2022,
                domestic_count=v.domestic_count,
                cells=cells,
                count=sum(cells),
            )
        )
    return CoverageMatrix(
        policies=tuple(_ref(doc) for doc in docs),
        rows=tuple(rows),
        totals=tuple(sum(row.cells[i] for row in rows) for i in range(len(docs))),
        versions=_versions(cat, None),
    )


def coverage(
    policy: PolicySource,
    *,
    catalog: Catalog | None = None,
    mappings: MappingIndex | None = None,
) -> CoverageReport:
    """Deprecated name of :func:`review_coverage` (kept for one release)."""
    warnings.warn(
        "aigov.coverage.coverage() is renamed review_coverage()", DeprecationWarning, stacklevel=2
    )
    return review_coverage(policy, catalog=catalog, mappings=mappings)


# -- a policy from a catalogue pack -----------------------------------------------------------

#: How a pack principle's ``embodies`` relation to a value must be qualified to
#: become a mapping of the policy: a secondary value is mentioned in passing, and
#: never makes anything covered (see the module rules).
_MAPPED_EMBODIES = frozenset({None, "direct", "primary"})

#: Longest title and text of a policy principle (the model's limits).
_MAX_TITLE, _MAX_TEXT = 400, 4000

_SOURCE_WORD = {"ja": "出典", "en": "Source"}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pack_targets(cat: Catalog, principle_id: str, pack_ids: set[str]) -> list[str]:
    """The catalogue IDs outside the pack a pack principle stands for, in catalogue order."""
    targets: set[str] = set()
    for relation in cat.relations_from(principle_id, RelationKind.EMBODIES):
        if relation.qualifier in _MAPPED_EMBODIES:
            targets.add(relation.object)
    ends = [(r, r.object) for r in cat.relations_from(principle_id, RelationKind.CORRESPONDS_TO)]
    ends += [(r, r.subject) for r in cat.relations_to(principle_id, RelationKind.CORRESPONDS_TO)]
    for relation, other in ends:
        if relation_match(relation)[0] in REFLECTING_PREDICATES:
            # A policy maps to principles: a sub-item stands for its principle.
            targets.add(other.rsplit("/", 1)[0] if cat.kind_of(other) == "subitem" else other)
    targets -= pack_ids
    return sorted(targets, key=lambda t: (cat.rank(t), t))


def _pack_text(principle: Principle, lang: Literal["ja", "en"]) -> str:
    lines = [getattr(principle.summary, lang)]
    for item in principle.items:
        line = f"{item.marker or item.number}. {getattr(item.label, lang)}"
        if item.summary is not None:
            line += f": {getattr(item.summary, lang)}"
        lines.append(line)
    source = principle.source
    cited = ", ".join(part for part in (source.document, source.locator, source.url) if part)
    lines.append(f"{_SOURCE_WORD[lang]}: {cited}")
    return _clip("\n".join(lines), _MAX_TEXT)


def policy_from_pack(
    pack: PackSource,
    *,
    framework: str | None = None,
    lang: Literal["ja", "en"] = "ja",
    catalog: Catalog | None = None,
) -> PolicyDocument:
    """Turn a catalogue pack's own principles into a policy document for coverage reviews.

    A company that keeps its principles as a pack (for ``check`` and
    ``explain``) gets the policy :func:`review_coverage` reads from the same
    document. Each principle of the pack's framework, in its official order,
    becomes a policy principle:

    - ``id``: the principle's ID without the framework prefix;
    - ``title``: its label in ``lang``;
    - ``text``: its summary, then one line per sub-item (marker, label,
      summary), then its source (document, locator, URL);
    - ``maps_to``: the catalogue items it stands for, read from the pack's
      relations by the module's rules: the values it ``embodies`` (not those
      qualified ``secondary``), and the principles it ``corresponds_to`` with
      a reflecting predicate (qualifier ``same-topic``; a looser correspondence
      such as ``partial-overlap`` is left out, as coverage would not count
      it). A sub-item stands for its principle. Items of the pack itself are
      left out, so the policy loads against ``catalog`` alone.

    The policy's ``id`` is the framework's, its ``version`` the pack's, its
    ``organisation`` the framework's issuer and its ``title`` the framework's
    label. The result is deterministic: the same pack gives the same policy.

    Args:
        pack: A pack file path, a parsed JSON object, JSON bytes or a
            ``CatalogDocument``.
        framework: The pack's framework to convert; may be left out when the
            pack defines exactly one.
        lang: The language of the policy's titles and texts.
        catalog: The catalogue the pack builds on and the policy maps into
            (default: the built-in one).

    Returns:
        A policy document that :func:`load_policy` accepts with ``catalog``.

    Raises:
        FileAccessError: A path cannot be read.
        ParseError: The file is not JSON.
        ValidationFailed: The pack does not match the catalogue model.
        CatalogError: The pack's references are broken, or one of its
            principles has no relation the policy could map it to (each named
            with its JSON path in the pack).
        UnknownIdError: ``framework`` is not a framework of the pack.
        UsageError: No framework is given and the pack has none or several,
            or the framework has no principles in the pack.
    """
    base = _catalog(catalog)
    doc, label = load_pack(pack)
    cat = base.with_packs(doc)
    defined = [fw.id for fw in doc.frameworks]
    if framework is None:
        if len(defined) != 1:
            found = ", ".join(defined) if defined else "none"
            raise UsageError(f"{label}: say which framework to convert (the pack defines {found})")
        framework = defined[0]
    elif framework not in defined:
        raise UnknownIdError(
            "framework", framework, suggestions=suggest(framework, defined), choices=defined
        )
    fw = next(f for f in doc.frameworks if f.id == framework)
    chosen = sorted(
        ((i, p) for i, p in enumerate(doc.principles) if p.framework == framework),
        key=lambda pair: (pair[1].number, pair[1].id),
    )
    if not chosen:
        raise UsageError(f"{label}: framework {framework!r} has no principles in the pack")
    pack_ids = {p.id for p in doc.principles} | {s.id for p in doc.principles for s in p.items}
    principles: list[dict[str, Any]] = []
    issues: list[Issue] = []
    for i, principle in chosen:
        targets = _pack_targets(cat, principle.id, pack_ids)
        if not targets:
            issues.append(
                Issue(
                    f"$.principles[{i}]",
                    f"{principle.id!r} has nothing a policy can map it to",
                    "add a relation from it: 'embodies' a value (qualifier 'primary'), "
                    "or 'corresponds_to' a principle (qualifier 'same-topic')",
                    label,
                )
            )
            continue
        principles.append(
            {
                "id": principle.id.partition(":")[2],
                "title": _clip(getattr(principle.label, lang), _MAX_TITLE),
                "text": _pack_text(principle, lang),
                "maps_to": targets,
            }
        )
    if issues:
        raise CatalogError(issues, source=label)
    return PolicyDocument.model_validate(
        {
            "kind": "policy",
            "id": fw.id,
            "version": doc.version,
            "organisation": _clip(getattr(fw.issuer, lang), _MAX_TITLE),
            "title": _clip(getattr(fw.label, lang), _MAX_TITLE),
            "language": lang,
            "principles": principles,
        }
    )
