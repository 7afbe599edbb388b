"""The bibliography: every text the built-in data cites, by a stable key.

A catalogue item's :class:`~aigov.models.Source` names its document and the
texts in which it was seen (``evidence``) by keys of this bibliography.  A key
resolves to a :class:`Reference`: the official document (issuer, title in
Japanese and English, date, official address) or a public copy of it with its
full address, including scheme and host, because the same path on another
host of a mirror can be another page.

The bibliography ships in the package (``aigov/data/bibliography.json``) and
is loaded once, on first use.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from importlib.resources import files
from typing import Annotated, Literal

from pydantic import StringConstraints, model_validator

from aigov._base import SLUG, DocumentModel, FrozenModel, PartialDate, Short, Text
from aigov._suggest import suggest
from aigov.errors import UnknownIdError
from aigov.models import Source

__all__ = [
    "REFERENCE_KINDS",
    "Bibliography",
    "BibliographyDocument",
    "Names",
    "Reference",
    "builtin_bibliography",
    "citation_lines",
]

#: What a reference is: the issuer's own text, a public copy of (part of) it,
#: or a third party's summary, news report or commentary.
REFERENCE_KINDS: tuple[str, ...] = ("official", "copy", "commentary")

Key = Annotated[str, StringConstraints(pattern=rf"^{SLUG}$", max_length=64)]
_Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$", max_length=400)]


class Names(FrozenModel):
    """A name in Japanese, English or both (at least one)."""

    ja: Short | None = None
    en: Short | None = None

    @model_validator(mode="after")
    def _one_at_least(self) -> Names:
        if self.ja is None and self.en is None:
            raise ValueError("give the name in Japanese, English or both")
        return self

    def text(self, lang: str = "en") -> str:
        """The name in ``lang``, with the other language after it when both exist."""
        first, second = (self.ja, self.en) if lang == "ja" else (self.en, self.ja)
        if first and second and first != second:
            return f"{first} ({second})"
        return first or second or ""


class Reference(FrozenModel):
    """One citable text.

    Attributes:
        key: The stable key that sources cite.
        kind: ``official``, ``copy`` (a public page that reproduces or quotes
            the official text) or ``commentary``.
        title: The document's title; for a copy, what the page is, in aigov's words.
        issuer: Who issued the document, or the site that shows the copy.
        date: When it was issued (a year or year-month where the day is unknown).
        url: The full address: the official page, or the copy itself.
        identifier: A document number, DOI or CELEX number.
        part_of: Key of the document this one is part of.
        reproduces: For a copy or commentary, key of the document it shows.
        locator: Where in ``part_of`` the document stands.
        shows: What aigov saw there, in its own words.
        note: What about this citation is not confirmed.
    """

    key: Key
    kind: Literal["official", "copy", "commentary"]
    title: Names
    issuer: Names | None = None
    date: dt.date | PartialDate | None = None
    url: _Url | None = None
    identifier: Short | None = None
    part_of: Key | None = None
    reproduces: Key | None = None
    locator: Short | None = None
    shows: Text | None = None
    note: Text | None = None

    def citation(self, lang: str = "en", *, issuer: bool = True) -> str:
        """The reference as one line: issuer, title, where it stands, date, number."""
        parts = []
        if issuer and self.issuer is not None:
            parts.append(self.issuer.text(lang))
        parts.append(self.title.text(lang))
        if self.locator:
            parts.append(self.locator)
        if self.date is not None:
            parts.append(str(self.date))
        if self.identifier:
            parts.append(self.identifier)
        return ". ".join(parts)


class BibliographyDocument(DocumentModel):
    """The bibliography file (``"kind": "bibliography"``)."""

    kind: Literal["bibliography"]
    format_version: Literal["1"] = "1"
    version: Short
    references: tuple[Reference, ...]

    @model_validator(mode="after")
    def _check_keys(self) -> BibliographyDocument:
        keys = [ref.key for ref in self.references]
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise ValueError(f"reference key {key!r} is given twice")
            seen.add(key)
        for ref in self.references:
            for field in ("part_of", "reproduces"):
                target = getattr(ref, field)
                if target is not None and target not in seen:
                    raise ValueError(f"{ref.key}.{field} names unknown reference {target!r}")
        return self


class Bibliography(Mapping[str, Reference]):
    """The references by key, in the file's order; read-only."""

    def __init__(self, document: BibliographyDocument) -> None:
        self.document = document
        self._by_key = {ref.key: ref for ref in document.references}

    def __getitem__(self, key: str) -> Reference:
        try:
            return self._by_key[key]
        except KeyError:
            raise UnknownIdError(
                "reference", key, suggestions=suggest(key, self._by_key), choices=self._by_key
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_key)

    def __len__(self) -> int:
        return len(self._by_key)

    def chain(self, key: str) -> list[Reference]:
        """The reference and the documents it is part of, innermost first."""
        out = [self[key]]
        while out[-1].part_of is not None and len(out) < 8:
            out.append(self[out[-1].part_of])
        return out

    def unresolved(self, source: Source) -> list[str]:
        """The keys of ``source`` (document and evidence) that name no reference."""
        keys = [source.document, *source.evidence]
        return [key for key in keys if key not in self._by_key]


@functools.cache
def builtin_bibliography() -> Bibliography:
    """The packaged bibliography, loaded on first call and cached for the process."""
    data = files("aigov.data").joinpath("bibliography.json").read_bytes()
    return Bibliography(BibliographyDocument.model_validate_json(data))


def citation_lines(
    source: Source, bibliography: Bibliography | None = None, lang: str = "en"
) -> list[str]:
    """A source as lines a reader can follow: the document, then where it was seen.

    Keys that the bibliography does not know are printed as they are, marked
    ``(not in the bibliography)``, so that a user pack's own keys still show.
    """
    bib = builtin_bibliography() if bibliography is None else bibliography
    lines = []
    if source.document in bib:
        chain = bib.chain(source.document)
        text = chain[0].citation(lang)
        for parent in chain[1:]:
            text += f"; in {parent.citation(lang, issuer=parent.issuer != chain[0].issuer)}"
        url = next((ref.url for ref in chain if ref.url), None)
        lines.append(f"cited: {text}" + (f" <{url}>" if url else ""))
    else:
        lines.append(f"cited: {source.document} (not in the bibliography)")
    for key in source.evidence:
        if key in bib:
            ref = bib[key]
            where = f" <{ref.url}>" if ref.url else ""
            lines.append(f"seen in [{key}]: {ref.citation(lang)}{where}")
        else:
            lines.append(f"seen in [{key}] (not in the bibliography)")
    return lines
