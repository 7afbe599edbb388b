"""Reading and writing JSON documents safely (private helpers).

Every document aigov reads goes through :func:`parse_json`, which applies one
input policy (the Reliability page states it):

- integers have at most :data:`MAX_INTEGER_DIGITS` digits, numbers are
  finite (no ``NaN``, ``Infinity`` or ``1e999``);
- strings, keys included, are valid Unicode (no lone surrogates);
- no object repeats a key;
- containers nest at most :data:`MAX_NESTING` levels.

Each refusal names the place (line and column for numbers, the JSON path
for strings and nesting).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from aigov.errors import (
    AigovError,
    DocumentError,
    FileAccessError,
    Issue,
    LimitError,
    ParseError,
    UsageError,
)

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_INTEGER_DIGITS",
    "MAX_NESTING",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_writer",
    "check_tree",
    "decode_utf8",
    "dumps_canonical",
    "json_path",
    "parse_json",
    "read_document",
    "read_limited",
]

#: Largest document read from a file, in bytes; larger files are refused unread.
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
#: Most digits of an integer literal (enough for any 64-bit integer).
MAX_INTEGER_DIGITS = 20
#: Deepest nesting of arrays and objects in a document.
MAX_NESTING = 100


def read_limited(path: str | os.PathLike[str], limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """Read a file's bytes, refusing files larger than ``limit`` before reading them.

    Raises:
        FileAccessError: The file is missing, a directory, or unreadable.
        LimitError: The file is larger than ``limit``.
    """
    name = os.fspath(path)
    size = 0
    try:
        with Path(name).open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            # Read one byte more than allowed so that a file growing under us is caught;
            # a file already too large is not read at all.
            data = handle.read(limit + 1) if size <= limit else b""
    except FileNotFoundError as err:
        raise FileAccessError(name, "no such file") from err
    except IsADirectoryError as err:
        raise FileAccessError(name, "is a directory, not a file") from err
    except PermissionError as err:
        raise FileAccessError(name, "permission denied") from err
    except (OSError, ValueError) as err:
        raise FileAccessError(name, _reason(err)) from err
    if size > limit:
        raise LimitError(
            [
                Issue(
                    "$",
                    f"file is {size} bytes, over the limit of {limit} bytes",
                    "split the document or raise the limit",
                )
            ],
            source=name,
        )
    if len(data) > limit:
        raise LimitError([Issue("$", f"file is over the limit of {limit} bytes")], source=name)
    return data


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Called for every object of every document: dict() runs in C, and only an
    # object that lost a key on the way pays for finding which one.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                # json gives no position here; the key name is the best locator we have.
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def decode_utf8(data: bytes, source: str | None = None) -> str:
    """Decode UTF-8 text (a byte-order mark is dropped).

    Raises:
        ParseError: The bytes are not UTF-8 (the error names the first bad byte).
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ParseError(
            f"not UTF-8 text (byte {err.start})", line=1, column=1, source=source
        ) from err


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _NumberError(ValueError):
    def __init__(self, literal: str, message: str) -> None:
        self.literal = literal
        self.message = message
        super().__init__(message)


def _parse_int(literal: str) -> int:
    digits = len(literal) - literal.startswith("-")
    if digits > MAX_INTEGER_DIGITS:
        raise _NumberError(
            literal, f"an integer of {digits} digits; at most {MAX_INTEGER_DIGITS} are read"
        )
    return int(literal)


def _parse_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _NumberError(literal, f"the number {literal[:30]} is too large to be read")
    return value


def _refuse_constant(literal: str) -> float:
    raise _NumberError(literal, f"{literal} is not a JSON number")


