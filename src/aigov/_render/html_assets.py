"""The HTML report's style sheet and content security policy (private)."""

from __future__ import annotations

__all__ = ["CSP", "STYLE"]


# Nothing may be fetched and nothing may run: the browser enforces what the
# renderer promises, and reports a violation as a console error.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

#: The inline style sheet: screen layout, and print rules (black text, no breaks in items).
STYLE = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de;
  --soft: #f6f8fa; --high: #b42318; --medium: #b54708; --low: #475467; --ok: #067647; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink); line-height: 1.55;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Hiragino Sans",
    "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", Meiryo,
    Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .35rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono",
  monospace; font-size: .86em; background: var(--soft); padding: .05em .3em;
  border-radius: 3px; overflow-wrap: anywhere; }
ul { padding-left: 1.3rem; margin: .35rem 0; }
li { margin: .15rem 0; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.meta span + span::before { content: " · "; }
nav.toc { background: var(--soft); border: 1px solid var(--line); border-radius: 6px;
  padding: .6rem 1rem; margin: 1rem 0 0; }
nav.toc p { font-weight: 600; margin: 0 0 .3rem; }
nav.toc ol { margin: 0; padding-left: 1.3rem; columns: 2; }
nav.toc a { color: inherit; }
.trigger { border: 1px solid var(--line); border-left: 5px solid var(--low);
  border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
.trigger.sev-high { border-left-color: var(--high); }
.trigger.sev-medium { border-left-color: var(--medium); }
.trigger h4 code { font-weight: normal; }
.badges { margin: 0 0 .4rem; }
.badge { display: inline-block; font-size: .8rem; font-weight: 600; line-height: 1.4;
  padding: 0 .45rem; border: 1px solid currentColor; border-radius: 999px;
  margin-right: .3rem; white-space: nowrap; }
.badge.sev-high { color: var(--high); }
.badge.sev-medium { color: var(--medium); }
.badge.sev-low, .badge.baseline { color: var(--low); }
.badge.pass { color: var(--ok); }
.badge.fail { color: var(--high); }
.reasons { list-style: none; padding: 0; margin: .5rem 0 0; }
.reason { border-top: 1px dashed var(--line); padding: .5rem 0 .1rem; }
.reason p { margin: .2rem 0; }
.reason dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem;
  margin: .3rem 0 0; font-size: .92rem; }
.reason dt { color: var(--muted); }
.reason dd { margin: 0; overflow-wrap: anywhere; }
.facts { list-style: none; padding: 0; margin: 0; }
.unstated-mark, .small { color: var(--muted); font-size: .85em; }
.url { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .82em;
  color: var(--muted); overflow-wrap: anywhere; }
.values-line { margin: .5rem 0 0; font-size: .92rem; color: var(--muted); }
figure.graph { margin: .5rem 0; }
figure.graph .canvas { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px;
  padding: .5rem; background: #fff; }
/* Full size on screen (scroll sideways); fitted to a landscape page in print. */
figure.graph svg { display: block; max-width: none; height: auto; }
figure.graph figcaption { color: var(--muted); font-size: .9rem; margin-top: .35rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--soft); }
tbody th { font-weight: normal; }
tbody tr:nth-child(even) td, tbody tr:nth-child(even) th { background: #fbfcfd; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.note { white-space: pre-line; overflow-wrap: anywhere; }
code.id { overflow-wrap: normal; }
table.versions th[scope="row"] { white-space: nowrap; width: 1%; }
th.question { width: 38%; }
th.note { width: 30%; }
.status { white-space: nowrap; }
.status-no, .status-unanswered { color: var(--high); }
.status-partial { color: var(--medium); }
.status-yes { color: var(--ok); }
.verdict { font-size: 1.1rem; font-weight: 700; padding: .6rem .9rem; border-radius: 6px;
  border: 2px solid var(--ok); color: var(--ok); }
.verdict.fail { border-color: var(--high); color: var(--high); }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
@media print {
  @page { margin: 15mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  *, *::before, *::after { color: #000 !important; background: transparent !important; }
  .trigger, .reason, li, tr, figure, .verdict, dl { break-inside: avoid;
    page-break-inside: avoid; }
  h2, h3, h4, caption { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  nav.toc { display: none; }
  @page wide { size: landscape; }
  #graph { page: wide; }
  figure.graph .canvas { overflow: visible; border: 0; padding: 0; }
  figure.graph svg { max-width: 100%; }
  .trigger { border-left-width: 3px; }
}
"""
