"""What every CLI command shares (private).

The exit codes, the output streams, and reading the profiles, rules and
mappings a command is given.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import warnings
from collections.abc import Iterator, Sequence
from typing import IO

from aigov._jsonio import (
    dumps_canonical,
    read_limited,
)
from aigov.catalog import Catalog, load_catalog
from aigov.crosswalk import MappingIndex, load_mappings
from aigov.errors import (
    AigovError,
    DocumentError,
    FileAccessError,
    Issue,
    LimitError,
    OutdatedIdentifierWarning,
    UsageError,
    printable,
)
from aigov.rules import CompiledRules, compile_rules

__all__ = [
    "EXIT_FAILED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "MAX_LINE_BYTES",
    "_STDIN",
    "_STREAMS",
    "_Out",
    "_catalog",
    "_failed",
    "_mappings",
    "_profiles",
    "_read_stdin",
    "_rules",
    "_view_mappings",
    "_warn",
    "_write_text",
]


#: Longest line of a JSON Lines input, in bytes.
MAX_LINE_BYTES = 1024 * 1024


#: Everything went well (and a gate passed).
EXIT_OK = 0


#: ``gaps``: the gate failed (open items, too few answers, or edited generated cells).
EXIT_FAILED = 1


#: Wrong arguments, or a file that cannot be read or written.
EXIT_USAGE = 2


#: A document is invalid (whatever the command), so that CI can tell it from a failed gate.
EXIT_INVALID = 3


_STREAMS: contextvars.ContextVar[tuple[IO[str], IO[str]]] = contextvars.ContextVar("streams")


#: Where ``aigov init`` reads replies (``main``'s ``stdin``; the process's by default).
_STDIN: contextvars.ContextVar[IO[str] | None] = contextvars.ContextVar("stdin")


class _Out:
    """Where a command writes: the streams given to :func:`main`.

    Output never fails on a character the stream's encoding lacks (it is
    written as an escape), and an I/O error of the stream becomes a
    :class:`FileAccessError` (exit 2), never a traceback.
    """

    def __init__(self, stdout: IO[str] | None, stderr: IO[str] | None) -> None:
        self.stdout = stdout
        self.stderr = stderr

    def write(self, text: str) -> None:
        if self.stdout is None:
            raise FileAccessError("standard output", "is closed")
        try:
            _write_text(self.stdout, text)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise FileAccessError("standard output", err.strerror or str(err)) from err

    def json(self, data: object) -> None:
        self.write(dumps_canonical(data))

    def error(self, text: str) -> None:
        """Write a message to standard error; a closed or broken one loses it quietly."""
        if self.stderr is None:
            return
        with contextlib.suppress(OSError):
            _write_text(self.stderr, text)


def _write_text(stream: IO[str], text: str) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))


def _catalog(args: argparse.Namespace) -> Catalog:
    return load_catalog(*getattr(args, "pack", None) or ())


def _failed(out: _Out, name: str, err: AigovError, status: int) -> int:
    """Report one document of several that failed; return the exit code so far.

    The highest code met wins (docs/cli.md), whatever the order of the files:
    assigning the usage code outright let a later I/O error hide an invalid
    document once invalid documents exit 3.
    """
    if isinstance(err, DocumentError):
        out.error(f"{err}\n" if err.source else f"{printable(name)}: {err}\n")
        return max(status, EXIT_INVALID)
    out.error(f"aigov: error: {err}\n")
    return max(status, EXIT_USAGE)


def _warn(out: _Out, path: str, caught: Sequence[warnings.WarningMessage]) -> None:
    """Say what a document should update; hand any other warning on unchanged."""
    for item in caught:
        if issubclass(item.category, OutdatedIdentifierWarning):
            out.error(f"{printable(path)}: warning: {item.message}\n")
        else:
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)


def _mappings(args: argparse.Namespace, catalog: Catalog) -> MappingIndex:
    """The built-in mapping sets and those of --mappings, checked against the catalogue."""
    return load_mappings(*(getattr(args, "mappings", None) or ()), catalog=catalog)


def _view_mappings(args: argparse.Namespace, catalog: Catalog) -> MappingIndex | None:
    """--mappings for a command whose --framework they serve (refused without one)."""
    if not args.mappings:
        return None
    if args.framework is None:
        raise UsageError("--mappings serves --framework: give --framework ID too")
    return _mappings(args, catalog)


def _rules(args: argparse.Namespace, catalog: Catalog) -> CompiledRules:
    if args.no_builtin_rules and not args.rules:
        raise UsageError("--no-builtin-rules needs at least one --rules FILE")
    return compile_rules(
        *(args.rules or ()),
        builtin=not args.no_builtin_rules,
        catalog=catalog,
        rule_sets=getattr(args, "rule_set", None),
    )


def _profiles(paths: Sequence[str]) -> Iterator[tuple[str, bytes | AigovError]]:
    """Yield ``(name, JSON bytes or the error reading them)`` for files and JSONL lines."""
    for path in paths:
        if not path.endswith(".jsonl"):
            try:
                yield path, read_limited(path)
            except AigovError as err:
                yield path, err
            continue
        try:
            handle = open(path, "rb")  # noqa: SIM115, PTH123 - streamed line by line
        except OSError as err:
            yield path, FileAccessError(path, err.strerror or str(err))
            continue
        with handle:
            number = 0
            while True:
                # Bounded reads: one huge line must not be read into memory whole.
                line = handle.readline(MAX_LINE_BYTES + 1)
                if not line:
                    break
                number += 1
                name = f"{path}:{number}"
                if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                    while line and not line.endswith(b"\n"):
                        line = handle.readline(MAX_LINE_BYTES)
                    yield (
                        name,
                        LimitError(
                            [Issue("$", f"line longer than {MAX_LINE_BYTES} bytes", "split it")],
                            source=name,
                        ),
                    )
                elif line.strip():
                    yield name, line


def _read_stdin(stdin: IO[str] | None) -> str:
    if stdin is None:
        raise UsageError("--answers - reads standard input, which is closed")
    try:
        return stdin.read()
    except (OSError, UnicodeDecodeError) as err:
        raise FileAccessError("standard input", str(err)) from err
