"""A self-contained HTML report of an assessment, for reading in a browser and printing.

:func:`render_html` writes one HTML5 document: an inline style sheet (with
print rules), an inline SVG of the triggered principles, and no script, font,
image or style sheet from anywhere else.  A Content Security Policy in the
document itself blocks anything that would reach out, so the page shows the
same offline, in an archive, or attached to a review.  Every text from the
assessment, the catalogue or a check sheet is escaped.  The same input
always gives the same bytes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence

from aigov import __version__
from aigov._answers import FrameworkAnswers
from aigov._render import check_lang, words
from aigov._render.assessment import fact_value_text, locator_text
from aigov._render.checklist import report_notes, verdict_lines
from aigov._render.html_assets import CSP, STYLE
from aigov._render.svg import catalog_svg
from aigov._render.triage import (
    classification_html,
    gpai_text,
    operator_roles_text,
    review_html,
)
from aigov.assess import Assessment, FactValue, Reason, Trigger
from aigov.catalog import Catalog, builtin_catalog
from aigov.checklist import CheckItem, Checklist, GapReport, SheetClassification, eu_tier_label
from aigov.models import LocalizedText, Source, Verification
from aigov.triage import Classification

__all__ = ["render_html"]

_SEVERITIES = ("high", "medium", "low")
_VERIFICATION_KEYS = {
    "verified": "verified",
    "partial": "partial_v",
    "interpreted": "interpreted",
    "unverified": "unverified",
}
_VERIFICATION_MARKS = {"verified": "✓", "partial": "◐", "interpreted": "≈", "unverified": "?"}
_STATUS_MARKS = {"yes": "✓", "partial": "◐", "no": "✗", "not-applicable": "–"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _t(text: LocalizedText, lang: str) -> str:
    return _e(text.ja if lang == "ja" else text.en)


def _id(text: str) -> str:
    """An escaped id in ``<code>`` that may wrap after ``:`` and ``/`` (for narrow columns)."""
    wrapped = _e(text).replace(":", ":<wbr>").replace("/", "/<wbr>")
    return f'<code class="id">{wrapped}</code>'


def _codes(ids: Iterable[str]) -> str:
    """IDs as a comma-separated run of escaped ``<code>`` elements."""
    return ", ".join(f"<code>{_e(i)}</code>" for i in ids)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _inline_svg(svg: str) -> str:
    """The SVG text without an XML declaration or doctype, fit to be inlined in HTML."""
    svg = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"^\s*<!DOCTYPE[^>]*>\s*", "", svg, flags=re.IGNORECASE)
    return svg.strip()


class _Page:
    """Renders the parts of one page; holds the language, words and catalogue."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.cat = catalog
        self.lang = lang
        self.w = words("html", lang)
        self.marks = words("assessment", lang)

    # -- small pieces ---------------------------------------------------------------

    def label_of(self, item_id: str) -> str | None:
        """The escaped label of a catalogue item, or None when the catalogue lacks it."""
        if item_id not in self.cat:
            return None
        label = getattr(self.cat.get(item_id), "label", None)
        return None if label is None else _t(label, self.lang)

    def named(self, item_id: str) -> str:
        """Label and id of a catalogue item (the id alone when unknown)."""
        label = self.label_of(item_id)
        code = f"<code>{_e(item_id)}</code>"
        if label is None:
            return code
        # Some roles' labels are their ids ("developer"): say it once.
        return label if label == _e(item_id) else f"{label} {code}"

    def severity(self, severity: str) -> str:
        return (
            f'<span class="badge sev-{_e(severity)}" title="{_e(self.w["severity"])}">'
            f"{_e(self.w.get(severity, severity))}</span>"
        )

    def baseline(self, note: str) -> str:
        return (
            f'<span class="badge baseline" title="{_e(self.w[note])}">'
            f"{_e(self.w['baseline'])}</span>"
        )

    def status(self, status: str | None) -> str:
        key = status or "unanswered"
        mark = _STATUS_MARKS.get(key, "○")
        return f'<span class="status status-{_e(key)}">{_e(mark)} {_e(self.w.get(key, key))}</span>'

    def document(self, document: str) -> str:
        if document in self.cat and self.cat.kind_of(document) == "framework":
            fw = self.cat.framework(document)
            return f"{_t(fw.short_label or fw.label, self.lang)} (<code>{_e(document)}</code>)"
        return f"<code>{_e(document)}</code>"

    def citation(self, cite: Source) -> str:
        where = self.document(cite.document)
        if cite.locator and self.lang == "en":
            where += f", {_e(cite.locator)}"
        elif cite.locator:
            # A place in the source's own words, which may be an English document's.
            where += f', <span class="locator">{_e(locator_text(cite.locator, self.lang))}</span>'

        level = cite.verification.value
        mark = (
            f'<span class="badge verification-{_e(level)}">'
            f"{_e(_VERIFICATION_MARKS[level])} {_e(self.w[_VERIFICATION_KEYS[level]])}</span>"
        )
        parts = [f"{where} {mark}"]
        if cite.url:
            # A source URL is shown as text, never as a link: the page fetches nothing.
            parts.append(f'<br><span class="url">{_e(cite.url)}</span>')
        # The notes are English prose only: a Japanese page says where to read them instead
        # (once, see ``notes_elsewhere``).
        if cite.note and self.lang == "en":
            parts.append(f'<br><span class="small">{_e(cite.note)}</span>')
        return "".join(parts)

    def rests_on(self, mark: Verification | None) -> str:
        """A badge when a question or decision rests on text that is not verified."""
        if mark is None or mark is Verification.VERIFIED:
            return ""
        level = mark.value
        title = self.marks["mark_" + level]
        return (
            f' <span class="badge verification-{_e(level)}" title="{_e(title)}">'
            f"{_e(_VERIFICATION_MARKS[level])} {_e(self.w[_VERIFICATION_KEYS[level]])}</span>"
        )

    def fact(self, fact: FactValue) -> str:
        unstated = (
            ""
            if fact.stated
            else f' <span class="unstated-mark">({_e(self.w["not_stated"])})</span>'
        )
        if self.lang == "en":
            value = f"<code>{_e(_json(fact.value))}</code>"
        else:
            value = _e(fact_value_text(fact.path, fact.value, self.lang))
        return f"<li><code>{_e(fact.path)}</code> = {value}{unstated}</li>"

    def role_name(self, role: str) -> str:
        return self.named(role)

    def role_names(self, roles: Iterable[str]) -> str:
        return ", ".join(self.role_name(r) for r in self.roles_in_order(roles))

    def roles_in_order(self, roles: Iterable[str]) -> list[str]:
        rank = {r.id: i for i, r in enumerate(self.cat.roles)}
        return sorted(set(roles), key=lambda r: (rank.get(r, len(rank)), r))

    # -- sections -------------------------------------------------------------------

    def reason(self, r: Reason) -> list[str]:
        w = self.w
        facts = (
            '<ul class="facts">' + "".join(self.fact(f) for f in r.facts) + "</ul>"
            if r.facts
            else _e(w["no_facts"])
        )
        badges = self.severity(r.severity) + (self.baseline("baseline_rule") if r.baseline else "")
        return [
            '<li class="reason">',
            f"<p><code>{_e(r.rule)}</code> {badges}</p>",
            f"<p>{_t(r.rationale, self.lang)}</p>",
            "<dl>",
            f"<dt>{_e(w['facts'])}</dt><dd>{facts}</dd>",
            f"<dt>{_e(w['citation'])}</dt><dd>{self.citation(r.citation)}</dd>",
            "</dl>",
            "</li>",
        ]

    def trigger(self, t: Trigger) -> list[str]:
        w = self.w
        badges = self.severity(t.severity) + (
            self.baseline("baseline_trigger") if t.baseline else ""
        )
        out = [
            f'<article class="trigger sev-{_e(t.severity)}">',
            f"<h4>{_t(t.label, self.lang)} <code>{_e(t.principle)}</code></h4>",
            f'<p class="badges">{_e(w["severity"])}: {badges}{self.rests_on(t.verification)}</p>',
            f'<ul class="reasons" aria-label="{_e(w["reasons"])}">',
        ]
        for r in t.reasons:
            out += self.reason(r)
        out.append("</ul>")
        if t.values:
            names = ", ".join(self.named(v) for v in t.values)
            out.append(f'<p class="values-line">{_e(w["values_of"])}: {names}</p>')
        out.append("</article>")
        return out

    def triggered(self, a: Assessment) -> list[str]:
        w = self.w
        out = ['<section id="triggered">', f"<h2>{_e(w['triggered'])}</h2>"]
        if not a.triggered:
            out.append(f"<p>{_e(w['none_triggered'])}</p>")
        if self.lang != "en" and any(r.citation.note for t in a.triggered for r in t.reasons):
            codes = {"show": "<code>aigov show ID</code>", "en": "<code>--lang en</code>"}
            out.append(f'<p class="small">{_e(w["notes_elsewhere"]).format(**codes)}</p>')
        groups = a.by_role()
        for role in self.roles_in_order(groups):
            out.append('<section class="role">')
            out.append(f"<h3>{_e(w['role'])}: {self.role_name(role)}</h3>")
            for t in groups[role]:
                out += self.trigger(t)
            out.append("</section>")
        out.append("</section>")
        return out

    def graph(self, a: Assessment) -> list[str]:

        w = self.w
        out = ['<section id="graph">', f"<h2>{_e(w['graph'])}</h2>"]
        ids = [t.principle for t in a.triggered if t.principle in self.cat]
        if not ids:
            out += [f"<p>{_e(w['none'])}</p>", "</section>"]
            return out
        svg = _inline_svg(catalog_svg(self.cat, self.lang, principles=ids))
        out += [
            '<figure class="graph">',
            f'<div class="canvas">{svg}</div>',
            f"<figcaption>{_e(w['graph_caption'])}</figcaption>",
            "</figure>",
            "</section>",
        ]
        return out

    def values(self, a: Assessment) -> list[str]:
        w = self.w
        out = ['<section id="values">', f"<h2>{_e(w['values'])}</h2>"]
        if not a.values:
            out.append(f"<p>{_e(w['none'])}</p>")
        else:
            out.append("<ul>")
            for v in a.values:
                principles = _codes(v.principles)
                out.append(
                    f"<li>{_t(v.label, self.lang)} <code>{_e(v.value)}</code> — "
                    f"{_e(w['engaged_by'])}: {principles}</li>"
                )
            out.append("</ul>")
        out.append("</section>")
        return out

    def crosswalk(self, a: Assessment) -> list[str]:
        view = a.crosswalk
        if view is None:
            return []
        w = self.w
        out = [
            '<section id="crosswalk">',
            f"<h2>{_e(w['view'])} <code>{_e(view.framework)}</code></h2>",
            "<ul>",
        ]
        if not view.items:
            out.append(f"<li>{_e(self.marks['none_engaged'])}</li>")
        for item in view.items:
            principles = _codes(item.principles)
            out.append(
                f"<li>{_t(item.label, self.lang)} <code>{_e(item.id)}</code>: {principles}</li>"
            )
        out.append("</ul>")
        if view.unmapped:
            unmapped = _codes(view.unmapped)
            out.append(f"<p>{_e(w['unmapped'])}: {unmapped}</p>")
        if view.suggestions:
            out += [f"<p>{_e(self.marks['suggestions'])}:</p>", "<ul>"]
            for item in view.suggestions:
                principles = _codes(item.principles)
                out.append(
                    f"<li>{_t(item.label, self.lang)} <code>{_e(item.id)}</code>, "
                    f"{_e(self.marks['shares_values'])}: {principles}</li>"
                )
            out.append("</ul>")
        out.append("</section>")
        return out

    def unstated(self, a: Assessment) -> list[str]:
        w = self.w
        out = ['<section id="unstated">', f"<h2>{_e(w['unstated'])}</h2>"]
        if not a.unstated_facts:
            out.append(f"<p>{_e(w['none'])}</p>")
        else:
            out.append(f"<p>{_e(w['unstated_note'])}</p>")
            out.append("<ul>" + "".join(f"<li><code>{_e(p)}</code></li>" for p in a.unstated_facts))
            out.append("</ul>")
        out.append("</section>")
        return out

    def note_cell(self, item: CheckItem) -> str:
        parts = [_e(text) for text in (item.evidence, item.justification) if text]
        who = " ".join(
            _e(x)
            for x in (item.answered_by, item.answered_at and item.answered_at.isoformat())
            if x
        )
        if who:
            parts.append(f'<span class="small">{_e(self.w["answered_by"])}: {who}</span>')
        return "\n".join(parts) if parts else "—"

    def sheet(self, sheet: Checklist) -> list[str]:
        w = self.w
        out = [
            '<section id="sheet">',
            f"<h2>{_e(w['sheet'])}</h2>",
            f"<p>{_e(w['sheet_for'])}: {_e(sheet.profile.name)} "
            f"<code>{_e(sheet.profile.id)}</code></p>",
        ]
        if not sheet.items:
            out.append(f"<p>{_e(w['none'])}</p>")
        if sheet.eu_ai_act is not None:
            out += self.sheet_eu(sheet.eu_ai_act)
        groups: dict[tuple[str, ...], list[CheckItem]] = {}
        for item in sheet.items:
            groups.setdefault(item.roles, []).append(item)
        for roles, items in groups.items():
            out += [
                "<table>",
                f"<caption>{_e(w['role'])}: {self.role_names(roles)}</caption>",
                "<thead><tr>"
                + "".join(
                    f'<th scope="col" class="{cls}">{_e(w[k])}</th>'
                    for k, cls in (
                        ("item", "item"),
                        ("severity", "severity"),
                        ("question", "question"),
                        ("status", "status"),
                        ("evidence", "note"),
                    )
                )
                + "</tr></thead>",
                "<tbody>",
            ]
            for item in items:
                out.append(
                    f'<tr><th scope="row">{_id(item.id)}</th>'
                    f"<td>{self.severity(item.severity)}</td>"
                    f"<td>{_t(item.question, self.lang)}{self.rests_on(item.verification)}</td>"
                    f"<td>{self.status(item.status)}</td>"
                    f'<td class="note">{self.note_cell(item)}</td></tr>'
                )
            out += ["</tbody>", "</table>"]
        out.append("</section>")
        return out

    def sheet_eu(self, record: SheetClassification) -> list[str]:
        """The EU section of a sheet: the tier (and what needs review) its EU items rest on."""
        c = words("classification", self.lang)
        lang = self.lang
        tier = f"<strong>{_e(eu_tier_label(record.tier, lang))}</strong>"
        if record.tier != record.stated_tier:
            tier += f" ({_e(c['stated'])}: {_e(eu_tier_label(record.stated_tier, lang))})"
        roles = operator_roles_text(record.operator_roles, lang) or "—"
        out = [
            f"<h3>{_e(c['heading'])} <code>{_e(record.version)}</code></h3>",
            f"<p>{_e(c['tier'])}: {tier} · {_e(c['gpai'])}: {_e(gpai_text(record.gpai, lang))} · "
            f"{_e(c['roles'])}: {_e(roles)}</p>",
        ]
        if record.requires_review:
            out += [f"<p>{_e(c['review'])}:</p>", *review_html(record.requires_review, self.lang)]
        out.append(f'<p class="small">{_e(c["disclaimer"])}</p>')
        return out

    def item_line(self, item: CheckItem) -> str:
        return (
            f"<li>{self.severity(item.severity)} <code>{_e(item.id)}</code> "
            f"({self.role_names(item.roles)}, {self.status(item.status)}): "
            f"{_t(item.question, self.lang)}</li>"
        )

    def item_list(self, items: Sequence[CheckItem]) -> list[str]:
        if not items:
            return [f"<p>{_e(self.w['none'])}</p>"]
        return ["<ul>", *(self.item_line(i) for i in items), "</ul>"]

    def gaps(self, report: GapReport) -> list[str]:
        w = self.w
        out = ['<section id="gaps">', f"<h2>{_e(w['gaps'])}</h2>", f"<h3>{_e(w['progress'])}</h3>"]
        if not report.progress:
            out.append(f"<p>{_e(w['none'])}</p>")
        else:
            heads = [
                ("principle", ""),
                ("role", ""),
                ("severity", ""),
                ("answered", "num"),
                ("col_yes", "num"),
                ("col_partial", "num"),
                ("col_no", "num"),
                ("col_na", "num"),
            ]
            out += [
                "<table>",
                "<thead><tr>"
                + "".join(
                    f'<th scope="col"{f" class={cls!r}" if cls else ""}>{_e(w[k])}</th>'
                    for k, cls in heads
                )
                + "</tr></thead>",
                "<tbody>",
            ]
            for p in report.progress:
                counts = "".join(
                    f'<td class="num">{n}</td>' for n in (p.yes, p.partial, p.no, p.not_applicable)
                )
                out.append(
                    f'<tr><th scope="row">{self.named(p.principle)}</th>'
                    f"<td>{self.role_names(p.roles)}</td>"
                    f"<td>{self.severity(p.severity)}</td>"
                    f'<td class="num">{p.answered}/{p.total}</td>{counts}</tr>'
                )
            out += ["</tbody>", "</table>"]
        out.append(f"<h3>{_e(w['open'])} ({len(report.open_items)})</h3>")
        if not report.open_items:
            out.append(f"<p>{_e(w['none'])}</p>")
        for sev in _SEVERITIES:
            items = [i for i in report.open_items if i.severity == sev]
            if items:
                out.append(f"<h4>{_e(w['severity'])}: {self.severity(sev)} ({len(items)})</h4>")
                out += self.item_list(items)
        out.append(f"<h3>{_e(w['missing'])} ({len(report.missing_evidence)})</h3>")
        out += self.item_list(report.missing_evidence)
        out.append(f"<h3>{_e(w['stale'])} ({len(report.stale_items)})</h3>")
        out += self.item_list(report.stale_items)
        if report.new_principles:
            out.append(f"<h3>{_e(w['new'])} ({len(report.new_principles)})</h3>")
            out.append("<ul>" + "".join(f"<li>{self.named(p)}</li>" for p in report.new_principles))
            out.append("</ul>")
        cw = words("checklist", self.lang)
        if report.missing_items:
            out.append(f"<h3>{_e(cw['missing_items'])} ({len(report.missing_items)})</h3>")
            out += self.item_list(report.missing_items)
        for key, texts in report_notes(report, self.lang):
            out.append(f"<h3>{_e(cw[key])} ({len(texts)})</h3>")
            out.append("<ul>" + "".join(f"<li>{_e(t)}</li>" for t in texts) + "</ul>")
        if report.answers is not None:
            out += self.carried(report.answers)
        out.append("</section>")
        return out

    def carried(self, answers: FrameworkAnswers) -> list[str]:
        """The sheet's answers in another framework's items, with the mapping sets behind them."""
        cw = words("checklist", self.lang)
        fw = answers.framework
        head = cw["carried_head"].split("|")
        out = [
            f"<h3>{_e(cw['carried'].format(fw=fw, p=f'{answers.coverage:g}'))}</h3>",
            "<table>",
            "<thead><tr>"
            + "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
            + "</tr></thead>",
            "<tbody>",
        ]
        for item in answers.items:
            status = _e(cw["review"]) if item.review else self.status(item.status)
            cited = ", ".join(
                dict.fromkeys(
                    f"{a.mapping_set or a.source} ({a.predicate.removeprefix('skos:')})"
                    for a in item.answers
                )
            )
            out.append(
                f'<tr><th scope="row">{self.named(item.id)}</th><td>{status}</td>'
                f'<td class="num">{len(item.answers)}</td><td>{_e(cited)}</td></tr>'
            )
        out += ["</tbody>", "</table>"]
        unanswered = cw["unanswered"].format(fw=fw, n=len(answers.unanswered))
        out.append(f"<h4>{_e(unanswered)}</h4>")
        out.append(
            "<ul>" + "".join(f"<li>{self.named(x)}</li>" for x in answers.unanswered) + "</ul>"
            if answers.unanswered
            else f"<p>{_e(cw['none'])}</p>"
        )
        return out

    def versions(self, a: Assessment, sheet: Checklist | None) -> list[str]:
        w = self.w
        v = a.versions
        rows = [
            ("aigov", v.aigov, ""),
            (w["profile_format"], v.profile_format, ""),
            (w["catalog"], v.catalog, v.catalog_hash),
            (w["rules"], v.rules, v.rules_hash),
            (w["facts_hash"], "", a.profile.facts_hash),
        ]
        out = [
            '<section id="versions">',
            f"<h2>{_e(w['versions'])}</h2>",
            '<table class="versions">',
            f'<thead><tr><th scope="col"></th><th scope="col">{_e(w["version"])} / '
            f"{_e(w['hash'])}</th></tr></thead>",
            "<tbody>",
        ]
        for name, version, digest in rows:
            cell = "<br>".join(f"<code>{_e(x)}</code>" for x in (version, digest) if x)
            out.append(f'<tr><th scope="row">{_e(name)}</th><td>{cell}</td></tr>')
        out += ["</tbody>", "</table>"]
        if sheet is not None and (
            sheet.versions.catalog_hash != v.catalog_hash
            or sheet.versions.rules_hash != v.rules_hash
        ):
            text = w["sheet_versions"].format(
                catalog=sheet.versions.catalog, rules=sheet.versions.rules
            )
            out.append(f"<p>{_e(text)}</p>")
        out.append("</section>")
        return out


