"""The HTML report: structure in both languages, self-containment, escaping, determinism.

The last test opens the page in headless Chromium when one is installed
(``apt-get install chromium`` on Debian); without it, it is skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aigov.assess import Assessment, check
from aigov.checklist import Checklist, GapReport, gaps, load_checklist, make_checklist
from aigov.errors import UsageError
from aigov.profile import load_profile
from aigov.report import render_html

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
FILLED = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"
HOSTILE = "<script>alert(1)</script>"

H2 = {
    "en": [
        "Triggered principles",
        "Principle graph",
        "Values to respect engaged",
        "Unstated facts",
        "Check sheet",
        "Gaps",
        "Versions",
    ],
    "ja": [
        "該当する原則",
        "原則のグラフ",
        "関係する尊重すべき価値",
        "記載のない事実",
        "チェックシート",
        "ギャップ",
        "バージョン",
    ],
}
H1 = {
    "en": "Assessment: Resume screening assistant",
    "ja": "評価結果: Resume screening assistant",
}


class Page(HTMLParser):
    """What the tests look at in a document: headings, tags, attributes, text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: dict[str, list[str]] = {}
        self.title: str | None = None
        self.text: list[str] = []
        self._open: list[str] = []
        self._heading: tuple[str, list[str]] | None = None
        self._in_title = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = (tag, [])
        # The first <title> is the document's; the SVG has titles of its own.
        self._in_title = tag == "title" and self.title is None and "svg" not in self._open
        if tag not in ("meta", "br", "wbr", "link", "img", "path", "rect", "line"):
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == self._heading[0]:
            level, parts = self._heading
            self.headings.setdefault(level, []).append(" ".join("".join(parts).split()))
            self._heading = None
        if tag == "title" and self._in_title:
            self._in_title = False
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self._heading[1].append(data)
        if self._in_title:
            self.title = (self.title or "") + data

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def attribute_values(self, *names: str) -> list[str]:
        return [v for _, attrs in self.tags for k, v in attrs.items() if k in names and v]


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return check(PROFILE)


@pytest.fixture(scope="module")
def sheet() -> Checklist:
    return load_checklist(FILLED)


@pytest.fixture(scope="module")
def report(sheet: Checklist) -> GapReport:
    return gaps(sheet)


def full(assessment: Assessment, sheet: Checklist, report: GapReport, lang: str = "en") -> str:
    return render_html(assessment, sheet=sheet, gap_report=report, lang=lang)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_document_has_the_headings_of_every_section_in_the_chosen_language(
    assessment: Assessment, sheet: Checklist, report: GapReport, lang: str
) -> None:
    text = full(assessment, sheet, report, lang)
    page = Page(text)
    assert text.startswith("<!DOCTYPE html>\n")
    assert page.named("html") == [{"lang": lang}]
    assert {"charset": "utf-8"} in page.named("meta")
    assert page.headings["h1"] == [H1[lang]]
    assert page.title == f"{H1[lang]} — aigov"
    assert page.headings["h2"] == H2[lang]


def test_triggers_are_grouped_by_role_with_reasons_facts_and_citations(
    assessment: Assessment, sheet: Checklist, report: GapReport
) -> None:
    page = Page(full(assessment, sheet, report))
    assert page.headings["h3"][:2] == ["Role: developer", "Role: business user business-user"]
    h4 = page.headings["h4"]
    assert "Principle of ethics jp-ai-rd-2017:ethics" in h4
    trig = assessment.trigger("jp-ai-rd-2017:ethics")
    assert trig is not None
    text = " ".join("".join(page.text).split())
    for reason in trig.reasons:
        assert reason.rule in text
        assert reason.rationale.en in text
    assert '/domains = ["employment"]' in text
    assert "AI開発原則 ⑦ 倫理の原則" in text  # the citation's locator
    assert "✓ verified" in text
    assert "◐ partly verified" in text
    assert "baseline" in text


def test_rationales_and_labels_follow_the_language(assessment: Assessment) -> None:
    text = render_html(assessment, lang="ja")
    trig = assessment.trigger("jp-ai-rd-2017:ethics")
    assert trig is not None
    assert trig.label.ja in text
    assert trig.reasons[0].rationale.ja in text
    assert trig.reasons[0].rationale.en not in text


