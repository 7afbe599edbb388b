"""Turning pydantic and jsonschema errors into aigov issues (private helper)."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import BaseModel

from aigov._jsonio import json_path
from aigov._suggest import OWN_LABEL, own_label_hint, suggest
from aigov.errors import Issue

if TYPE_CHECKING:
    import jsonschema
    import pydantic

__all__ = [
    "allowed_keys",
    "from_jsonschema",
    "from_pydantic",
    "missing_key",
    "model_keys",
    "needs_with_labels",
    "not_matching",
    "not_of_type",
    "short_repr",
]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _control(value: object) -> str | None:
    """The first control character of a string, as an escape, if it holds one."""
    found = _CONTROL.search(value) if isinstance(value, str) else None
    return repr(found.group())[1:-1] if found else None


#: JSON type names of pydantic's type errors, so both validators word them alike.
_PYDANTIC_TYPES = {
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "dict_type": "object",
    "model_type": "object",
    "model_attributes_type": "object",
    "float_type": "number",
    "float_parsing": "number",
    "int_type": "integer",
    "int_parsing": "integer",
    "list_type": "array",
    "tuple_type": "array",
    "string_type": "string",
}


def not_matching(value: object, pattern: object) -> str:
    """The one wording of a string that does not match its pattern."""
    return f"{short_repr(value)} does not match the pattern {str(pattern)!r}"


def not_of_type(value: object, json_type: str) -> str:
    """The one wording of a value of the wrong JSON type."""
    return f"{short_repr(value)} is not a{'n' if json_type[0] in 'aeiou' else ''} {json_type}"


def missing_key(key: object) -> str:
    """The one wording of a required key that is missing."""
    return f"required key {str(key)!r} is missing"


def needs_with_labels(value: object) -> str:
    """A list with an ``x-`` label of one's own that lacks ``value`` (``domains``: ``other``)."""
    return f"an 'x-' label needs {value!r} in the list too"


def short_repr(value: object, limit: int = 60) -> str:
    """``repr`` of a value, cut to ``limit`` characters so messages stay one line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def allowed_keys(schema: Mapping[str, Any] | None, loc: Iterable[object]) -> list[str]:
    """Property names a JSON Schema allows at ``loc`` (best effort, for suggestions)."""
    if schema is None:
        return []
    defs = schema.get("$defs", {})
    node: Mapping[str, Any] = schema

    def resolve(n: Mapping[str, Any]) -> Mapping[str, Any]:
        seen = 0
        while "$ref" in n and seen < 16:
            ref = str(n["$ref"])
            n = defs.get(ref.rsplit("/", 1)[-1], {}) if ref.startswith("#/$defs/") else {}
            seen += 1
        for combo in ("anyOf", "oneOf", "allOf"):
            for option in n.get(combo, ()):
                resolved = resolve(option)
                if "properties" in resolved or "items" in resolved:
                    return resolved
        return n

    node = resolve(node)
    for step in loc:
        if isinstance(step, int):
            node = resolve(node.get("items", {}))
        else:
            node = resolve(node.get("properties", {}).get(step, {}))
    return sorted(node.get("properties", {}))


def _options(annotation: Any) -> list[tuple[Any, str | None]]:  # noqa: ANN401
    """The alternatives of a (possibly annotated or optional) type, with their union tags."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        inner, *meta = typing.get_args(annotation)
        tags = [getattr(m, "tag", None) for m in meta if type(m).__name__ == "Tag"]
        return [(t, tags[0] if tags else tag) for t, tag in _options(inner)]
    if origin in (Union, types.UnionType):
        return [opt for arg in typing.get_args(annotation) for opt in _options(arg)]
    return [(annotation, None)]


def _step(annotation: Any, step: object) -> Any:  # noqa: ANN401
    """The type found one step (a key or an index) below ``annotation``, or None."""
    for option, tag in _options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            if not isinstance(step, str):
                continue
            for name, field in option.model_fields.items():
                if step in (name, field.alias):
                    return field.annotation
            if step == tag:  # pydantic puts a tagged union's tag into the location
                return option
        elif typing.get_origin(option) in (tuple, list) and isinstance(step, int):
            return typing.get_args(option)[0]
        elif step == tag:
            return option
    return None


def model_keys(model: type[BaseModel], loc: Iterable[object]) -> list[str]:
    """JSON keys the model allows at ``loc`` (best effort, for did-you-mean hints)."""
    node: Any = model
    for step in loc:
        node = _step(node, step)
        if node is None:
            return []
    keys: set[str] = set()
    for option, _ in _options(node):
        if isinstance(option, type) and issubclass(option, BaseModel):
            keys.update(
                field.alias or name
                for name, field in option.model_fields.items()
                if name != "extensions"  # a profile's extensions are its own x- keys
            )
    return sorted(keys)


