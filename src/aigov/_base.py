"""The building blocks every aigov model shares (private, layer 0).

One frozen, closed model base; one base for documents (``$schema`` alias that
ordinary pydantic calls write back correctly); the ID and text aliases with
their patterns; the severity scale.  Defined once here so that no module
declares its own copy.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "ONE_LINE",
    "PRINTABLE",
    "SEVERITIES",
    "SEVERITY_RANK",
    "AnyId",
    "DocumentModel",
    "FrameworkId",
    "FrozenModel",
    "ItemId",
    "Lang",
    "PartialDate",
    "RoleId",
    "SchemaRef",
    "Severity",
    "Short",
    "Slug",
    "Status",
    "Text",
]

SLUG = r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?"

Slug = Annotated[str, StringConstraints(pattern=rf"^{SLUG}$", max_length=64)]
"""A lowercase slug such as ``acme-ai-policy``."""

FrameworkId = Slug
"""A framework ID such as ``jp-ai-util-2019``."""

ItemId = Annotated[str, StringConstraints(pattern=rf"^{SLUG}:{SLUG}(?:/{SLUG})?$", max_length=160)]
"""A framework-scoped item ID such as ``jp-ai-util-2019:privacy``."""

RoleId = Annotated[str, StringConstraints(pattern=rf"^(?:{SLUG}:)?{SLUG}$", max_length=160)]
"""A role ID: a bare slug for the 2017/2019 roles (``developer``) or a scoped one."""

AnyId = Annotated[
    str, StringConstraints(pattern=rf"^(?:{SLUG}:)?{SLUG}(?:/{SLUG})?$", max_length=160)
]
"""Any catalogue ID: an item, a sub-item or a role."""

# No control characters except tab and newline: they cannot be written to XML
# exports, can steer a terminal (ESC, BEL, CR, the C1 range) and never belong
# in guideline text.
PRINTABLE = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
#: The same without newline, for one-line names.
ONE_LINE = r"^[^\x00-\x08\x0a-\x1f\x7f-\x9f]*$"

Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=PRINTABLE)]
"""A printable text of up to 4,000 characters."""

Short = Annotated[str, StringConstraints(min_length=1, max_length=400, pattern=PRINTABLE)]
"""A printable text of up to 400 characters."""

PartialDate = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-[0-9]{2})?$")]
"""A year or year-month (``2024-05``) for dates whose day the sources do not give."""

#: The answers a check-sheet item can have.
Status = Literal["yes", "partial", "no", "not-applicable"]
Severity = Literal["high", "medium", "low"]
#: Severities, most severe first.
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
#: Position of each severity in :data:`SEVERITIES` (0 is the most severe).
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}

Lang = Literal["ja", "en"]

SchemaRef = Annotated[
    str | None,
    Field(
        alias="$schema",
        max_length=2000,
        description=(
            "The schema this document follows: its identifier, or a relative path or "
            "file URL to a copy of it. Editors use it; aigov validate honours it."
        ),
    ),
]
"""The ``$schema`` key every document may carry (the field is ``schema_``)."""


class FrozenModel(BaseModel):
    """Base of every aigov model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class DocumentModel(FrozenModel):
    """Base of every top-level document (profile, catalogue pack, rule set...).

    Documents may name their schema in ``$schema``.  The field is written under
    that name by every ordinary pydantic call (``model_dump_json()`` too), so
    a dumped document always validates against its own schema.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_by_name=True, serialize_by_alias=True
    )

    schema_: SchemaRef = None
