"""Generating the bundled schemas from the models (private; for the script and tests).

``scripts/generate_schemas.py`` writes what :func:`generate_schema` returns;
the golden test in ``tests/test_schemas.py`` fails while a bundled schema is
stale.  Runtime code never imports this module.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from aigov.assess import Assessment
from aigov.checklist import Checklist, GapReport
from aigov.coverage import PolicyDocument
from aigov.crosswalk import MappingSet
from aigov.models import CatalogDocument
from aigov.profile import SystemProfile
from aigov.rules import RuleSet
from aigov.schemas import SCHEMAS, check_name, schema_id
from aigov.triage import Classification

__all__ = ["MODELS", "generate_schema", "plain_docstring"]

#: The model each bundled schema is generated from.
MODELS: dict[str, type[BaseModel]] = {
    "assessment": Assessment,
    "catalog": CatalogDocument,
    "checklist": Checklist,
    "classification": Classification,
    "gap-report": GapReport,
    "mapping-set": MappingSet,
    "policy": PolicyDocument,
    "rule-set": RuleSet,
    "system-profile": SystemProfile,
}


def generate_schema(name: str) -> dict[str, Any]:
    """Generate schema ``name`` from its pydantic model (the single source of truth).

    Descriptions come from the models' docstrings, made plain text for editor
    hovers: reStructuredText literals and roles lose their markup, lines of a
    paragraph are joined, and an ``Attributes:`` section becomes the
    descriptions of the properties it names.

    Raises:
        UnknownIdError: No schema has that name.
    """
    check_name(name)
    body = MODELS[name].model_json_schema(by_alias=True, mode="validation")
    head: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(name),
        "title": f"aigov {name} document",
        "description": SCHEMAS[name],
    }
    body.pop("title", None)
    body.pop("description", None)
    schema = {**head, **body}
    _plain_descriptions(schema)
    _drop_unused_defs(schema)
    return schema


# Google-style section headings in a docstring: the end of its prose.
_SECTION = re.compile(r"^(?:Attributes|Args|Arguments|Returns|Raises|Yields|Examples?|Notes?):$")
_ENTRY = re.compile(r"^(\w+)(?: \([^)]*\))?: (.*)$")
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def _unmark(text: str) -> str:
    """Plain text: no reStructuredText markup, one line per paragraph."""
    text = _LITERAL.sub(r"\1", _ROLE.sub(r"\1", text))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(p for p in paragraphs if p)


def plain_docstring(doc: str) -> tuple[str, dict[str, str]]:
    """Split a docstring into plain prose and the entries of its ``Attributes:`` section.

    Args:
        doc: A docstring as pydantic puts it in a schema (already dedented).

    Returns:
        The prose before the first section, and ``{name: description}`` of
        the ``Attributes:`` entries (both plain text).
    """
    prose: list[str] = []
    entries: dict[str, list[str]] = {}
    section: str | None = None
    current: list[str] | None = None
    for line in doc.splitlines():
        if not line.startswith(" ") and _SECTION.match(line.strip()):
            section, current = line.strip()[:-1], None
            continue
        if section is None:
            prose.append(line)
        elif section == "Attributes":
            entry = _ENTRY.match(line.strip()) if line.startswith("    ") else None
            if entry is not None and not line.startswith("     "):
                current = entries.setdefault(entry.group(1), [])
                current.append(entry.group(2))
            elif current is not None:
                current.append(line)
    attributes = {key: _unmark("\n".join(lines)) for key, lines in entries.items()}
    return _unmark("\n".join(prose)), attributes


def _plain_descriptions(node: object) -> None:
    if isinstance(node, list):
        for item in node:
            _plain_descriptions(item)
        return
    if not isinstance(node, dict):
        return
    description = node.get("description")
    if isinstance(description, str):
        node["description"], attributes = plain_docstring(description)
        for key, text in attributes.items():
            prop = node.get("properties", {}).get(key)
            if isinstance(prop, dict) and "description" not in prop:
                prop["description"] = text
    for value in node.values():
        _plain_descriptions(value)


def _drop_unused_defs(schema: dict[str, Any]) -> None:
    """Remove definitions no ``$ref`` reaches (a model's schema hook may replace a ref)."""
    defs: dict[str, Any] = schema.get("$defs", {})
    reached: set[str] = set()
    todo: list[object] = [{k: v for k, v in schema.items() if k != "$defs"}]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.removeprefix("#/$defs/")
                if name not in reached:
                    reached.add(name)
                    todo.append(defs.get(name))
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    for name in set(defs) - reached:
        del defs[name]
