"""Where decisions are made, a reader sees when they rest on unverified or interpreted text.

The check sheet, the Markdown and HTML reports and ``explain`` carry the mark of
what a question or a reason rests on: the item's text, the catalogue's link from
the principle to the role, and for a practice the link to the principle.
"""

from __future__ import annotations

from pathlib import Path

from aigov.assess import check, explain, rests_on
from aigov.catalog import builtin_catalog
from aigov.checklist import load_checklist, make_checklist
from aigov.models import Verification
from aigov.report import render_assessment, render_checklist, render_explanation, render_html

ROOT = Path(__file__).resolve().parent.parent
CHATBOT = ROOT / "src/aigov/data/examples/profiles/customer-chatbot.json"
ACCOUNTABILITY = "jp-ai-util-2019:accountability"


def test_weakest_mark_orders_the_marks_by_what_they_claim() -> None:
    v = Verification
    assert v.weakest([v.VERIFIED, v.PARTIAL]) is v.PARTIAL
    assert v.weakest([v.PARTIAL, v.INTERPRETED]) is v.INTERPRETED
    assert v.weakest([v.INTERPRETED, v.UNVERIFIED]) is v.UNVERIFIED
    assert v.weakest([]) is v.VERIFIED


def test_a_principle_rests_on_its_link_to_the_role() -> None:
    """Accountability (2019) reaches consumer users only through an unverified reading."""
    catalog = builtin_catalog()
    assert rests_on(catalog, ACCOUNTABILITY, ["consumer-user"]) is Verification.UNVERIFIED
    assert rests_on(catalog, ACCOUNTABILITY, ["ai-service-provider"]) is Verification.PARTIAL
    assert rests_on(catalog, ACCOUNTABILITY) is Verification.PARTIAL


def test_a_practice_rests_on_aigovs_link_to_the_principle() -> None:
    catalog = builtin_catalog()
    practice = catalog.subjects("jp-ai-util-2019:proper-utilization", "implements")[0]
    item = catalog.get(practice).items[0].id  # type: ignore[union-attr]
    assert (
        rests_on(catalog, item, principle="jp-ai-util-2019:proper-utilization")
        is Verification.INTERPRETED
    )


def test_a_trigger_carries_what_it_rests_on() -> None:
    triggers = {t.principle: t for t in check(CHATBOT).triggered}
    assert "consumer-user" in triggers[ACCOUNTABILITY].roles
    assert triggers[ACCOUNTABILITY].verification is Verification.UNVERIFIED
    assert triggers["jp-ai-util-2019:proper-utilization"].verification is Verification.VERIFIED


def test_the_markdown_and_html_reports_say_what_a_trigger_rests_on() -> None:
    assessment = check(CHATBOT)
    markdown = render_assessment(assessment, "markdown")
    section = markdown.split(f"`{ACCOUNTABILITY}`", 1)[1].split("\n### ", 1)[0]
    assert "- **Rests on**: unverified: check the official document" in section
    assert r"\[interpreted\]" in markdown  # escaped brackets: literal text, not a link
    page = render_html(assessment)
    assert 'class="badge verification-unverified"' in page
    assert 'class="badge verification-interpreted"' in page
    japanese = render_assessment(assessment, "markdown", lang="ja")
    assert "- **根拠**: 未確認：公式文書で確認が必要" in japanese


def test_check_sheet_items_carry_the_mark_and_keep_it_through_csv(tmp_path: Path) -> None:
    sheet = make_checklist(check(CHATBOT))
    marks = {(r, i.principle, i.verification) for i in sheet.items for r in i.roles}
    assert ("consumer-user", ACCOUNTABILITY, Verification.UNVERIFIED) in marks
    assert all(i.verification is not None for i in sheet.items)
    assert Verification.INTERPRETED in {i.verification for i in sheet.items}
    markdown = render_checklist(sheet, "markdown")
    assert "  - Rests on: aigov's interpretation, not a quotation" in markdown
    path = tmp_path / "sheet.csv"
    path.write_text(sheet.to_csv(), encoding="utf-8")
    assert load_checklist(path) == sheet


def test_explain_says_what_the_principle_and_each_rule_rest_on() -> None:
    explanation = explain(CHATBOT, ACCOUNTABILITY)
    assert explanation.verification is Verification.UNVERIFIED
    by_rule = {r.rule: r.verification for r in explanation.rules}
    assert by_rule["util.accountability.high-stakes-decisions"] is Verification.INTERPRETED
    text = render_explanation(explanation)
    assert "  rests on:  unverified: check the official document" in text
    assert "(citation: interpreted)" in text
