"""What a coverage review counts and returns: its constants and result models.

Re-exported by :mod:`aigov.coverage`, whose docstring states the rules these
results follow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, TypeVar

from aigov._base import FrozenModel
from aigov._suggest import suggest
from aigov.errors import UnknownIdError
from aigov.models import LocalizedText

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
    "PolicyRef",
    "ReflectionLink",
    "ValueCoverage",
    "ValueLink",
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
