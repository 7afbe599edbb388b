"""Generating the bundled schemas from the models (private; for the script and tests).

``scripts/generate_schemas.py`` writes what :func:`generate_schema` returns;
the golden test in ``tests/test_schemas.py`` fails while a bundled schema is
stale.  Runtime code never imports this module.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from aigov.assess import Assessment
from aigov.checklist import Checklist
from aigov.coverage import PolicyDocument
from aigov.crosswalk import MappingSet
from aigov.models import CatalogDocument
from aigov.profile import SystemProfile
from aigov.rules import RuleSet
from aigov.schemas import SCHEMAS, check_name, schema_id

__all__ = ["MODELS", "generate_schema"]

#: The model each bundled schema is generated from.
MODELS: dict[str, type[BaseModel]] = {
    "assessment": Assessment,
    "catalog": CatalogDocument,
    "checklist": Checklist,
    "mapping-set": MappingSet,
    "policy": PolicyDocument,
    "rule-set": RuleSet,
    "system-profile": SystemProfile,
}


def generate_schema(name: str) -> dict[str, Any]:
    """Generate schema ``name`` from its pydantic model (the single source of truth).

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
    return {**head, **body}
