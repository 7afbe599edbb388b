"""Coverage reviews and matrices as a text table or Markdown (private)."""

from __future__ import annotations

from pydantic import BaseModel

from aigov._jsonio import dumps_canonical
from aigov._render import check_lang, md, md_code, table, truncate, words
from aigov.coverage import (
    COVERAGE_FORMATS,
    DOMESTIC_GUIDELINES,
    CoverageMatrix,
    CoverageReport,
    CoverageVersions,
    ReflectionLink,
    ValueCoverage,
    ValueLink,
)
from aigov.errors import UsageError

__all__ = ["coverage_text", "matrix_text"]

_CHECK = "✓"


def _words(fmt: str, lang: str) -> dict[str, str]:
    check_lang(lang)
    if fmt not in COVERAGE_FORMATS:
        raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(COVERAGE_FORMATS)})")
    return words("coverage", lang)


def _json(model: BaseModel) -> str:
    return dumps_canonical(model.model_dump(mode="json", by_alias=True, exclude_none=True))


def _domestic(count: int | None) -> str:
    return "" if count is None else f"{count}/{DOMESTIC_GUIDELINES}"


def _local(item_id: str) -> str:
    return item_id.split(":", 1)[-1]


def _mark(value: ValueCoverage) -> str:
    # "(✓)": reached only as a secondary value of a mapped principle, a weaker claim.
    if not value.covered:
        return "-"
    return _CHECK if any(lk.how != "secondary" for lk in value.by) else f"({_CHECK})"


def coverage_text(report: CoverageReport, fmt: str = "table", lang: str = "en") -> str:
    """Render the coverage review of one policy as ``table``, ``markdown`` or ``json``.

    Raises:
        UsageError: Unknown format or language.
    """
    w = _words(fmt, lang)
    if fmt == "json":
        return _json(report)
    if fmt == "markdown":
        return _coverage_markdown(report, w, lang)
    return _coverage_table(report, w, lang)


def _summary_lines(r: CoverageReport, w: dict[str, str]) -> list[str]:
    new_total = len(r.new_values_covered) + len(r.new_values_missing)
    return [
        w["values_line"].format(n=len(r.values_covered), total=len(r.values)),
        w["new_line"].format(n=len(r.new_values_covered), total=new_total),
    ]


def _coverage_table(r: CoverageReport, w: dict[str, str], lang: str) -> str:
    p = r.policy
    lines = [f"{p.id} {p.version} — {p.organisation}", p.title, ""]
    lines.extend(_summary_lines(r, w))
    lines.append("")
    rows = [
        [
            str(v.number),
            truncate(getattr(v.label, lang), 40),
            _domestic(v.domestic_count),
            w["yes"] if v.new_in_2022 else "",
            _mark(v),
            truncate(", ".join(dict.fromkeys(lk.principle for lk in v.by)), 48),
        ]
        for v in r.values
    ]
    heads: tuple[str, ...] = ("no", "value", "domestic", "new_col", "covered", "by")
    lines.append(table([w[h].upper() for h in heads], rows).rstrip("\n"))
    if any(v.covered and _mark(v) != _CHECK for v in r.values):
        lines.append(w["secondary"])
    lines.append("")
    for fw in r.guidelines:
        label = getattr(fw.label, lang)
        count = w["reflected_line"].format(n=len(fw.reflected), total=len(fw.items))
        lines.append(f"{label} ({fw.framework}): {count}")
        missing = [
            [i.id, truncate(getattr(i.label, lang), 50)] for i in fw.items if not i.reflected
        ]
        if missing:
            body = table(["ID", w["not_reflected"].upper()], missing)
            lines.extend("  " + line for line in body.rstrip("\n").split("\n"))
        else:
            lines.append("  " + w["all_reflected"])
        lines.append("")
    if r.frameworks:
        lines.append(w["frameworks"] + ":")
        rows = [
            [
                fw.framework,
                f"{len(fw.reflected)}/{len(fw.items)}",
                ", ".join(_local(i) for i in fw.missing) or "-",
            ]
            for fw in r.frameworks
        ]
        heads = ("framework", "reflected", "not_reflected")
        body = table([w[h].upper() for h in heads], rows)
        lines.extend("  " + line for line in body.rstrip("\n").split("\n"))
        lines.append("")
    v = r.versions
    lines.append(f"{w['versions']}: catalog {v.catalog}, aigov {v.aigov}")
    return "\n".join(lines) + "\n"


def _link_text(link: ValueLink, w: dict[str, str]) -> str:
    if link.how == "direct":
        return f"`{link.principle}` ({w['direct']})"
    return f"`{link.principle}` {w['via']} `{link.via}` ({link.how})"


def _reflection_text(link: ReflectionLink, w: dict[str, str]) -> str:
    detail: str = link.how
    if link.predicate:
        detail += f", {link.predicate}"
    if link.value and link.value != link.via:
        detail += f", `{link.value}`"
    if link.how == "direct":
        return f"`{link.principle}` ({w['direct']})"
    return f"`{link.principle}` {w['via']} `{link.via}` ({detail})"


