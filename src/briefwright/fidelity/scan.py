"""Find the quotations, paragraphs and sentences of an article.

Quotations may use the double marks and guillemets of many languages (see quotemarks) or
curly single quotes, may run over line breaks inside a paragraph, and a double-quoted one may
run on over paragraphs. Sentences are split on a copy of the paragraph in which quoted
words are blanked out, so a full stop inside a quotation never ends the sentence around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from briefwright.fidelity.normalize import paragraph_starts
from briefwright.fidelity.quotemarks import Quotation, paired

__all__ = ["Paragraph", "Paragraphs", "Quotation", "mask", "paragraphs", "quotations", "sentences"]

_SENTENCE_END = re.compile(r"[.!?։。][\"“”’»«›‹」』)\]]*\s+(?=[\"“‘„«»‹›「『(\[]|[^\W\d_]|\d)")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘")
_SINGLE_CLOSE = re.compile(r"’(?![^\W\d_])")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's span in the article and the same text with its quotations blanked out."""

    start: int
    end: int
    masked: str


def quotations(text: str) -> list[Quotation]:
    """Every quotation in `text`, in order; parts of one quotation share a group number."""
    starts = paragraph_starts(text)
    spans = list(zip(starts, [*starts[1:], len(text)], strict=True))
    return _merged(text, paired(text, spans), spans)


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
    return _merged(text, paired(text, [(start, end)]), [(start, end)])


def _merged(text: str, double: list[Quotation], spans: list[tuple[int, int]]) -> list[Quotation]:
    """The double-quoted quotations with the single-quoted ones that lie outside them, each
    single one a group of its own."""
    starts = [q.start for q in double]
    group = (double[-1].group + 1) if double else 0
    found = list(double)
    for start, end in spans:
        for quote in _single(text, start, end):
            before = bisect.bisect_right(starts, quote.start) - 1
            if before >= 0 and double[before].start <= quote.start < double[before].end:
                continue
            found.append(Quotation(quote.start, quote.end, quote.text, group))
            group += 1
    return sorted(found, key=lambda q: q.start)


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