def test_the_principle_graph_is_an_inline_svg_of_the_triggered_principles(
    assessment: Assessment,
) -> None:
    text = render_html(assessment)
    page = Page(text)
    assert len(page.named("svg")) == 1
    assert page.named("img") == []
    assert "<?xml" not in text
    svg = text[text.index("<svg") : text.index("</svg>")]
    for trig in assessment.triggered:
        assert f"<title>{trig.principle}</title>" in svg
    # Only the triggered principles are drawn.
    assert "<title>jp-ai-rd-2017:collaboration</title>" not in svg


def test_nothing_runs_and_nothing_is_fetched(
    assessment: Assessment, sheet: Checklist, report: GapReport
) -> None:
    text = full(assessment, sheet, report)
    page = Page(text)
    for tag in ("script", "img", "link", "iframe", "object", "embed", "base"):
        assert page.named(tag) == [], tag
    assert not [k for _, attrs in page.tags for k in attrs if k.startswith("on")]
    assert all(ref.startswith("#") for ref in page.attribute_values("href", "xlink:href"))
    assert page.attribute_values("src") == []
    assert "url(" not in text  # no CSS fetches either
    assert "@import" not in text
    policy = [m["content"] for m in page.named("meta") if m.get("http-equiv")]
    assert policy == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]


def test_source_urls_are_shown_as_text_not_links(assessment: Assessment) -> None:
    page = Page(render_html(assessment))
    url = assessment.triggered[0].reasons[0].citation.url
    assert url is not None
    assert url.startswith("http")
    assert url in "".join(page.text)
    assert url not in page.attribute_values("href")


def test_page_prints_in_black_without_breaking_items(assessment: Assessment) -> None:
    text = render_html(assessment)
    style = text[text.index("<style>") : text.index("</style>")]
    printing = style[style.index("@media print") :]
    assert "color: #000 !important" in printing
    assert "break-inside: avoid" in printing
    assert ".trigger" in printing


def test_hostile_text_is_escaped_everywhere(sheet: Checklist) -> None:
    data = json.loads(PROFILE.read_text(encoding="utf-8"))
    data["name"] = HOSTILE
    data["id"] = "hostile"
    assessment = check(data)
    items = list(sheet.items)
    items[0] = items[0].model_copy(
        update={"evidence": '"></td>' + HOSTILE, "answered_by": "<b onmouseover=x>"}
    )
    bad_sheet = sheet.model_copy(
        update={
            "items": tuple(items),
            "profile": sheet.profile.model_copy(update={"name": HOSTILE}),
        }
    )
    text = render_html(assessment, sheet=bad_sheet, gap_report=gaps(bad_sheet), lang="ja")
    page = Page(text)
    assert HOSTILE not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<b onmouseover" not in text
    assert page.named("script") == []
    assert page.named("b") == []
    assert page.headings["h1"] == [f"評価結果: {HOSTILE}"]
    assert page.title == f"評価結果: {HOSTILE} — aigov"
    assert '"></td>' + HOSTILE in "".join(page.text)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_same_input_gives_the_same_bytes(
    assessment: Assessment, sheet: Checklist, report: GapReport, lang: str
) -> None:
    first = full(assessment, sheet, report, lang).encode()
    again = full(check(PROFILE), load_checklist(FILLED), gaps(load_checklist(FILLED)), lang)
    assert again.encode() == first
    assert full(assessment, sheet, report, lang).encode() == first


def test_without_sheet_and_gaps_those_sections_are_left_out(assessment: Assessment) -> None:
    page = Page(render_html(assessment))
    assert page.headings["h2"] == [
        "Triggered principles",
        "Principle graph",
        "Values to respect engaged",
        "Unstated facts",
        "Versions",
    ]
    assert page.named("table") == [{"class": "versions"}]


def test_sheet_alone_is_a_table_per_role_with_scoped_headers(
    assessment: Assessment, sheet: Checklist
) -> None:
    page = Page(render_html(assessment, sheet=sheet))
    assert "Check sheet" in page.headings["h2"]
    assert "Gaps" not in page.headings["h2"]
    tables = page.named("table")
    roles = {item.roles for item in sheet.items}
    assert len(tables) == len(roles) + 1  # one per set of roles, and the versions
    scopes = [attrs.get("scope") for attrs in page.named("th")]
    assert scopes.count("row") == len(sheet.items) + 5  # items, and the version rows
    assert set(scopes) == {"col", "row"}
    text = "".join(page.text)
    assert "Documented in the system's model card (v2.1)." in text
    assert "対象外：本システムは社外に提供していない。" in text  # a justification


