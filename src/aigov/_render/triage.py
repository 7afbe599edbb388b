"""An EU AI Act classification as text, Markdown or HTML (private).

What ``aigov classify`` prints, and what ``aigov check --framework
eu-ai-act-2024`` prints in place of a view derived through shared values.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Protocol

from aigov._choices import CLASSIFICATION_FORMATS
from aigov._locators import article_text
from aigov._render import eu_role_label, md, table, words
from aigov._render.assessment import fact_value_text
from aigov.checklist import eu_tier_label
from aigov.errors import UsageError
from aigov.models import LocalizedText
from aigov.triage import Classification, ClassificationObligation

__all__ = [
    "CLASSIFICATION_FORMATS",
    "article_text",
    "classification_html",
    "gpai_text",
    "operator_roles_text",
    "render_classification",
    "review_html",
]


def gpai_text(gpai: str, lang: str) -> str:
    """The general-purpose AI track (``none``, ``gpai``...): the code in English, words in ja."""
    return words("classification", lang)["gpai_" + gpai] if lang == "ja" else gpai


def operator_roles_text(roles: Sequence[str], lang: str) -> str:
    """Operator roles of the Act: their ids in English, the catalogue's labels in Japanese."""
    if lang != "ja":
        return ", ".join(roles)
    return ", ".join(eu_role_label(r, lang) for r in roles)


def _tier_text(c: Classification, lang: str) -> tuple[str, str]:
    """The tier, and what the stated facts alone give when it differs (else "")."""
    w = words("classification", lang)
    stated = ""
    if c.tier != c.stated_tier:
        stated = f" ({w['stated']}: {eu_tier_label(c.stated_tier, lang)})"
    return eu_tier_label(c.tier, lang), stated


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
            f"<li><code>{e(i.fact)}</code> ({e(article_text(i.article, lang))}): "
            f"{e(getattr(i.why, lang))}</li>"
            for i in items
        ),
        "</ul>",
    ]


def _duty_rows(duties: tuple[ClassificationObligation, ...], lang: str) -> list[list[str]]:
    return [
        [
            article_text(o.article, lang),
            operator_roles_text(o.roles, lang),
            o.applies_from.isoformat(),
            getattr(o.summary, lang),
        ]
        for o in duties
    ]


def _lines(c: Classification, lang: str) -> list[str]:
    w = words("classification", lang)
    tier = "".join(_tier_text(c, lang))
    out = [
        f"{c.profile.id} — {c.profile.name}",
        f"{w['regime']}: {c.regime}",
        f"{w['tier']}: {tier}",
        f"{w['gpai']}: {gpai_text(c.gpai, lang)}",
        "",
        f"{w['reasons']}:",
    ]
    heads = [w["article"].upper(), w["rule"].upper(), w["why"].upper()]
    rows = [[article_text(r.article, lang), r.rule, getattr(r.summary, lang)] for r in c.reasons]
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
            points = list(item.points_at)
            named = ", ".join(points) if lang == "en" else fact_value_text(item.fact, points, lang)
            pointed = f" [{named}]" if item.points_at else ""
            where = article_text(item.article, lang)
            out.append(f"  {item.fact} ({where}){pointed}: {getattr(item.why, lang)}")
    out += ["", f"{w['dates']}: {getattr(c.amendments, lang)}", f"{w['disclaimer']}", ""]
    return out


def _markdown(c: Classification, lang: str) -> list[str]:
    w = words("classification", lang)
    tier, stated = _tier_text(c, lang)
    out = [
        f"## {w['heading']}: `{c.profile.id}`",
        "",
        f"- {w['tier']}: **{tier}**{stated}",
        f"- {w['gpai']}: {gpai_text(c.gpai, lang)}",
        "",
        f"### {w['reasons']}",
        "",
    ]
    out += [
        f"- {article_text(r.article, lang)} (`{r.rule}`): {md(getattr(r.summary, lang))}"
        for r in c.reasons
    ]
    for title, duties in ((w["transparency"], c.transparency), (w["obligations"], c.obligations)):
        if duties:
            out += ["", f"### {title}", ""]
            out += [
                f"- {article_text(o.article, lang)} ({operator_roles_text(o.roles, lang)}; "
                f"{w['from']} {o.applies_from}): " + md(getattr(o.summary, lang))
                for o in duties
            ]
    if c.requires_review:
        out += ["", f"### {w['review']}", ""]
        out += [
            f"- `{i.fact}` ({article_text(i.article, lang)}): {md(getattr(i.why, lang))}"
            for i in c.requires_review
        ]
    out += ["", f"{w['dates']}: {md(getattr(c.amendments, lang))}", "", w["disclaimer"], ""]
    return out


def classification_html(c: Classification, lang: str) -> str:
    """The classification as an HTML ``<section>`` (escaped), in the order of the text."""
    e = html.escape
    w = words("classification", lang)
    tier, stated = _tier_text(c, lang)
    if lang != "ja":
        stated = ""  # the English page has always shown the tier alone
    parts = [
        f'<section id="eu-ai-act"><h2>{e(w["heading"])}</h2>',
        f"<p>{e(w['tier'])}: <strong>{e(tier)}</strong>{e(stated)} · "
        f"{e(w['gpai'])}: {e(gpai_text(c.gpai, lang))}</p>",
        f"<h3>{e(w['reasons'])}</h3><ul>",
    ]
    parts += [
        f"<li>{e(article_text(r.article, lang))}: {e(getattr(r.summary, lang))}</li>"
        for r in c.reasons
    ]
    parts.append("</ul>")
    for title, duties in ((w["transparency"], c.transparency), (w["obligations"], c.obligations)):
        if duties:
            parts.append(f"<h3>{e(title)}</h3><ul>")
            parts += [
                f"<li>{e(article_text(o.article, lang))} ({e(operator_roles_text(o.roles, lang))}; "
                f"{e(w['from'])} "
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
