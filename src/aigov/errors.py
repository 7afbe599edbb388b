"""The exceptions aigov raises.

Every error derives from :class:`AigovError`, so ``except AigovError`` catches
anything the library raises on bad input.  Errors carry structured fields (the
JSON path, the file, the offending value) and a message that names the place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "AigovError",
    "CatalogError",
    "DocumentError",
    "FileAccessError",
    "Issue",
    "LimitError",
    "OutdatedIdentifierWarning",
    "ParseError",
    "RuleError",
    "UnknownIdError",
    "UsageError",
    "ValidationFailed",
    "VersionDriftError",
    "printable",
]


#: How many issues an error's message lists; ``issues`` always holds all of them.
MAX_SHOWN = 20

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (a newline as a backslash and n).

    File names and other names a user gives are printed through it, so that a
    name cannot move the cursor, change a terminal's title or forge a line of
    output.
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class AigovError(Exception):
    """Base class of every error aigov raises on purpose."""


@dataclass(frozen=True)
class Issue:
    """One problem found in a document.

    Attributes:
        path: JSON path of the offending place, e.g. ``$.principles[3].label``.
        message: What is wrong, in one sentence.
        hint: How to fix it, when that is easy to say.
        source: The file (or other origin) the document came from, if known.
    """

    path: str
    message: str
    hint: str | None = None
    source: str | None = None

    def __str__(self) -> str:
        where = f"{printable(self.source)}: {self.path}" if self.source else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class DocumentError(AigovError, ValueError):
    """A document is not acceptable; ``issues`` lists every problem found."""

    def __init__(self, issues: Iterable[Issue], *, source: str | None = None) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        if source is None:
            # Problems all found in one file (a pack among several): that file is the
            # document's source, named once in the heading rather than on every line.
            origins = {issue.source for issue in self.issues}
            if len(origins) == 1:
                source = origins.pop()
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        head = f"{printable(self.source)}: " if self.source else ""
        count = len(self.issues)
        if count == 1:
            return head + "invalid document: " + _issue_text(self.issues[0], self.source)
        lines = [f"{head}invalid document ({count} problems):"]
        shown = self.issues[:MAX_SHOWN]
        lines.extend("  - " + _issue_text(issue, self.source) for issue in shown)
        if count > len(shown):
            lines.append(f"  ... and {count - len(shown)} more (see the error's 'issues')")
        return "\n".join(lines)


def _issue_text(issue: Issue, source: str | None) -> str:
    # The document's own source is already in the heading; repeat only a different one.
    if issue.source and issue.source != source:
        return str(issue)
    return str(Issue(issue.path, issue.message, issue.hint))


class ValidationFailed(DocumentError):
    """A document does not validate against its JSON Schema or model."""


class ParseError(DocumentError):
    """A document is not well-formed JSON (or CSV); the issue names line and column."""

    def __init__(
        self,
        message: str,
        *,
        line: int,
        column: int,
        source: str | None = None,
        hint: str = "fix the syntax there",
    ) -> None:
        self.line = line
        self.column = column
        super().__init__(
            [Issue(f"line {line}, column {column}", message, hint)],
            source=source,
        )


class CatalogError(DocumentError):
    """A catalogue pack breaks referential integrity (duplicate or dangling IDs...)."""


class RuleError(DocumentError):
    """A rule set is invalid; each issue path names the rule."""


class LimitError(DocumentError):
    """A document exceeds a documented size or depth limit."""


class UnknownIdError(AigovError, KeyError):
    """An ID (item, schema, framework...) is not known; suggests close matches.

    When nothing is close, the message lists the valid IDs instead (up to
    :data:`MAX_CHOICES_SHOWN` of them), so that a user never meets a bare
    "unknown".
    """

    def __init__(
        self,
        kind: str,
        value: str,
        *,
        suggestions: Sequence[str] = (),
        where: str | None = None,
        choices: Iterable[str] = (),
        hint: str | None = None,
    ) -> None:
        self.kind = kind
        self.hint = hint
        self.value = value
        self.suggestions = tuple(suggestions)
        self.where = where
        self.choices = tuple(sorted(set(choices)))
        super().__init__(value)

    def __str__(self) -> str:
        text = f"Unknown {self.kind} {self.value!r}"
        if self.where:
            text += f" in {printable(self.where)}"
        if self.suggestions:
            options = " or ".join(repr(s) for s in self.suggestions)
            text += f" (did you mean {options}?)"
        elif self.choices:
            shown = self.choices[:MAX_CHOICES_SHOWN]
            more = len(self.choices) - len(shown)
            listed = ", ".join(shown) + (f" and {more} more" if more else "")
            text += f" (valid: {listed})"
        if self.hint:
            text += f"; {self.hint}"
        return text


#: How many valid IDs an :class:`UnknownIdError` lists when none is close.
MAX_CHOICES_SHOWN = 30


class FileAccessError(AigovError, OSError):
    """A file cannot be read or written."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __str__(self) -> str:
        return f"{printable(self.path)}: {self.reason}"


class UsageError(AigovError, ValueError):
    """A call's arguments are not usable (for example an unknown output format)."""


class VersionDriftError(UsageError):
    """The versions a check sheet was made with are not the ones of this run.

    ``drift`` maps what differs (``catalog``, ``rules``) to ``(recorded, current)``.
    """

    def __init__(self, drift: dict[str, tuple[str, str]], source: str | None = None) -> None:
        self.drift = drift
        self.source = source
        parts = [
            f"the sheet was made with {what} {old}, this run uses {new}"
            for what, (old, new) in sorted(drift.items())
        ]
        super().__init__(
            "; ".join(parts) + " (give the same --rules and --pack as when the sheet was made,"
            " or allow the change with --allow-version-drift)"
        )


class OutdatedIdentifierWarning(FutureWarning):
    """A document uses an identifier of an earlier aigov version.

    The document is still read the same way; the message says what to write
    instead.  A warning rather than an error, so that documents written for
    earlier versions keep working while their authors update them.
    """