def test_gaps_show_progress_open_items_by_severity_and_the_verdict(
    assessment: Assessment, sheet: Checklist, report: GapReport
) -> None:
    page = Page(render_html(assessment, gap_report=report))
    assert report.passed
    h3 = page.headings["h3"]
    assert "Progress" in h3
    assert f"Open items ({len(report.open_items)})" in h3
    assert (
        f"Answers without their required evidence or justification ({len(report.missing_evidence)})"
        in h3
    )
    assert "Items no longer triggered by the current profile (stale) (0)" in h3
    assert "Severity: medium (8)" in page.headings["h4"]
    assert "PASS" in "".join(page.text)
    tags = [(name, attrs.get("class")) for name, attrs in page.tags]
    # The verdict comes first, before the first section.
    assert tags.index(("p", "verdict pass")) < [name for name, _ in tags].index("h2")


def test_a_blank_sheet_fails_with_the_count_of_open_high_items(assessment: Assessment) -> None:
    profile = load_profile(PROFILE)
    blank = gaps(make_checklist(assessment, profile=profile))
    assert not blank.passed
    for lang, verdict in (
        ("en", f"FAIL: {blank.open_high} open item(s) of high severity"),
        ("ja", f"不合格: 重要度「高」の未対応項目が {blank.open_high} 件"),
    ):
        page = Page(render_html(assessment, gap_report=blank, lang=lang))
        assert verdict in "".join(page.text)
        assert [a for a in page.named("p") if a.get("class") == "verdict fail"]


def test_versions_name_the_catalogue_and_rules_with_their_hashes(assessment: Assessment) -> None:
    text = "".join(Page(render_html(assessment)).text)
    v = assessment.versions
    for part in (v.catalog, v.catalog_hash, v.rules, v.rules_hash, assessment.profile.facts_hash):
        assert part in text


def test_unstated_facts_are_listed(assessment: Assessment) -> None:
    sparse = check(
        {
            "profile_version": "1",
            "id": "sparse",
            "name": "Sparse",
            "actors": ["developer"],
            "domains": ["employment"],
        }
    )
    assert sparse.unstated_facts
    text = "".join(Page(render_html(sparse)).text)
    for pointer in sparse.unstated_facts:
        assert pointer in text
    assert "None." in "".join(Page(render_html(assessment)).text)


def test_nothing_triggered_draws_no_graph(assessment: Assessment) -> None:
    empty = assessment.model_copy(update={"triggered": (), "values": ()})
    page = Page(render_html(empty))
    assert page.named("svg") == []
    text = "".join(page.text)
    assert "No principle is triggered for the roles among this profile's actors." in text


def test_a_crosswalk_gets_its_own_section() -> None:
    viewed = check(PROFILE, framework="oecd-2019")
    page = Page(render_html(viewed))
    assert "In the terms of oecd-2019" in page.headings["h2"]


def test_unknown_language_is_a_usage_error(assessment: Assessment) -> None:
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        render_html(assessment, lang="fr")


# -- a real browser ----------------------------------------------------------------------


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _dump_dom(browser: str, page: Path, profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_headless_browser_renders_the_page_without_console_errors(
    assessment: Assessment, sheet: Checklist, report: GapReport, lang: str, tmp_path: Path
) -> None:
    browser = _browser()
    if browser is None:
        pytest.skip(
            "Chromium is not installed (apt-get install chromium) — "
            "the headless browser test needs it"
        )
    page = tmp_path / f"report-{lang}.html"
    page.write_text(full(assessment, sheet, report, lang), encoding="utf-8")
    result = _dump_dom(browser, page, tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = Page(result.stdout)
    assert dom.headings["h1"] == [H1[lang]]
    assert dom.headings["h2"] == H2[lang]
    assert len(dom.named("svg")) == 1
    # The page's own messages (script errors, blocked fetches) are logged as
    # "CONSOLE" lines; the browser's other log lines are about the machine.
    from_page = [
        line
        for line in result.stderr.splitlines()
        if "Uncaught" in line or re.search(r":CONSOLE\b", line)
    ]
    assert from_page == []
