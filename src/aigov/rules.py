"""Rule sets: declarative conditions over a system profile, compiled once.

A rule set is a JSON document (``"kind": "rule-set"``).  Each rule has a
condition in the style of json-rules-engine (``all`` / ``any`` / ``not`` over
``{"fact": "data.personal", "operator": "equal", "value": true}``), the
principles it triggers, the roles it concerns, a severity, a rationale and a
citation.  Loading checks every fact path, operator and value against the
profile format and every principle and role against the catalogue, then
compiles the whole set into one Python function.  The generated source
contains only names from a fixed list and literals written with ``repr()``
of values already checked against the profile's closed vocabularies, so no
text from the rule file is ever evaluated.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias, Union

import pydantic
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StringConstraints,
    Tag,
)

from aigov._issues import from_pydantic, short_repr
from aigov._jsonio import dumps_canonical, parse_json, read_limited
from aigov._suggest import suggest
from aigov.errors import Issue, LimitError, RuleError
from aigov.models import ItemId, LocalizedText, RoleId, Source
from aigov.profile import FactSpec, SystemProfile, fact_specs

if TYPE_CHECKING:
    from aigov.catalog import Catalog

__all__ = [
    "MAX_DEPTH",
    "MAX_RULES",
    "OPERATORS",
    "SEVERITIES",
    "AllCondition",
    "AnyCondition",
    "CompiledRules",
    "Condition",
    "FactCondition",
    "NotCondition",
    "Rule",
    "RuleSet",
    "builtin_rules",
    "compile_rules",
    "load_rule_set",
]

#: Deepest nesting of ``all``/``any``/``not`` a rule set may use.
MAX_DEPTH = 32
#: Most rules all loaded rule sets may hold together.
MAX_RULES = 10_000

Operator = Literal[
    "equal",
    "notEqual",
    "in",
    "notIn",
    "contains",
    "doesNotContain",
    "containsAny",
    "containsAll",
    "containsNone",
]
#: The operators, and the fact kinds each applies to.
OPERATORS: dict[str, tuple[str, ...]] = {
    "equal": ("bool", "enum"),
    "notEqual": ("bool", "enum"),
    "in": ("enum",),
    "notIn": ("enum",),
    "contains": ("list",),
    "doesNotContain": ("list",),
    "containsAny": ("list",),
    "containsAll": ("list",),
    "containsNone": ("list",),
}
_LIST_VALUED = frozenset({"in", "notIn", "containsAny", "containsAll", "containsNone"})

Severity = Literal["high", "medium", "low"]
#: Severities, most severe first.
SEVERITIES: tuple[str, ...] = ("high", "medium", "low")

_Scalar = StrictBool | Annotated[str, StringConstraints(max_length=200)]
_RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=128)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FactCondition(_Model):
    """A test of one profile fact, e.g. ``data.personal equal true``."""

    fact: Annotated[str, StringConstraints(pattern=r"^[a-z_]+(\.[a-z_]+)*$", max_length=100)]
    operator: Operator
    value: _Scalar | Annotated[tuple[_Scalar, ...], Field(max_length=100)]


class AllCondition(_Model):
    """True when every sub-condition holds (true when empty)."""

    all: Annotated[tuple[Condition, ...], Field(max_length=200)]


class AnyCondition(_Model):
    """True when at least one sub-condition holds (false when empty)."""

    any: Annotated[tuple[Condition, ...], Field(max_length=200)]


class NotCondition(_Model):
    """True when its sub-condition does not hold."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    not_: Annotated[Condition, Field(alias="not")]


def _condition_tag(value: Any) -> str | None:  # noqa: ANN401 - raw input
    if isinstance(value, Mapping):
        for key in ("fact", "all", "any", "not"):
            if key in value:
                return key
        return None
    for key, model in (
        ("fact", FactCondition),
        ("all", AllCondition),
        ("any", AnyCondition),
        ("not", NotCondition),
    ):
        if isinstance(value, model):
            return key
    return None


Condition: TypeAlias = Annotated[
    Annotated[FactCondition, Tag("fact")]
    | Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")]
    | Annotated[NotCondition, Tag("not")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition needs one of the keys 'fact', 'all', 'any' or 'not'",
    ),
]

for _model in (AllCondition, AnyCondition, NotCondition):
    _model.model_rebuild()


class Rule(_Model):
    """One rule: when its condition holds, it triggers principles for roles."""

    id: _RuleId
    when: Condition
    triggers: Annotated[tuple[ItemId, ...], Field(min_length=1, max_length=50)]
    roles: tuple[RoleId, ...] = ()
    severity: Severity
    baseline: StrictBool = False
    rationale: LocalizedText
    citation: Source


