"""Regenerate the generated parts of the documentation.

Writes the catalogue pictures ``docs/img/catalog-graph.svg`` (English labels)
and ``docs/img/catalog-graph-ja.svg`` (Japanese labels) of the Japanese
guidelines, the picture of how the 2017 and 2019 principles correspond to the
2024 ones (``docs/img/jp-2024-correspondence.svg``), the provenance tables of
``docs/data-sources.md`` (between the ``generated:provenance`` markers), the
crosswalk matrix of ``docs/crosswalks.md`` (between the ``generated:matrix``
markers) and the picture of the values as a hub, ``docs/img/values-hub.svg``.
The rest of those pages is written by hand.

Run ``python scripts/generate_docs.py`` after changing the catalogue data;
``tests/test_docs.py`` fails while a generated file is stale.  The output
depends only on the packaged data, so two runs give the same bytes.
"""

from __future__ import annotations

import os
import re
import sys
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

from aigov._render.svg import Box, catalog_svg, layered_svg
from aigov.bibliography import Bibliography, builtin_bibliography
from aigov.catalog import KINDS, Catalog, ItemKind, builtin_catalog
from aigov.cli import _build_parser
from aigov.crosswalk import find_correspondences
from aigov.models import RelationKind, Source, Verification
from aigov.rules import builtin_rules

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SVG_EN = DOCS / "img" / "catalog-graph.svg"
SVG_JA = DOCS / "img" / "catalog-graph-ja.svg"
DATA_SOURCES = DOCS / "data-sources.md"
CROSSWALKS = DOCS / "crosswalks.md"
HUB_SVG = DOCS / "img" / "values-hub.svg"
CORRESPONDENCE_SVG = DOCS / "img" / "jp-2024-correspondence.svg"

JAPANESE = ("jp-ai-rd-2017", "jp-ai-util-2019")
INTERNATIONAL = (
    "jp-ai-business-2024",
    "oecd-2019",
    "unesco-2021",
    "eu-hleg-2019",
    "nist-ai-rmf-1.0",
)
_SYMBOLS = {
    "skos:exactMatch": "=",
    "skos:closeMatch": "≈",
    "skos:broadMatch": "⊂",
    "skos:narrowMatch": "⊃",
    "skos:relatedMatch": "~",
}
MATRIX_START = "<!-- generated:matrix:start -->"
MATRIX_END = "<!-- generated:matrix:end -->"

START = "<!-- generated:provenance:start -->"
END = "<!-- generated:provenance:end -->"

# Item kinds counted in the verification summary, with their headings.
_SUMMARY_KINDS: tuple[tuple[ItemKind, str], ...] = (
    ("framework", "Frameworks"),
    ("principle", "Principles"),
    ("subitem", "Sub-items"),
    ("value", "Values"),
    ("role", "Roles"),
    ("practice", "Practice perspectives"),
    ("practice-item", "Practices"),
)
_MARKS = tuple(Verification)
_MARK_HEADERS = [mark.value for mark in _MARKS]


def _cell(text: str) -> str:
    """Text safe inside one Markdown table cell."""
    text = " ".join(text.split())
    for char in ("\\", "|", "*", "_", "[", "]", "`"):
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _where(source: Source) -> str:
    """The source document and locator of an item, as one cell."""
    text = f"`{source.document}`"
    if source.locator:
        text += ": " + _cell(source.locator)
    return text


def _summary(catalog: Catalog) -> list[str]:
    rows = []
    for kind, heading in _SUMMARY_KINDS:
        items = catalog.items(kind)
        counts = [sum(item.source.verification is mark for item in items) for mark in _MARKS]
        rows.append([heading, str(len(items)), *(str(n) for n in counts)])
    return _table(["Kind", "Items", *_MARK_HEADERS], rows)


def _framework_of(catalog: Catalog, item_id: str, source: Source) -> str:
    found = catalog.frameworks_of(item_id) if item_id in catalog else ()
    return found[0] if found else source.document


def _mark_counts(marks: Sequence[Verification]) -> list[str]:
    return [str(sum(m is mark for m in marks)) for mark in _MARKS]