_MISSING = object()


def _child(node: object, step: object) -> object:
    if isinstance(node, Mapping) and isinstance(step, str):
        return node.get(step, _MISSING)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return _MISSING


def document_loc(loc: tuple[object, ...], data: object) -> tuple[object, ...]:
    """``loc`` with pydantic's union labels left out, so that it is a path in ``data``.

    pydantic names the branch of a union it tried (``bool``, ``constrained-str``,
    a tag such as ``fact``) inside an error's location; those are not keys
    of the document.  A step is kept when the document has it; a step the
    document lacks is kept only at the end (a missing key).
    """
    out: list[object] = []
    node = data
    for i, step in enumerate(loc):
        found = _child(node, step)
        following = loc[i + 1] if i + 1 < len(loc) else None
        if (
            found is not _MISSING
            and following is not None
            and _child(found, following) is _MISSING
            and _child(node, following) is not _MISSING
        ):
            found = _MISSING  # a union tag that happens to be a key too (``fact``)
        if found is not _MISSING:
            out.append(step)
            node = found
        elif following is None and isinstance(node, Mapping):
            out.append(step)  # the missing or unknown key itself
    return tuple(out)


def from_pydantic(
    err: pydantic.ValidationError,
    *,
    model: type[BaseModel] | None = None,
    source: str | None = None,
    prefix: tuple[object, ...] = (),
    data: object = _MISSING,
) -> list[Issue]:
    """Convert every error of a pydantic ``ValidationError`` to an :class:`Issue`.

    Given the validated ``data``, locations are paths in it (see :func:`document_loc`).
    """
    issues: list[Issue] = []
    errors = err.errors(include_url=False)
    deeper = [tuple(e["loc"]) for e in errors]
    for item in errors:
        raw = tuple(item["loc"])
        loc = tuple(prefix) + (raw if data is _MISSING else document_loc(raw, data))
        kind = item["type"]
        hint: str | None = None
        here = tuple(item["loc"])
        if kind in ("too_short", "too_long") and any(
            len(d) > len(here) and d[: len(here)] == here for d in deeper
        ):
            # A list emptied by its own bad items: the items' errors say it all.
            continue
        if kind in ("literal_error", "enum"):
            options = re.findall(r"'([^']*)'", str(item.get("ctx", {}).get("expected", "")))
            got = item.get("input")
            close = suggest(got, options) if isinstance(got, str) else []
            path = json_path(loc)
            message = f"{short_repr(got)} is not allowed"
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else "expected " + (", ".join(repr(o) for o in options) or item["msg"])
            )
        elif kind == "extra_forbidden":
            key = str(loc[-1]) if loc else "?"
            path = json_path(loc[:-1])
            message = f"unknown key {key!r}"
            allowed = model_keys(model, loc[len(prefix) : -1]) if model is not None else []
            close = suggest(key, allowed)
            hint = f"did you mean {close[0]!r}?" if close else "remove it"
        elif kind == "missing":
            key = str(loc[-1]) if loc else "?"
            path = json_path(loc[:-1])
            message = missing_key(key)
        elif kind == "value_error":
            path = json_path(loc)
            message = str(item["msg"]).removeprefix("Value error, ")
        elif kind == "string_pattern_mismatch" and _control(item.get("input")):
            path = json_path(loc)
            message = f"a control character ({_control(item.get('input'))}) is not allowed here"
            hint = "remove it; texts allow tab and newline, names only tab"
        elif kind == "string_pattern_mismatch":
            path = json_path(loc)
            message = not_matching(item.get("input"), item.get("ctx", {}).get("pattern", "?"))
        elif kind in _PYDANTIC_TYPES:
            path = json_path(loc)
            message = not_of_type(item.get("input"), _PYDANTIC_TYPES[kind])
        elif kind == "json_invalid":
            path = json_path(loc)
            message = "malformed JSON: " + str(item.get("ctx", {}).get("error", item["msg"]))
        else:
            path = json_path(loc)
            message = f"{item['msg']} (got {short_repr(item.get('input'))})"
        issues.append(Issue(path, message, hint, source))
    # The order jsonschema's issues have too, so both validators list a file alike.
    return sorted(issues, key=lambda i: (i.path, i.message))


