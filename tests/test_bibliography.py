"""The bibliography: loading, lookups, citations, and the command line that prints them."""

from __future__ import annotations

import json

import pytest

from aigov.bibliography import (
    BibliographyDocument,
    Reference,
    builtin_bibliography,
    citation_lines,
)
from aigov.catalog import builtin_catalog
from aigov.errors import UnknownIdError, UsageError
from aigov.models import Source, Verification
from aigov.report import render_reference, render_references
from aigov.testing import run_cli


def test_the_builtin_bibliography_loads_once_with_unique_keys() -> None:
    bib = builtin_bibliography()
    assert bib is builtin_bibliography()
    assert len(bib) == len(set(bib)) > 50
    assert bib["jp-ai-util-2019"].part_of == "mic-report-2019"


def test_an_unknown_key_is_refused_with_a_suggestion() -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'lap-util-2018-privacy'"):
        builtin_bibliography()["lap-util-2018-privacyy"]


def test_a_chain_leads_from_a_part_to_the_whole() -> None:
    chain = builtin_bibliography().chain("jp-values-2022")
    assert [ref.key for ref in chain] == [
        "jp-values-2022",
        "mic-report-2022-summary",
        "mic-report-2022",
    ]


def test_a_document_refuses_repeated_keys_and_dangling_parents() -> None:
    ref = {"key": "a", "kind": "official", "title": {"en": "A"}}
    with pytest.raises(ValueError, match="given twice"):
        BibliographyDocument.model_validate(
            {"kind": "bibliography", "version": "1", "references": [ref, ref]}
        )
    with pytest.raises(ValueError, match="unknown reference 'b'"):
        BibliographyDocument.model_validate(
            {"kind": "bibliography", "version": "1", "references": [{**ref, "part_of": "b"}]}
        )
    with pytest.raises(ValueError, match="Japanese, English or both"):
        Reference.model_validate({"key": "a", "kind": "official", "title": {}})


def test_citation_lines_give_the_document_and_where_the_fact_was_seen() -> None:
    source = builtin_catalog().principle("jp-ai-util-2019:privacy").source
    lines = citation_lines(source)
    assert lines[0].startswith("cited: ")
    assert "AI利活用ガイドライン" in lines[0]
    assert "<https://www.soumu.go.jp/menu_news/s-news/01iicp01_02000081.html>" in lines[0]
    assert "seen in [lap-util-2018-privacy]: " in lines[1]
    assert lines[1].endswith("<https://linking-ai-principles.org/cnterm/569>")


def test_citation_lines_name_keys_that_the_bibliography_does_not_know() -> None:
    source = Source(document="acme-policy", verification=Verification.VERIFIED, evidence=("x1",))
    assert citation_lines(source) == [
        "cited: acme-policy (not in the bibliography)",
        "seen in [x1] (not in the bibliography)",
    ]


def test_renderers_print_an_entry_and_the_list() -> None:
    bib = builtin_bibliography()
    text = render_reference(bib, "lap-rd-2017-accountability")
    assert "address: https://linking-ai-principles.org/term/446" in text
    assert "shows: [jp-ai-rd-2017]" in text
    assert json.loads(render_reference(bib, "airo", "json"))["url"] == "https://w3id.org/airo"
    listing = render_references(bib)
    assert all(key in listing for key in bib)
    assert len(json.loads(render_references(bib, "json"))["references"]) == len(bib)
    with pytest.raises(UsageError, match="unknown format"):
        render_references(bib, "csv")


def test_cli_show_prints_the_citation_of_an_item_and_the_marks_of_its_links() -> None:
    result = run_cli("show", "jp-ai-util-2019:accountability")
    assert result.code == 0
    assert "\n  cited: " in result.stdout
    assert "\n  seen in [lap-util-2018-accountability]: " in result.stdout
    assert "-> addresses consumer-user (via-users) [unverified]" in result.stdout
    assert "-> embodies jp-values-2022:accountability (primary) [interpreted]" in result.stdout
    data = json.loads(run_cli("show", "jp-ai-rd-2017:safety", "--format", "json").stdout)
    assert data["bibliography"]["lap-rd-2017-safety"]["url"].startswith("https://www.")


def test_cli_show_takes_a_bibliography_key_and_sources_lists_them() -> None:
    shown = run_cli("show", "mic-report-2019-consultation")
    assert shown.code == 0
    assert shown.stdout.startswith("mic-report-2019-consultation  [official]\n")
    listed = run_cli("sources")
    assert listed.code == 0
    assert listed.stdout.splitlines()[0].split() == ["KEY", "KIND", "TITLE", "ADDRESS"]
    assert "lap-util-2018-privacy" in listed.stdout
    as_json = json.loads(run_cli("sources", "--format", "json").stdout)
    assert as_json["kind"] == "bibliography"
