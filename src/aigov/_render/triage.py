"""An EU AI Act classification as text, Markdown or HTML (private).

What ``aigov classify`` prints, and what ``aigov check --framework
eu-ai-act-2024`` prints in place of a view derived through shared values.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Protocol

from aigov._choices import CLASSIFICATION_FORMATS
from aigov._render import md, table, words
from aigov.errors import UsageError
from aigov.models import LocalizedText
from aigov.triage import Classification, ClassificationObligation

__all__ = [
    "CLASSIFICATION_FORMATS",
    "classification_html",
    "render_classification",
    "review_html",
]


class _Review(Protocol):
    @property
    def fact(self) -> str: ...
    @property
    def article(self) -> str: ...
    @property
    def why(self) -> LocalizedText: ...


def review_html(items: Sequence[_Review], lang: str) -> list[str]:
    """What requires review as an HTML list (escaped)."""
    e = html.escape
    return [
        "<ul>",
        *(
            f"<li><code>{e(i.fact)}</code> (Art. {e(i.article)}): {e(getattr(i.why, lang))}</li>"
            for i in items
        ),
        "</ul>",
    ]


def _duty_rows(duties: tuple[ClassificationObligation, ...], lang: str) -> list[list[str]]:
    return [
        [
            "Art. " + o.article,
            ", ".join(o.roles),
            o.applies_from.isoformat(),
            getattr(o.summary, lang),
        ]
        for o in duties
    ]


def _lines(c: Classification, lang: str) -> list[str]:
    w = words("classification", lang)
    tier = c.tier + (f" ({w['stated']}: {c.stated_tier})" if c.tier != c.stated_tier else "")
    out = [
        f"{c.profile.id} — {c.profile.name}",
        f"{w['regime']}: {c.regime}",
        f"{w['tier']}: {tier}",
        f"{w['gpai']}: {c.gpai}",
        "",
        f"{w['reasons']}:",
    ]
    heads = [w["article"].upper(), w["rule"].upper(), w["why"].upper()]
    rows = [["Art. " + r.article, r.rule, getattr(r.summary, lang)] for r in c.reasons]
    if rows:
        out += ["  " + line for line in table(heads, rows).rstrip("\n").split("\n")]
    else:
        out.append("  -")
    duty_heads = [w["article"].upper(), w["roles"].upper(), w["from"].upper(), w["duty"].upper()]
    for title, duties in ((w["transparency"], c.transparency), (w["obligations"], c.obligations)):
        if duties:
            out += ["", f"{title}:"]
            body = table(duty_heads, _duty_rows(duties, lang))
            out += ["  " + line for line in body.rstrip("\n").split("\n")]
    if c.requires_review:
        out += ["", f"{w['review']}:"]
        for item in c.requires_review:
            pointed = f" [{', '.join(item.points_at)}]" if item.points_at else ""
            out.append(f"  {item.fact} (Art. {item.article}){pointed}: {getattr(item.why, lang)}")
    out += ["", f"{w['dates']}: {getattr(c.amendments, lang)}", f"{w['disclaimer']}", ""]
    return out


def _markdown(c: Classification, lang: str) -> list[str]:
    w = words("classification", lang)
    out = [
        f"## {w['heading']}: `{c.profile.id}`",
        "",
        f"- {w['tier']}: **{c.tier}**"
        + (f" ({w['stated']}: {c.stated_tier})" if c.tier != c.stated_tier else ""),
        f"- {w['gpai']}: {c.gpai}",
        "",
        f"### {w['reasons']}",
        "",
    ]
    out += [f"- Art. {r.article} (`{r.rule}`): {md(getattr(r.summary, lang))}" for r in c.reasons]
    for title, duties in ((w["transparency"], c.transparency), (w["obligations"], c.obligations)):
        if duties:
            out += ["", f"### {title}", ""]
            out += [
                f"- Art. {o.article} ({', '.join(o.roles)}; {w['from']} {o.applies_from}): "
                + md(getattr(o.summary, lang))
                for o in duties
            ]
    if c.requires_review:
        out += ["", f"### {w['review']}", ""]
        out += [
            f"- `{i.fact}` (Art. {i.article}): {md(getattr(i.why, lang))}"
            for i in c.requires_review
        ]
    out += ["", f"{w['dates']}: {md(getattr(c.amendments, lang))}", "", w["disclaimer"], ""]
    return out


def classification_html(c: Classification, lang: str) -> str:
    """The classification as an HTML ``<section>`` (escaped), in the order of the text."""
    e = html.escape
    w = words("classification", lang)
    parts = [
        f'<section id="eu-ai-act"><h2>{e(w["heading"])}</h2>',
        f"<p>{e(w['tier'])}: <strong>{e(c.tier)}</strong> · {e(w['gpai'])}: {e(c.gpai)}</p>",
        f"<h3>{e(w['reasons'])}</h3><ul>",
    ]
    parts += [f"<li>Art. {e(r.article)}: {e(getattr(r.summary, lang))}</li>" for r in c.reasons]
    parts.append("</ul>")
    for title, duties in ((w["transparency"], c.transparency), (w["obligations"], c.obligations)):
        if duties:
            parts.append(f"<h3>{e(title)}</h3><ul>")
            parts += [
                f"<li>Art. {e(o.article)} ({e(', '.join(o.roles))}; {e(w['from'])} "
                f"{o.applies_from}): {e(getattr(o.summary, lang))}</li>"
                for o in duties
            ]
            parts.append("</ul>")
    if c.requires_review:
        parts += [f"<h3>{e(w['review'])}</h3>", *review_html(c.requires_review, lang)]
    parts.append(f"<p>{e(w['disclaimer'])}</p></section>")
    return "\n".join(parts) + "\n"


def render_classification(c: Classification, fmt: str = "table", lang: str = "en") -> str:
    """Render a classification as ``table``, ``json``, ``markdown`` or ``html`` (a fragment).

    Raises:
        UsageError: Unknown format or language.
    """
    if fmt == "json":
        return c.to_json()
    if fmt == "table":
        return "\n".join(_lines(c, lang))
    if fmt == "markdown":
        return "\n".join(_markdown(c, lang))
    if fmt == "html":
        return classification_html(c, lang)
    raise UsageError(f"unknown format {fmt!r} (use one of {', '.join(CLASSIFICATION_FORMATS)})")
