"""Fixtures shared by the test modules.

The command-line helper is the public :func:`aigov.testing.run_cli`; the
tests use it as a user's tests would.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

import pytest

from aigov.catalog import Catalog, load_catalog

#: The built-in packs of the Japanese guidelines (the international packs have their own tests).
JP_PACKS = ("jp-guidelines.json", "jp-practices-2022.json", "jp-values-2022.json")


def _jp_catalog() -> Catalog:
    folder = files("aigov.data").joinpath("catalog")
    return load_catalog(*(str(folder.joinpath(name)) for name in JP_PACKS), builtin=False)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The Japanese guidelines' packs alone, read from the shipped files."""
    return _jp_catalog()


@pytest.fixture
def fresh_catalog() -> Callable[[], Catalog]:
    """A factory of new catalogues of the Japanese packs (new objects, new graphs)."""
    return _jp_catalog
