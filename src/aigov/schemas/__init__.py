"""The bundled JSON Schemas (Draft 2020-12) and validation against them.

Every document kind aigov reads or writes has a schema in
``aigov/schemas/<name>.schema.json``, generated from its pydantic model by
``scripts/generate_schemas.py`` (through :mod:`aigov.schemas._generate`).
Schemas reference each other only through an in-memory :mod:`referencing`
registry: nothing is ever fetched.  This module reads JSON only: it imports
none of the models.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator, Mapping
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from aigov._issues import from_jsonschema
from aigov._jsonio import check_tree, read_document
from aigov._suggest import suggest
from aigov.errors import DocumentError, Issue, UnknownIdError, ValidationFailed

if TYPE_CHECKING:
    import jsonschema
    import referencing

__all__ = [
    "SCHEMAS",
    "SCHEMA_VERSION",
    "check_name",
    "detect_schema",
    "iter_errors",
    "load_schema",
    "schema_id",
    "schema_names",
    "validate",
    "validate_file",
]

#: Version of the schemas; part of every ``$id``.
SCHEMA_VERSION = "1"

#: The bundled schemas: name -> what the document is.
SCHEMAS: dict[str, str] = {
    "assessment": "the result of checking a system profile",
    "catalog": "a catalogue pack (built-in or your own)",
    "checklist": "a check sheet, blank or filled in",
    "mapping-set": "curated correspondences between the items of two frameworks",
    "policy": "an organisation's own AI principles mapped to the catalogue",
    "rule-set": "a set of rules that map profile facts to principles",
    "system-profile": "the facts about one AI system",
}
_KINDS = SCHEMAS


def schema_names() -> list[str]:
    """Names of the bundled schemas, sorted."""
    return sorted(_KINDS)


def schema_id(name: str) -> str:
    """The stable, versioned ``$id`` of schema ``name``."""
    return f"urn:aigov:schema:{name}:{SCHEMA_VERSION}"


def check_name(name: str) -> None:
    """Refuse a schema name that is not bundled (with a did-you-mean or the list).

    Raises:
        UnknownIdError: No schema has that name.
    """
    if name not in _KINDS:
        raise UnknownIdError("schema", name, suggestions=suggest(name, _KINDS), choices=_KINDS)


@functools.cache
def _load(name: str) -> dict[str, Any]:
    text = files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_schema(name: str) -> dict[str, Any]:
    """Return the bundled schema ``name`` (a fresh copy the caller may change).

    Raises:
        UnknownIdError: No schema has that name (with a did-you-mean).
    """
    check_name(name)
    return json.loads(json.dumps(_load(name)))  # type: ignore[no-any-return]


@functools.cache
def _registry() -> referencing.Registry[Any]:
    from referencing import Registry, Resource  # noqa: PLC0415 - lazy heavy import
    from referencing.jsonschema import DRAFT202012  # noqa: PLC0415

    def refuse(uri: str) -> Resource[Any]:
        # Only bundled schemas resolve: no network, no file system.
        from referencing.exceptions import NoSuchResource  # noqa: PLC0415

        raise NoSuchResource(uri)

    resources = [
        (schema_id(name), Resource.from_contents(_load(name), default_specification=DRAFT202012))
        for name in schema_names()
    ]
    return Registry(retrieve=refuse).with_resources(resources)  # type: ignore[call-arg]


@functools.cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    from jsonschema import Draft202012Validator, FormatChecker  # noqa: PLC0415

    return Draft202012Validator(_load(name), registry=_registry(), format_checker=FormatChecker())


def detect_schema(document: object) -> str | None:
    """Name of the schema a document declares, through ``$schema`` or ``kind``."""
    if not isinstance(document, Mapping):
        return None
    declared = document.get("$schema")
    if isinstance(declared, str):
        for name in _KINDS:
            if declared == schema_id(name):
                return name
    kind = document.get("kind")
    if isinstance(kind, str) and kind in _KINDS:
        return kind
    if "profile_version" in document and "system-profile" in _KINDS:
        return "system-profile"
    return None


def _resolve_name(document: object, schema: str | None, source: str | None) -> str:
    if schema is not None:
        check_name(schema)
        return schema
    name = detect_schema(document)
    if name is None:
        raise ValidationFailed(
            [
                Issue(
                    "$",
                    "cannot tell which kind of document this is",
                    "add a 'kind' key, or name the schema (--schema NAME); "
                    "kinds: " + ", ".join(schema_names()),
                )
            ],
            source=source,
        )
    return name


def iter_errors(
    document: object, schema: str | None = None, *, source: str | None = None
) -> Iterator[Issue]:
    """Yield every problem of ``document`` against a bundled schema, sorted by path.

    Args:
        document: A parsed JSON document.
        schema: Schema name; detected from the document when omitted.
        source: Where the document came from, for the messages.

    Raises:
        UnknownIdError: ``schema`` names no bundled schema.
        ValidationFailed: The schema cannot be detected.
    A document that breaks the input policy (nesting, numbers, strings)
    yields that problem alone: it is not checked further.
    """
    name = _resolve_name(document, schema, source)
    # The input policy first: jsonschema would recurse into any depth.
    try:
        check_tree(document, source)
    except DocumentError as err:
        yield from err.issues
        return
    yield from _schema_issues(name, document, source)


def _schema_issues(name: str, document: object, source: str | None) -> list[Issue]:
    instance: Any = document
    return from_jsonschema(
        _validator(name).iter_errors(instance), schema=_load(name), source=source
    )


def validate(document: object, schema: str | None = None, *, source: str | None = None) -> str:
    """Validate ``document``; return the schema name used, or raise with all problems.

    Raises:
        ValidationFailed: The document is invalid; ``issues`` lists every problem.
        UnknownIdError: ``schema`` names no bundled schema.
        LimitError: The document nests too deeply to be checked.
        DocumentError: The document breaks the input policy (numbers, strings).
    """
    name = _resolve_name(document, schema, source)
    check_tree(document, source)  # LimitError or DocumentError, as for every reader
    issues = _schema_issues(name, document, source)
    if issues:
        raise ValidationFailed(issues, source=source)
    return name


def validate_file(path: str | os.PathLike[str], schema: str | None = None) -> str:
    """Read a JSON file and :func:`validate` it; return the schema name used.

    Raises:
        FileAccessError: The file cannot be read.
        ParseError: The file is not JSON (with line and column).
        ValidationFailed: The document is invalid.
    """
    source = os.fspath(path)
    return validate(read_document(path), schema, source=source)
