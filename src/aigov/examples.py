"""The example documents that ship with aigov: list them, read one, copy one out.

The examples are package data (``aigov/data/examples/<group>/<file>``), read
through :mod:`importlib.resources`, so they are there after a plain install
from a wheel, with no clone of the repository.  Each has a short, stable name:
its file name without the extension (``resume-screener``,
``eu-credit-scoring``, ``sakura-robotics``, ``resume-screener-filled``).

    >>> from aigov.examples import list_examples
    >>> [e.name for e in list_examples() if e.group == "policies"]
    ['northwind-analytics', 'sakura-robotics']

Nothing here reads or writes the current directory: :func:`copy_example`
writes into the directory it is given.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path
from typing import Literal, TypeAlias

from aigov._base import FrozenModel, Short, Slug, Text
from aigov._jsonio import atomic_write_bytes, parse_json
from aigov._suggest import suggest
from aigov.errors import FileAccessError, UnknownIdError

__all__ = [
    "EXAMPLE_GROUPS",
    "Example",
    "ExampleKind",
    "copy_example",
    "list_examples",
    "read_example",
]

#: The kinds of document an example may be (the names of their schemas, as
#: ``aigov schema`` and ``aigov validate`` use them).
ExampleKind: TypeAlias = Literal["catalog", "checklist", "policy", "rule-set", "system-profile"]

#: The folders the examples are kept in, in the order they are listed, each
#: with the kind of document it holds unless a document names its own ``kind``.
EXAMPLE_GROUPS: dict[str, ExampleKind] = {
    "profiles": "system-profile",
    "eu-ai-act": "system-profile",
    "checklists": "checklist",
    "policies": "policy",
    "packs": "catalog",
    "custom-facts": "system-profile",
}

#: The file types an example may be; anything else in the folders (a README,
#: the expected outcomes) is documentation, not an example.
_SUFFIXES = (".csv", ".json")


class Example(FrozenModel):
    """One example document.

    ``title`` and ``description`` are taken from the document itself, in its
    own language: a profile's ``name`` and ``description``; a policy's
    ``title`` and ``organisation``; a pack's or rule set's English ``title``
    and (a pack's) first framework's English ``summary``. A check sheet has
    neither.
    """

    name: Slug
    kind: ExampleKind
    group: Slug
    file_name: Short
    title: Short | None = None
    description: Text | None = None


def _read(group: str, file_name: str) -> bytes:
    return files("aigov.data").joinpath("examples").joinpath(group).joinpath(file_name).read_bytes()


def _text(value: object) -> str | None:
    """A string as it is; of a ja/en text, the English; anything else None."""
    if isinstance(value, dict):
        value = value.get("en")
    return value if isinstance(value, str) else None


def _describe(group: str, file_name: str) -> Example:
    kind: str = EXAMPLE_GROUPS[group]
    title = description = None
    if file_name.endswith(".json"):
        document = parse_json(_read(group, file_name), source=file_name)
        kind = _text(document.get("kind")) or kind
        if kind == "system-profile":
            title, description = _text(document.get("name")), _text(document.get("description"))
        elif kind == "policy":
            title, description = _text(document.get("title")), _text(document.get("organisation"))
        else:
            title = _text(document.get("title"))
            frameworks = document.get("frameworks") or [{}]
            description = _text(frameworks[0].get("summary"))
    return Example.model_validate(
        {
            "name": file_name.rpartition(".")[0],
            "kind": kind,
            "group": group,
            "file_name": file_name,
            "title": title,
            "description": description,
        }
    )


@functools.cache
def list_examples() -> tuple[Example, ...]:
    """Every example, group by group (as in :data:`EXAMPLE_GROUPS`) and by name.

    The examples are read once and cached.

    Returns:
        The examples, each with its unique name, kind, group and file name.
    """
    found = []
    for group in EXAMPLE_GROUPS:
        folder = files("aigov.data").joinpath("examples").joinpath(group)
        names = [entry.name for entry in folder.iterdir()]
        for file_name in sorted(names, key=lambda n: n.rpartition(".")[0]):
            if file_name.startswith(".") or not file_name.endswith(_SUFFIXES):
                continue
            found.append(_describe(group, file_name))
    return tuple(found)


def _find(name: str) -> Example:
    by_name = {example.name: example for example in list_examples()}
    if name in by_name:
        return by_name[name]
    # A file name ('resume-screener.json') is a natural thing to type.
    stem = name.rpartition(".")[0] if name.endswith(_SUFFIXES) else ""
    if stem in by_name:
        return by_name[stem]
    raise UnknownIdError(
        "example", name, suggestions=suggest(name, by_name), choices=sorted(by_name)
    )


def read_example(name: str) -> bytes:
    """The bytes of the example called ``name``, as they are shipped.

    Raises:
        UnknownIdError: No example has that name; the message suggests close
            names, or lists them all.
    """
    example = _find(name)
    return _read(example.group, example.file_name)


def copy_example(name: str, directory: str | Path, *, overwrite: bool = False) -> Path:
    """Write the example called ``name`` into ``directory`` under its file name.

    The directory is made if it does not exist.  The file is written
    atomically: a reader sees no file or the whole example, never half of it.

    Args:
        name: The example's name (``resume-screener``); its file name
            (``resume-screener.json``) is accepted too.
        directory: Where to write it.
        overwrite: Replace a file of the same name; without it such a file is
            left alone and the call fails.

    Returns:
        The path of the file written.

    Raises:
        UnknownIdError: No example has that name.
        FileAccessError: The file exists and ``overwrite`` is false, or the
            directory cannot be made or written to.
    """
    example = _find(name)
    data = read_example(example.name)
    target = Path(directory) / example.file_name
    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
    except FileExistsError as err:
        raise FileAccessError(str(directory), "is not a directory") from err
    except OSError as err:
        raise FileAccessError(str(directory), err.strerror or str(err)) from err
    except ValueError as err:
        raise FileAccessError(str(directory), "the path contains a NUL character") from err
    if not overwrite and (target.exists() or target.is_symlink()):
        raise FileAccessError(
            str(target),
            "already exists; overwrite it with --force (overwrite=True),"
            " or copy the example into another directory",
        )
    atomic_write_bytes(target, data)
    return target
