"""One loader for every document kind (private, layer 0).

Every public ``load_*`` function takes the same kinds of source (a model, a
parsed JSON object, a file path, or JSON bytes) and goes through
:func:`load_document`: read with a size limit, parse refusing repeated keys,
validate into the model, and turn every problem into an :class:`Issue` that
names the place.
"""

from __future__ import annotations

import os
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias, TypeVar, Union

import pydantic
from pydantic import BaseModel

from aigov._issues import from_pydantic
from aigov._jsonio import check_tree, parse_json, read_limited
from aigov.errors import DocumentError, Issue, UsageError, ValidationFailed

__all__ = ["Source", "document_name", "load_document", "read_source", "sources", "wrong_kind"]

M = TypeVar("M", bound=BaseModel)

Source: TypeAlias = Union[BaseModel, Mapping[str, Any], str, "os.PathLike[str]", bytes]
"""What a loader accepts: a model, a parsed JSON object, a file path or JSON bytes."""

_ID_SHOWN = 40

#: How to use a document of each kind, said when it is given where another kind
#: was expected (``aigov check RULES.json``).
_USE = {
    "assessment": ("an assessment", "make a check sheet of it with 'aigov checklist ASSESSMENT'"),
    "catalog": ("a catalogue pack", "load it with --pack FILE, or load_catalog(FILE) in Python"),
    "checklist": ("a check sheet", "read it with 'aigov gaps SHEET', or load_checklist in Python"),
    "classification": ("a classification", "it is what 'aigov classify' writes"),
    "coverage": ("a coverage report", "it is what 'aigov coverage' writes"),
    "gap-report": ("a gap report", "it is what 'aigov gaps' writes; give the sheet instead"),
    "mapping-set": (
        "a mapping set",
        "pass it with --mappings FILE, or load_mappings(FILE) in Python",
    ),
    "policy": (
        "an AI policy",
        "review it with 'aigov coverage POLICY', or review_coverage in Python",
    ),
    "rule-set": ("a rule set", "pass it with --rules FILE, or compile_rules(FILE) in Python"),
    "system-profile": ("a system profile", "check it with 'aigov check PROFILE'"),
}


def document_name(what: str, ident: object) -> str:
    """How messages call a document given as data: ``<policy acme>``, ids cut short."""
    if isinstance(ident, str) and ident:
        shown = ident if len(ident) <= _ID_SHOWN else ident[: _ID_SHOWN - 3] + "..."
        return f"<{what} {shown}>"
    return f"<{what}>"


def _looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def _kind_of(data: object) -> str | None:
    """The kind of document ``data`` says it is (``kind``, or a profile's version key)."""
    if not isinstance(data, Mapping):
        return None
    kind = data.get("kind")
    if isinstance(kind, str):
        return kind if kind in _USE else None
    return "system-profile" if "profile_version" in data else None


def _expected_kind(model: type[BaseModel]) -> str | None:
    """The kind of document ``model`` reads (its ``kind`` key, or ``system-profile``)."""
    field = model.model_fields.get("kind")
    if field is not None:
        options = typing.get_args(field.annotation)
        return str(options[0]) if len(options) == 1 else None
    return "system-profile" if "profile_version" in model.model_fields else None


def wrong_kind(
    model: type[BaseModel], data: object, what: str, issues: Sequence[Issue]
) -> Issue | None:
    """One clear issue when the data is plainly another kind of aigov document.

    A rule set given as a profile gets "this is a rule set, not a system
    profile", not nine missing profile keys.  A document of the right shape
    whose only fault is its ``kind`` (every issue at ``$.kind``) keeps its issues.
    """
    found, expected = _kind_of(data), _expected_kind(model)
    if found is None or expected is None or found == expected:
        return None
    if all(i.path == "$.kind" for i in issues):
        return None
    words, use = _USE[found]
    expected_words = _USE[expected][0] if expected in _USE else f"a {what}"
    return Issue("$", f"this is {words}, not {expected_words}", use)


def read_source(source: object, *, what: str, name: str | None = None) -> tuple[Any, str]:
    """Turn a path, bytes or parsed object into parsed JSON data and a name for messages.

    Raises:
        UsageError: ``source`` is JSON text given as a path, or of a type no loader takes.
        FileAccessError: A path cannot be read.
        LimitError: The file is too large or nests too deeply.
        ParseError: The text is not JSON (with line and column).
        DocumentError: An object repeats a key.
    """
    if isinstance(source, Mapping):
        label = name or document_name(what, source.get("id"))
        # Python data meets the same input policy as JSON text.
        check_tree(source, label)
        return source, label
    if isinstance(source, (bytes, bytearray)):
        label = name or f"<{what}>"
        return parse_json(bytes(source), source=label), label
    if isinstance(source, str) and _looks_like_json(source):
        raise UsageError(
            f"the {what} was given as a string that looks like JSON text, but strings "
            "name files; pass the text as bytes (text.encode()) or the parsed object "
            "(json.loads(text))"
        )
    if isinstance(source, (str, os.PathLike)):
        label = name or os.fspath(source)
        return parse_json(read_limited(source), source=label), label
    raise UsageError(
        f"cannot read a {what} from an object of type {type(source).__name__}; give a file path, "
        "JSON bytes, a parsed JSON object or the model"
    )


def load_document(
    model: type[M],
    source: object,
    *,
    what: str,
    name: str | None = None,
    error: type[DocumentError] = ValidationFailed,
    precheck: Callable[[Any, str], None] | None = None,
    rename: Callable[[list[Issue], Any], list[Issue]] | None = None,
) -> tuple[M, str]:
    """Load one document of ``model``'s kind; return it with its name for messages.

    Args:
        model: The document model.
        source: A ``model`` instance, a parsed JSON object, a path, or JSON bytes.
        what: The document kind in words (``policy``, ``rules``...).
        name: What to call the document in messages (default: the path, or
            ``<what id>``).
        error: The error raised when the model refuses the data.
        precheck: Called with the parsed data and its name before validation
            (limits that must hold before pydantic recurses into the data).
        rename: Rewrites the issues with names the data gives (a rule's id...).

    Raises:
        UsageError: ``source`` is of a type no loader takes, or JSON text as a path.
        FileAccessError: A path cannot be read.
        ParseError: The text is not JSON.
        DocumentError: ``error`` with every problem, each with its JSON path.
    """
    if isinstance(source, model):
        return source, name or document_name(what, getattr(source, "id", None))
    data, label = read_source(source, what=what, name=name)
    if precheck is not None:
        precheck(data, label)
    try:
        return model.model_validate(data), label
    except pydantic.ValidationError as err:
        issues = from_pydantic(err, model=model, data=data)
        wrong = wrong_kind(model, data, what, issues)
        if wrong is not None:
            raise error([wrong], source=label) from err
        if rename is not None:
            issues = rename(issues, data)
        raise error(issues, source=label) from err


def sources(given: object) -> Sequence[Any]:
    """What a ``rules=`` or ``mappings=`` argument holds, as a sequence of sources.

    ``None`` is none; a sequence (other than ``str`` and ``bytes``, which are
    one source each) is several; anything else is one.
    """
    if given is None:
        return ()
    if isinstance(given, Sequence) and not isinstance(given, (str, bytes)):
        return given
    return [given]
