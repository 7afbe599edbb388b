"""The bundled JSON Schemas (Draft 2020-12) and validation against them.

Every document kind aigov reads or writes has a schema in
``aigov/schemas/<name>.schema.json``, generated from its pydantic model by
``scripts/generate_schemas.py`` (through :mod:`aigov.schemas._generate`).
Schemas reference each other only through an in-memory :mod:`referencing`
registry: nothing is ever fetched.  This module reads JSON only: it imports
none of the models.

Each schema's ``$id`` is an HTTPS identifier under the project's base with
the format version (:func:`schema_id`).  A document may name its schema in
``$schema``: by that identifier, or by a relative path or ``file:`` URL to a
copy of an aigov schema on disk (what ``aigov schema --all -o DIR`` writes,
and what editors are pointed at).  The identifiers of earlier versions
(``urn:aigov:schema:NAME:1``) are still understood, with a warning.
"""

from __future__ import annotations

import functools
import json
import os
import re
import stat
import warnings
from collections.abc import Iterable, Iterator, Mapping
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from aigov._issues import from_jsonschema
from aigov._jsonio import (
    check_tree,
    dumps_canonical,
    json_path,
    parse_json,
    read_document,
    read_limited,
)
from aigov._suggest import suggest
from aigov.errors import (
    AigovError,
    DocumentError,
    Issue,
    OutdatedIdentifierWarning,
    UnknownIdError,
    ValidationFailed,
)
from aigov.namespaces import OLD_URN
from aigov.namespaces import SCHEMAS as SCHEMA_BASE

if TYPE_CHECKING:
    import jsonschema
    import referencing

    from aigov.profile import FactSpec

__all__ = [
    "CATALOG_FILE",
    "SCHEMAS",
    "SCHEMA_VERSION",
    "check_name",
    "detect_schema",
    "iter_errors",
    "load_schema",
    "schema_catalog",
    "schema_file_name",
    "schema_files",
    "schema_id",
    "schema_names",
    "system_profile_schema",
    "validate",
    "validate_file",
]

#: Version of the schemas; part of every ``$id``.
SCHEMA_VERSION = "1"

#: The file :func:`schema_files` writes the SchemaStore-style catalog to.
CATALOG_FILE = "schema-catalog.json"

