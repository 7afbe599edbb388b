"""Deprecated: the HTML report is :func:`aigov.report.render_html` (kept for one release)."""

from __future__ import annotations

from aigov.report import render_html

__all__ = ["render_html"]
