"""Check sheets and gap reports as Markdown or a text table (private)."""

from __future__ import annotations

from aigov._answers import FrameworkAnswers
from aigov._base import SEVERITY_RANK
from aigov._render import check_lang, eu_role_label, md, role_label, table, words
from aigov._render.view import view_lines, view_markdown
from aigov.checklist import (
    CarriedSheet,
    CheckItem,
    Checklist,
    Edit,
    GapReport,
    Note,
    SheetClassification,
    SheetMigration,
    eu_items,
    eu_tier_label,
)
from aigov.errors import UsageError

__all__ = [
    "carried_lines",
    "drift_text",
    "edit_text",
    "failure_texts",
    "migration_lines",
    "note_text",
    "render_checklist",
    "render_gaps",
    "report_notes",
    "verdict_lines",
]


def _severity(severity: str, lang: str) -> str:
    return words("html", lang)[severity]


def _status(status: str | None, lang: str) -> str:
    return words("html", lang)[status] if status else "—"


def _roles_named(roles: tuple[str, ...], lang: str) -> str:
    """Roles for Markdown: each label with its id in code (the id alone when it is the label)."""
    named = []
    for role in roles:
        label = role_label(role, lang)
        named.append(f"`{role}`" if label == role else f"{md(label)} (`{role}`)")
    return ", ".join(named)


def _roles(roles: tuple[str, ...], lang: str) -> str:
    return ", ".join(role_label(r, lang) for r in roles)


def _markdown(sheet: Checklist, lang: str) -> str:
    w = words("checklist", lang)
    out = [f"# {w['sheet']}: {md(sheet.profile.name)} (`{sheet.profile.id}`)", ""]
    current: tuple[tuple[str, ...], str] | None = None
    eu = {i.id for i in eu_items(sheet)}
    for item in sheet.items:
        if item.id in eu and sheet.eu_ai_act is not None:
            out += _eu_heading(sheet.eu_ai_act, lang)
            eu = set()
            current = None
        if current != (item.roles, item.principle):
            if current is None or current[0] != item.roles:
                out += [f"## {w['role']}: {_roles_named(item.roles, lang)}", ""]
            severity = _severity(item.severity, lang)
            out += [f"### `{item.principle}` ({w['severity']}: {severity})", ""]
            current = (item.roles, item.principle)
        box = {"yes": "[x]", "partial": "[~]", "no": "[ ]", "not-applicable": "[-]"}.get(
            item.status or "", "[ ]"
        )
        out.append(f"- {box} **{item.id}** {md(getattr(item.question, lang))}")
        out.append(f"  - {w['guidance']}: {md(getattr(item.guidance, lang))}")
        if item.verification is not None and item.verification.value != "verified":
            mark = words("assessment", lang)["mark_" + item.verification.value]
            out.append(f"  - {w['rests_on']}: {mark}")
        if item.status:
            out.append(f"  - {w['status']}: {_status(item.status, lang)}")
        if item.evidence:
            out.append(f"  - {w['evidence']}: {md(item.evidence)}")
        if item.justification:
            out.append(f"  - {w['justification']}: {md(item.justification)}")
    return "\n".join(out) + "\n"


def _eu_heading(record: SheetClassification, lang: str) -> list[str]:
    """The EU section's heading: the tier (and what needs review), the track, the roles."""
    w = words("classification", lang)
    tier = f"**{eu_tier_label(record.tier, lang)}**"
    if record.tier != record.stated_tier:
        tier += f" ({w['stated']}: {eu_tier_label(record.stated_tier, lang)})"
    out = [f"## {w['heading']} ({record.version})", ""]
    out.append(f"- {w['tier']}: {tier}")
    out.append(f"- {w['gpai']}: {w['gpai_' + record.gpai]}")
    out.append(f"- {w['roles']}: {_operator_roles(record.operator_roles, lang)}")
    for review in record.requires_review:
        why = md(getattr(review.why, lang))
        out.append(f"- {w['review']}: `{review.fact}` ({review.article}): {why}")
    out += [f"- {md(w['disclaimer'])}", ""]
    return out


def _operator_roles(roles: tuple[str, ...], lang: str) -> str:
    """EU AI Act operator roles by the catalogue's labels (one it lacks by the UI's words)."""
    return ", ".join(eu_role_label(r, lang) for r in roles) or "—"


def render_checklist(sheet: Checklist, fmt: str = "markdown", lang: str = "en") -> str:
    """Render a check sheet as ``markdown``, ``csv`` (UTF-8 with BOM) or ``json``.

    Raises:
        UsageError: Unknown format or language.
    """
    check_lang(lang)
    if fmt == "json":
        return sheet.to_json()
    if fmt == "csv":
        return sheet.to_csv(lang)
    if fmt == "markdown":
        return _markdown(sheet, lang)
    raise UsageError(f"unknown format {fmt!r} (formats: csv, json, markdown)")


