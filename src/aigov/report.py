"""Every human-readable output of aigov, in one place.

Assessments, explanations, check sheets, gap reports, coverage reviews and
matrices, catalogue items and listings, bibliography entries, and the
self-contained HTML report.
Each renderer takes a result of the library and returns text; the words of
headings come from ``aigov/data/ui/{en,ja}.json``.  Catalogue exports
(GraphML, JSON-LD, SSSOM...) are in :mod:`aigov.export`.
"""

from __future__ import annotations

from aigov._render.assessment import REPORT_FORMATS, render_assessment, render_explanation
from aigov._render.bibliography import render_reference, render_references
from aigov._render.catalog import LIST_KINDS, render_item, render_items
from aigov._render.checklist import render_checklist, render_gaps
from aigov._render.coverage import coverage_text, matrix_text
from aigov._render.html import render_html
from aigov._render.triage import CLASSIFICATION_FORMATS, render_classification
from aigov.coverage import CoverageMatrix, CoverageReport

__all__ = [
    "CLASSIFICATION_FORMATS",
    "LIST_KINDS",
    "REPORT_FORMATS",
    "render_assessment",
    "render_checklist",
    "render_classification",
    "render_coverage",
    "render_explanation",
    "render_gaps",
    "render_html",
    "render_item",
    "render_items",
    "render_matrix",
    "render_reference",
    "render_references",
]


def render_coverage(report: CoverageReport, fmt: str = "table", lang: str = "en") -> str:
    """Render the coverage review of one policy as ``table``, ``markdown`` or ``json``.

    ``table`` and ``markdown`` list every value with its Report 2022 domestic
    count and the policy principles that cover it (``(✓)`` marks a value
    reached only as a secondary value of a mapped principle), the two
    guidelines' unreflected principles and each other framework's reflected
    and missing items; ``json`` is the canonical JSON of the report.

    Args:
        report: The result of :func:`aigov.review_coverage`.
        fmt: ``table`` (terminal), ``markdown`` (review) or ``json``.
        lang: ``ja`` or ``en``, for catalogue labels and headings.

    Raises:
        UsageError: Unknown format or language.
    """
    return coverage_text(report, fmt, lang)


def render_matrix(matrix: CoverageMatrix, fmt: str = "table", lang: str = "en") -> str:
    """Render a values × policies matrix with per-value counts.

    Policies become columns ``P1``, ``P2``... in the matrix's order, explained
    in a legend; each row ends with how many of the policies cover the value
    and the Report 2022's domestic count, and a last row gives each policy's
    number of covered values.

    Args:
        matrix: The result of :func:`aigov.coverage_matrix`.
        fmt: ``table`` (terminal), ``markdown`` (review) or ``json``.
        lang: ``ja`` or ``en``, for catalogue labels and headings.

    Raises:
        UsageError: Unknown format or language.
    """
    return matrix_text(matrix, fmt, lang)