class RuleSet(_Model):
    """A rule-set document."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_: Annotated[str | None, Field(alias="$schema")] = None
    kind: Literal["rule-set"]
    format_version: Literal["1"] = "1"
    id: _RuleId
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    title: LocalizedText | None = None
    rules: Annotated[tuple[Rule, ...], Field(max_length=MAX_RULES)]


# -- loading ---------------------------------------------------------------------------

RuleSource: TypeAlias = Union[RuleSet, Mapping[str, Any], str, "os.PathLike[str]"]


def _depth_issues(data: Any, source: str | None) -> list[Issue]:  # noqa: ANN401
    """Refuse over-deep conditions before pydantic recurses into them."""
    issues: list[Issue] = []
    rules = data.get("rules") if isinstance(data, Mapping) else None
    if not isinstance(rules, list):
        return issues
    for i, rule in enumerate(rules):
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
    return issues


def _schema() -> dict[str, Any]:
    from aigov.schemas import load_schema  # noqa: PLC0415 - avoids an import cycle

    return load_schema("rule-set")


def load_rule_set(source: RuleSource) -> tuple[RuleSet, str]:
    """Parse and validate one rule-set document; return it with its name for messages.

    Raises:
        FileAccessError: A path cannot be read.
        ParseError: The file is not JSON.
        LimitError: Conditions nest too deeply.
        RuleError: The document breaks the rule-set format.
    """
    if isinstance(source, RuleSet):
        return source, f"<rules {source.id}>"
    if isinstance(source, Mapping):
        name = f"<rules {source.get('id', '?')}>"
        data: Any = source
    else:
        name = os.fspath(source)
        data = parse_json(read_limited(name), source=name)
    deep = _depth_issues(data, name)
    if deep:
        raise LimitError(deep, source=name)
    try:
        return RuleSet.model_validate(data), name
    except pydantic.ValidationError as err:
        issues = from_pydantic(err, schema=_schema())
        ids = data.get("rules") if isinstance(data, Mapping) else None
        raise RuleError(_name_rules(issues, ids), source=name) from err


def _name_rules(issues: list[Issue], rules: Any) -> list[Issue]:  # noqa: ANN401
    """Prefix each issue under ``$.rules[i]`` with that rule's id."""
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


# -- compiling -------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledRule:
    """A checked rule with where it came from."""

    rule: Rule
    rule_set: str
    source: str
    path: str


class _Codegen:
    """Writes the Python source of one evaluation function (names from a fixed list)."""

    def __init__(self) -> None:
        self.facts: dict[str, str] = {}  # dotted path -> local name f<n>
        self.constants: dict[frozenset[str], str] = {}  # value set -> global name c<n>

    def fact(self, spec: FactSpec) -> str:
        if spec.path not in self.facts:
            self.facts[spec.path] = f"f{len(self.facts)}"
        return self.facts[spec.path]

    def constant(self, values: Sequence[object]) -> str:
        key = frozenset(str(v) for v in values)
        if key not in self.constants:
            self.constants[key] = f"c{len(self.constants)}"
        return self.constants[key]

    def expr(self, cond: Any) -> str:  # noqa: ANN401 - a Condition model
        if isinstance(cond, AllCondition):
            parts = [self.expr(c) for c in cond.all]
            return "(" + " and ".join(parts) + ")" if parts else "True"
        if isinstance(cond, AnyCondition):
            parts = [self.expr(c) for c in cond.any]
            return "(" + " or ".join(parts) + ")" if parts else "False"
        if isinstance(cond, NotCondition):
            return f"(not {self.expr(cond.not_)})"
        spec = fact_specs()[cond.fact]
        name = self.fact(spec)
        op, value = cond.operator, cond.value
        if spec.kind == "bool":
            # Unstated (None) booleans count as false.
            positive = (op == "equal") == (value is True)
            return f"({name} is True)" if positive else f"({name} is not True)"
        if op in _LIST_VALUED:
            const = self.constant(value)
            return {
                "in": f"({name} in {const})",
                "notIn": f"({name} not in {const})",
                "containsAny": f"(not {const}.isdisjoint({name}))",
                "containsAll": f"{const}.issubset({name})",
                "containsNone": f"{const}.isdisjoint({name})",
            }[op]
        literal = repr(str(value))
        return {
            "equal": f"({name} == {literal})",
            "notEqual": f"({name} != {literal})",
            "contains": f"({literal} in {name})",
            "doesNotContain": f"({literal} not in {name})",
        }[op]