def _by_framework(catalog: Catalog) -> list[str]:
    """Items, links and rule citations of each framework, counted by mark."""
    items: dict[str, list[Verification]] = {fw.id: [] for fw in catalog.frameworks}
    links: dict[str, list[Verification]] = {fw.id: [] for fw in catalog.frameworks}
    rules: dict[str, list[Verification]] = {fw.id: [] for fw in catalog.frameworks}
    for kind in KINDS:
        for item in catalog.items(kind):
            home = item.id if kind == "framework" else _framework_of(catalog, item.id, item.source)
            items.setdefault(home, []).append(item.source.verification)
    for rel in catalog.relations:
        home = catalog.frameworks_of(rel.subject)[0]
        # A relation grounded only in a rationale is aigov's reading.
        mark = rel.source.verification if rel.source else Verification.INTERPRETED
        links.setdefault(home, []).append(mark)
    for compiled in builtin_rules().rules:
        cite = compiled.rule.citation
        rules.setdefault(cite.document, []).append(cite.verification)
    rows = []
    for fw in catalog.frameworks:
        for what, marks in (
            ("items", items[fw.id]),
            ("links", links[fw.id]),
            ("rule citations", rules[fw.id]),
        ):
            if marks:
                rows.append([f"`{fw.id}`", what, str(len(marks)), *_mark_counts(marks)])
    return _table(["Framework", "What", "Count", *_MARK_HEADERS], rows)


def _to_check(catalog: Catalog, bib: Bibliography) -> list[str]:
    """For each framework, the official text to read and the items that still need it."""
    lines: list[str] = []
    for fw in catalog.frameworks:
        waiting = [
            item.id
            for kind in KINDS
            for item in catalog.items(kind)
            if (
                item.id == fw.id
                or (kind != "framework" and _framework_of(catalog, item.id, item.source) == fw.id)
            )
            and item.source.verification in (Verification.PARTIAL, Verification.UNVERIFIED)
        ]
        if not waiting:
            continue
        where = ""
        if fw.id in bib:
            chain = bib.chain(fw.id)
            url = next((r.url for r in chain if r.url), None)
            where = _cell(chain[-1].title.text("ja")) + (f" <{url}>" if url else "")
        lines.append(f"- **`{fw.id}`** ({len(waiting)}): {where}")
        lines.append("  " + ", ".join(f"`{i}`" for i in waiting))
    return lines


def _bibliography(bib: Bibliography) -> list[str]:
    rows = [
        [
            ref.key,
            ref.kind,
            _cell(ref.citation()),
            f"<{ref.url}>" if ref.url else "",
        ]
        for ref in bib.values()
    ]
    return _table(["Key", "Kind", "Citation", "Address"], rows)


def _frameworks(catalog: Catalog) -> list[str]:
    rows = [
        [
            f"`{fw.id}`",
            _cell(fw.label.ja),
            str(fw.date),
            _where(fw.source),
            fw.source.verification.value,
        ]
        for fw in catalog.frameworks
    ]
    return _table(["ID", "Label (ja)", "Date", "Source", "Verification"], rows)


def _items(catalog: Catalog, kind: ItemKind) -> list[str]:
    rows = [
        [f"`{item.id}`", _cell(label.ja), _where(item.source), item.source.verification.value]
        for item in catalog.items(kind)
        if (label := getattr(item, "label", None)) is not None
    ]
    return _table(["ID", "Label (ja)", "Source", "Verification"], rows)


def _values(catalog: Catalog) -> list[str]:
    rows = [
        [
            str(value.number),
            _cell(value.label.ja),
            _cell(value.label.en),
            "" if value.domestic_count is None else f"{value.domestic_count}/22",
            "yes" if value.new_in_2022 else "",
        ]
        for value in catalog.values
    ]
    lines = _table(["No.", "Label (ja)", "Label (en)", "Domestic", "New in 2022"], rows)
    for value in catalog.values:
        if value.overseas_label is not None:
            lines += [
                "",
                f"In the comparison with guidelines from abroad, value {value.number} reads "
                f"{_cell(value.overseas_label.ja)} ({_cell(value.overseas_label.en)}).",
            ]
    return lines


