"""MkDocs hooks for the aigov documentation (not part of the site)."""

from __future__ import annotations

import re
from typing import Any

# The package's docstrings use Sphinx-style roles (:func:`check`).  Markdown
# renders them as ":func:" followed by code; keep the code, drop the role.
_ROLE = re.compile(r":(?:func|class|meth|attr|data|mod|exc|obj):(<code>)")


def on_page_content(html: str, **_: Any) -> str:  # noqa: ANN401 - MkDocs passes page, config, files
    """Strip Sphinx role prefixes left in rendered API docstrings."""
    return _ROLE.sub(r"\1", html)
