"""Any aigov document, checked whole: its schema, then what the schema cannot say.

:func:`check_document` is what ``aigov validate`` runs on each file.  After
the JSON Schema, each kind gets the checks only the library can make: a
catalogue pack must fit on the catalogue (no duplicate or dangling IDs), a
rule set must compile against it, a mapping set's rows and a policy's
mappings must name its items, a check sheet's items must name its principles
and roles, a profile must not repeat a key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aigov._jsonio import read_document
from aigov.assess import load_assessment
from aigov.catalog import Catalog, builtin_catalog
from aigov.checklist import load_checklist
from aigov.coverage import load_policy
from aigov.crosswalk import load_mappings
from aigov.profile import load_profile
from aigov.rules import compile_rules
from aigov.schemas import detect_schema, validate

__all__ = ["check_document", "detect_schema"]


def check_document(
    source: str | os.PathLike[str] | Mapping[str, Any],
    *,
    schema: str | None = None,
    catalog: Catalog | None = None,
    name: str | None = None,
) -> str:
    """Check a document against its schema and the catalogue; return its kind.

    Args:
        source: A JSON file (a check sheet may also be a ``.csv`` or ``.xlsx`` file), or a
            parsed document.
        schema: The schema to use (default: detected from ``$schema``,
            ``kind`` or ``profile_version``; a relative ``$schema`` path
            starts from the document's folder, see
            :func:`aigov.schemas.detect_schema`).
        catalog: The catalogue IDs are checked against (default: the
            built-in one); a catalogue pack is checked on top of it.
        name: What to call the document in messages (default: the path).

    Returns:
        The schema name, e.g. ``rule-set``.

    Raises:
        FileAccessError: The file cannot be read.
        ParseError: The file is not JSON (or CSV), with line and column.
        ValidationFailed: The document breaks its schema or its model, or its
            ``$schema`` names no aigov schema or another kind than ``kind``.
        CatalogError: Duplicate or dangling IDs (packs, mapping sets, policies).
        RuleError: A rule set does not compile.
        UnknownIdError: ``schema`` names no bundled schema.
    """
    cat = catalog if catalog is not None else builtin_catalog()
    base: Path | None = None
    if isinstance(source, Mapping):
        label, document = name, source
    else:
        label = name or os.fspath(source)
        if os.fspath(source).lower().endswith((".csv", ".xlsx")):
            load_checklist(source, catalog=cat)
            return "checklist"
        document = read_document(source)
        # A relative $schema path starts from the document's own folder, as in editors.
        base = Path(os.fspath(source)).parent
    kind = validate(document, schema, source=label, base=base)
    # The same source again (a path where one was given), so messages name the file.
    given: Any = source
    if kind == "catalog":
        cat.with_packs(given)
    elif kind == "rule-set":
        compile_rules(given, builtin=False, catalog=cat)
    elif kind == "mapping-set":
        load_mappings(given, builtin=False, catalog=cat)
    elif kind == "policy":
        load_policy(given, catalog=cat, name=name)
    elif kind == "checklist":
        load_checklist(given, catalog=cat)
    elif kind == "system-profile":
        load_profile(given, name=name)
    elif kind == "assessment":
        load_assessment(given, catalog=cat, name=name)
    return kind
