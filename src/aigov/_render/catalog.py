"""Catalogue items and listings as text tables, plain text or JSON (private)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from aigov._choices import LIST_KINDS
from aigov._jsonio import dumps_canonical
from aigov._render import check_lang, table, truncate
from aigov.bibliography import builtin_bibliography, citation_lines
from aigov.catalog import Catalog, Item
from aigov.errors import UsageError
from aigov.models import (
    Framework,
    Practice,
    PracticeItem,
    Principle,
    Relation,
    Role,
    SubItem,
    Value,
)

__all__ = ["LIST_KINDS", "render_item", "render_items"]


def _item_json(catalog: Catalog, item: Item) -> dict[str, Any]:
    kind = catalog.kind_of(item.id)
    data: dict[str, Any] = item.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["kind"] = data.get("kind", kind)
    if kind == "principle":
        data["roles"] = catalog.roles_of(item.id)
        data["values"] = catalog.values_of(item.id)
    return data


def _principle_row(catalog: Catalog, item: Item, lang: str) -> list[str]:
    if isinstance(item, Principle):
        number = item.code or str(item.number)
        return [
            item.id,
            number,
            item.kind,
            getattr(item.label, lang),
            ", ".join(catalog.roles_of(item.id)),
        ]
    assert isinstance(item, SubItem)  # noqa: S101 - listings hold principles and their sub-items
    # A sub-item, shown under its principle with --all.
    marker = item.code or item.marker or str(item.number)
    return [item.id, f"  {marker}", "", "  " + getattr(item.label, lang), ""]


def _framework_row(_catalog: Catalog, item: Item, lang: str) -> list[str]:
    assert isinstance(item, Framework)  # noqa: S101 - listed by kind
    return [item.id, str(item.date), getattr(item.label, lang)]


def _value_row(_catalog: Catalog, item: Item, lang: str) -> list[str]:
    assert isinstance(item, Value)  # noqa: S101 - listed by kind
    count = "" if item.domestic_count is None else f"{item.domestic_count}/22"
    return [
        str(item.number),
        item.id,
        getattr(item.label, lang),
        count,
        "yes" if item.new_in_2022 else "",
    ]


def _role_row(_catalog: Catalog, item: Item, lang: str) -> list[str]:
    assert isinstance(item, Role)  # noqa: S101 - listed by kind
    return [item.id, getattr(item.label, lang), truncate(getattr(item.summary, lang), 60)]


def _practice_row(_catalog: Catalog, item: Item, lang: str) -> list[str]:
    assert isinstance(item, Practice)  # noqa: S101 - listed by kind
    return [str(item.number), item.id, item.group, getattr(item.label, lang)]


_Row = Callable[[Catalog, Item, str], list[str]]
_COLUMNS: dict[str, tuple[list[str], _Row]] = {
    "framework": (["ID", "DATE", "TITLE"], _framework_row),
    "principle": (["ID", "NO.", "KIND", "ITEM", "ROLES"], _principle_row),
    "value": (["NO.", "ID", "VALUE", "DOMESTIC", "NEW IN 2022"], _value_row),
    "role": (["ID", "ROLE", "DEFINITION"], _role_row),
    "practice": (["NO.", "ID", "GROUP", "PERSPECTIVE"], _practice_row),
}


def render_items(
    catalog: Catalog, items: Sequence[Item], kind: str, fmt: str = "table", lang: str = "en"
) -> str:
    """Render a listing of catalogue items of one kind as a ``table`` or ``json``.

    Args:
        catalog: The catalogue the items come from.
        items: The items, in the order to show (principles may be followed by
            their sub-items).
        kind: One of :data:`LIST_KINDS`.
        fmt: ``table`` or ``json`` (each item's JSON, principles with their
            roles and values).
        lang: ``ja`` or ``en``.

    Raises:
        UsageError: Unknown kind, format or language.
    """
    check_lang(lang)
    if kind not in _COLUMNS:
        raise UsageError(f"unknown kind {kind!r} (kinds: {', '.join(LIST_KINDS)})")
    if fmt == "json":
        return dumps_canonical([_item_json(catalog, item) for item in items])
    if fmt != "table":
        raise UsageError(f"unknown format {fmt!r} (formats: json, table)")
    headers, row = _COLUMNS[kind]
    return table(headers, [row(catalog, item, lang) for item in items])


def _qual(rel: Relation) -> str:
    text = f" ({rel.qualifier})" if rel.qualifier else ""
    # What the link rests on, unless verified; a link with only a rationale is aigov's reading.
    mark = rel.source.verification.value if rel.source else "interpreted"
    return text + ("" if mark == "verified" else f" [{mark}]")


_SHOWN = (
    "framework",
    "frameworks",
    "kind",
    "number",
    "code",
    "date",
    "issuer",
    "domestic_count",
    "new_in_2022",
    "iri",
)


def render_item(catalog: Catalog, item_id: str, fmt: str = "text", lang: str = "en") -> str:
    """Render one catalogue item with its relations as ``text`` or ``json``.

    Raises:
        UnknownIdError: No such item (with a did-you-mean).
        UsageError: Unknown format or language.
    """
    check_lang(lang)
    item = catalog.get(item_id)
    kind = catalog.kind_of(item_id)
    outgoing = catalog.relations_from(item_id)
    incoming = catalog.relations_to(item_id)
    if fmt == "json":
        data = _item_json(catalog, item)
        data["relations"] = {
            "outgoing": [r.model_dump(mode="json", exclude_none=True) for r in outgoing],
            "incoming": [r.model_dump(mode="json", exclude_none=True) for r in incoming],
        }
        bib = builtin_bibliography()
        cited = [k for k in (item.source.document, *item.source.evidence) if k in bib]
        if cited:
            # The texts the source cites, resolved, so that JSON readers can follow them too.
            refs = [ref for key in cited for ref in bib.chain(key)]
            data["bibliography"] = {
                ref.key: ref.model_dump(mode="json", exclude_none=True) for ref in refs
            }
        return dumps_canonical(data)
    if fmt != "text":
        raise UsageError(f"unknown format {fmt!r} (formats: json, text)")
    other = "en" if lang == "ja" else "ja"
    lines = [
        f"{item.id}  [{kind}]",
        f"  {getattr(item.label, lang)} / {getattr(item.label, other)}",
    ]
    for attr in _SHOWN:
        value = getattr(item, attr, None)
        if attr == "kind" and value == kind:
            continue  # already in the heading
        if value is not None and value != ():
            shown = getattr(value, lang, value)
            if isinstance(shown, tuple):
                shown = ", ".join(map(str, shown))
            lines.append(f"  {attr}: {shown}")
    for old in getattr(item, "history", ()):
        lines.append(f"  earlier heading ({old.version}, {old.date}): {getattr(old.label, lang)}")
    if item.summary is not None:
        lines.append(f"  summary: {getattr(item.summary, lang)}")
    for sub in getattr(item, "items", ()):
        # Practice items have no heading of their own: their text stands for them.
        text = sub.summary if isinstance(sub, PracticeItem) else sub.label
        lines.append(f"  - {sub.id}: {getattr(text, lang)}")
    src = item.source
    where = ", ".join(x for x in (src.document, src.locator, src.url) if x)
    lines.append(f"  source: {where} [{src.verification.value}]")
    if src.note:
        lines.append(f"  note: {src.note}")
    if src.document in builtin_bibliography() or src.evidence:
        lines.extend(f"  {line}" for line in citation_lines(src, lang=lang))
    lines.extend(f"  -> {rel.predicate.value} {rel.object}" + _qual(rel) for rel in outgoing)
    lines.extend(f"  <- {rel.predicate.value} {rel.subject}" + _qual(rel) for rel in incoming)
    return "\n".join(lines) + "\n"
