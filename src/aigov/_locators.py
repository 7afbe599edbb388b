"""How a locator of the EU AI Act is written in each language (private, layer 0).

``Art. 51(2)`` stays as it is in English and is ``第51条(2)`` in Japanese;
``Art. 51-55`` is ``第51条〜第55条`` and ``Annex III`` is ``附属書III``.  One
function for the triage's reasons, the check sheet's EU section, the wizard's
sources and the reports, so that they all write an article alike.
"""

from __future__ import annotations

import re

__all__ = ["article_text", "local_locator"]

_ARTICLE = re.compile(r"^Art\. (\d+)(?:-(\d+))?(.*)$")


def local_locator(locator: str, lang: str) -> str:
    """A locator of the EU AI Act (``Art. 51(2)``, ``Annex III``) as ``lang`` writes it."""
    if lang != "ja":
        return locator
    if locator.startswith("Annex "):
        return "附属書" + locator.removeprefix("Annex ")
    found = _ARTICLE.match(locator)
    if found is None:
        return locator
    first, last, rest = found.groups()
    return f"第{first}条〜第{last}条{rest}" if last else f"第{first}条{rest}"


def article_text(article: str, lang: str) -> str:
    """An article of the Act (``6(2)``) as ``lang`` writes it: ``Art. 6(2)``, ``第6条(2)``."""
    return local_locator("Art. " + article, lang)