def _item_line(item: CheckItem, lang: str, *, markdown: bool) -> str:
    status = _status(item.status, lang)
    question = getattr(item.question, lang)
    role = _roles(item.roles, lang)
    text = f"{item.id} ({role}, {status}): {md(question) if markdown else question}"
    severity = _severity(item.severity, lang)
    return (f"\\[{severity}\\] " if markdown else f"[{severity}] ") + text


def edit_text(edit: Edit, lang: str) -> str:
    """An edit to generated cells, in the words of ``lang``."""
    w = words("checklist", lang)
    role = _roles(edit.roles or (), lang)
    key = "edit_" + edit.kind
    if edit.kind == "cell" and edit.expected is None:
        key = "edit_cell_other"
    column = {"question": w["q"]}.get(edit.column or "", w.get(edit.column or "", edit.column))
    written, expected = edit.written, edit.expected
    if edit.column == "severity" and written in SEVERITY_RANK and expected in SEVERITY_RANK:
        written, expected = _severity(written, lang), _severity(expected, lang)
    return w[key].format(
        item=edit.item, role=role, column=column, written=written, expected=expected
    )


def note_text(note: Note, lang: str) -> str:
    """Something the report could not check, in the words of ``lang``."""
    w = words("checklist", lang)
    detail = note.detail or ""
    if note.kind == "per-role":
        rows, _, items = detail.partition(":")
        return w["note_per-role"].format(rows=rows, items=items)
    if note.kind == "version-drift":
        # "catalogue: OLD -> NEW; rules: OLD -> NEW", as gaps() writes it.
        parts = (part.partition(": ") for part in detail.split("; "))
        detail = "; ".join(f"{w.get('drift_' + what, what)}: {rest}" for what, _, rest in parts)
    return w["note_" + note.kind].format(detail=detail)


def drift_text(drift: dict[str, tuple[str, str]], lang: str) -> str:
    """Why a sheet cannot be checked with this run's versions (:class:`VersionDriftError`)."""
    w = words("checklist", lang)
    detail = "; ".join(
        f"{w.get('drift_' + ('catalogue' if what == 'catalog' else what), what)}: {old} -> {new}"
        for what, (old, new) in sorted(drift.items())
    )
    return w["drift_error"].format(detail=detail)


def _rows_text(migration: SheetMigration, rows: tuple[int, ...], lang: str) -> str:
    if not migration.spreadsheet:
        return ", ".join(f"$.items[{n}]" for n in rows)
    return words("checklist", lang)["lines"].format(n=", ".join(str(n) for n in rows))


def migration_lines(migration: SheetMigration, path: str, lang: str) -> list[str]:
    """What reading a per-role sheet did: the rows merged, each disagreement named by its rows."""
    w = words("checklist", lang)
    out = [w["merged_read"].format(path=path, rows=migration.rows, items=migration.items)]
    out += [
        w["merged_rows"].format(
            where=_rows_text(migration, merged.rows, lang),
            item=merged.item,
            roles=_roles(merged.roles, lang),
            status=_status(merged.status, lang) if merged.status else w["unanswered_status"],
        )
        for merged in migration.disagreements
    ]
    return out


def carried_lines(result: CarriedSheet, path: str, lang: str) -> list[str]:
    """What ``checklist --from`` carried over, and what needs a second look."""
    w = words("checklist", lang)
    out = [w["carried_over"].format(n=result.carried, path=path)]
    out += [w["carried_changed"].format(item=item.id) for item in result.changed]
    out += [
        w["carried_dropped"].format(
            item=item.id, status=_status(item.status, lang) if item.status else w["in_part"]
        )
        for item in result.dropped
    ]
    return out


def report_notes(report: GapReport, lang: str) -> list[tuple[str, list[str]]]:
    """``(heading key, texts)`` for the edits found and what could not be checked, if any."""
    out = []
    if report.tampered:
        out.append(("tampered", [edit_text(e, lang) for e in report.tampered]))
    if report.notes:
        out.append(("notes", [note_text(n, lang) for n in report.notes]))
    return out


def failure_texts(report: GapReport, lang: str) -> list[str]:
    """Each reason the gate failed, in the words of ``lang`` (``GapReport.failures``)."""
    w = words("checklist", lang)
    sev = words("html", lang)
    failing = sum(
        1 for i in report.open_items if SEVERITY_RANK[i.severity] <= SEVERITY_RANK[report.fail_on]
    )
    reasons = []
    if report.tampered:
        reasons.append(w["fail_tampered"].format(n=len(report.tampered)))
    if failing:
        key = "fail_open" if report.fail_on == "high" else "fail_open_above"
        reasons.append(w[key].format(n=failing, sev=sev[report.fail_on]))
    if report.min_answered is not None and report.answered_percent < report.min_answered:
        reasons.append(
            w["fail_answered"].format(
                p=f"{report.answered_percent:g}", min=f"{report.min_answered:g}"
            )
        )
    return reasons


