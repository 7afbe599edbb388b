"""Answers of a check sheet carried to another framework's items (private).

"Assess once, report everywhere": each answer goes to the items of the target
framework through the curated mappings only (mapping sets and the
catalogue's own correspondences, never those derived through shared values).
Exact and close matches carry the status; broad, narrow and related ones
carry the evidence only, for review. Several answers on one target item: the
worst status wins and the evidence is the union.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from aigov._base import FrozenModel, Status
from aigov.catalog import Catalog
from aigov.crosswalk import MappingIndex, find_correspondences
from aigov.models import LocalizedText

__all__ = [
    "Answer",
    "CarriedAnswer",
    "FrameworkAnswers",
    "TargetItem",
    "carry_to",
    "worst_status",
]

#: Predicates strong enough to carry a status; the others carry evidence for review.
_CARRY_STATUS = ("skos:exactMatch", "skos:closeMatch")
#: Worst first: an open item outweighs an answered one; "not applicable" wins only alone.
_WORST = (None, "no", "partial", "yes", "not-applicable")


def worst_status(statuses: Iterable[Status | None]) -> Status | None:
    """The worst of several answers to one item: an open item outweighs an answered one.

    Unanswered (``None``) is worst, then ``no``, ``partial``, ``yes``;
    ``not-applicable`` wins only when every answer says it.

    Raises:
        ValueError: ``statuses`` is empty.
    """
    return min(statuses, key=_WORST.index)


class CarriedAnswer(FrozenModel):
    """One answer carried to a target item, and the curated mapping behind it."""

    item: str
    """The check-sheet item answered."""
    roles: tuple[str, ...]
    status: Status | None = None
    carries: Literal["status", "review"]
    """``status`` for exact and close matches, ``review`` (evidence only) for the others."""
    source: str
    """The catalogue item the mapping row starts from (the sub-item, or the principle)."""
    predicate: str
    mapping_set: str | None = None
    """The mapping set of the row, or none for a correspondence the catalogue itself states."""
    justification: str | None = None


class TargetItem(FrozenModel):
    """An item of the target framework with what the sheet's answers say about it."""

    id: str
    label: LocalizedText
    status: Status | None = None
    """The worst status carried by an exact or close match (none if only reviews carry)."""
    review: bool
    """Only broad, narrow or related matches reach it: a person must judge it."""
    evidence: tuple[str, ...] = ()
    answers: tuple[CarriedAnswer, ...]


class FrameworkAnswers(FrozenModel):
    """A sheet's answers in one framework's terms, and how much of it they cover."""

    framework: str
    items: tuple[TargetItem, ...]
    """Target items some answer reaches, in the framework's order."""
    unanswered: tuple[str, ...]
    """Target items no answer reaches."""
    coverage: float
    """The share (in percent) of the framework's items that got a status."""


class Answer(FrozenModel):
    """What :func:`carry_to` needs of one check-sheet item."""

    item: str
    roles: tuple[str, ...]
    principle: str
    basis: tuple[str, ...]
    status: Status | None = None
    evidence: str | None = None


def carry_to(
    answers: Iterable[Answer], framework: str, *, catalog: Catalog, mappings: MappingIndex
) -> FrameworkAnswers:
    """Carry answers to the items of ``framework`` through curated mappings only.

    Raises:
        UnknownIdError: ``framework`` is unknown.
    """
    catalog.framework(framework)
    carried: dict[str, list[tuple[CarriedAnswer, str | None]]] = {}
    for answer in answers:
        sources = dict.fromkeys(s for s in (*answer.basis[:1], answer.principle) if s in catalog)
        for source in sources:
            for corr in find_correspondences(
                source, framework, catalog=catalog, mappings=mappings, derived=False
            ):
                strong = corr.predicate in _CARRY_STATUS
                carried.setdefault(corr.id, []).append(
                    (
                        CarriedAnswer(
                            item=answer.item,
                            roles=answer.roles,
                            status=answer.status if strong else None,
                            carries="status" if strong else "review",
                            source=source,
                            predicate=corr.predicate,
                            mapping_set=corr.mapping_set,
                            justification=corr.justification,
                        ),
                        answer.evidence,
                    )
                )
    everything = [
        x.id
        for p in catalog.items("principle", framework=framework)
        for x in (p, *getattr(p, "items", ()))
    ]
    items = []
    for target in sorted(carried, key=catalog.rank):
        rows = carried[target]
        decisive = [a for a, _ in rows if a.carries == "status"]
        items.append(
            TargetItem(
                id=target,
                label=catalog.get(target).label,
                status=worst_status(a.status for a in decisive) if decisive else None,
                review=not decisive,
                evidence=tuple(dict.fromkeys(e for _, e in rows if e)),
                answers=tuple(a for a, _ in rows),
            )
        )
    with_status = sum(1 for i in items if not i.review and i.status is not None)
    return FrameworkAnswers(
        framework=framework,
        items=tuple(items),
        unanswered=tuple(x for x in everything if x not in carried),
        coverage=round(100.0 * with_status / len(everything), 1) if everything else 0.0,
    )
