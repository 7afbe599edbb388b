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

This module computes reviews and matrices; it re-exports the rest, which
lives in private modules: the policy document with its loading and reference
checks (``_policy``), the constants and result models (``_coveragemodel``) and
the conversion of a catalogue pack into a policy (``_policypack``).
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable, Mapping

from aigov import __version__
from aigov._coveragemodel import (
    COVERAGE_FORMATS,
    DOMESTIC_GUIDELINES,
    FRAMEWORKS,
    GUIDELINES,
    REFLECTING_PREDICATES,
    CoverageMatrix,
    CoverageReport,
    CoverageVersions,
    FrameworkCoverage,
    ItemCoverage,
    MatrixRow,
    PolicyRef,
    ReflectionLink,
    ValueCoverage,
    ValueLink,
)
from aigov._jsonio import dumps_canonical
from aigov._policy import (
    PolicyDocument,
    PolicyPrinciple,
    PolicySource,
    check_policy,
    iter_policy_issues,
    load_policy,
)
from aigov._policypack import policy_from_pack
from aigov.catalog import Catalog, builtin_catalog
from aigov.crosswalk import Correspondence, MappingIndex, find_correspondences, load_mappings
from aigov.errors import UsageError
from aigov.models import RelationKind

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
    cat = catalog if catalog is not None else builtin_catalog()
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
    cat = catalog if catalog is not None else builtin_catalog()
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
