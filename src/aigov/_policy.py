"""The policy document: an organisation's own AI principles, their loading and reference checks.

Re-exported by :mod:`aigov.coverage`, which reviews what a policy covers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal, TypeAlias, Union

from pydantic import Field

from aigov._base import AnyId, DocumentModel, FrozenModel, Short, Slug, Text
from aigov._load import load_document
from aigov._suggest import suggest
from aigov.catalog import Catalog, builtin_catalog
from aigov.errors import MAX_SHOWN, CatalogError, Issue

__all__ = [
    "PolicyDocument",
    "PolicyPrinciple",
    "PolicySource",
    "check_policy",
    "iter_policy_issues",
    "load_policy",
]

_Slug = Slug
_Short = Short
_Text = Text


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
    cat = catalog if catalog is not None else builtin_catalog()
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