def provenance(catalog: Catalog, bib: Bibliography | None = None) -> str:
    """The generated Markdown between the provenance markers (without the markers)."""
    bib = builtin_bibliography() if bib is None else bib
    lines = [
        "<!-- Generated by scripts/generate_docs.py from the packaged catalogue. "
        "Do not edit by hand. -->",
        "",
        f"Catalogue version: `{catalog.version}`.",
        "",
        "### Verification at a glance",
        "",
        *_summary(catalog),
        "",
        "### Verification by framework",
        "",
        "*Items* are the framework's own entries (principles, sub-items, values, roles, "
        "practices); *links* are the relations that start from them (a relation grounded "
        "only in aigov's rationale counts as `interpreted`); *rule citations* are the "
        "built-in rules that cite the framework.",
        "",
        *_by_framework(catalog),
        "",
        "### What still needs the official texts",
        "",
        "Each framework's items marked `partial` or `unverified`, with the document to read.",
        "",
        *_to_check(catalog, bib),
        "",
        "### Bibliography entries",
        "",
        "Every key a source cites, as `aigov sources` lists them.",
        "",
        *_bibliography(bib),
        "",
        "### Frameworks",
        "",
        *_frameworks(catalog),
        "",
        "### Principles",
        "",
        *_items(catalog, "principle"),
        "",
        "### Values to respect",
        "",
        *_items(catalog, "value"),
        "",
        "### Roles",
        "",
        *_items(catalog, "role"),
        "",
        "### The 22 values in numbers",
        "",
        "*Domestic* is the number of the 22 Japanese guidelines surveyed by Report 2022 "
        "that mention the value. *New in 2022* marks the values (17 to 22) that the "
        "Report 2019 comparison table did not have.",
        "",
        *_values(catalog),
    ]
    return "\n".join(lines) + "\n"


def splice(text: str, body: str, start: str = START, end: str = END) -> str:
    """Replace what lies between the ``start`` and ``end`` marker lines of ``text``.

    Raises:
        ValueError: A marker is missing, repeated, or the end comes first.
    """
    if text.count(start) != 1 or text.count(end) != 1:
        raise ValueError(f"expected exactly one {start!r} and one {end!r}")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}{end}{tail}"


def _label_of(catalog: Catalog, item_id: str) -> str:
    item = catalog.get(item_id)
    code = getattr(item, "code", None)
    label: str = item.label.en
    return f"{code} {label}" if code else label


def matrix(catalog: Catalog) -> str:
    """The crosswalk matrix: Japanese principles (rows) x frameworks (columns)."""
    frameworks = [fw for fw in INTERNATIONAL if fw in catalog]
    headers = ["Principle", *frameworks]
    rows = []
    for principle in catalog.principles:
        if principle.framework not in JAPANESE:
            continue
        cells = [f"`{principle.id}`"]
        for fw in frameworks:
            found = find_correspondences(principle.id, fw, catalog=catalog, derived=False)
            cells.append(
                "<br>".join(
                    _cell(f"{_SYMBOLS[c.predicate]} {_label_of(catalog, c.id)}") for c in found
                )
                or "—"
            )
        rows.append(cells)
    legend = (
        "Symbols: = exact, ≈ close, ⊂ the item is broader, ⊃ the item is narrower, "
        "~ related. Only curated mappings are shown; `aigov crosswalk ID` also lists "
        "correspondences derived through shared values."
    )
    return "\n".join([legend, "", *_table(headers, rows)]) + "\n"


def hub_svg(catalog: Catalog, lang: str = "en") -> str:
    """Japanese principles and international items joined through the 22 values."""

    def label(item: object) -> str:
        texts = getattr(item, "label")  # noqa: B009 - items of several models
        text: str = texts.ja if lang == "ja" else texts.en
        code = getattr(item, "code", None)
        return f"{code} {text}" if code else text

    left = [p for p in catalog.principles if p.framework in JAPANESE]
    right = [p for p in catalog.principles if p.framework in INTERNATIONAL]
    columns: list[tuple[str, list[Box]]] = [
        (
            "Japanese guidelines",
            [Box(p.id, f"{p.framework[3:]} {label(p)}", "principle") for p in left],
        ),
        (
            "22 values (Report 2022)",
            [Box(v.id, f"{v.number}. {label(v)}", "value") for v in catalog.values],
        ),
        (
            "International frameworks",
            [Box(p.id, f"{p.framework}: {label(p)}", "practice") for p in right],
        ),
    ]
    wanted = {p.id for p in left} | {p.id for p in right}
    edges: list[tuple[str, str, str] | tuple[str, str, str, bool]] = []
    for rel in catalog.relations:
        if rel.predicate is RelationKind.EMBODIES and rel.subject in wanted:
            if rel.subject in {p.id for p in left}:
                edges.append((rel.subject, rel.object, "embodies", False))
            else:
                edges.append((rel.object, rel.subject, "embodies", True))
    return layered_svg("The 22 values as a hub between frameworks", columns, edges)


