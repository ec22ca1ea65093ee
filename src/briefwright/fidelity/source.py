"""The article a summary names in source.text, read once and indexed for every check."""

from __future__ import annotations

import bisect
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from briefwright.errors import Location
from briefwright.fidelity import names
from briefwright.fidelity.datefind import DateIndex
from briefwright.fidelity.findings import Finding
from briefwright.fidelity.index import TokenIndex
from briefwright.fidelity.joined import JoinedQuotations, join_broken
from briefwright.fidelity.normalize import paragraph_starts
from briefwright.fidelity.readers import MAX_ARTICLE_BYTES, MAX_TEXT_CHARS, read_article
from briefwright.fidelity.readers.document import LinePlaces, Places
from briefwright.fidelity.scan import Paragraphs, Quotation, quotations
from briefwright.safe_files import FileRefused, OutsideBase, confined

if TYPE_CHECKING:
    from briefwright.summary import LoadedSummary
    from briefwright.summary.model import Source

# An article is a few pages; anything far bigger is the wrong file.
MAX_SOURCE_BYTES = MAX_TEXT_CHARS
_NO_SOURCE = "source.text is not set: there is no article to check the quotes against"
_OUTSIDE_HINT = "; pass --allow-source-outside to read it anyway"

__all__ = ["MAX_ARTICLE_BYTES", "MAX_SOURCE_BYTES", "SourceText", "read_source"]


class SourceText:
    """An article read once and indexed for every check: tokens, quotations, people, dates.

    `places` maps offsets back to the original file (a PDF's pages, a web page's lines);
    without it, offsets are located by line of `text`.
    """

    def __init__(self, text: str, path: str | None = None, places: Places | None = None):
        self.text = text.replace("\r\n", "\n").lstrip("\ufeff")
        self.path = path
        self.places = places if places is not None else LinePlaces(self.text)
        self._starts = paragraph_starts(self.text)
        self.tokens = TokenIndex(self.text, self._starts)
        self._mentioned: dict[str, bool] = {}

    @cached_property
    def quotations(self) -> list[Quotation]:
        """Every quotation of the article, in order; parts of one quotation (over paragraphs,
        or broken by "he said") share a group."""
        return join_broken(self.text, quotations(self.text))

    @cached_property
    def joined(self) -> JoinedQuotations:
        """The quotations in parts, their words joined."""
        return JoinedQuotations(self.text, self.quotations)

    @cached_property
    def paragraphs(self) -> Paragraphs:
        """The paragraphs, with quotations blanked out for sentence and name finding."""
        return Paragraphs(self.text, self._starts)

    @cached_property
    def people(self) -> names.PeopleIndex:
        """Everyone the article names with a title, by full name and by surname."""
        return names.PeopleIndex(self.text)

    def mentions(self, name: str) -> bool:
        """True if the article names `name` anywhere (its last word, as `names.mentions`)."""
        if name not in self._mentioned:
            self._mentioned[name] = names.mentioned(name, self.text)
        return self._mentioned[name]

    def quotation_holding(self, start: int, end: int) -> Quotation | None:
        """The quotation whose inside holds text[start:end], or None (quotations are in order
        and never overlap, so only the last one starting at or before `start` can)."""
        index = bisect.bisect_right(self._quotation_starts, start) - 1
        if index >= 0 and end <= self.quotations[index].end:
            return self.quotations[index]
        return None

    def marks_inside(self, start: int, end: int) -> bool:
        """True if a quotation mark of the article falls inside text[start:end]."""
        opening = bisect.bisect_right(self._quotation_starts, start)
        if opening < len(self.quotations) and self.quotations[opening].start <= end:
            return True
        closing = bisect.bisect_left(self._quotation_ends, start)
        return closing < len(self.quotations) and self.quotations[closing].end < end

    @cached_property
    def _quotation_starts(self) -> list[int]:
        return [q.start for q in self.quotations]

    @cached_property
    def _quotation_ends(self) -> list[int]:
        return [q.end for q in self.quotations]

    @cached_property
    def dates(self) -> DateIndex:
        """The dates the article mentions."""
        return DateIndex(self.text)

    def location(self, offset: int) -> Location:
        """Where a character offset of the text is in the original file."""
        place = self.places.at(offset)
        return Location(self.path, place.line, None, place.label)

    def where(self, offset: int) -> str:
        """The location of an offset in words, without the file: "line 4", "page 2, line 7"."""
        place = self.places.at(offset)
        return place.label or f"line {place.line}"


def read_source(
    loaded: LoadedSummary,
    source: Source | None = None,
    field: tuple[str | int, ...] = ("source",),
    *,
    allow_outside: bool = False,
) -> tuple[SourceText | None, Finding | None]:
    """The article a source of a LoadedSummary names in `text` (the summary's `source` unless
    another is given, written at `field`), or a Finding saying why it cannot be read.

    The path must stay inside the summary's directory unless `allow_outside`.
    """
    source = source if source is not None else loaded.summary.source
    text_path = source.text
    where = loaded.locate((*field, "text") if text_path else field)
    if not text_path:
        return None, Finding("error", "no-source-text", _NO_SOURCE, where)
    base = Path(loaded.path).parent if loaded.path else Path.cwd()
    try:
        path = confined(text_path, base, allow_outside=allow_outside)
        article = read_article(path)
    except FileRefused as error:
        hint = _OUTSIDE_HINT if isinstance(error, OutsideBase) else ""
        message = f"cannot read source text {text_path}: {error.reason}{hint}"
        return None, Finding("error", "source-unreadable", message, where)
    # normpath only for display: "samples/../seeds/a.txt" reads as "seeds/a.txt".
    return SourceText(article.text, os.path.normpath(path), article.places), None
