"""aigov: the Japanese AI governance guidelines as typed, queryable, checkable data.

The package is built in layers; each module imports only from layers below
its own (``tests/test_layers.py`` keeps it so, see ``docs/architecture.md``):

- L0 ``errors``, ``namespaces``, ``_base``, ``_choices``, ``_jsonio``, ``_suggest``,
  ``_issues``, ``_load``: errors, the project's identifiers, the shared model
  base, reading and parsing, hints;
- L1 ``models``, ``profile``, ``bibliography``, ``examples``: the document
  models, the bibliography the data cites and the shipped example documents;
- L2 ``catalog``, ``rules`` (with ``_conditions``), ``crosswalk``: indexed,
  checked and compiled domain objects;
- L3 ``assess``, ``checklist``, ``coverage``, ``triage``: results (checks,
  check sheets, coverage reviews, EU AI Act triage);
- L4 ``graph``, ``export``, ``linked``, ``oscal``, ``report`` (with ``_render``),
  ``documents``, ``schemas``, ``wizard`` (with ``_wizard``), ``testing``:
  presentation, formats, validation, the questionnaire that writes a profile;
- L5 ``cli``: argv, streams and exit codes.

The public names below are imported lazily on first use, so ``import aigov``
stays cheap: pydantic models, networkx and jsonschema load only when needed.
No public name is also the name of a module.
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
    "Classification": "aigov.triage",
    "CompiledRules": "aigov.rules",
    "Correspondence": "aigov.crosswalk",
    "CoverageMatrix": "aigov.coverage",
    "CoverageReport": "aigov.coverage",
    "DocumentError": "aigov.errors",
    "Explanation": "aigov.assess",
    "FileAccessError": "aigov.errors",
    "Framework": "aigov.models",
    "FrameworkView": "aigov.crosswalk",
    "GapReport": "aigov.checklist",
    "Issue": "aigov.errors",
    "LimitError": "aigov.errors",
    "LocalizedText": "aigov.models",
    "MappingIndex": "aigov.crosswalk",
    "MappingSet": "aigov.crosswalk",
    "OutdatedIdentifierWarning": "aigov.errors",
    "ParseError": "aigov.errors",
    "PolicyDocument": "aigov.coverage",
    "Practice": "aigov.models",
    "Principle": "aigov.models",
    "Reason": "aigov.rules",
    "Relation": "aigov.models",
    "RelationKind": "aigov.models",
    "Role": "aigov.models",
    "RuleError": "aigov.errors",
    "RuleSet": "aigov.rules",
    "Source": "aigov.models",
    "SubItem": "aigov.models",
    "SystemProfile": "aigov.profile",
    "Trigger": "aigov.assess",
    "UnknownIdError": "aigov.errors",
    "UsageError": "aigov.errors",
    "ValidationFailed": "aigov.errors",
    "Value": "aigov.models",
    "Verification": "aigov.models",
    "builtin_catalog": "aigov.catalog",
    "check": "aigov.assess",
    "classify": "aigov.triage",
    "check_document": "aigov.documents",
    "compile_rules": "aigov.rules",
    "coverage_matrix": "aigov.coverage",
    "explain": "aigov.assess",
    "find_correspondences": "aigov.crosswalk",
    "framework_view": "aigov.crosswalk",
    "gaps": "aigov.checklist",
    "iter_errors": "aigov.schemas",
    "load_assessment": "aigov.assess",
    "load_catalog": "aigov.catalog",
    "load_checklist": "aigov.checklist",
    "load_mappings": "aigov.crosswalk",
    "load_policy": "aigov.coverage",
    "load_profile": "aigov.profile",
    "load_rule_set": "aigov.rules",
    "load_schema": "aigov.schemas",
    "make_checklist": "aigov.checklist",
    "review_coverage": "aigov.coverage",
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
    "Classification",
    "CompiledRules",
    "Correspondence",
    "CoverageMatrix",
    "CoverageReport",
    "DocumentError",
    "Explanation",
    "FileAccessError",
    "Framework",
    "FrameworkView",
    "GapReport",
    "Issue",
    "LimitError",
    "LocalizedText",
    "MappingIndex",
    "MappingSet",
    "OutdatedIdentifierWarning",
    "ParseError",
    "PolicyDocument",
    "Practice",
    "Principle",
    "Reason",
    "Relation",
    "RelationKind",
    "Role",
    "RuleError",
    "RuleSet",
    "Source",
    "SubItem",
    "SystemProfile",
    "Trigger",
    "UnknownIdError",
    "UsageError",
    "ValidationFailed",
    "Value",
    "Verification",
    "__version__",
    "builtin_catalog",
    "check",
    "check_document",
    "classify",
    "compile_rules",
    "coverage_matrix",
    "explain",
    "find_correspondences",
    "framework_view",
    "gaps",
    "iter_errors",
    "load_assessment",
    "load_catalog",
    "load_checklist",
    "load_mappings",
    "load_policy",
    "load_profile",
    "load_rule_set",
    "load_schema",
    "make_checklist",
    "review_coverage",
    "schema_names",
    "validate",
]

if TYPE_CHECKING:
    from aigov.assess import Assessment, Explanation, Trigger, check, explain, load_assessment
    from aigov.catalog import Catalog, builtin_catalog, load_catalog
    from aigov.checklist import Checklist, GapReport, gaps, load_checklist, make_checklist
    from aigov.coverage import (
        CoverageMatrix,
        CoverageReport,
        PolicyDocument,
        coverage_matrix,
        load_policy,
        review_coverage,
    )
    from aigov.crosswalk import (
        Correspondence,
        FrameworkView,
        MappingIndex,
        MappingSet,
        find_correspondences,
        framework_view,
        load_mappings,
    )
    from aigov.documents import check_document
    from aigov.errors import (
        AigovError,
        CatalogError,
        DocumentError,
        FileAccessError,
        Issue,
        LimitError,
        OutdatedIdentifierWarning,
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
    from aigov.rules import CompiledRules, Reason, RuleSet, compile_rules, load_rule_set
    from aigov.schemas import iter_errors, load_schema, schema_names, validate
    from aigov.triage import Classification, classify


def __getattr__(name: str) -> Any:  # noqa: ANN401 - module attributes of any type
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'aigov' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # cache: later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
