"""Assess once, report everywhere: a sheet's answers carried to another framework's items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aigov._answers import Answer, carry_to
from aigov.catalog import builtin_catalog
from aigov.checklist import Checklist, gaps, load_checklist
from aigov.crosswalk import find_correspondences, load_mappings
from aigov.schemas import validate
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
FILLED = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"
NIST = "nist-ai-rmf-1.0"


@pytest.fixture(scope="module")
def filled() -> Checklist:
    return load_checklist(FILLED)


def _answer(principle: str, status: str | None, evidence: str | None = None) -> Answer:
    return Answer(
        item=f"{principle}/1",
        roles=("business-user",),
        principle=principle,
        basis=(),
        status=status,
        evidence=evidence,
    )


def test_close_matches_carry_the_status_and_the_worst_one_wins() -> None:
    cat = builtin_catalog()
    fair = "jp-ai-util-2019:fairness"
    assert [
        c.predicate
        for c in find_correspondences(fair, NIST, derived=False)
        if c.id == f"{NIST}:fair"
    ] == ["skos:closeMatch"]
    answers = [_answer(fair, "yes", "audit A"), _answer(fair, "no", "audit B")]
    result = carry_to(answers, NIST, catalog=cat, mappings=load_mappings(catalog=cat))
    (item,) = [i for i in result.items if i.id == f"{NIST}:fair"]
    assert item.status == "no"
    assert not item.review
    assert item.evidence == ("audit A", "audit B")
    assert {a.mapping_set for a in item.answers} == {"jp-ai-util-2019--nist-ai-rmf-1.0"}
    assert {a.carries for a in item.answers} == {"status"}


def test_broad_narrow_and_related_matches_carry_evidence_only_for_review() -> None:
    cat = builtin_catalog()
    answers = [_answer("jp-ai-util-2019:transparency", "yes", "model card")]
    result = carry_to(answers, NIST, catalog=cat, mappings=load_mappings(catalog=cat))
    (item,) = [i for i in result.items if i.id == f"{NIST}:explainable-interpretable"]
    assert item.review
    assert item.status is None
    assert item.evidence == ("model card",)
    assert {a.predicate for a in item.answers} == {"skos:narrowMatch"}


def test_derived_correspondences_never_carry_anything(filled: Checklist) -> None:
    cat = builtin_catalog()
    report = gaps(filled, framework=NIST)
    assert report.answers is not None
    curated = {
        c.id
        for p in {i.principle for i in filled.items} | {b for i in filled.items for b in i.basis}
        if p in cat
        for c in find_correspondences(p, NIST, derived=False)
    }
    assert {i.id for i in report.answers.items} <= curated
    assert set(report.answers.unanswered).isdisjoint(i.id for i in report.answers.items)
    assert 0 < report.answers.coverage < 100


def test_gaps_framework_reports_coverage_and_what_nothing_answers() -> None:
    result = run_cli("gaps", FILLED, "--framework", NIST)
    assert result.code == 0, result.stderr
    assert f"The answers in the terms of {NIST} (curated mappings only): " in result.stdout
    assert f"Items of {NIST} that no answer reaches (" in result.stdout
    data = json.loads(run_cli("gaps", FILLED, "--framework", NIST, "--format", "json").stdout)
    assert validate(data) == "gap-report"
    assert data["answers"]["framework"] == NIST
    japanese = run_cli("gaps", FILLED, "--framework", NIST, "--lang", "ja").stdout
    assert "の項目に置き換えた回答" in japanese


def test_the_html_report_shows_the_carried_answers() -> None:
    result = run_cli("gaps", FILLED, "--framework", NIST, "--format", "html", "--lang", "ja")
    assert result.code == 0, result.stderr
    assert f"{NIST} の項目に置き換えた回答" in result.stdout
    assert "jp-ai-util-2019--nist-ai-rmf-1.0 (closeMatch)" in result.stdout
