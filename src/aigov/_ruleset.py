"""The rule-set document: its models, and reading one with its limits checked.

A rule set is a JSON document (``"kind": "rule-set"``).  Each rule has a
condition in the style of json-rules-engine (``all`` / ``any`` / ``not`` over
``{"fact": "data.personal", "operator": "equal", "value": true}``), the
principles it triggers, the roles it concerns, a severity, a rationale and a
citation.  A rule set of format version 1.1 may also declare custom facts
(:class:`FactDeclaration`).  This module only models and reads the document;
checking it against the profile format, the declared facts and the catalogue
is :mod:`aigov._rulecheck`'s job.  The public names are re-exported from
:mod:`aigov.rules`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeAlias, Union

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)

from aigov._base import DocumentModel, FrozenModel, ItemId, RoleId, Severity
from aigov._conditions import Condition
from aigov._load import load_document
from aigov.errors import Issue, LimitError, RuleError
from aigov.models import LocalizedText, Source
from aigov.profile import X_FACT, Actor, FactKind, FactSpec

__all__ = [
    "MAX_DEPTH",
    "MAX_FACTS",
    "MAX_RULES",
    "ActorRoles",
    "FactDeclaration",
    "Rule",
    "RuleSet",
    "RuleSource",
    "load_rule_set",
]

#: Deepest nesting of ``all``/``any``/``not`` a rule set may use.
MAX_DEPTH = 32
#: Most rules all loaded rule sets may hold together.
MAX_RULES = 10_000
#: Most custom facts one rule set may declare.
MAX_FACTS = 200

_RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=128)]


class Rule(FrozenModel):
    """One rule: when its condition holds, it triggers principles for roles."""

    id: _RuleId
    when: Condition
    triggers: Annotated[tuple[ItemId, ...], Field(min_length=1, max_length=50)]
    roles: tuple[RoleId, ...] = ()
    severity: Severity
    baseline: StrictBool = False
    rationale: LocalizedText
    citation: Source


class ActorRoles(FrozenModel):
    """The roles of a rule set's principles that one profile actor takes.

    A profile names its actors in the vocabulary of the 2017/2019 guidelines
    (``developer``, ``ai-service-provider``...). A rule set whose principles
    address other roles (the 2024 guidelines' ``jp-ai-business-2024:ai-developer``...)
    says here which of them each actor is.
    """

    actor: Actor
    roles: Annotated[tuple[RoleId, ...], Field(min_length=1, max_length=20)]


_Choice = Annotated[
    str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f-\x9f]*$")
]


class FactDeclaration(FrozenModel):
    """A custom fact a rule set declares, so that profiles may state it and rules test it.

    Attributes:
        fact: The fact's dotted path: an ``x-`` key at the top level of the
            profile (``x-agentic-tool-use``) or in one of its objects people,
            data, learning, capabilities or deployment (``deployment.x-hosting``).
        kind: ``bool``, ``enum`` (one of ``values``), ``list`` (distinct items
            of ``values``) or ``text`` (stated, but no rule can test it).
        values: The allowed values of an ``enum`` or ``list`` fact (none for
            the other kinds).
        label: A short name in Japanese and English, for forms and wizards.
        description: What the fact means, in Japanese and English.
    """

    fact: Annotated[str, StringConstraints(pattern=X_FACT, max_length=100)]
    kind: FactKind
    values: Annotated[tuple[_Choice, ...], Field(max_length=100)] = ()
    label: LocalizedText | None = None
    description: LocalizedText

    @model_validator(mode="after")
    def _values_fit_kind(self) -> FactDeclaration:
        if self.kind in ("enum", "list") and not self.values:
            raise ValueError(f"a {self.kind} fact needs its allowed 'values'")
        if self.kind in ("bool", "text") and self.values:
            raise ValueError(f"a {self.kind} fact takes no 'values'")
        repeated = sorted({v for v in self.values if self.values.count(v) > 1})
        if repeated:
            raise ValueError(f"{repeated[0]!r} is listed twice in 'values'; list each once")
        return self

    def spec(self, rule_set: str) -> FactSpec:
        """The declared fact as a :class:`~aigov.profile.FactSpec` declared by ``rule_set``."""
        return FactSpec(
            self.fact,
            self.kind,
            self.values,
            description=self.description.model_dump(),
            label=self.label.model_dump() if self.label else None,
            declared_by=rule_set,
        )


def _no_repeated_facts(
    facts: tuple[FactDeclaration, ...],
) -> tuple[FactDeclaration, ...]:
    names = [f.fact for f in facts]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"fact {repeated[0]!r} is declared twice; declare each fact once")
    return facts


def _schema_rule_set(schema: dict[str, Any]) -> None:
    # The model's check that only a version 1.1 rule set declares facts.
    schema["if"] = {"properties": {"format_version": {"const": "1"}}}
    schema["then"] = {"properties": {"facts": {"maxItems": 0}}}


class RuleSet(DocumentModel):
    """A rule-set document (format version 1, or 1.1 with declared ``facts``)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_name=True,
        serialize_by_alias=True,
        json_schema_extra=_schema_rule_set,
    )

    kind: Literal["rule-set"]
    format_version: Literal["1", "1.1"] = "1"
    id: _RuleId
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    title: LocalizedText | None = None
    facts: Annotated[
        tuple[FactDeclaration, ...],
        AfterValidator(_no_repeated_facts),
        Field(max_length=MAX_FACTS),
    ] = ()
    """Custom facts this rule set declares (format version 1.1): profiles may state
    them, and the rules of every loaded rule set may test them."""
    actors: Annotated[tuple[ActorRoles, ...], Field(max_length=50)] = ()
    """Which roles of this rule set's principles each profile actor takes (none: the
    actors are the roles)."""
    rules: Annotated[tuple[Rule, ...], Field(max_length=MAX_RULES)]

    @model_validator(mode="after")
    def _facts_need_1_1(self) -> RuleSet:
        if self.facts and self.format_version == "1":
            raise ValueError("'facts' needs format_version '1.1'")
        return self