def _coverage_markdown(r: CoverageReport, w: dict[str, str], lang: str) -> str:
    p = r.policy
    out = [f"# {w['coverage']}: {md(p.title)} (`{p.id}` {md(p.version)})", ""]
    out.append(f"- **{w['organisation']}**: {md(p.organisation)}")
    out.extend(f"- {line}" for line in _summary_lines(r, w))
    out.append("")
    out += [f"## {w['values']}", ""]
    heads: tuple[str, ...] = ("no", "value", "domestic", "new_col", "covered", "by")
    out.append("| " + " | ".join(w[h] for h in heads) + " |")
    out.append("|---:|---|---:|:---:|:---:|---|")
    for v in r.values:
        by = "<br>".join(_link_text(lk, w) for lk in v.by)
        out.append(
            f"| {v.number} | {md(getattr(v.label, lang))} (`{v.id}`) | "
            f"{_domestic(v.domestic_count)} | {w['yes'] if v.new_in_2022 else ''} | "
            f"{_mark(v) if v.covered else ''} | {by} |"
        )
    if any(v.covered and _mark(v) != _CHECK for v in r.values):
        out += ["", w["secondary"]]
    out += ["", f"## {w['new']}", ""]
    for v in r.values:
        if v.new_in_2022:
            mark = "[x]" if v.covered else "[ ]"
            out.append(f"- {mark} {md(getattr(v.label, lang))} (`{v.id}`)")
    out += ["", f"## {w['guidelines']}", ""]
    for fw in r.guidelines:
        count = w["reflected_line"].format(n=len(fw.reflected), total=len(fw.items))
        out += [f"### {md(getattr(fw.label, lang))} (`{fw.framework}`): {count}", ""]
        for item in fw.items:
            mark = "[x]" if item.reflected else "[ ]"
            by = "; ".join(_reflection_text(lk, w) for lk in item.by)
            out.append(
                f"- {mark} {md(getattr(item.label, lang))} (`{item.id}`)"
                + (f": {by}" if by else "")
            )
        out.append("")
    if r.frameworks:
        out += [f"## {w['frameworks']}", ""]
        out.append(f"| {w['framework']} | {w['reflected']} | {w['not_reflected']} |")
        out.append("|---|---:|---|")
        for fw in r.frameworks:
            missing = ", ".join(
                f"{md(getattr(i.label, lang))} (`{i.id}`)" for i in fw.items if not i.reflected
            )
            out.append(
                f"| {md(getattr(fw.label, lang))} (`{fw.framework}`) | "
                f"{len(fw.reflected)}/{len(fw.items)} | {missing or '—'} |"
            )
        out.append("")
    out += _versions_markdown(r.versions, w)
    return "\n".join(out) + "\n"


def _versions_markdown(v: CoverageVersions, w: dict[str, str]) -> list[str]:
    out = [f"## {w['versions']}", ""]
    out.append(f"- aigov {v.aigov}, policy format {v.policy_format}")
    out.append(f"- catalog {md_code(v.catalog)} ({v.catalog_hash})")
    if v.mappings_hash:
        out.append(f"- mappings ({v.mappings_hash})")
    return out


def matrix_text(matrix: CoverageMatrix, fmt: str = "table", lang: str = "en") -> str:
    """Render a values × policies matrix with per-value counts as ``table``, ``markdown``, ``json``.

    Policies become columns ``P1``, ``P2``... in the matrix's order, explained
    in a legend; each row ends with how many policies cover the value and the
    Report 2022's domestic count.

    Raises:
        UsageError: Unknown format or language.
    """
    w = _words(fmt, lang)
    if fmt == "json":
        return _json(matrix)
    n = len(matrix.policies)
    cols = [f"P{i + 1}" for i in range(n)]
    legend = [
        f"P{i + 1} = {p.id} {p.version} — {p.organisation}: {p.title}"
        for i, p in enumerate(matrix.policies)
    ]
    if fmt == "markdown":
        return _matrix_markdown(matrix, w, lang, cols, legend)
    rows = [
        [
            str(row.number),
            truncate(getattr(row.label, lang), 40),
            *(_CHECK if c else "-" for c in row.cells),
            f"{row.count}/{n}",
            _domestic(row.domestic_count),
        ]
        for row in matrix.rows
    ]
    rows.append(["", w["total"], *(str(t) for t in matrix.totals), "", ""])
    heads = [w["no"].upper(), w["value"].upper(), *cols, w["count"].upper(), w["domestic"].upper()]
    lines = [w["matrix"].format(n=n), ""]
    lines.append(table(heads, rows).rstrip("\n"))
    lines += ["", w["policies"] + ":"]
    lines.extend("  " + line for line in legend)
    v = matrix.versions
    lines += ["", f"{w['versions']}: catalog {v.catalog}, aigov {v.aigov}"]
    return "\n".join(lines) + "\n"


def _matrix_markdown(
    matrix: CoverageMatrix, w: dict[str, str], lang: str, cols: list[str], legend: list[str]
) -> str:
    n = len(matrix.policies)
    out = [f"# {w['matrix'].format(n=n)}", ""]
    out.append(
        f"| {w['no']} | {w['value']} | " + " | ".join(cols) + f" | {w['count']} | {w['domestic']} |"
    )
    out.append("|---:|---|" + ":---:|" * n + "---:|---:|")
    for row in matrix.rows:
        cells = " | ".join(_CHECK if c else "" for c in row.cells)
        out.append(
            f"| {row.number} | {md(getattr(row.label, lang))} (`{row.id}`) | {cells} | "
            f"{row.count}/{n} | {_domestic(row.domestic_count)} |"
        )
    totals = " | ".join(str(t) for t in matrix.totals)
    out.append(f"|  | **{w['total']}** | {totals} |  |  |")
    out += ["", f"## {w['policies']}", ""]
    out.extend(f"- {md(line)}" for line in legend)
    out.append("")
    out += _versions_markdown(matrix.versions, w)
    return "\n".join(out) + "\n"
