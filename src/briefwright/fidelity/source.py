"""The article a summary names in source.text, read once and indexed for every check."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from briefwright.errors import Location
from briefwright.fidelity import names
from briefwright.fidelity.datefind import DateIndex
from briefwright.fidelity.findings import Finding
from briefwright.fidelity.normalize import line_of, paragraph_starts, tokenize, words
from briefwright.fidelity.scan import Paragraph, Quotation, paragraphs, quotations

if TYPE_CHECKING:
    from briefwright.summary import LoadedSummary

# An article is a few pages; anything far bigger is the wrong file.
MAX_SOURCE_BYTES = 5_000_000
_NO_SOURCE = "source.text is not set: there is no article to check the quotes against"


class SourceText:
    """An article read once and indexed for every check: tokens, quotations, people, dates."""

    def __init__(self, text: str, path: str | None = None):
        self.text = text.replace("\r\n", "\n").lstrip("\ufeff")
        self.path = path
        self.tokens = words(tokenize(self.text, paragraph_starts(self.text)))

    @cached_property
    def quotations(self) -> list[Quotation]:
        """Every quotation of the article, in order."""
        return quotations(self.text)

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs, with quotations blanked out for sentence and name finding."""
        return paragraphs(self.text)

    @cached_property
    def people(self) -> names.People:
        """Everyone the article names with a title, by full name and by surname."""
        return names.people(self.text)

    @cached_property
    def words(self) -> list[str]:
        """Every word, lower-cased, for asking whether a name is mentioned."""
        return names.word_list(self.text)

    @cached_property
    def dates(self) -> DateIndex:
        """The dates the article mentions."""
        return DateIndex(self.text)

    def location(self, offset: int) -> Location:
        """The article's file and line of a character offset."""
        return Location(self.path, line_of(self.text, offset))


def read_source(loaded: LoadedSummary) -> tuple[SourceText | None, Finding | None]:
    """The article named by a LoadedSummary's source.text, or a Finding saying why not."""
    text_path = loaded.summary.source.text
    where = loaded.locate(("source", "text") if text_path else ("source",))
    if not text_path:
        return None, Finding("error", "no-source-text", _NO_SOURCE, where)
    base = Path(loaded.path).parent if loaded.path else Path.cwd()
    path = base / text_path
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            message = f"source text {text_path} is larger than {MAX_SOURCE_BYTES:,} bytes"
            return None, Finding("error", "source-unreadable", message, where)
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as error:  # ValueError: a NUL in the path
        reason = getattr(error, "strerror", None) or str(error)
        return None, Finding(
            "error", "source-unreadable", f"cannot read {text_path}: {reason}", where
        )
    # normpath only for display: "samples/../seeds/a.txt" reads as "seeds/a.txt".
    return SourceText(text, os.path.normpath(path)), None