def _position(text: str, literal: str) -> tuple[int, int]:
    """Line and column of the first number literal ``literal`` in ``text`` (1-based)."""
    found = re.search(r"(?<![\w.+-])" + re.escape(literal) + r"(?![\w.])", text)
    start = found.start() if found else 0
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def check_tree(value: Any, source: str | None = None, *, scalars: bool = True) -> None:  # noqa: ANN401
    """Apply the input policy to parsed JSON, or to Python data given instead of it.

    Args:
        value: The data.
        source: Where it came from, for the messages.
        scalars: Check strings, keys and numbers too; :func:`parse_json` leaves
            them out when its parse hooks and the text already rule them out.

    Raises:
        LimitError: Containers nest deeper than :data:`MAX_NESTING`.
        DocumentError: A string or key holds a lone surrogate, or a number is
            not finite or has more than :data:`MAX_INTEGER_DIGITS` digits.
    """
    if not isinstance(value, (dict, list, tuple)):
        if scalars:
            _check_scalar(value, (), source)
        return
    # Only containers go on the stack: most of a document is its scalars.
    stack: list[tuple[Any, tuple[object, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if len(path) >= MAX_NESTING:
            raise LimitError(
                [
                    Issue(
                        json_path(path),
                        f"the document nests deeper than {MAX_NESTING} levels",
                        "flatten the document",
                    )
                ],
                source=source,
            )
        is_dict = isinstance(node, dict)
        for key, child in node.items() if is_dict else enumerate(node):
            if scalars and is_dict and isinstance(key, str):
                _check_text(key, path, source)
            if isinstance(child, (dict, list, tuple)):
                stack.append((child, (*path, key)))
            elif scalars:
                _check_scalar(child, (*path, key), source)


def _check_scalar(value: object, path: tuple[object, ...], source: str | None) -> None:
    if isinstance(value, str):
        _check_text(value, path, source)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_number(value, path, source)


def _check_number(number: float, path: tuple[object, ...], source: str | None) -> None:
    if isinstance(number, float):
        problem = None if math.isfinite(number) else f"{number} is not a JSON number"
    else:
        # Compare with a bound rather than convert: str() of a huge int is what costs.
        problem = (
            None
            if abs(number) < 10**MAX_INTEGER_DIGITS
            else f"an integer of more than {MAX_INTEGER_DIGITS} digits"
        )
    if problem is not None:
        raise DocumentError(
            [Issue(json_path(path), problem, "use a finite number of at most 20 digits")],
            source=source,
        )


def _check_text(text: str, path: tuple[object, ...], source: str | None) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise DocumentError(
            [
                Issue(
                    json_path(path),
                    f"a string holds a lone surrogate (\\u{ord(text[err.start]):04x})",
                    "escape only whole characters (surrogate pairs)",
                )
            ],
            source=source,
        ) from None


def parse_json(data: bytes | str, source: str | None = None) -> Any:  # noqa: ANN401
    """Parse JSON text under aigov's input policy (see the module docs).

    Duplicate keys in an object are an error, since silently keeping the last
    one would lose what the author wrote.

    Raises:
        ParseError: The text is not JSON, or a number is out of bounds (the
            error names line and column).
        LimitError: The document nests deeper than :data:`MAX_NESTING` levels.
        DocumentError: An object repeats a key, or a string holds a lone surrogate.
    """
    text = decode_utf8(data, source) if isinstance(data, bytes) else data
    try:
        value = json.loads(
            text,
            object_pairs_hook=_reject_duplicates,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as err:
        raise ParseError(
            f"malformed JSON: {err.msg}", line=err.lineno, column=err.colno, source=source
        ) from err
    except _NumberError as err:
        line, column = _position(text, err.literal)
        raise ParseError(err.message, line=line, column=column, source=source) from None
    except _DuplicateKeyError as err:
        raise DocumentError(
            [Issue("$", f"duplicate key {err.key!r} in an object", "keep one of them")],
            source=source,
        ) from err
    except RecursionError as err:
        raise LimitError(
            [
                Issue(
                    "$",
                    f"the document nests deeper than {MAX_NESTING} levels",
                    "flatten the document",
                )
            ],
            source=source,
        ) from err
    # Numbers were checked while parsing, and a lone surrogate can only come
    # from a \\u escape in the text: the strings need a look only if one is there.
    check_tree(value, source, scalars=_SURROGATE_ESCAPE.search(text) is not None)
    return value


def read_document(path: str | os.PathLike[str], limit: int = MAX_DOCUMENT_BYTES) -> Any:  # noqa: ANN401
    """Read and parse one JSON file (see :func:`read_limited`, :func:`parse_json`)."""
    return parse_json(read_limited(path, limit), source=os.fspath(path))


def json_path(loc: Iterable[object]) -> str:
    """Render a location (keys and indexes) as a JSON path such as ``$.a[0].b``."""
    parts = ["$"]
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif isinstance(step, str) and step.replace("_", "a").replace("-", "a").isalnum():
            parts.append(f".{step}")
        else:
            parts.append(f"[{json.dumps(str(step), ensure_ascii=False)}]")
    return "".join(parts)


def dumps_canonical(obj: object) -> str:
    """Serialise to aigov's canonical JSON form.

    Sorted keys, two-space indent, UTF-8 text without ASCII escaping, and a
    trailing newline: the same data always gives the same bytes.
    """
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write a text file (UTF-8) as :func:`atomic_write_bytes` does.

    Raises:
        FileAccessError: The target is not a regular file, or it (or its
            temporary sibling) cannot be written; no temporary file is left.
        UsageError: ``text`` cannot be written as UTF-8 (a lone surrogate).
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise UsageError(
            f"{os.fspath(path)}: the text holds a lone surrogate and cannot be written as UTF-8"
        ) from err
    atomic_write_bytes(path, data)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a file so that readers see the old or the new file, never half of one.

    Only a regular file (or a symbolic link, which is replaced) is ever
    replaced: a FIFO, a device or a link to one is refused, since replacing
    it with a regular file would lose what was written to it.

    Raises:
        FileAccessError: The target is not a regular file, or it (or its
            temporary sibling) cannot be written; no temporary file is left.
    """
    with atomic_writer(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write into, which replaces ``path`` when the block ends.

    What :func:`atomic_write_bytes` does, for output written piece by piece
    (``aigov check -o FILE`` on a million profiles): readers see the old file
    until the block ends without an exception, then the new one.  On any
    exception the temporary file is removed and ``path`` is left as it was.

    Raises:
        FileAccessError: The target is not a regular file, or it (or its
            temporary sibling) cannot be written; no temporary file is left.
    """
    target = Path(path)
    name = os.fspath(path)
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    except (OSError, ValueError) as err:
        raise FileAccessError(name, _reason(err)) from err
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        kind = "a directory" if stat.S_ISDIR(existing.st_mode) else "not a regular file"
        raise FileAccessError(
            name, f"is {kind}; write to a regular file, or use '-o -' for standard output"
        )
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path()
        )
    except (OSError, ValueError) as err:
        raise FileAccessError(name, _reason(err)) from err
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600; keep the old file's mode, or use a normal one.
        mode = existing.st_mode & 0o777 if existing is not None else 0o644
        Path(tmp).chmod(mode)
        Path(tmp).replace(target)
    except AigovError:
        # The writer's own error (a profile it could not read): not one of this file.
        Path(tmp).unlink(missing_ok=True)
        raise
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise FileAccessError(name, _reason(err)) from err
    except BaseException:
        # Ctrl-C (or anything else) half-way: leave nothing behind.
        Path(tmp).unlink(missing_ok=True)
        raise


def _reason(err: BaseException) -> str:
    if isinstance(err, ValueError):
        return "the path contains a NUL character"
    if isinstance(err, OSError):
        return err.strerror or str(err)
    return str(err)