def _leaf(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """The error to report of one failed combinator (its best match) or plain check."""
    from jsonschema.exceptions import best_match  # noqa: PLC0415 - lazy heavy import

    leaf = best_match([error]) if error.context else error
    # An enum beside a pattern (a domain, or an x- label of one's own): the
    # enum's did-you-mean helps more, and it is what the loader says too.
    enums = [e for e in error.context or () if e.validator == "enum"]
    return enums[0] if enums and leaf.validator == "pattern" else leaf


def _takes_own_labels(error: jsonschema.ValidationError) -> bool:
    """Whether a failed choice also allowed labels of one's own (an ``x-`` pattern)."""
    return any(
        e.validator == "pattern" and str(e.validator_value) == OWN_LABEL
        for e in error.context or ()
    )


def _choice_issue(
    leaf: jsonschema.ValidationError, error: jsonschema.ValidationError, source: str | None
) -> Issue | None:
    """The issue of a value outside a choice, or of a list that lacks what its labels need.

    ``enum`` and ``const`` failures, and the ``contains`` of an open
    vocabulary's ``if``/``then``; ``None`` for other problems.
    """
    loc = tuple(leaf.absolute_path)
    allowed: Any = leaf.validator_value
    if leaf.validator in ("enum", "const"):
        options = [str(o) for o in allowed] if leaf.validator == "enum" else [str(allowed)]
        if leaf is not error and _takes_own_labels(error):
            hint = own_label_hint(leaf.instance, options)
        else:
            close = suggest(leaf.instance, options) if isinstance(leaf.instance, str) else []
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else "expected " + ", ".join(repr(o) for o in options)
            )
        return Issue(json_path(loc), f"{short_repr(leaf.instance)} is not allowed", hint, source)
    if (
        leaf.validator == "contains"
        and isinstance(allowed, Mapping)
        and set(allowed) == {"const"}
        and "then" in leaf.absolute_schema_path
    ):
        # The 'if an x- label, then this value too' of an open vocabulary.
        return Issue(json_path(loc), needs_with_labels(allowed["const"]), None, source)
    return None


def from_jsonschema(
    errors: Iterable[jsonschema.ValidationError],
    *,
    schema: Mapping[str, Any] | None = None,
    source: str | None = None,
) -> list[Issue]:
    """Convert jsonschema errors (best match inside combinators) to sorted issues."""
    issues: list[Issue] = []
    for error in errors:
        leaf = _leaf(error)
        loc = tuple(leaf.absolute_path)
        hint = None
        if leaf.validator == "additionalProperties" and isinstance(leaf.instance, dict):
            allowed = allowed_keys(schema, loc)
            extras = sorted(
                k for k in leaf.instance if k not in allowed and not str(k).startswith("x-")
            )
            for key in extras:
                close = suggest(key, allowed)
                hint = f"did you mean {close[0]!r}?" if close else "remove it"
                issues.append(Issue(json_path(loc), f"unknown key {key!r}", hint, source))
            if extras:
                continue
        choice = _choice_issue(leaf, error, source)
        if choice is not None:
            issues.append(choice)
            continue
        required: Any = leaf.validator_value
        if leaf.validator == "required" and isinstance(leaf.instance, Mapping):
            # jsonschema gives one error per missing key; each names no key of its own.
            for key in required:
                if key not in leaf.instance:
                    issues.append(Issue(json_path(loc), missing_key(key), None, source))
            continue
        if leaf.validator == "pattern":
            issues.append(
                Issue(
                    json_path(loc), not_matching(leaf.instance, leaf.validator_value), None, source
                )
            )
            continue
        if leaf.validator == "type" and isinstance(leaf.validator_value, str):
            issues.append(
                Issue(
                    json_path(loc), not_of_type(leaf.instance, leaf.validator_value), None, source
                )
            )
            continue
        subschemas: Any = leaf.validator_value
        if leaf.validator == "anyOf" and all(
            isinstance(option, Mapping) and set(option) == {"type"} for option in subschemas
        ):
            # null stands for "unstated" and is allowed wherever it is listed: the
            # loader names only the real types, and so does this message.
            names = [str(option["type"]) for option in subschemas]
            types = " or ".join(n for n in names if n != "null") or "null"
            issues.append(Issue(json_path(loc), not_of_type(leaf.instance, types), None, source))
            continue
        message = leaf.message
        if len(message) > 300:
            message = message[:297] + "..."
        issues.append(Issue(json_path(loc), message, hint, source))
    return sorted(set(issues), key=lambda i: (i.path, i.message))
