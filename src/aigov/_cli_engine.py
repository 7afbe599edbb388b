"""The commands that check profiles: check, classify, explain, coverage, crosswalk (private)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aigov._choices import REGIMES
from aigov._render import table, truncate
from aigov.assess import Assessment, check, explain
from aigov.crosswalk import find_correspondences
from aigov.errors import (
    AigovError,
    DocumentError,
    FileAccessError,
    UsageError,
)
from aigov.profile import SystemProfile, load_profile

if TYPE_CHECKING:
    from aigov.triage import Classification
from aigov._cli_io import (
    EXIT_OK,
    _catalog,
    _failed,
    _mappings,
    _Out,
    _profiles,
    _rules,
    _view_mappings,
)

__all__ = [
    "_cmd_check",
    "_cmd_classify",
    "_cmd_coverage",
    "_cmd_crosswalk",
    "_cmd_explain",
    "_eu_classification",
]


def _cmd_classify(args: argparse.Namespace, out: _Out) -> int:
    from aigov.report import render_classification  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.triage import classify  # noqa: PLC0415 - see tests/test_layers.py

    if len(args.profiles) > 1 and args.format == "html":
        raise UsageError("--format html writes one fragment for one profile")
    status = EXIT_OK
    for name, data in _profiles(args.profiles):
        try:
            if isinstance(data, AigovError):
                raise data
            result = classify(load_profile(data, name=name), regime=args.regime)
        except (DocumentError, FileAccessError) as err:
            status = _failed(out, name, err, status)
            continue
        if args.format == "json" and len(args.profiles) > 1:
            out.write(result.to_json(compact=True) + "\n")
        else:
            out.write(render_classification(result, args.format, args.lang))
    return status


def _eu_classification(
    framework: str | None, profile: SystemProfile, assessment: Assessment
) -> Classification | None:
    """The classification the assessment carries, when it is asked for or in the EU's scope."""
    in_scope = profile.eu_ai_act is not None and profile.eu_ai_act.in_scope is True
    return assessment.eu_ai_act if framework in REGIMES or in_scope else None


def _cmd_check(args: argparse.Namespace, out: _Out) -> int:
    from aigov._render.assessment import render_assessment  # noqa: PLC0415 - see tests/test_layers.py

    many = len(args.profiles) > 1 or args.profiles[0].endswith(".jsonl")
    if many and args.format == "html":
        raise UsageError(
            "--format html writes one page for one profile; check the profiles one by one "
            "(or use --format json for several)"
        )
    catalog = _catalog(args)
    compiled = _rules(args, catalog)
    index = _view_mappings(args, catalog)
    status = EXIT_OK
    first = True
    # Asked for a regime, the assessment carries its classification even without the block.
    regimes = (args.framework,) if args.framework in REGIMES else None
    for name, data in _profiles(args.profiles):
        try:
            if isinstance(data, AigovError):
                raise data
            profile = load_profile(data, name=name)
            assessment = check(
                profile,
                compiled,
                roles=args.role,
                framework=args.framework,
                mappings=index,
                regimes=regimes,
                name=name,
            )
        except (DocumentError, FileAccessError) as err:
            status = _failed(out, name, err, status)
            continue
        if args.format == "json" and many:
            # Several profiles: one compact JSON document per line (JSON Lines).
            out.write(assessment.to_json(compact=True) + "\n")
            continue
        if not first and args.format != "json":
            out.write("\n")
        first = False
        # A regime's tiers come from its own tests, never from a view through values;
        # a profile in the EU's scope gets its EU section unasked.
        eu = _eu_classification(args.framework, profile, assessment)
        if args.format == "html":
            from aigov.report import render_html  # noqa: PLC0415 - see tests/test_layers.py

            out.write(render_html(assessment, lang=args.lang, catalog=catalog, classification=eu))
        else:
            out.write(render_assessment(assessment, args.format, args.lang))
        if eu is not None and args.format in ("table", "markdown"):
            from aigov._render.triage import render_classification  # noqa: PLC0415 - see above

            out.write("\n" + render_classification(eu, args.format, args.lang))
    return status


def _cmd_coverage(args: argparse.Namespace, out: _Out) -> int:
    from aigov.coverage import coverage_matrix, review_coverage  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.report import render_coverage, render_matrix  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    reports = [review_coverage(path, catalog=catalog) for path in args.policies]
    if len(reports) == 1:
        out.write(render_coverage(reports[0], args.format, args.lang))
        return EXIT_OK
    matrix = coverage_matrix(args.policies, catalog=catalog)
    if args.format == "json":
        # Several policies as one JSON document: each report and the matrix.
        out.json(
            {
                "matrix": matrix.model_dump(mode="json", exclude_none=True),
                "reports": [r.model_dump(mode="json", exclude_none=True) for r in reports],
            }
        )
        return EXIT_OK
    # Several policies: each one's report, then the value x policy matrix.
    for report in reports:
        out.write(render_coverage(report, args.format, args.lang))
        out.write("\n")
    out.write(render_matrix(matrix, args.format, args.lang))
    return EXIT_OK


def _cmd_crosswalk(args: argparse.Namespace, out: _Out) -> int:
    catalog = _catalog(args)
    found = find_correspondences(
        args.id,
        args.to,
        catalog=catalog,
        mappings=_mappings(args, catalog),
        derived=not args.no_derived,
    )
    if args.format == "json":
        out.json([c.model_dump(mode="json", exclude_none=True) for c in found])
        return EXIT_OK
    rows = [
        [
            c.id,
            c.predicate.removeprefix("skos:"),
            "derived" if c.derived else f"{c.confidence:g}",
            truncate(getattr(c.label, args.lang), 50),
            truncate(
                "via " + ", ".join(v.split(":", 1)[1] for v in c.via)
                if c.derived
                else (c.justification or ""),
                70,
            ),
        ]
        for c in found
    ]
    out.write(table(["ID", "PREDICATE", "CONFIDENCE", "ITEM", "WHY"], rows))
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace, out: _Out) -> int:
    from aigov._render.assessment import render_explanation  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    result = explain(args.profile, args.principle, rules=_rules(args, catalog))
    if args.format == "json":
        out.json(result.model_dump(mode="json"))
    else:
        out.write(render_explanation(result, args.lang))
    return EXIT_OK