def _generate(rules: Sequence[Rule]) -> tuple[str, dict[str, frozenset[str]]]:
    gen = _Codegen()
    tests = [gen.expr(rule.when) for rule in rules]
    lines = ["def evaluate(p):"]
    # Hoist each nested object once, then each fact once: the same work as hand-written code.
    parents: dict[str, str] = {}
    for path, local in gen.facts.items():
        head, _, attr = path.rpartition(".")
        if head:
            if head not in parents:
                parents[head] = f"o{len(parents)}"
                lines.append(f"    {parents[head]} = p.{head}")
            lines.append(f"    {local} = {parents[head]}.{attr}")
        else:
            lines.append(f"    {local} = p.{attr}")
    lines.append("    fired = []")
    lines.append("    add = fired.append")
    for index, test in enumerate(tests):
        lines.append(f"    if {test}:")
        lines.append(f"        add({index})")
    lines.append("    return fired")
    constants = {name: values for values, name in gen.constants.items()}
    return "\n".join(lines) + "\n", constants


class CompiledRules:
    """Rule sets checked against a catalogue and compiled into one function.

    Build it with :func:`compile_rules` or :func:`builtin_rules`.
    """

    def __init__(self, sets: Sequence[tuple[RuleSet, str]], catalog: Catalog) -> None:
        """Check ``sets`` against the profile format and ``catalog``, then compile them.

        Raises:
            RuleError: Unknown fact paths, operators that do not fit the fact,
                values outside the fact's vocabulary, unknown principles or
                roles, or repeated rule ids; every problem is listed.
            LimitError: More than :data:`MAX_RULES` rules in all.
        """
        self.sets = tuple(rs for rs, _ in sets)
        issues: list[Issue] = []
        compiled: list[CompiledRule] = []
        seen: dict[str, str] = {}
        for rule_set, source in sets:
            for i, rule in enumerate(rule_set.rules):
                path = f"$.rules[{i}]"
                if rule.id in seen:
                    issues.append(
                        Issue(
                            path + ".id",
                            f"rule id {rule.id!r} repeats {seen[rule.id]}",
                            "give each rule its own id",
                            source,
                        )
                    )
                    continue
                seen[rule.id] = f"{source}: {path}"
                issues.extend(_check_rule(rule, path, source, catalog))
                compiled.append(CompiledRule(rule, rule_set.id, source, path))
        if len(compiled) > MAX_RULES:
            raise LimitError(
                [Issue("$.rules", f"{len(compiled)} rules, over the limit of {MAX_RULES}")]
            )
        if issues:
            raise RuleError(issues, source=sets[0][1] if len(sets) == 1 else None)
        self.rules: tuple[CompiledRule, ...] = tuple(compiled)
        self.source_code, constants = _generate([c.rule for c in compiled])
        namespace: dict[str, Any] = {"__builtins__": {}}
        namespace.update(constants)
        # The source is generated from checked models only (see the module docs).
        exec(compile(self.source_code, "<aigov rules>", "exec"), namespace)  # noqa: S102
        self._evaluate: Callable[[SystemProfile], list[int]] = namespace["evaluate"]

    @property
    def version(self) -> str:
        """Each rule set's ``id@version``, joined by ``+``."""
        return "+".join(f"{rs.id}@{rs.version}" for rs in self.sets)

    @functools.cached_property
    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON of the rule sets."""
        digest = hashlib.sha256()
        for rs in self.sets:
            digest.update(dumps_canonical(rs.model_dump(mode="json", by_alias=True)).encode())
        return "sha256:" + digest.hexdigest()

    def evaluate(self, profile: SystemProfile) -> list[int]:
        """Indexes (into :attr:`rules`) of the rules whose condition holds."""
        return self._evaluate(profile)

    def targeting(self, principle_id: str) -> list[CompiledRule]:
        """The rules that trigger ``principle_id``, in rule-set order."""
        return [c for c in self.rules if principle_id in c.rule.triggers]


def _check_rule(rule: Rule, path: str, source: str, catalog: Catalog) -> Iterator[Issue]:
    specs = fact_specs()
    testable = [p for p, s in specs.items() if s.kind != "text"]

    def walk(cond: Any, where: str) -> Iterator[Issue]:  # noqa: ANN401
        if isinstance(cond, AllCondition):
            for i, c in enumerate(cond.all):
                yield from walk(c, f"{where}.all[{i}]")
            return
        if isinstance(cond, AnyCondition):
            for i, c in enumerate(cond.any):
                yield from walk(c, f"{where}.any[{i}]")
            return
        if isinstance(cond, NotCondition):
            yield from walk(cond.not_, f"{where}.not")
            return
        spec = specs.get(cond.fact)
        if spec is None or spec.kind == "text":
            close = suggest(cond.fact, testable)
            hint = f"did you mean {close[0]!r}?" if close else "see the system-profile schema"
            yield Issue(
                f"{where}.fact", f"rule {rule.id!r}: unknown fact {cond.fact!r}", hint, source
            )
            return
        if spec.kind not in OPERATORS[cond.operator]:
            fitting = sorted(op for op, kinds in OPERATORS.items() if spec.kind in kinds)
            yield Issue(
                f"{where}.operator",
                f"rule {rule.id!r}: operator {cond.operator!r} does not apply to "
                f"{spec.kind} fact {cond.fact!r}",
                "use one of " + ", ".join(fitting),
                source,
            )
            return
        many = cond.operator in _LIST_VALUED
        values = cond.value if isinstance(cond.value, tuple) else (cond.value,)
        if many != isinstance(cond.value, tuple):
            shape = "a list of values" if many else "a single value"
            yield Issue(
                f"{where}.value", f"rule {rule.id!r}: {cond.operator!r} needs {shape}", None, source
            )
            return
        for v in values:
            ok = (
                isinstance(v, bool)
                if spec.kind == "bool"
                else (isinstance(v, str) and v in spec.choices)
            )
            if not ok:
                expected = "true or false" if spec.kind == "bool" else ", ".join(spec.choices)
                close = suggest(str(v), spec.choices)
                hint = f"did you mean {close[0]!r}?" if close else f"expected {expected}"
                yield Issue(
                    f"{where}.value",
                    f"rule {rule.id!r}: {short_repr(v)} is not a value of {cond.fact!r}",
                    hint,
                    source,
                )

    yield from walk(rule.when, f"{path}.when")
    for i, principle in enumerate(rule.triggers):
        if principle not in catalog or catalog.kind_of(principle) != "principle":
            close = suggest(principle, [p.id for p in catalog.principles])
            hint = f"did you mean {close[0]!r}?" if close else "see 'aigov list principles'"
            yield Issue(
                f"{path}.triggers[{i}]",
                f"rule {rule.id!r}: unknown principle {principle!r}",
                hint,
                source,
            )
    for i, role in enumerate(rule.roles):
        if role not in catalog or catalog.kind_of(role) != "role":
            close = suggest(role, [r.id for r in catalog.roles])
            hint = f"did you mean {close[0]!r}?" if close else "see 'aigov list roles'"
            yield Issue(
                f"{path}.roles[{i}]", f"rule {rule.id!r}: unknown role {role!r}", hint, source
            )


def _builtin_rule_set() -> tuple[RuleSet, str]:
    data = files("aigov.data").joinpath("rules").joinpath("builtin.json").read_bytes()
    return RuleSet.model_validate_json(data), "aigov/data/rules/builtin.json"


def compile_rules(
    *sources: RuleSource, builtin: bool = True, catalog: Catalog | None = None
) -> CompiledRules:
    """Load, check and compile rule sets.

    Args:
        sources: Rule-set files, parsed documents or ``RuleSet`` models.
        builtin: Include the built-in rule set (default) or replace it.
        catalog: The catalogue principles and roles are checked against
            (default: the built-in one).

    Raises:
        RuleError: A rule set is invalid (every issue names the rule id).
        LimitError: Too many rules, or conditions nested too deeply.
        FileAccessError: A file cannot be read.
        ParseError: A file is not JSON.
    """
    from aigov.catalog import builtin_catalog  # noqa: PLC0415 - avoids an import cycle

    if catalog is None:
        catalog = builtin_catalog()
    if builtin and not sources and catalog is builtin_catalog():
        return builtin_rules()
    sets = [_builtin_rule_set()] if builtin else []
    sets.extend(load_rule_set(s) for s in sources)
    if not sets:
        raise RuleError([Issue("$", "no rule set to check with", "give at least one rule set")])
    return CompiledRules(sets, catalog)


@functools.cache
def builtin_rules() -> CompiledRules:
    """The built-in rule set, compiled against the built-in catalogue once per process."""
    from aigov.catalog import builtin_catalog  # noqa: PLC0415

    return CompiledRules([_builtin_rule_set()], builtin_catalog())