def render_html(
    assessment: Assessment,
    *,
    sheet: Checklist | None = None,
    gap_report: GapReport | None = None,
    lang: str = "en",
    catalog: Catalog | None = None,
    classification: Classification | None = None,
) -> str:
    """Render an assessment as one self-contained HTML5 document.

    The page has the triggered principles by role (with every reason, its
    facts and its citation), an inline SVG graph of those principles, the
    values engaged, the unstated facts, optionally a filled check sheet and
    its gaps, and the versions and hashes of the data.  It loads nothing from
    the network and has no script; it prints cleanly.

    Args:
        assessment: The result of :func:`aigov.check`.
        sheet: A (filled) check sheet to show as tables, one per role.
        gap_report: The result of :func:`aigov.checklist.gaps` to show as
            progress, open items by severity, missing evidence, stale items
            and a PASS/FAIL verdict.
        lang: ``en`` or ``ja``, for headings, labels and rationales.
        catalog: The catalogue the assessment was made with (default: the
            built-in one), for labels and the graph.
        classification: The EU AI Act triage of the same profile
            (:func:`aigov.classify`), shown as its own section.

    Returns:
        The HTML text, the same bytes for the same input.

    Raises:
        UsageError: Unknown language.
    """
    check_lang(lang)
    if catalog is None:
        catalog = builtin_catalog()
    page = _Page(catalog, lang)
    w = page.w
    a = assessment
    heading = f"{w['report']}: {a.profile.name}"
    toc = [("triggered", w["triggered"]), ("graph", w["graph"]), ("values", w["values"])]
    if a.crosswalk is not None:
        toc.append(("crosswalk", f"{w['view']} {a.crosswalk.framework}"))
    if classification is not None:
        toc.append(("eu-ai-act", words("classification", lang)["heading"]))
    toc.append(("unstated", w["unstated"]))
    if sheet is not None:
        toc.append(("sheet", w["sheet"]))
    if gap_report is not None:
        toc.append(("gaps", w["gaps"]))
    toc.append(("versions", w["versions"]))
    roles = ", ".join(page.role_name(r) for r in a.roles) if a.roles else _e(w["all_roles"])
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="aigov {_e(__version__)}">',
        f"<title>{_e(heading)} — aigov</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{_e(heading)}</h1>",
        '<p class="meta">'
        f"<span>{_e(w['profile'])}: <code>{_e(a.profile.id)}</code></span>"
        f"<span>{_e(w['roles_checked'])}: {roles}</span></p>",
        f'<nav class="toc" aria-labelledby="toc-heading"><p id="toc-heading">'
        f"{_e(w['contents'])}</p><ol>"
        + "".join(f'<li><a href="#{key}">{_e(text)}</a></li>' for key, text in toc)
        + "</ol></nav>",
        "</header>",
    ]
    if gap_report is not None:
        # The verdict first: it is what a reader of a release gate's report looks for.
        verdict = verdict_lines(gap_report, lang)[0]
        state = "pass" if gap_report.passed else "fail"
        out.append(f'<p class="verdict {state}" id="verdict">{_e(verdict)}</p>')
    out += page.triggered(a)
    out += page.graph(a)
    out += page.values(a)
    out += page.crosswalk(a)
    if classification is not None:
        out.append(classification_html(classification, lang).rstrip("\n"))
    out += page.unstated(a)
    if sheet is not None:
        out += page.sheet(sheet)
    if gap_report is not None:
        out += page.gaps(gap_report)
    out += page.versions(a, sheet)
    out += [
        f"<footer>{_e(w['footer'].format(version=__version__))}</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"