RuleSource: TypeAlias = Union[RuleSet, Mapping[str, Any], str, "os.PathLike[str]", bytes]
"""What :func:`load_rule_set` accepts: a model, parsed JSON, a path, or JSON bytes."""


def _refuse_deep(data: Any, source: str) -> None:  # noqa: ANN401 - raw input
    """Refuse over-deep conditions before pydantic recurses into them."""
    issues: list[Issue] = []
    rules = data.get("rules") if isinstance(data, Mapping) else None
    for i, rule in enumerate(rules if isinstance(rules, list) else ()):
        if not isinstance(rule, Mapping):
            continue
        stack: list[tuple[Any, int]] = [(rule.get("when"), 1)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                issues.append(
                    Issue(
                        f"$.rules[{i}].when",
                        f"rule {rule.get('id')!r}: conditions nest deeper than {MAX_DEPTH} levels",
                        "flatten the condition",
                        source,
                    )
                )
                break
            if isinstance(node, Mapping):
                for key in ("all", "any"):
                    if isinstance(node.get(key), list):
                        stack.extend((child, depth + 1) for child in node[key])
                if "not" in node:
                    stack.append((node["not"], depth + 1))
    if issues:
        raise LimitError(issues, source=source)


def load_rule_set(source: RuleSource, *, name: str | None = None) -> tuple[RuleSet, str]:
    """Parse and validate one rule-set document; return it with its name for messages.

    Raises:
        FileAccessError: A path cannot be read.
        ParseError: The file is not JSON.
        LimitError: Conditions nest too deeply.
        RuleError: The document breaks the rule-set format.
    """
    return load_document(
        RuleSet,
        source,
        what="rules",
        name=name,
        error=RuleError,
        precheck=_refuse_deep,
        rename=_name_rules,
    )


def _name_rules(issues: list[Issue], rules: Any) -> list[Issue]:  # noqa: ANN401
    """Prefix each issue under ``$.rules[i]`` with that rule's id."""
    rules = rules.get("rules") if isinstance(rules, Mapping) else None
    if not isinstance(rules, list):
        return issues
    out = []
    for issue in issues:
        prefix = "$.rules["
        if issue.path.startswith(prefix):
            index = issue.path[len(prefix) :].split("]", 1)[0]
            if (
                index.isdigit()
                and int(index) < len(rules)
                and isinstance(rules[int(index)], Mapping)
            ):
                rid = rules[int(index)].get("id")
                if isinstance(rid, str):
                    issue = Issue(  # noqa: PLW2901 - the same issue, renamed
                        issue.path, f"rule {rid!r}: {issue.message}", issue.hint, issue.source
                    )
        out.append(issue)
    return out
