"""Find the quotations, paragraphs and sentences of an article.

Quotations may use curly or straight double quotes, or curly single quotes, and may run over
line breaks inside a paragraph. Sentences are split on a copy of the paragraph in which quoted
words are blanked out, so a full stop inside a quotation never ends the sentence around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from briefwright.fidelity.normalize import paragraph_starts

_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]|[^\W\d_]|\d)")
_DOUBLE_MARKS = re.compile('[“”"]')
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘")
_SINGLE_CLOSE = re.compile(r"’(?![^\W\d_])")


@dataclass(frozen=True)
class Quotation:
    """The words between a pair of quotation marks: `start`/`end` span the inside only."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's span in the article and the same text with its quotations blanked out."""

    start: int
    end: int
    masked: str


def quotations(text: str) -> list[Quotation]:
    """Every quotation in `text`, in order. A quotation never spans paragraphs."""
    found: list[Quotation] = []
    starts = paragraph_starts(text)
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        found.extend(_in_paragraph(text, start, end))
    return found


def paragraphs(text: str) -> Paragraphs:
    """The paragraphs of `text`, each with a masked copy for sentence and name finding."""
    return Paragraphs(text)


class Paragraphs(Sequence[Paragraph]):
    """The paragraphs of a text, each masked only when first asked for."""

    def __init__(self, text: str, starts: list[int] | None = None):
        self._text = text
        self._starts = starts if starts is not None else paragraph_starts(text)
        self._made: dict[int, Paragraph] = {}

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, item: int) -> Paragraph: ...

    @overload
    def __getitem__(self, item: slice) -> list[Paragraph]: ...

    def __getitem__(self, item: int | slice) -> Paragraph | list[Paragraph]:
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        if item < 0:
            item += len(self._starts)
        if not 0 <= item < len(self._starts):
            raise IndexError(item)
        made = self._made.get(item)
        if made is None:
            start = self._starts[item]
            end = self._starts[item + 1] if item + 1 < len(self._starts) else len(self._text)
            piece = self._text[start:end]
            made = Paragraph(start, end, mask(piece, _in_paragraph(piece, 0, len(piece))))
            self._made[item] = made
        return made

    def index_of(self, offset: int) -> int:
        """The number of the paragraph holding character `offset`."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)


def mask(text: str, quoted: list[Quotation]) -> str:
    """`text` with quoted words replaced by spaces; a closing full stop is kept."""
    chars = list(text)
    for quote in quoted:
        inner = text[quote.start : quote.end]
        keep = len(inner.rstrip()) - 1 if inner.rstrip()[-1:] in ".!?" else None
        for index in range(quote.start, quote.end):
            if index - quote.start != keep:
                chars[index] = " "
    return "".join(chars)


def sentences(masked: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a masked paragraph."""
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(masked)] + [len(masked)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if masked[a:b].strip()]


def _in_paragraph(text: str, start: int, end: int) -> list[Quotation]:
    found = _double(text, start, end)
    for quote in _single(text, start, end):
        if not any(q.start <= quote.start < q.end for q in found):
            found.append(quote)
    return sorted(found, key=lambda q: q.start)


def _double(text: str, start: int, end: int) -> list[Quotation]:
    """Curly pairs “...” and straight pairs "...", each closed before the paragraph ends."""
    found: list[Quotation] = []
    opened: tuple[int, str] | None = None
    for mark in _DOUBLE_MARKS.finditer(text, start, end):
        char, index = mark.group(), mark.start()
        if opened is None and char in '“"':
            opened = (index + 1, "”" if char == "“" else '"')
        elif opened is not None and char == opened[1]:
            found.append(Quotation(opened[0], index, text[opened[0] : index]))
            opened = None
    return found


def _single(text: str, start: int, end: int) -> list[Quotation]:
    """Curly single quotes ‘...’, told apart from apostrophes by what surrounds them."""
    found: list[Quotation] = []
    position = start
    while (opening := _SINGLE_OPEN.search(text, position, end)) is not None:
        closing = _SINGLE_CLOSE.search(text, opening.end(), end)
        if closing is None:
            break
        found.append(
            Quotation(opening.end(), closing.start(), text[opening.end() : closing.start()])
        )
        position = closing.end()
    return found
