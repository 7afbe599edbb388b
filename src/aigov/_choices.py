"""The choices several layers name: output formats, listed kinds, regimes (private, layer 0).

Defined once here, in a module that imports nothing, so that the command
line can offer them without loading the code that produces them (start-up
time is a performance goal).
"""

from __future__ import annotations

__all__ = ["CLASSIFICATION_FORMATS", "EXPORT_FORMATS", "LIST_KINDS", "REGIMES"]

#: Formats :func:`aigov.export.export` writes.
EXPORT_FORMATS: tuple[str, ...] = (
    "dot",
    "gexf",
    "graphml",
    "json",
    "jsonld",
    "mermaid",
    "oscal-catalog",
    "oscal-mapping",
    "sssom",
    "svg",
)
#: The item kinds :func:`aigov.report.render_items` lists.
LIST_KINDS: tuple[str, ...] = ("framework", "principle", "value", "role", "practice")
#: The regimes :func:`aigov.classify` knows.
REGIMES: tuple[str, ...] = ("eu-ai-act-2024",)
#: The formats :func:`aigov.report.render_classification` writes.
CLASSIFICATION_FORMATS: tuple[str, ...] = ("table", "json", "markdown", "html")
