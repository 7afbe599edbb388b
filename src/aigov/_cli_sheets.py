"""The check-sheet commands: checklist and gaps (private)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aigov._jsonio import (
    atomic_write_bytes,
    read_document,
)
from aigov._render import words
from aigov.assess import check, load_assessment
from aigov.catalog import Catalog
from aigov.errors import (
    UsageError,
    VersionDriftError,
    printable,
)
from aigov.profile import load_profile

if TYPE_CHECKING:
    from aigov.checklist import Checklist
from aigov._cli_io import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    _catalog,
    _Out,
    _rules,
    _view_mappings,
)
from aigov._cli_parser import (
    _Exit,
)

__all__ = ["_carry", "_cmd_checklist", "_cmd_gaps", "_load_sheet"]


def _cmd_checklist(args: argparse.Namespace, out: _Out) -> int:
    from aigov.checklist import make_checklist  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.report import render_checklist, render_html  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    document = read_document(args.source)
    profile = None
    if isinstance(document, dict) and document.get("kind") == "assessment":
        assessment = load_assessment(document, catalog=catalog, name=args.source)
    else:
        profile = load_profile(document, name=args.source)
        assessment = check(profile, _rules(args, catalog), name=args.source)
    sheet = make_checklist(assessment, args.role, profile=profile, catalog=catalog)
    if args.earlier:
        sheet = _carry(args.earlier, sheet, catalog, out, args.lang)
    if args.format == "xlsx":
        if not args.output or args.output == "-":
            raise UsageError("--format xlsx writes a workbook: give -o FILE.xlsx")
        atomic_write_bytes(args.output, sheet.to_xlsx(args.lang))
        return EXIT_OK
    if args.format == "html":
        text = render_html(assessment, sheet=sheet, lang=args.lang, catalog=catalog)
    else:
        text = render_checklist(sheet, args.format, args.lang)
    out.write(text)
    return EXIT_OK


def _load_sheet(path: str, catalog: Catalog, out: _Out, lang: str) -> Checklist:
    """A check sheet read from ``path``, saying what reading a per-role sheet merged."""
    from aigov._render.checklist import migration_lines  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.checklist import load_checklist  # noqa: PLC0415 - see tests/test_layers.py

    sheet = load_checklist(path, catalog=catalog)
    if sheet.migration is not None:
        for line in migration_lines(sheet.migration, printable(path), lang):
            out.error(f"aigov: {line}\n")
    return sheet


def _carry(path: str, sheet: Checklist, catalog: Catalog, out: _Out, lang: str) -> Checklist:
    """The sheet with the answers of an earlier one, saying what needs a second look."""
    from aigov._render.checklist import carried_lines  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.checklist import carry_answers  # noqa: PLC0415 - see tests/test_layers.py

    result = carry_answers(_load_sheet(path, catalog, out, lang), sheet)
    for line in carried_lines(result, printable(path), lang):
        out.error(f"aigov: {line}\n")
    return result.sheet


def _cmd_gaps(args: argparse.Namespace, out: _Out) -> int:
    from aigov._render.checklist import drift_text, edit_text, failure_texts  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.checklist import gaps  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.report import render_gaps, render_html  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    sheet = _load_sheet(args.sheet, catalog, out, args.lang)
    rules = _rules(args, catalog)
    try:
        report = gaps(
            sheet,
            profile=args.profile,
            rules=rules,
            catalog=catalog,
            framework=args.framework,
            mappings=_view_mappings(args, catalog),
            fail_on=args.fail_on,
            min_answered=args.min_answered,
            allow_version_drift=args.allow_version_drift,
        )
    except VersionDriftError as err:
        if args.lang == "en":
            raise
        error = words("checklist", args.lang)["error"]
        raise _Exit(EXIT_USAGE, f"aigov: {error}: {drift_text(err.drift, args.lang)}\n") from err
    if args.format == "html":
        current = args.profile or sheet.system_profile
        if current is None:
            raise UsageError("an HTML report needs the profile: give --profile PROFILE")
        assessment = check(current, rules)
        text = render_html(
            assessment, sheet=sheet, gap_report=report, lang=args.lang, catalog=catalog
        )
    else:
        if args.format == "json" and args.lang != "en":
            # The document's one field of sentences, in the reader's words.
            report = report.model_copy(update={"failures": tuple(failure_texts(report, args.lang))})
        text = render_gaps(report, args.format, args.lang)
    out.write(text)
    # English keeps the report's own sentences (logs and scripts read them); other
    # languages get them in their words.
    english = args.lang == "en"
    failed = words("checklist", args.lang)["gate_failed"]
    for reason in report.failures if english else failure_texts(report, args.lang):
        out.error(f"aigov: {failed.format(reason=reason)}\n")
    for edit in report.tampered:
        text = str(edit) if english else edit_text(edit, args.lang)
        out.error(f"aigov: {printable(args.sheet)}: {text}\n")
    # Exit 1 when the gate fails, so a release pipeline can gate on it.
    return EXIT_OK if report.passed else EXIT_FAILED