#: The bundled schemas: name -> what the document is.
SCHEMAS: dict[str, str] = {
    "assessment": "the result of checking a system profile",
    "catalog": "a catalogue pack (built-in or your own)",
    "checklist": "a check sheet, blank or filled in",
    "classification": "the EU AI Act triage of a system profile",
    "gap-report": "what remains open on a filled check sheet, and the release gate's verdict",
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
    """The stable, versioned ``$id`` of schema ``name``.

    An HTTPS identifier under the project's base, e.g.
    ``https://w3id.org/aigov/schema/1/system-profile.schema.json``.  It names
    the schema; aigov never fetches it.
    """
    return f"{SCHEMA_BASE}{SCHEMA_VERSION}/{schema_file_name(name)}"


def schema_file_name(name: str) -> str:
    """The file name of schema ``name`` in a folder of schemas (``NAME.schema.json``)."""
    return f"{name}.schema.json"


def _old_id(name: str) -> str:
    # The identifiers of the schemas before they moved under the HTTPS base.
    return f"{OLD_URN}schema:{name}:{SCHEMA_VERSION}"


def check_name(name: str) -> None:
    """Refuse a schema name that is not bundled (with a did-you-mean or the list).

    Raises:
        UnknownIdError: No schema has that name.
    """
    if name not in _KINDS:
        raise UnknownIdError("schema", name, suggestions=suggest(name, _KINDS), choices=_KINDS)


@functools.cache
def _load(name: str) -> dict[str, Any]:
    text = files(__name__).joinpath(schema_file_name(name)).read_text(encoding="utf-8")
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


def schema_catalog() -> dict[str, Any]:
    """The bundled schemas as a catalog in the SchemaStore format.

    Editors and tools that read SchemaStore catalogs find each schema by its
    ``$id`` (``url``), with its name and what the document is.
    """
    return {
        "$schema": "https://json.schemastore.org/schema-catalog.json",
        "version": 1,
        "schemas": [
            {
                "name": f"aigov {name}",
                "description": f"aigov {name} document: {_KINDS[name]}",
                "url": schema_id(name),
            }
            for name in schema_names()
        ],
    }


def schema_files() -> dict[str, str]:
    """Every bundled schema and the catalog, as canonical JSON text by file name.

    What ``aigov schema --all -o DIR`` writes: ``NAME.schema.json`` for each
    schema and :data:`CATALOG_FILE`.  A document in or below the folder can
    name its schema by a relative path to one of these files.
    """
    texts = {schema_file_name(name): dumps_canonical(_load(name)) for name in schema_names()}
    texts[CATALOG_FILE] = dumps_canonical(schema_catalog())
    return texts


def _fact_schema(spec: FactSpec) -> dict[str, Any]:
    """The schema of one declared fact's value (``null`` is "unstated")."""
    node: dict[str, Any]
    if spec.kind == "bool":
        node = {"type": ["boolean", "null"]}
    elif spec.kind == "enum":
        node = {"enum": [*spec.choices, None]}
    elif spec.kind == "list":
        node = {
            "type": ["array", "null"],
            "items": {"enum": list(spec.choices)},
            "uniqueItems": True,
            "maxItems": len(spec.choices),
        }
    else:
        node = {"type": ["string", "null"], "maxLength": 4000}
    words = [spec.description.get(lang) for lang in ("en", "ja")]
    node["description"] = "\n\n".join(w for w in words if w)
    if spec.label.get("en"):
        node["title"] = spec.label["en"]
    return node


def system_profile_schema(facts: Iterable[FactSpec] = ()) -> dict[str, Any]:
    """The system-profile schema, extended with the custom facts rule sets declare.

    Each declared (``x-``) fact becomes a property of the profile or of its
    object (``deployment.x-model-hosting`` in ``deployment``) with its type,
    allowed values and description; built-in facts in ``facts`` change
    nothing.  Without declared facts this is the bundled schema.  The
    extended schema has no ``$id``: it is not the bundled one, and names the
    rule sets in its description.  The result is the same for the same facts.

    Args:
        facts: Fact specs, e.g. ``facts_for(rules).values()``
            (:func:`aigov.rules.facts_for`).

    Returns:
        A fresh JSON Schema (Draft 2020-12) the caller may change.
    """
    schema = load_schema("system-profile")
    declared = [spec for spec in facts if spec.attrs[-1].startswith("x-")]
    if not declared:
        return schema
    del schema["$id"]
    by = sorted({spec.declared_by for spec in declared if spec.declared_by})
    schema["title"] += " with custom facts"
    schema["description"] += " (with the custom facts of the rule sets " + ", ".join(by) + ")"
    for spec in declared:
        target = schema
        for attr in spec.attrs[:-1]:
            ref = target["properties"][attr]["$ref"]
            target = schema["$defs"][ref.removeprefix("#/$defs/")]
        target.setdefault("properties", {})[spec.attrs[-1]] = _fact_schema(spec)
    return schema


_WHERE = json_path(["$schema"])
# A URI scheme of two letters or more (one letter is a Windows drive).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def _by_id(declared: str) -> str | None:
    """The schema an identifier names (current or old), warning about an old one."""
    for name in _KINDS:
        if declared == schema_id(name):
            return name
        if declared == _old_id(name):
            warnings.warn(
                f"$schema {declared!r} is an identifier of an earlier aigov version; "
                f"write {schema_id(name)!r} instead",
                OutdatedIdentifierWarning,
                stacklevel=2,
            )
            return name
    return None


def _local_path(declared: str, base: str | os.PathLike[str] | None) -> Path | None:
    """The file a ``$schema`` path or ``file:`` URL names, or None for another URI."""
    if declared.lower().startswith("file:"):
        path = Path(url2pathname(unquote(urlsplit(declared).path)))
    elif _SCHEME.match(declared):
        return None
    else:
        path = Path(declared)
    if not path.is_absolute():
        path = Path(base if base is not None else ".") / path
    # '..' is resolved by name, as editors resolve a relative URL, not through links.
    return Path(os.path.normpath(path))


def _from_file(path: Path, declared: str) -> tuple[str | None, Issue | None]:
    """The bundled schema a local schema file is a copy of, or the issue with it."""
    # Only regular files: a device or a pipe named in a document must not block a read.
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError:
        regular = False
    if not regular:
        return None, Issue(
            _WHERE,
            f"$schema {declared!r} names {os.fspath(path)!r}, which is not a file",
            "write the schemas with 'aigov schema --all -o DIR' and give a path to one of them",
        )
    try:
        local = parse_json(read_limited(path), source=os.fspath(path))
    except AigovError as err:
        return None, Issue(_WHERE, f"$schema {declared!r} cannot be read: {err}", None)
    local_id = local.get("$id") if isinstance(local, Mapping) else None
    name = _by_id(local_id) if isinstance(local_id, str) else None
    if name is None:
        return None, Issue(
            _WHERE,
            f"$schema {declared!r} is not one of aigov's schemas (its $id is {local_id!r})",
            "write them with 'aigov schema --all -o DIR'",
        )
    if local != _load(name):
        return None, Issue(
            _WHERE,
            f"$schema {declared!r} differs from this aigov's {name!r} schema, so editors "
            "and aigov would not check the same rules",
            "write the schemas again with 'aigov schema --all -o DIR'",
        )
    return name, None


def _declared(
    declared: str, base: str | os.PathLike[str] | None
) -> tuple[str | None, Issue | None]:
    """The schema a ``$schema`` value names, or the issue why it names none aigov has."""
    name = _by_id(declared)
    if name is not None:
        return name, None
    path = _local_path(declared, base)
    if path is not None:
        return _from_file(path, declared)
    return None, Issue(
        _WHERE,
        f"$schema {declared!r} is not one of aigov's schema identifiers, and aigov "
        "never fetches schemas from the network",
        f"use {schema_id('NAME')!r} (NAME: {', '.join(schema_names())}), or a path to a "
        "file written by 'aigov schema --all -o DIR'",
    )


def detect_schema(
    document: object,
    *,
    base: str | os.PathLike[str] | None = None,
    source: str | None = None,
) -> str | None:
    """Name of the schema a document declares, through ``$schema`` or ``kind``.

    ``$schema`` may be a schema's identifier (an old ``urn:aigov:schema:``
    one too, with an :class:`~aigov.errors.OutdatedIdentifierWarning`), or a
    relative path or ``file:`` URL to a copy of an aigov schema on disk.
    Nothing is fetched from the network.

    Args:
        document: A parsed JSON document.
        base: The folder a relative ``$schema`` path starts from (the
            document's own folder; default: the current directory).
        source: Where the document came from, for the messages.

    Returns:
        The schema name, or None when the document declares none.

    Raises:
        ValidationFailed: ``$schema`` names no aigov schema (an unknown
            identifier, a missing file, a file that is not an aigov schema or
            differs from the bundled one), or a different kind than ``kind``.
    """
    if not isinstance(document, Mapping):
        return None
    kind = document.get("kind")
    declared = document.get("$schema")
    if isinstance(declared, str):
        name, issue = _declared(declared, base)
        if issue is None and isinstance(kind, str) and kind != name:
            issue = Issue(
                _WHERE,
                f"$schema names the {name!r} schema but 'kind' is {kind!r}",
                "make them name the same kind of document, or remove $schema",
            )
        if issue is not None:
            raise ValidationFailed([issue], source=source)
        return name
    if isinstance(kind, str) and kind in _KINDS:
        return kind
    if "profile_version" in document and "system-profile" in _KINDS:
        return "system-profile"
    return None


def _resolve_name(
    document: object,
    schema: str | None,
    source: str | None,
    base: str | os.PathLike[str] | None = None,
) -> str:
    if schema is not None:
        check_name(schema)
        return schema
    name = detect_schema(document, base=base, source=source)
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
    document: object,
    schema: str | None = None,
    *,
    source: str | None = None,
    base: str | os.PathLike[str] | None = None,
) -> Iterator[Issue]:
    """Yield every problem of ``document`` against a bundled schema, sorted by path.

    Args:
        document: A parsed JSON document.
        schema: Schema name; detected from the document when omitted.
        source: Where the document came from, for the messages.
        base: The folder a relative ``$schema`` path starts from.

    Raises:
        UnknownIdError: ``schema`` names no bundled schema.
        ValidationFailed: The schema cannot be detected, or ``$schema``
            cannot be honoured (see :func:`detect_schema`).

    A document that breaks the input policy (nesting, numbers, strings)
    yields that problem alone: it is not checked further.
    """
    name = _resolve_name(document, schema, source, base)
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


