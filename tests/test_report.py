"""The presentation layer: one public module, UI words as data."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest

import aigov
from aigov import report
from aigov._render import words
from aigov.errors import UsageError

RESUME = "src/aigov/data/examples/profiles/resume-screener.json"


def _ui(lang: str) -> dict[str, dict[str, str]]:
    text = files("aigov.data").joinpath("ui").joinpath(f"{lang}.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


def test_both_languages_have_the_same_sections_and_keys() -> None:
    """Every UI word exists in both languages, non-empty, with the same ``{fields}``."""
    en, ja = _ui("en"), _ui("ja")
    assert (
        set(en)
        == set(ja)
        == {
            "assessment",
            "checklist",
            "classification",
            "coverage",
            "explanation",
            "graph",
            "html",
        }
    )
    for section in en:
        assert set(en[section]) == set(ja[section]), section
        assert all(text.strip() for text in [*en[section].values(), *ja[section].values()])
        for key, text in en[section].items():  # both fill in the same values
            fields = set(re.findall(r"\{(\w+)\}", text))
            assert fields == set(re.findall(r"\{(\w+)\}", ja[section][key])), (section, key)


def test_words_refuses_an_unknown_language() -> None:
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        words("assessment", "fr")


def test_every_renderer_is_reachable_from_aigov_report() -> None:
    names = [n for n in report.__all__ if n.startswith("render_")]
    assert names == sorted(names)
    assert {
        "render_assessment",
        "render_checklist",
        "render_coverage",
        "render_explanation",
        "render_gaps",
        "render_html",
        "render_item",
        "render_items",
        "render_matrix",
    } <= set(names)


def test_assessment_headings_come_from_the_word_files() -> None:
    a = aigov.check(RESUME)
    for lang in ("en", "ja"):
        text = report.render_assessment(a, "markdown", lang)
        assert f"## {_ui(lang)['assessment']['triggered']}" in text


def test_render_items_and_item_agree_with_the_catalogue() -> None:
    cat = aigov.builtin_catalog()
    values = list(cat.values)
    listed = json.loads(report.render_items(cat, values, "value", "json"))
    assert [v["id"] for v in listed] == [v.id for v in values]
    shown = report.render_item(cat, "jp-ai-util-2019:fairness", "text", "ja")
    assert shown.startswith("jp-ai-util-2019:fairness  [principle]")
    with pytest.raises(UsageError, match="unknown format 'csv'"):
        report.render_item(cat, "jp-ai-util-2019:fairness", "csv")
