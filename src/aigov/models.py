"""Typed data model of the aigov catalogue.

A catalogue pack is a JSON document (``"kind": "catalog"``) that lists
frameworks (the guideline documents), their principles, the 22 values to
respect, stakeholder roles, good practices, and typed relations between them.
Every model is frozen and rejects unknown keys.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StrictBool, StrictInt, StringConstraints, model_validator

from aigov._base import (
    SLUG,
    AnyId,
    DocumentModel,
    FrameworkId,
    FrozenModel,
    ItemId,
    PartialDate,
    RoleId,
    Short,
    Text,
)

__all__ = [
    "DERIVED_KINDS",
    "FORMAT_VERSION",
    "PRACTICE_ITEM_LABELS",
    "CatalogDocument",
    "Framework",
    "FrameworkId",
    "FrameworkVersion",
    "ItemId",
    "LabelVersion",
    "LocalizedText",
    "PartialDate",
    "Practice",
    "PracticeItem",
    "Principle",
    "Relation",
    "RelationKind",
    "Role",
    "RoleId",
    "Source",
    "SubItem",
    "Value",
    "Verification",
]

#: Version of the catalogue document format (not of the data).
FORMAT_VERSION = "1"

_Text = Text
_Short = Short


class Verification(str, enum.Enum):
    """What a fact rests on.

    ``verified``: its wording or order was seen in the official text or in a
    source that reproduces it, and that source is cited.  ``partial``: seen
    only in a draft, a secondary summary, or in part.  ``interpreted``: not a
    statement of any source but aigov's own curated reading (a principle's
    link to a value, a rule's grounding in a principle); the texts it joins
    carry their own marks.  ``unverified``: not seen in any source (from
    recollection); check it before relying on it.
    """

    VERIFIED = "verified"
    PARTIAL = "partial"
    INTERPRETED = "interpreted"
    UNVERIFIED = "unverified"

    @classmethod
    def weakest(cls, marks: Iterable[Verification]) -> Verification:
        """The mark that claims least: what a fact resting on all of ``marks`` can claim.

        The order, from most to least, is the order of the members; with no
        marks the answer is ``verified`` (nothing weakens it).
        """
        order = list(cls)
        return max(marks, key=order.index, default=cls.VERIFIED)


class LocalizedText(FrozenModel):
    """A text in Japanese and English."""

    ja: _Text
    en: _Text


class Source(FrozenModel):
    """Where an item comes from.

    Attributes:
        document: Key of the source document; for the built-in data, a key of
            the bibliography (:func:`aigov.bibliography.builtin_bibliography`),
            which for a framework's own text is the framework ID.
        locator: Section, principle, page or table inside that document.
        url: Where the document can be read.
        verification: What the item rests on (see :class:`Verification`).
        evidence: Bibliography keys of the texts in which the item was seen:
            the official text or public copies that reproduce it.
        note: Anything a reader should know about the fact's status.
    """

    document: _Short
    locator: _Short | None = None
    url: _Short | None = None
    verification: Verification
    evidence: tuple[_Short, ...] = ()
    note: _Text | None = None


class FrameworkVersion(FrozenModel):
    """A dated version (edition) of a framework (the date may be a year-month)."""

    version: _Short
    date: dt.date | PartialDate
    note: _Text | None = None
    verification: Verification = Verification.VERIFIED


class Framework(FrozenModel):
    """A guideline document, e.g. the AI Utilization Guidelines (2019)."""

    id: FrameworkId
    label: LocalizedText
    short_label: LocalizedText | None = None
    issuer: LocalizedText
    date: dt.date | PartialDate
    url: _Short | None = None
    summary: LocalizedText
    versions: tuple[FrameworkVersion, ...] = ()
    source: Source


class SubItem(FrozenModel):
    """A sub-item of a principle (a 解説 heading such as ア, イ, ウ).

    Its ID is the principle ID, a slash and a letter (``.../privacy/a``).
    """

    id: ItemId
    number: Annotated[StrictInt, Field(ge=1, le=99)]
    marker: _Short | None = None
    code: _Short | None = None
    label: LocalizedText
    summary: LocalizedText | None = None
    source: Source


class LabelVersion(FrozenModel):
    """An earlier heading of an item, with the edition that used it.

    ``Principle.label`` is the current heading; ``history`` keeps the ones a
    revision replaced (e.g. the OECD principles' 2019 headings).
    """

    version: _Short
    date: dt.date | PartialDate
    label: LocalizedText
    note: _Text | None = None


class Principle(FrozenModel):
    """A top-level item of a framework, in official order.

    ``kind`` says what the framework calls it (``principle``, ``value``,
    ``requirement``, ``characteristic``, ``function``, ``recommendation``,
    ``risk-level``...); ``code`` is its official designation (``1.2``,
    ``GOVERN``) where it has one.
    """

    id: ItemId
    framework: FrameworkId
    number: Annotated[StrictInt, Field(ge=1, le=999)]
    kind: Annotated[str, StringConstraints(pattern=rf"^{SLUG}$")] = "principle"
    code: _Short | None = None
    label: LocalizedText
    history: tuple[LabelVersion, ...] = ()
    summary: LocalizedText
    items: tuple[SubItem, ...] = ()
    iri: _Short | None = None
    legal_effect: Literal["classification", "obligation"] | None = None
    """The item is a legal classification (a risk level) or a legal obligation.

    Such an item is reached only by the law's own tests or by curated
    mappings: no correspondence is ever derived to or from it through shared
    values, because resembling a value is no legal test.
    """
    source: Source

    @model_validator(mode="after")
    def _check_ids(self) -> Principle:
        if not self.id.startswith(self.framework + ":"):
            raise ValueError(
                f"id {self.id!r} must start with its framework {self.framework + ':'!r}"
            )
        for item in self.items:
            if not item.id.startswith(self.id + "/"):
                raise ValueError(f"sub-item id {item.id!r} must start with {self.id + '/'!r}")
        return self


class Value(FrozenModel):
    """One of the 22 values to respect found by the Report 2022 review."""

    id: ItemId
    framework: FrameworkId
    number: Annotated[StrictInt, Field(ge=1, le=999)]
    label: LocalizedText
    overseas_label: LocalizedText | None = None
    summary: LocalizedText
    new_in_2022: StrictBool
    domestic_count: Annotated[StrictInt, Field(ge=0)] | None = None
    source: Source


class Role(FrozenModel):
    """A stakeholder role such as ``developer`` or ``consumer-user``."""

    id: RoleId
    label: LocalizedText
    summary: LocalizedText
    frameworks: tuple[FrameworkId, ...] = ()
    code: _Short | None = None
    iri: _Short | None = None
    see_also: tuple[_Short, ...] = ()
    source: Source


class PracticeItem(FrozenModel):
    """One practice under a perspective: a standard or a notable one."""

    id: ItemId
    kind: Literal["standard", "notable"]
    summary: LocalizedText
    source: Source

    @property
    def label(self) -> LocalizedText:
        """The source gives practice items no heading: they are named by their kind."""
        return PRACTICE_ITEM_LABELS[self.kind]


#: How the Report 2022 names its two kinds of practice.
PRACTICE_ITEM_LABELS: dict[str, LocalizedText] = {
    "standard": LocalizedText(ja="参考となる標準的な取組", en="Standard practice"),
    "notable": LocalizedText(ja="特に注目すべき取組", en="Notable practice"),
}


class Practice(FrozenModel):
    """A perspective (観点) of the Report 2022 good practices, with its practices."""

    id: ItemId
    framework: FrameworkId
    number: Annotated[StrictInt, Field(ge=1, le=999)]
    group: Literal["ethics-governance", "focus-area", "human-resources", "supply-chain"]
    label: LocalizedText
    summary: LocalizedText
    items: tuple[PracticeItem, ...] = ()
    source: Source


class RelationKind(str, enum.Enum):
    """The vocabulary of relations between catalogue items.

    ``part_of`` (item to framework) and ``has_item`` (principle to sub-item)
    are derived from the items themselves and never stored as relations.
    """

    ADDRESSES = "addresses"
    """A principle is addressed to a role."""
    EMBODIES = "embodies"
    """A principle embodies one of the values to respect."""
    IMPLEMENTS = "implements"
    """A practice (perspective) puts a principle or value into practice."""
    CORRESPONDS_TO = "corresponds_to"
    """Two principles of different frameworks cover the same ground (symmetric)."""
    PART_OF = "part_of"
    """An item belongs to a framework (derived)."""
    HAS_ITEM = "has_item"
    """A principle has a sub-item (derived)."""


#: Relation kinds derived from the items themselves, never stored.
DERIVED_KINDS = frozenset({RelationKind.PART_OF, RelationKind.HAS_ITEM})


def _relation_schema(schema: dict[str, Any]) -> None:
    # What `Relation._needs_ground` checks, said in JSON Schema too, so that
    # editors and other validators refuse what the loader refuses and offer
    # only the kinds that may be stored.
    stored = [kind.value for kind in RelationKind if kind not in DERIVED_KINDS]
    schema["properties"]["predicate"] = {
        "description": "The relation kind (part_of and has_item are derived, never stored).",
        "enum": stored,
        "type": "string",
    }
    schema["anyOf"] = [
        {"properties": {"source": {"type": "object"}}, "required": ["source"]},
        {"properties": {"rationale": {"type": "string"}}, "required": ["rationale"]},
    ]


class Relation(FrozenModel):
    """A typed, sourced edge between two catalogue items.

    Attributes:
        subject: ID of the item the relation starts from.
        predicate: The relation kind.
        object: ID of the item the relation points to.
        qualifier: A refinement, e.g. ``named`` or ``via-users`` for ``addresses``.
        rationale: Why the relation holds, when no source states it outright.
        source: The text that states it.
    """

    model_config = ConfigDict(json_schema_extra=_relation_schema)

    subject: AnyId
    predicate: RelationKind
    object: AnyId
    qualifier: Annotated[str, StringConstraints(pattern=rf"^{SLUG}$")] | None = None
    rationale: _Text | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _needs_ground(self) -> Relation:
        if self.rationale is None and self.source is None:
            raise ValueError("a relation needs a source or a rationale")
        if self.predicate in DERIVED_KINDS:
            raise ValueError(f"{self.predicate.value!r} is derived from the items; do not store it")
        return self


class CatalogDocument(DocumentModel):
    """A catalogue pack: the built-in data or a user's own extension."""

    kind: Literal["catalog"]
    format_version: Literal["1"] = "1"
    id: FrameworkId
    version: _Short
    title: LocalizedText | None = None
    frameworks: tuple[Framework, ...] = ()
    principles: tuple[Principle, ...] = ()
    values: tuple[Value, ...] = ()
    roles: tuple[Role, ...] = ()
    practices: tuple[Practice, ...] = ()
    relations: tuple[Relation, ...] = ()
