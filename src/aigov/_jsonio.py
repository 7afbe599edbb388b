"""Reading and writing JSON documents safely (private helpers)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from aigov.errors import DocumentError, FileAccessError, Issue, LimitError, ParseError

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "atomic_write_text",
    "decode_utf8",
    "dumps_canonical",
    "json_path",
    "parse_json",
    "read_document",
    "read_limited",
]

#: Largest document read from a file, in bytes; larger files are refused unread.
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024


def read_limited(path: str | os.PathLike[str], limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """Read a file's bytes, refusing files larger than ``limit`` before reading them.

    Raises:
        FileAccessError: The file is missing, a directory, or unreadable.
        LimitError: The file is larger than ``limit``.
    """
    name = os.fspath(path)
    try:
        with Path(name).open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
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
            # Read one byte more than allowed so that a file growing under us is caught.
            data = handle.read(limit + 1)
    except FileNotFoundError as err:
        raise FileAccessError(name, "no such file") from err
    except IsADirectoryError as err:
        raise FileAccessError(name, "is a directory, not a file") from err
    except PermissionError as err:
        raise FileAccessError(name, "permission denied") from err
    except OSError as err:
        raise FileAccessError(name, err.strerror or str(err)) from err
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


def parse_json(data: bytes | str, source: str | None = None) -> Any:  # noqa: ANN401
    """Parse JSON text, turning every failure into an :class:`AigovError`.

    Duplicate keys in an object are an error, since silently keeping the last
    one would lose what the author wrote.

    Raises:
        ParseError: The text is not JSON (the error names line and column).
        LimitError: The document nests deeper than the interpreter can follow.
        DocumentError: An object repeats a key.
    """
    text = decode_utf8(data, source) if isinstance(data, bytes) else data
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as err:
        raise ParseError(
            f"malformed JSON: {err.msg}", line=err.lineno, column=err.colno, source=source
        ) from err
    except _DuplicateKeyError as err:
        raise DocumentError(
            [Issue("$", f"duplicate key {err.key!r} in an object", "keep one of them")],
            source=source,
        ) from err
    except RecursionError as err:
        raise LimitError(
            [Issue("$", "document nests too deeply to be read", "flatten the document")],
            source=source,
        ) from err


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
    """Write a text file so that readers see the old or the new file, never half of one.

    Raises:
        FileAccessError: The file (or its temporary sibling) cannot be written.
    """
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path()
        )
    except OSError as err:
        raise FileAccessError(str(target), err.strerror or str(err)) from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600; keep the old file's mode, or use a normal one.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        Path(tmp).chmod(mode)
        Path(tmp).replace(target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise FileAccessError(str(target), err.strerror or str(err)) from err
