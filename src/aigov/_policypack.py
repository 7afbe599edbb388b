"""Turning a catalogue pack's own principles into a policy document (:func:`policy_from_pack`).

Re-exported by :mod:`aigov.coverage`; the mappings it writes follow that
module's rules, so that a review counts them.
"""

from __future__ import annotations

from typing import Any, Literal

from aigov._coveragemodel import REFLECTING_PREDICATES
from aigov._policy import PolicyDocument
from aigov._suggest import suggest
from aigov.catalog import Catalog, PackSource, builtin_catalog, load_pack
from aigov.crosswalk import relation_match
from aigov.errors import CatalogError, Issue, UnknownIdError, UsageError
from aigov.models import Principle, RelationKind

__all__ = ["policy_from_pack"]

#: How a pack principle's ``embodies`` relation to a value must be qualified to
#: become a mapping of the policy: a secondary value is mentioned in passing, and
#: never makes anything covered (see the rules in :mod:`aigov.coverage`).
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
    base = catalog if catalog is not None else builtin_catalog()
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
