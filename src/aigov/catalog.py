"""The catalogue: frameworks, principles, values, roles, practices and relations.

:func:`builtin_catalog` loads the packaged data once and caches it;
:func:`load_catalog` adds a user's own packs on top.  A :class:`Catalog`
answers lookups from in-memory indexes and builds its networkx graph on
first use.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar, Union

from aigov._load import load_document
from aigov._suggest import Hints, suggest
from aigov.errors import CatalogError, Issue, UnknownIdError
from aigov.models import (
    CatalogDocument,
    Framework,
    Practice,
    PracticeItem,
    Principle,
    Relation,
    RelationKind,
    Role,
    SubItem,
    Value,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "BUILTIN_PACKS",
    "KINDS",
    "Catalog",
    "Item",
    "ItemKind",
    "PackSource",
    "Predicate",
    "builtin_catalog",
    "load_catalog",
    "load_pack",
]

Item: TypeAlias = Framework | Principle | SubItem | Value | Role | Practice | PracticeItem
ItemKind = Literal[
    "framework", "principle", "subitem", "value", "role", "practice", "practice-item"
]

#: The item kinds, in the order listings use.
KINDS: tuple[ItemKind, ...] = (
    "framework",
    "principle",
    "subitem",
    "value",
    "role",
    "practice",
    "practice-item",
)

# Which kinds each stored relation may connect (subject kinds, object kinds).
_RELATION_ENDS: dict[RelationKind, tuple[frozenset[str], frozenset[str]]] = {
    RelationKind.ADDRESSES: (frozenset({"principle", "subitem"}), frozenset({"role"})),
    RelationKind.EMBODIES: (frozenset({"principle", "subitem"}), frozenset({"value"})),
    RelationKind.IMPLEMENTS: (
        frozenset({"practice", "practice-item"}),
        frozenset({"principle", "subitem", "value"}),
    ),
    RelationKind.CORRESPONDS_TO: (
        frozenset({"principle", "subitem"}),
        frozenset({"principle", "subitem"}),
    ),
}

_T = TypeVar("_T")

Predicate: TypeAlias = RelationKind | str
"""A relation kind given as a :class:`RelationKind` or its value (``"addresses"``)."""

PackSource: TypeAlias = Union[str, "os.PathLike[str]", Mapping[str, Any], CatalogDocument, bytes]
"""What :func:`load_catalog` accepts as a pack: a path, a parsed document or a model."""


@dataclass(frozen=True)
class _Origin:
    source: str
    path: str


def load_pack(pack: PackSource) -> tuple[CatalogDocument, str]:
    """Parse and validate one pack; return it with a name for messages.

    Raises:
        FileAccessError: A path cannot be read.
        ParseError: A file is not JSON.
        ValidationFailed: The pack does not match the catalogue model.
    """
    return load_document(CatalogDocument, pack, what="pack")


def relation_kind(predicate: Predicate) -> RelationKind:
    """The :class:`RelationKind` named by ``predicate`` (a member or its string value).

    Raises:
        UnknownIdError: No relation kind has that name (with a did-you-mean).
    """
    if isinstance(predicate, RelationKind):
        return predicate
    try:
        return RelationKind(predicate)
    except ValueError:
        names = [kind.value for kind in RelationKind]
        raise UnknownIdError(
            "relation kind",
            str(predicate),
            suggestions=suggest(str(predicate), names),
            choices=names,
        ) from None


class Catalog:
    """An immutable, indexed view of one or more catalogue packs.

    Build it with :func:`builtin_catalog` or :func:`load_catalog`.
    """

    def __init__(self, packs: Sequence[tuple[CatalogDocument, str]]) -> None:
        """Index ``packs`` (documents with their source names) and check integrity.

        Raises:
            CatalogError: Duplicate IDs, dangling references, or relations
                between the wrong kinds of items; every problem is listed.
        """
        self._loaded = tuple(packs)
        # Hints for the problems found while building, at a bounded cost.
        self._hints = Hints()
        self._pools: dict[frozenset[str], list[str]] = {}
        self._packs = tuple(doc for doc, _ in packs)
        self._items: dict[str, Item] = {}
        self._kinds: dict[str, ItemKind] = {}
        self._origin: dict[str, _Origin] = {}
        issues: list[Issue] = []

        def add(item: Item, kind: ItemKind, source: str, path: str) -> None:
            if item.id in self._items:
                first = self._origin[item.id]
                issues.append(
                    Issue(
                        path,
                        f"duplicate id {item.id!r}, already defined at "
                        f"{first.source}: {first.path}",
                        "give one of them another id",
                        source,
                    )
                )
                return
            self._items[item.id] = item
            self._kinds[item.id] = kind
            self._origin[item.id] = _Origin(source, path)

        for doc, source in packs:
            for i, fw in enumerate(doc.frameworks):
                add(fw, "framework", source, f"$.frameworks[{i}]")
            for i, pr in enumerate(doc.principles):
                add(pr, "principle", source, f"$.principles[{i}]")
                for j, sub in enumerate(pr.items):
                    add(sub, "subitem", source, f"$.principles[{i}].items[{j}]")
            for i, va in enumerate(doc.values):
                add(va, "value", source, f"$.values[{i}]")
            for i, ro in enumerate(doc.roles):
                add(ro, "role", source, f"$.roles[{i}]")
            for i, pc in enumerate(doc.practices):
                add(pc, "practice", source, f"$.practices[{i}]")
                for j, pi in enumerate(pc.items):
                    add(pi, "practice-item", source, f"$.practices[{i}].items[{j}]")

        self._check_frameworks(issues)
        self._relations = self._check_relations(packs, issues)
        if issues:
            raise CatalogError(issues, source=packs[-1][1] if len(packs) == 1 else None)
        self._index()

    # -- construction helpers -------------------------------------------------

    def _unknown(self, value: str, kinds: Iterable[str]) -> str:
        wanted = frozenset(kinds)
        pool = self._pools.get(wanted)
        if pool is None:
            pool = self._pools[wanted] = [k for k, v in self._kinds.items() if v in wanted]
        expected = " or ".join(sorted(k.replace("subitem", "sub-item") for k in wanted))
        fallback = f"expected the id of a {expected}; define it or fix the id"
        return self._hints(value, pool, fallback) or fallback

    def _check_frameworks(self, issues: list[Issue]) -> None:
        for item_id, kind in self._kinds.items():
            item = self._items[item_id]
            framework = getattr(item, "framework", None)
            if kind in ("principle", "value", "practice") and (
                self._kinds.get(framework or "") != "framework"
            ):
                origin = self._origin[item_id]
                issues.append(
                    Issue(
                        origin.path + ".framework",
                        f"unknown framework {framework!r}",
                        self._unknown(str(framework), ["framework"]),
                        origin.source,
                    )
                )
            for fw in getattr(item, "frameworks", ()):
                if self._kinds.get(fw) != "framework":
                    origin = self._origin[item_id]
                    issues.append(
                        Issue(
                            origin.path + ".frameworks",
                            f"unknown framework {fw!r}",
                            self._unknown(fw, ["framework"]),
                            origin.source,
                        )
                    )

    def _check_relations(
        self, packs: Sequence[tuple[CatalogDocument, str]], issues: list[Issue]
    ) -> tuple[Relation, ...]:
        # The hot loop of a big pack: plain dict and set lookups only.  Enum
        # members hash through Python code, so keys use the predicate's string;
        # paths and messages are built only for the relations that fail.
        kinds = self._kinds
        ends = {kind.value: allowed for kind, allowed in _RELATION_ENDS.items()}
        symmetric = RelationKind.CORRESPONDS_TO.value
        seen: dict[tuple[str, str, str], tuple[str, int]] = {}
        kept: list[Relation] = []
        # The per-item indexes of the lookups are filled in the same pass.
        self._out: dict[str, list[Relation]] = {}
        self._in: dict[str, list[Relation]] = {}
        out_index, in_index = self._out, self._in
        for doc, source in packs:
            for i, rel in enumerate(doc.relations):
                subject, obj, predicate = rel.subject, rel.object, rel.predicate.value
                subject_kinds, object_kinds = ends[predicate]
                if kinds.get(subject) not in subject_kinds or kinds.get(obj) not in object_kinds:
                    self._end_issues(rel, source, f"$.relations[{i}]", issues)
                    continue
                if predicate == symmetric and obj < subject:
                    key = (obj, predicate, subject)  # symmetric: store each pair once
                else:
                    key = (subject, predicate, obj)
                first = seen.get(key)
                if first is not None:
                    issues.append(
                        Issue(
                            f"$.relations[{i}]",
                            f"relation repeats {first[0]}: $.relations[{first[1]}]",
                            "remove one of them",
                            source,
                        )
                    )
                    continue
                seen[key] = (source, i)
                kept.append(rel)
                outgoing = out_index.get(subject)
                if outgoing is None:
                    out_index[subject] = [rel]
                else:
                    outgoing.append(rel)
                incoming = in_index.get(obj)
                if incoming is None:
                    in_index[obj] = [rel]
                else:
                    incoming.append(rel)
        return tuple(kept)

    def _end_issues(self, rel: Relation, source: str, path: str, issues: list[Issue]) -> None:
        """Say why a relation's subject or object is unknown or of the wrong kind."""
        subject_kinds, object_kinds = _RELATION_ENDS[rel.predicate]
        for end, value, allowed in (
            ("subject", rel.subject, subject_kinds),
            ("object", rel.object, object_kinds),
        ):
            kind = self._kinds.get(value)
            if kind is None:
                issues.append(
                    Issue(
                        f"{path}.{end}",
                        f"unknown id {value!r}",
                        self._unknown(value, allowed),
                        source,
                    )
                )
            elif kind not in allowed:
                issues.append(
                    Issue(
                        f"{path}.{end}",
                        f"{rel.predicate.value!r} cannot have a {kind} as {end} "
                        f"({value!r}); expected " + " or ".join(sorted(allowed)),
                        None,
                        source,
                    )
                )

    def _index(self) -> None:
        by_kind: dict[str, list[Any]] = {kind: [] for kind in KINDS}
        for item_id, kind in self._kinds.items():
            by_kind[kind].append(self._items[item_id])
        fw_order = {fw.id: i for i, fw in enumerate(by_kind["framework"])}

        def order(item: Principle | Value | Practice) -> tuple[int, int, str]:
            return (fw_order.get(item.framework, 0), item.number, item.id)

        self._frameworks: tuple[Framework, ...] = tuple(by_kind["framework"])
        self._principles: tuple[Principle, ...] = tuple(sorted(by_kind["principle"], key=order))
        self._values: tuple[Value, ...] = tuple(sorted(by_kind["value"], key=order))
        self._roles: tuple[Role, ...] = tuple(by_kind["role"])
        self._practices: tuple[Practice, ...] = tuple(sorted(by_kind["practice"], key=order))
        ordered: list[Item] = list(self._frameworks)
        for pr in self._principles:
            ordered.append(pr)
            ordered.extend(pr.items)
        ordered.extend(self._values)
        ordered.extend(self._roles)
        for pc in self._practices:
            ordered.append(pc)
            ordered.extend(pc.items)
        self._order: tuple[Item, ...] = tuple(ordered)
        self._rank = {item.id: i for i, item in enumerate(ordered)}
        # Every link, both ways, sorted once: (item, kind, incoming) -> linked ids.
        links: dict[tuple[str, RelationKind, bool], list[str]] = {}
        for rel in self._relations:
            links.setdefault((rel.subject, rel.predicate, False), []).append(rel.object)
            links.setdefault((rel.object, rel.predicate, True), []).append(rel.subject)
        self._links = {key: tuple(self._sorted(ids)) for key, ids in links.items()}

    # -- listings ---------------------------------------------------------------

    @property
    def frameworks(self) -> tuple[Framework, ...]:
        """The frameworks, in pack order."""
        return self._frameworks

    @property
    def principles(self) -> tuple[Principle, ...]:
        """Every principle, in official order (framework, then number)."""
        return self._principles

    @property
    def values(self) -> tuple[Value, ...]:
        """The values to respect, in official order."""
        return self._values

    @property
    def roles(self) -> tuple[Role, ...]:
        """The stakeholder roles, in pack order."""
        return self._roles

    @property
    def practices(self) -> tuple[Practice, ...]:
        """The practice perspectives, in official order."""
        return self._practices

    def order(self) -> tuple[Item, ...]:
        """Every item in official order.

        Frameworks, principles (each followed by its sub-items), values, roles,
        practices (each followed by its items).
        """
        return self._order

    def rank(self, item_id: str) -> int:
        """An item's position in :meth:`order` (for sorting IDs in official order).

        Raises:
            UnknownIdError: No such item.
        """
        self.get(item_id)
        return self._rank[item_id]

    # -- lookups ----------------------------------------------------------------

    @property
    def version(self) -> str:
        """Data version: each pack's ``id@version``, joined by ``+``."""
        return "+".join(f"{doc.id}@{doc.version}" for doc in self._packs)

    @functools.cached_property
    def content_hash(self) -> str:
        """SHA-256 of the JSON of all packs' data, to trace results to the data."""
        digest = hashlib.sha256()
        for doc in self._packs:
            # pydantic-core's JSON of the model: deterministic, and fast on big packs.
            digest.update(doc.model_dump_json(by_alias=True).encode())
            digest.update(b"\n")
        return "sha256:" + digest.hexdigest()

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Every stored relation, in pack order."""
        return self._relations

    def __contains__(self, item_id: object) -> bool:
        """Whether an item with this ID exists."""
        return item_id in self._items

    def __len__(self) -> int:
        """Number of items of every kind."""
        return len(self._items)

    def get(self, item_id: str, kind: ItemKind | None = None) -> Item:
        """Return the item with this ID.

        Args:
            item_id: The ID, e.g. ``jp-ai-util-2019:privacy``.
            kind: If given, the item must be of this kind.

        Raises:
            UnknownIdError: No such item (with close matches as suggestions).
        """
        item = self._items.get(item_id)
        if item is None or (kind is not None and self._kinds[item_id] != kind):
            pool = (
                list(self._items)
                if kind is None
                else [k for k, v in self._kinds.items() if v == kind]
            )
            raise UnknownIdError(
                kind or "id",
                item_id,
                suggestions=suggest(item_id, pool),
                # Listing every ID helps only for the short lists (frameworks, roles).
                choices=pool if kind in ("framework", "role") else (),
                hint=self._pack_hint(item_id),
            )
        return item

    def _pack_hint(self, item_id: str) -> str | None:
        """What to do about an id whose prefix no loaded data uses (a pack's own item)."""
        prefix, colon, _ = item_id.partition(":")
        if not colon or any(i.startswith(prefix + ":") for i in self._items):
            return None
        return (
            f"no loaded catalogue uses the prefix '{prefix}:'; load the pack that defines it "
            "(--pack FILE, or load_catalog(FILE))"
        )

    def kind_of(self, item_id: str) -> ItemKind:
        """The kind of the item with this ID.

        Raises:
            UnknownIdError: No such item.
        """
        self.get(item_id)
        return self._kinds[item_id]

    def frameworks_of(self, item_id: str) -> tuple[str, ...]:
        """The frameworks an item belongs to.

        A principle, value or practice names its framework; a sub-item or a
        practice item belongs to its parent's; a role lists its frameworks
        (or, listing none, belongs to the framework its scoped ID names).

        Raises:
            UnknownIdError: No such item.
        """
        item = self.get(item_id)
        if isinstance(item, (Principle, Value, Practice)):
            return (item.framework,)
        if isinstance(item, Role) and item.frameworks:
            return item.frameworks
        head, colon, _ = item_id.partition(":")
        return (head,) if colon else ()

    def source_of(self, item_id: str) -> tuple[str, str]:
        """The pack (file) and JSON path where an item is defined."""
        self.get(item_id)
        origin = self._origin[item_id]
        return origin.source, origin.path

    def _typed(self, item_id: str, kind: ItemKind, cls: type[_T]) -> _T:
        item = self.get(item_id, kind)
        assert isinstance(item, cls)  # noqa: S101 - narrowed by kind
        return item

    def framework(self, framework_id: str) -> Framework:
        """Return a framework by ID (did-you-mean on a miss)."""
        return self._typed(framework_id, "framework", Framework)

    def principle(self, principle_id: str) -> Principle:
        """Return a principle by ID (did-you-mean on a miss)."""
        return self._typed(principle_id, "principle", Principle)

    def role(self, role_id: str) -> Role:
        """Return a role by ID (did-you-mean on a miss)."""
        return self._typed(role_id, "role", Role)

    def value(self, value_id: str) -> Value:
        """Return a value by ID (did-you-mean on a miss)."""
        return self._typed(value_id, "value", Value)

    def items(self, kind: ItemKind, framework: str | None = None) -> list[Item]:
        """All items of one kind in official order, optionally of one framework.

        Raises:
            UnknownIdError: ``framework`` is not a known framework.
        """
        if framework is not None:
            self.framework(framework)
        result = [item for item in self._order if self._kinds[item.id] == kind]
        if framework is None:
            return result
        return [
            item
            for item in result
            if getattr(item, "framework", None) == framework
            or framework in getattr(item, "frameworks", ())
            or (kind == "subitem" and item.id.startswith(framework + ":"))
            or (kind == "practice-item" and item.id.startswith(framework + ":"))
        ]

    def filter_principles(
        self,
        *,
        framework: str | None = None,
        role: str | None = None,
        value: str | None = None,
    ) -> list[Principle]:
        """Principles in official order, narrowed by framework, addressed role, embodied value.

        Raises:
            UnknownIdError: An argument names an unknown framework, role or value.
        """
        if framework is not None:
            self.framework(framework)
        if role is not None:
            self.role(role)
        if value is not None:
            self.value(value)
        if role is None and value is None:
            return [pr for pr in self._principles if framework in (None, pr.framework)]
        # Narrow through the already ordered links of the role or value; the
        # other one, if given, is a set to test against.
        linked = [
            self._links.get((end, predicate, True), ())
            for end, predicate in ((role, RelationKind.ADDRESSES), (value, RelationKind.EMBODIES))
            if end is not None
        ]
        also = set(linked[1]) if len(linked) > 1 else None
        chosen: list[Principle] = []
        for item_id in linked[0]:
            item = self._items[item_id]
            if not isinstance(item, Principle) or (also is not None and item_id not in also):
                continue
            if framework is None or item.framework == framework:
                chosen.append(item)
        return chosen

    def relations_from(self, item_id: str, predicate: Predicate | None = None) -> list[Relation]:
        """Stored relations whose subject is ``item_id`` (optionally of one kind).

        Raises:
            UnknownIdError: No such item, or no such relation kind.
        """
        self.get(item_id)
        kind = None if predicate is None else relation_kind(predicate)
        return [r for r in self._out.get(item_id, ()) if kind is None or r.predicate is kind]

    def relations_to(self, item_id: str, predicate: Predicate | None = None) -> list[Relation]:
        """Stored relations whose object is ``item_id`` (optionally of one kind).

        Raises:
            UnknownIdError: No such item, or no such relation kind.
        """
        self.get(item_id)
        kind = None if predicate is None else relation_kind(predicate)
        return [r for r in self._in.get(item_id, ()) if kind is None or r.predicate is kind]

    def objects(self, item_id: str, predicate: Predicate) -> list[str]:
        """IDs reached from ``item_id`` by ``predicate``, in catalogue order.

        Args:
            item_id: The subject.
            predicate: A :class:`RelationKind` or its value (``"addresses"``).

        Raises:
            UnknownIdError: No such item, or no such relation kind.
        """
        self.get(item_id)
        return list(self._links.get((item_id, relation_kind(predicate), False), ()))

    def subjects(self, item_id: str, predicate: Predicate) -> list[str]:
        """IDs that reach ``item_id`` by ``predicate``, in catalogue order.

        Raises:
            UnknownIdError: No such item, or no such relation kind.
        """
        self.get(item_id)
        return list(self._links.get((item_id, relation_kind(predicate), True), ()))

    def roles_of(self, principle_id: str) -> list[str]:
        """Role IDs a principle addresses."""
        return self.objects(principle_id, RelationKind.ADDRESSES)

    def values_of(self, principle_id: str) -> list[str]:
        """Value IDs a principle embodies."""
        return self.objects(principle_id, RelationKind.EMBODIES)

    def principles_embodying(self, value_id: str) -> list[str]:
        """Principle IDs that embody a value."""
        self.value(value_id)
        return self.subjects(value_id, RelationKind.EMBODIES)

    def principles_addressing(self, role_id: str) -> list[str]:
        """Principle IDs addressed to a role."""
        self.role(role_id)
        return self.subjects(role_id, RelationKind.ADDRESSES)

    def corresponding(self, principle_id: str) -> list[str]:
        """Principles of other frameworks that correspond to this one (both directions)."""
        ids = self.objects(principle_id, RelationKind.CORRESPONDS_TO)
        ids += self.subjects(principle_id, RelationKind.CORRESPONDS_TO)
        return self._sorted(ids)

    def _sorted(self, ids: Iterable[str]) -> list[str]:
        return sorted(set(ids), key=lambda i: (self._rank.get(i, 1 << 30), i))

    def with_packs(self, *packs: PackSource) -> Catalog:
        """A new catalogue: this one with ``packs`` added (this one is unchanged).

        A pack whose ``id`` equals one already here replaces it in place.

        Raises:
            FileAccessError: A pack file cannot be read.
            ParseError: A pack file is not JSON.
            ValidationFailed: A pack does not match the model.
            CatalogError: Duplicate IDs, dangling references, or wrong relation
                ends; each issue names the file and JSON path.
        """
        loaded = {doc.id: (doc, source) for doc, source in self._loaded}
        for doc, source in map(load_pack, packs):
            loaded[doc.id] = (doc, source)
        return Catalog(list(loaded.values()))

    # -- graph and export -------------------------------------------------------

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The catalogue as a networkx ``MultiDiGraph`` (built on first use).

        See :mod:`aigov.graph` for the node and edge vocabulary.
        """
        from aigov.graph import build_graph  # noqa: PLC0415 - networkx is imported lazily

        return build_graph(self)

    def to_document(self) -> CatalogDocument:
        """Merge every pack into one catalogue document (official order)."""
        version = self.version or "empty"
        if len(version) > _MAX_VERSION:
            # Many packs (or long versions): name the merge by a digest of its parts.
            version = "merged-" + hashlib.sha256(version.encode()).hexdigest()[:16]
        return CatalogDocument(
            kind="catalog",
            id="merged",
            version=version,
            frameworks=self.frameworks,
            principles=self.principles,
            values=self.values,
            roles=self.roles,
            practices=self.practices,
            relations=self._relations,
        )


#: Longest ``version`` of a catalogue document (the model's limit for short text).
_MAX_VERSION = 400

#: Built-in packs in the order listings use: the Japanese guidelines first.
BUILTIN_PACKS = (
    "jp-guidelines",
    "jp-values-2022",
    "jp-practices-2022",
    "jp-ai-business-2024",
    "oecd-2019",
    "unesco-2021",
    "eu-hleg-2019",
    "nist-ai-rmf-1.0",
    "eu-ai-act-2024",
    "airo",
)


def _builtin_files() -> list[tuple[str, bytes]]:
    folder = files("aigov.data").joinpath("catalog")
    present = {
        entry.name[: -len(".json")]: entry
        for entry in folder.iterdir()
        if entry.name.endswith(".json") and not entry.name.startswith(".")
    }
    # Listed packs in their order, then any other shipped file by name.
    names = [n for n in BUILTIN_PACKS if n in present]
    names += sorted(n for n in present if n not in BUILTIN_PACKS)
    return [(f"aigov/data/catalog/{n}.json", present[n].read_bytes()) for n in names]


@functools.cache
def _builtin_packs() -> tuple[tuple[CatalogDocument, str], ...]:
    # Shipped data is validated by the test suite; this fast path parses and
    # validates in one step inside pydantic-core.
    return tuple(
        (CatalogDocument.model_validate_json(data), name) for name, data in _builtin_files()
    )


@functools.cache
def builtin_catalog() -> Catalog:
    """The packaged catalogue, loaded on first call and cached for the process."""
    return Catalog(_builtin_packs())


def load_catalog(*packs: PackSource, builtin: bool = True) -> Catalog:
    """Load user packs on top of (or instead of) the built-in catalogue.

    Args:
        packs: Paths to JSON files, parsed documents, or ``CatalogDocument`` models.
            A pack whose ``id`` equals an earlier pack's (built-in or given)
            replaces that pack.
        builtin: Start from the built-in catalogue (default) or from nothing.

    Raises:
        FileAccessError: A pack file cannot be read.
        ParseError: A pack file is not JSON.
        ValidationFailed: A pack does not match the model.
        CatalogError: Duplicate IDs, dangling references, or wrong relation ends;
            each issue names the file and JSON path.
    """
    if not packs and builtin:
        return builtin_catalog()
    if builtin:
        return builtin_catalog().with_packs(*packs)
    return Catalog([]).with_packs(*packs)