def validate(
    document: object,
    schema: str | None = None,
    *,
    source: str | None = None,
    base: str | os.PathLike[str] | None = None,
) -> str:
    """Validate ``document``; return the schema name used, or raise with all problems.

    Args:
        document: A parsed JSON document.
        schema: Schema name; detected from ``$schema`` or ``kind`` when omitted
            (see :func:`detect_schema`).
        source: Where the document came from, for the messages.
        base: The folder a relative ``$schema`` path starts from.

    Raises:
        ValidationFailed: The document is invalid; ``issues`` lists every problem.
        UnknownIdError: ``schema`` names no bundled schema.
        LimitError: The document nests too deeply to be checked.
        DocumentError: The document breaks the input policy (numbers, strings).
    """
    name = _resolve_name(document, schema, source, base)
    check_tree(document, source)  # LimitError or DocumentError, as for every reader
    issues = _schema_issues(name, document, source)
    if issues:
        raise ValidationFailed(issues, source=source)
    return name


def validate_file(path: str | os.PathLike[str], schema: str | None = None) -> str:
    """Read a JSON file and :func:`validate` it; return the schema name used.

    A relative ``$schema`` path in the file starts from the file's folder.

    Raises:
        FileAccessError: The file cannot be read.
        ParseError: The file is not JSON (with line and column).
        ValidationFailed: The document is invalid.
    """
    source = os.fspath(path)
    return validate(read_document(path), schema, source=source, base=Path(source).parent)
