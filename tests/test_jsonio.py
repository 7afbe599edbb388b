"""Safe JSON reading and writing: limits, positions, canonical form, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aigov import _jsonio
from aigov.errors import AigovError, DocumentError, FileAccessError, LimitError, ParseError


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(ParseError) as info:
        _jsonio.parse_json(b'{"a": 1,\n "b": }', source="f.json")
    assert (info.value.line, info.value.column) == (2, 7)
    assert str(info.value).startswith("f.json: invalid document: line 2, column 7: malformed JSON")


def test_duplicate_keys_are_an_error_not_silently_dropped() -> None:
    with pytest.raises(DocumentError, match="duplicate key 'a'"):
        _jsonio.parse_json('{"a": 1, "a": 2}')


def test_deep_nesting_is_refused_without_exhausting_the_interpreter() -> None:
    with pytest.raises(LimitError, match="nests deeper than 100 levels"):
        _jsonio.parse_json("[" * 100_000 + "]" * 100_000)


def test_non_utf8_bytes_are_a_parse_error() -> None:
    with pytest.raises(ParseError, match="not UTF-8"):
        _jsonio.parse_json(b'{"a": "\xff"}')


def test_missing_file_and_directory_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError) as info:
        _jsonio.read_limited(tmp_path / "nope.json")
    assert str(info.value) == f"{tmp_path / 'nope.json'}: no such file"
    with pytest.raises(FileAccessError, match="is a directory"):
        _jsonio.read_limited(tmp_path)


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:  # a sparse 1 GB file: nothing is really written
        handle.truncate(1 << 30)
    with pytest.raises(LimitError, match="over the limit"):
        _jsonio.read_limited(path)


def test_json_path_renders_keys_and_indexes() -> None:
    assert _jsonio.json_path(["a", 0, "b-c"]) == "$.a[0].b-c"
    assert _jsonio.json_path(["weird key", 1]) == '$["weird key"][1]'
    assert _jsonio.json_path([]) == "$"


def test_canonical_form_is_sorted_utf8_with_trailing_newline() -> None:
    text = _jsonio.dumps_canonical({"b": "公平性", "a": [2, 1]})
    assert text == '{\n  "a": [\n    2,\n    1\n  ],\n  "b": "公平性"\n}\n'


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    _jsonio.atomic_write_text(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_atomic_write_into_missing_folder_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError):
        _jsonio.atomic_write_text(tmp_path / "no" / "such" / "dir.json", "x")


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda kids: (
        st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3)
    ),
    max_leaves=20,
)


@given(_json)
def test_canonical_form_round_trips(value: Any) -> None:
    assert _jsonio.parse_json(_jsonio.dumps_canonical(value)) == value


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_parse_json_raises_only_aigov_errors(data: bytes | str) -> None:
    try:
        _jsonio.parse_json(data)
    except AigovError:
        pass


def test_parse_json_accepts_a_utf8_byte_order_mark() -> None:
    assert _jsonio.parse_json('\ufeff{"a": 1}'.encode()) == {"a": 1}
    assert json.loads('{"a": 1}') == {"a": 1}
