"""What every reader yields: the article's main text, its metadata, and a map back to the file."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself; any field may be unknown (None)."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None


@dataclass(frozen=True)
class Place:
    """Where a character of the article text came from in the original file: a line of the
    file itself (text, Markdown, HTML) and/or words for other layouts ("page 2, line 12")."""

    line: int | None = None
    label: str | None = None


class Places:
    """Offsets of the article text mapped to places in the original: each segment starting at
    an offset belongs to one place until the next segment starts."""

    def __init__(self, starts: list[int], places: list[Place]):
        self._starts = starts
        self._places = places

    def at(self, offset: int) -> Place:
        """The place of the character at `offset`."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._places[max(index, 0)] if self._places else Place()


class LinePlaces(Places):
    """Places of a text read as it is: the line number of each offset, counted once."""

    def __init__(self, text: str, first_line: int = 1):
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._first = first_line
        super().__init__(starts, [])

    def at(self, offset: int) -> Place:
        """The place of the character at `offset`: its line."""
        return Place(bisect.bisect_right(self._starts, offset) - 1 + self._first)


@dataclass(frozen=True)
class Article:
    """An article's main text (paragraphs separated by blank lines, or one per line as in a
    plain text file), what kind of file it came from, its metadata and where each part was."""

    text: str
    kind: str
    places: Places
    metadata: Metadata = field(default_factory=Metadata)


class ArticleBuilder:
    """Collects paragraphs with their places, one blank line between paragraphs."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._starts: list[int] = []
        self._places: list[Place] = []

    def paragraph(self, pieces: list[tuple[str, Place]]) -> None:
        """Add a paragraph made of pieces (lines or runs), each with its own place."""
        pieces = [(text, place) for text, place in pieces if text]
        if not pieces:
            return
        if self._parts:
            self._add("\n\n")
        for text, place in pieces:
            self._starts.append(self._length)
            self._places.append(place)
            self._add(text)

    def text_length(self) -> int:
        """Characters collected so far."""
        return self._length

    def build(self, kind: str, metadata: Metadata) -> Article:
        """The Article collected."""
        return Article("".join(self._parts), kind, Places(self._starts, self._places), metadata)

    def _add(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)