def verdict_lines(report: GapReport, lang: str) -> list[str]:
    """The gate's verdict first, then each reason it failed, in the words of ``lang``."""
    w = words("checklist", lang)
    reasons = failure_texts(report, lang)
    head = w["gate_pass"] if report.passed else w["gate_fail"]
    return [head + (": " + "; ".join(reasons) if reasons else "")]


def _match(predicate: str, lang: str) -> str:
    """A SKOS mapping predicate as the reader names it (``closeMatch``, 近い一致...)."""
    name = predicate.removeprefix("skos:")
    return words("checklist", lang).get("match_" + name, name)


def _carried_lines(answers: FrameworkAnswers, lang: str, *, markdown: bool) -> list[str]:
    """The sheet's answers in another framework's items, with the mapping sets behind them."""
    w = words("checklist", lang)
    fw = answers.framework
    rows = [
        [
            item.id,
            w["review"] if item.review else _status(item.status, lang),
            str(len(item.answers)),
            ", ".join(
                dict.fromkeys(
                    f"{a.mapping_set or a.source} ({_match(a.predicate, lang)})"
                    for a in item.answers
                )
            ),
        ]
        for item in answers.items
    ]
    head = w["carried_head"].split("|")
    out = [f"{'## ' if markdown else ''}{w['carried'].format(fw=fw, p=f'{answers.coverage:g}')}"]
    out.append("")
    if markdown:
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(md(c) for c in r) + " |" for r in rows]
    else:
        out += table(head, rows).rstrip("\n").split("\n")
    out += [
        "",
        f"{'## ' if markdown else ''}{w['unanswered'].format(fw=fw, n=len(answers.unanswered))}",
    ]
    out += ["", *(f"- {x}" for x in answers.unanswered)] if answers.unanswered else ["", w["none"]]
    return out


def render_gaps(report: GapReport, fmt: str = "table", lang: str = "en") -> str:
    """Render a gap report as ``table``, ``markdown`` or ``json``.

    The text forms end with the verdict (``PASS`` or ``FAIL: why``), where a
    CI log shows it last.

    Raises:
        UsageError: Unknown format or language.
    """
    check_lang(lang)
    if fmt == "json":
        return report.to_json()
    if fmt not in ("table", "markdown"):
        raise UsageError(f"unknown format {fmt!r} (formats: json, markdown, table)")
    w = words("checklist", lang)
    markdown = fmt == "markdown"
    rows = [
        [
            p.principle,
            _roles(p.roles, lang),
            _severity(p.severity, lang),
            f"{p.answered}/{p.total}",
            f"{p.yes}/{p.partial}/{p.no}/{p.not_applicable}",
        ]
        for p in report.progress
    ]
    head = w["gaps_head"].split("|")
    name = md(report.profile.name) if markdown else report.profile.name
    total = sum(p.total for p in report.progress)
    out = [f"{'# ' if markdown else ''}{name} (`{report.profile.id}`)", ""]
    out += [f"{'## ' if markdown else ''}{w['progress']}", ""]
    out += [w["answered_share"].format(p=f"{report.answered_percent:g}", n=total), ""]
    if markdown:
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        out += table(head, rows).rstrip("\n").split("\n")
    for key, items in (
        ("open", report.open_items),
        ("missing_items", report.missing_items),
        ("missing", report.missing_evidence),
        ("stale", report.stale_items),
    ):
        if key == "missing_items" and not items:
            continue
        out += ["", f"{'## ' if markdown else ''}{w[key]} ({len(items)})", ""]
        out += [f"- {_item_line(i, lang, markdown=markdown)}" for i in items] or [w["none"]]
    for key, texts in report_notes(report, lang):
        out += ["", f"{'## ' if markdown else ''}{w[key]} ({len(texts)})", ""]
        out += [f"- {md(t) if markdown else t}" for t in texts]
    if report.new_principles:
        out += ["", f"{'## ' if markdown else ''}{w['new']}", ""]
        out += [f"- {p}" for p in report.new_principles]
    if report.crosswalk is not None:
        view = report.crosswalk
        out += ["", *(view_markdown(view, lang) if markdown else view_lines(view, lang))[:-1]]
    if report.answers is not None:
        out += ["", *_carried_lines(report.answers, lang, markdown=markdown)]
    out += ["", *verdict_lines(report, lang)]
    return "\n".join(out) + "\n"