def correspondence_svg(catalog: Catalog) -> str:
    """The 2017 and 2019 principles beside the 2024 ones they correspond to (curated)."""

    def column(framework: str, kind: str) -> list[Box]:
        return [
            Box(p.id, f"{p.number}. {p.label.en} ({p.label.ja})", kind)
            for p in catalog.principles
            if p.framework == framework
        ]

    columns: list[tuple[str, list[Box]]] = [
        ("Draft AI R&D Guidelines (2017)", column("jp-ai-rd-2017", "principle")),
        ("AI Guidelines for Business (2024)", column("jp-ai-business-2024", "value")),
        ("AI Utilization Guidelines (2019)", column("jp-ai-util-2019", "principle")),
    ]
    edges: list[tuple[str, str, str] | tuple[str, str, str, bool]] = [
        (principle.id, c.id, "corresponds_to")
        for principle in catalog.principles
        if principle.framework in JAPANESE
        for c in find_correspondences(
            principle.id, "jp-ai-business-2024", catalog=catalog, derived=False
        )
        if catalog.kind_of(c.id) == "principle"
    ]
    return layered_svg(
        "How the 2017 and 2019 principles correspond to the 2024 ones", columns, edges
    )


CLI = DOCS / "cli.md"


def _marker(name: str, end: str) -> str:
    return f"<!-- generated:cli-{name}:{end} -->"


def cli_reference(page: str) -> str:
    """``docs/cli.md`` with its command index and each command's usage from the parser.

    The prose and examples around them are written by hand; a command the
    page has no section for is an error, so the page cannot omit one.

    Raises:
        ValueError: The page lacks the markers of a command (add a section
            with them) or has a section for a command that does not exist.
    """
    # argparse wraps usage to the terminal's width: fix it so the page is stable.
    os.environ["COLUMNS"] = "92"
    parser = _build_parser()
    rows = [
        f"| [`{name}`](#aigov-{name}) | {command.description} |"
        for name, command in parser.commands.items()
    ]
    page = splice(
        page,
        "| Command | What it does |\n|---|---|\n" + "\n".join(rows) + "\n",
        _marker("commands", "start"),
        _marker("commands", "end"),
    )
    documented = set(re.findall(r"<!-- generated:cli-([a-z-]+):start -->", page)) - {"commands"}
    extra = documented - set(parser.commands)
    if extra:
        raise ValueError(f"docs/cli.md documents no such command: {', '.join(sorted(extra))}")
    for name, command in parser.commands.items():
        if name not in documented:
            raise ValueError(
                f"docs/cli.md has no section for 'aigov {name}': add one with the markers "
                f"{_marker(name, 'start')} and {_marker(name, 'end')}"
            )
        usages = [
            textwrap.dedent(" " * 7 + p.format_usage().removeprefix("usage: ")).rstrip()
            for p in (command, *command.commands.values())
        ]
        body = "```text\n" + "\n".join(usages) + "\n```\n"
        page = splice(page, body, _marker(name, "start"), _marker(name, "end"))
    return page


def render() -> dict[Path, str]:
    """Every generated file's path with the text it should have now."""
    catalog = builtin_catalog()
    page = DATA_SOURCES.read_text(encoding="utf-8")
    japanese = [p.id for p in catalog.principles if p.framework in JAPANESE]
    out = {
        SVG_EN: catalog_svg(catalog, "en", principles=japanese),
        SVG_JA: catalog_svg(catalog, "ja", principles=japanese),
        DATA_SOURCES: splice(page, provenance(catalog)),
    }
    if CROSSWALKS.is_file():
        out[CROSSWALKS] = splice(
            CROSSWALKS.read_text(encoding="utf-8"), matrix(catalog), MATRIX_START, MATRIX_END
        )
        out[HUB_SVG] = hub_svg(catalog)
    out[CORRESPONDENCE_SVG] = correspondence_svg(catalog)
    out[CLI] = cli_reference(CLI.read_text(encoding="utf-8"))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Write the generated files that changed; with ``--check``, only report them."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = args == ["--check"]
    if args and not check:
        print("usage: python scripts/generate_docs.py [--check]", file=sys.stderr)
        return 2
    stale = []
    for path, text in render().items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path)
        name = path.relative_to(ROOT)
        if check:
            print(f"stale: {name}")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {name}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
