"""aigov: the Japanese AI governance guidelines as typed, queryable, checkable data.

The public names below are imported lazily on first use, so ``import aigov``
stays cheap: pydantic models, networkx and jsonschema load only when needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "AigovError": "aigov.errors",
    "Assessment": "aigov.assess",
    "Catalog": "aigov.catalog",
    "CatalogDocument": "aigov.models",
    "CatalogError": "aigov.errors",
    "Checklist": "aigov.checklist",
    "DocumentError": "aigov.errors",
    "FileAccessError": "aigov.errors",
    "Framework": "aigov.models",
    "Issue": "aigov.errors",
    "LimitError": "aigov.errors",
    "LocalizedText": "aigov.models",
    "ParseError": "aigov.errors",
    "Practice": "aigov.models",
    "Principle": "aigov.models",
    "Relation": "aigov.models",
    "RelationKind": "aigov.models",
    "Role": "aigov.models",
    "RuleError": "aigov.errors",
    "RuleSet": "aigov.rules",
    "Source": "aigov.models",
    "SubItem": "aigov.models",
    "SystemProfile": "aigov.profile",
    "UnknownIdError": "aigov.errors",
    "UsageError": "aigov.errors",
    "ValidationFailed": "aigov.errors",
    "Value": "aigov.models",
    "Verification": "aigov.models",
    "builtin_catalog": "aigov.catalog",
    "check": "aigov.assess",
    "checklist": "aigov.checklist",
    "compile_rules": "aigov.rules",
    "coverage": "aigov.coverage",
    "coverage_matrix": "aigov.coverage",
    "crosswalk": "aigov.crosswalk",
    "explain": "aigov.assess",
    "gaps": "aigov.checklist",
    "iter_errors": "aigov.schemas",
    "load_catalog": "aigov.catalog",
    "load_checklist": "aigov.checklist",
    "load_mappings": "aigov.crosswalk",
    "load_policy": "aigov.coverage",
    "load_profile": "aigov.profile",
    "load_schema": "aigov.schemas",
    "schema_names": "aigov.schemas",
    "validate": "aigov.schemas",
}

__all__ = [
    "AigovError",
    "Assessment",
    "Catalog",
    "CatalogDocument",
    "CatalogError",
    "Checklist",
    "DocumentError",
    "FileAccessError",
    "Framework",
    "Issue",
    "LimitError",
    "LocalizedText",
    "ParseError",
    "Practice",
    "Principle",
    "Relation",
    "RelationKind",
    "Role",
    "RuleError",
    "RuleSet",
    "Source",
    "SubItem",
    "SystemProfile",
    "UnknownIdError",
    "UsageError",
    "ValidationFailed",
    "Value",
    "Verification",
    "__version__",
    "builtin_catalog",
    "check",
    "checklist",
    "compile_rules",
    "coverage",
    "coverage_matrix",
    "crosswalk",
    "explain",
    "gaps",
    "iter_errors",
    "load_catalog",
    "load_checklist",
    "load_mappings",
    "load_policy",
    "load_profile",
    "load_schema",
    "schema_names",
    "validate",
]

if TYPE_CHECKING:
    from aigov.assess import Assessment, check, explain
    from aigov.catalog import Catalog, builtin_catalog, load_catalog
    from aigov.checklist import Checklist, checklist, gaps, load_checklist
    from aigov.coverage import coverage, coverage_matrix, load_policy
    from aigov.crosswalk import crosswalk, load_mappings
    from aigov.errors import (
        AigovError,
        CatalogError,
        DocumentError,
        FileAccessError,
        Issue,
        LimitError,
        ParseError,
        RuleError,
        UnknownIdError,
        UsageError,
        ValidationFailed,
    )
    from aigov.models import (
        CatalogDocument,
        Framework,
        LocalizedText,
        Practice,
        Principle,
        Relation,
        RelationKind,
        Role,
        Source,
        SubItem,
        Value,
        Verification,
    )
    from aigov.profile import SystemProfile, load_profile
    from aigov.rules import RuleSet, compile_rules
    from aigov.schemas import iter_errors, load_schema, schema_names, validate


def __getattr__(name: str) -> Any:  # noqa: ANN401 - module attributes of any type
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'aigov' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # cache: later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
