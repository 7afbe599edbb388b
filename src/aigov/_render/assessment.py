"""Assessments and explanations as a text table or Markdown (private)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable

from aigov._base import SEVERITY_RANK
from aigov._locators import local_locator
from aigov._render import check_lang, md, md_code, role_label, table, truncate, words
from aigov._render.view import view_lines, view_markdown
from aigov.assess import Assessment, Explanation, Reason, Trigger
from aigov.errors import UsageError, printable

__all__ = [
    "REPORT_FORMATS",
    "fact_value_text",
    "locator_text",
    "render_assessment",
    "render_explanation",
]

# aigov's own English remarks in a locator: a "; ..." tail or a "(...)" aside with words.
_LATIN_ASIDE = re.compile(r";[^;]*[A-Za-z]{3}[^;]*|\s*\([^()]*[A-Za-z]{3}[^()]*\)")


def locator_text(locator: str, lang: str) -> str:
    """A citation's locator as ``lang`` shows it.

    English shows it whole.  Japanese drops aigov's English asides (``; 2018
    draft: heading C``, ``(statement)``), which the English report and ``aigov
    show`` keep, and writes articles of the EU AI Act as 第5条; the place
    itself (a heading, or a section of a document written in English) stays.
    """
    if lang == "en":
        return locator
    return local_locator(_LATIN_ASIDE.sub("", locator).strip(), lang)


#: Formats :func:`render_assessment` writes.
REPORT_FORMATS = ("json", "markdown", "table")


@functools.cache
def _choice_labels() -> dict[str, dict[str, str]]:
    """Per profile fact (dotted path), the Japanese label of each value it takes."""
    from aigov._wizard import wizard_data  # noqa: PLC0415 - see tests/test_layers.py

    labels: dict[str, dict[str, str]] = {}
    for entry in wizard_data().questions:
        labels[entry.path] = {value: text.ja for value, text in entry.choices.items()}
        if entry.none is not None:
            labels[entry.path][""] = entry.none.ja
    return labels


def fact_value_text(path: str, value: object, lang: str) -> str:
    """A fact's value as a reader of ``lang`` reads it.

    English keeps the JSON text (``true``, ``["finance"]``).  Japanese says
    はい / いいえ, and names a value of the profile's vocabulary by the label the
    questionnaire gives it; any other text (the user's own) is shown as it is.
    """
    if lang != "ja":
        return json.dumps(value, ensure_ascii=False)
    w = words("assessment", lang)
    if isinstance(value, bool):
        return w["yes"] if value else w["no"]
    labels = _choice_labels().get(path.lstrip("/").replace("/", "."), {})
    if value is None:
        return labels.get("", w["null"])
    if isinstance(value, list):
        if not value:
            return labels.get("", w["empty"])
        return "、".join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), str(value))


def _fact_text(reason: Reason, lang: str = "en") -> str:
    if not reason.facts:
        return words("assessment", lang)["always"]
    return ", ".join(
        f"{f.path[1:].replace('/', '.')}={json.dumps(f.value, ensure_ascii=False)}"
        + ("" if f.stated else "*")
        for f in reason.facts
    )


def _why(trig: Trigger, lang: str) -> str:
    # The one-line reason is the most severe one, facts before baselines.
    first = min(trig.reasons, key=lambda r: (SEVERITY_RANK[r.severity], r.baseline))
    more = f" (+{len(trig.reasons) - 1})" if len(trig.reasons) > 1 else ""
    return truncate(f"{first.rule}: {_fact_text(first, lang)}", 96) + more


def render_assessment(assessment: Assessment, fmt: str = "table", lang: str = "en") -> str:
    """Render an assessment as ``table`` (terminal), ``markdown`` (review) or ``json``.

    Raises:
        UsageError: Unknown format or language.
    """
    check_lang(lang)
    if fmt == "json":
        return assessment.to_json()
    if fmt == "table":
        return _table(assessment, lang)
    if fmt == "markdown":
        return _markdown(assessment, lang)
    raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(REPORT_FORMATS)})")


def _table(a: Assessment, lang: str) -> str:
    w = words("assessment", lang)
    lines = [f"{a.profile.id} — {printable(a.profile.name)}", ""]
    groups = a.by_role()
    if not groups:
        lines.append(w["none"])
    for role, triggers in groups.items():
        rows = []
        for t in triggers:
            # English shows severities as capitals (HIGH); Japanese has its own words.
            severity = t.severity.upper() if lang == "en" else words("html", lang)[t.severity]
            sev = severity + (f" ({w['baseline']})" if t.baseline else "")
            rows.append([sev, t.principle, truncate(getattr(t.label, lang), 40), _why(t, lang)])
        lines.append(f"[{role if lang == 'en' else role_label(role, lang)}]")
        body = table([w["severity"].upper(), "ID", w["principle"].upper(), w["why"].upper()], rows)
        lines.extend("  " + line for line in body.rstrip("\n").split("\n"))
        lines.append("")
    if a.crosswalk is not None:
        lines.extend(view_lines(a.crosswalk, lang))
    if a.unstated_facts:
        lines.append(f"{w['unstated']} (*): " + ", ".join(a.unstated_facts))
    v = a.versions
    versions = w["versions_line"].format(catalog=v.catalog, rules=v.rules, aigov=v.aigov)
    lines.append(f"{w['versions']}: {versions}")
    return "\n".join(lines).rstrip("\n") + "\n"


def _severity(severity: str, lang: str) -> str:
    """A severity as ``lang`` names it (English keeps the code: ``high``)."""
    return severity if lang == "en" else words("html", lang)[severity]


def _md_role(role: str, lang: str) -> str:
    """A role for Markdown: its id in code, after its label in Japanese."""
    label = role_label(role, lang)
    return f"`{role}`" if lang == "en" or label == role else f"{md(label)} (`{role}`)"


def _md_fact(path: str, value: object, lang: str) -> str:
    """A fact for Markdown: its path in code, its value as JSON (English) or in words."""
    if lang == "en":
        return f"`{path}` = `{json.dumps(value, ensure_ascii=False)}`"
    return f"`{path}` = {md(fact_value_text(path, value, lang))}"


def _markdown(a: Assessment, lang: str) -> str:
    w = words("assessment", lang)
    out = [f"# {w['report']}: {md(a.profile.name)} (`{a.profile.id}`)", ""]
    out.append(f"## {w['triggered']}")
    out.append("")
    if not a.triggered:
        out.append(w["none"])
        out.append("")
    for t in a.triggered:
        base = f" ({w['baseline']})" if t.baseline else ""
        out.append(f"### {md(getattr(t.label, lang))} — `{t.principle}`")
        out.append("")
        out.append(f"- **{w['severity']}**: {_severity(t.severity, lang)}{base}")
        out.append(f"- **{w['roles']}**: " + ", ".join(_md_role(r, lang) for r in t.roles))
        if t.verification is not None and t.verification.value != "verified":
            out.append(f"- **{w['rests_on']}**: {w['mark_' + t.verification.value]}")
        for r in t.reasons:
            cite = r.citation
            locator = cite.locator and locator_text(cite.locator, lang)
            where = ", ".join(x for x in (cite.document, locator) if x)
            facts = ", ".join(_md_fact(f.path, f.value, lang) for f in r.facts) or "—"
            level = cite.verification.value
            mark = level if lang == "en" else w["mark_" + level]
            rationale = md(getattr(r.rationale, lang))
            out.append(f"- `{r.rule}` ({_severity(r.severity, lang)}): {rationale}")
            out.append(f"  - {w['facts']}: {facts}")
            out.append(f"  - {w['citation']}: {md(where)} \\[{mark}\\]")
        out.append("")
    if a.values:
        out.append(f"## {w['values']}")
        out.append("")
        out.extend(
            f"- {md(getattr(v.label, lang))} (`{v.value}`): "
            + ", ".join(f"`{p}`" for p in v.principles)
            for v in a.values
        )
        out.append("")
    if a.crosswalk is not None:
        out.extend(view_markdown(a.crosswalk, lang))
    if a.unstated_facts:
        out.append(f"## {w['unstated']}")
        out.append("")
        out.extend(f"- `{p}`" for p in a.unstated_facts)
        out.append("")
    v = a.versions
    out.append(f"## {w['versions']}")
    out.append("")
    out.append("- " + w["md_aigov"].format(aigov=v.aigov, profile_format=v.profile_format))
    out.append("- " + w["md_catalog"].format(catalog=md_code(v.catalog), hash=v.catalog_hash))
    out.append("- " + w["md_rules"].format(rules=md_code(v.rules), hash=v.rules_hash))
    out.append("- " + w["md_facts_hash"].format(hash=a.profile.facts_hash))
    return "\n".join(out) + "\n"


def render_explanation(explanation: Explanation, lang: str = "en") -> str:
    """Render an explanation as indented text, one condition per line, in ``lang``.

    The sentences are made here from the explanation's fields (not taken from
    its English ``summary`` and ``note``), so that they read in either language.
    """
    e = explanation
    w = words("explanation", lang)
    marks = words("assessment", lang)
    width = max(len(w[k]) for k in ("addresses", "actors", "rests_on")) + 1

    def head(key: str) -> str:
        return "  " + (w[key] + ":").ljust(width) + " "

    def roles(ids: tuple[str, ...]) -> str:
        return ", ".join(ids if lang == "en" else (role_label(r, lang) for r in ids))

    lines = [f"{e.principle}: {_explanation_summary(e, w, roles)}"]
    lines.append(head("addresses") + (roles(e.addressed_roles) or "-"))
    lines.append(head("actors") + roles(e.actors))
    if e.verification is not None and e.verification.value != "verified":
        lines.append(head("rests_on") + marks["mark_" + e.verification.value])
    for r in e.rules:
        mark = w["fired"] if r.fired else w["not_fired"]
        if not r.fired:
            note = w["note_not_held"]
        elif not r.roles:
            note = w["note_no_actor"]
        else:
            note = w["note_fired"].format(roles=roles(r.roles))
        cites = ""
        if r.verification is not None and r.verification.value != "verified":
            cites = f" ({w['citation']}: {w['v_' + r.verification.value]})"
        severity = _severity(r.severity, lang)
        lines.append(f"  {w['rule']} {r.rule} [{severity}] {mark}: {note}{cites}")
        for c in r.conditions:
            state = w["held"] if c.held else w["failed"]
            unstated = " " + w["unstated"] if not c.stated else ""
            # Japanese writes the fact as the reports do (/oversight), marking it as a path.
            fact = c.fact if lang == "en" else "/" + c.fact.replace(".", "/")
            test = w.get("op_" + c.operator, "{fact} " + c.operator + " {expected}").format(
                fact=fact, expected=fact_value_text(c.fact, c.expected, lang)
            )
            actual = fact_value_text(c.fact, c.actual, lang)
            lines.append(f"    - {c.path}: {test} -> {w['actual']} {actual}{unstated}: {state}")
    return "\n".join(lines) + "\n"


def _explanation_summary(
    e: Explanation, w: dict[str, str], roles: Callable[[tuple[str, ...]], str]
) -> str:
    """The explanation's one-line verdict (the same cases as ``explain``'s summary)."""
    if not e.rules:
        return w["no_rule"]
    if e.triggered:
        return w["triggered_for"].format(roles=roles(e.roles))
    if not set(e.addressed_roles) & set(e.actors):
        return w["not_addressed"].format(roles=roles(e.addressed_roles) or w["no_role"])
    return w["not_fired_any"]
