"""Find a quote in a source text, allowing only the editorial marks a careful editor uses.

A quote is split at its editorial marks into pieces of tokens. An ellipsis (`...`, `…`, `[...]`)
stands for at least one omitted token; a `[bracketed insertion]` stands in for up to a few source
tokens (or none). Every piece must appear in order, in one paragraph, close together. Leading and
trailing punctuation of each piece, and the case of its first letter, do not count.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from briefwright.fidelity.index import TokenIndex
from briefwright.fidelity.normalize import Token, tokenize, words

# An ellipsis may hide a clause or two, not half the article.
MAX_ELLIPSIS_GAP = 60
# "[by Armenia]" replaces a pronoun or a short phrase at most.
MAX_BRACKET_GAP = 8
# More omissions than this in one quote is not a quote any more, and would be slow to check.
MAX_PIECES = 20
# Token comparisons allowed per quote: far above any real quote, far below a hang.
MAX_STEPS = 1_000_000


class QuoteTooComplex(ValueError):
    """A quote whose pieces could match in too many ways to search them all."""


# An ellipsis, bare or in brackets or parentheses: "...", ". . .", "…", "[...]", "(…)".
_ELLIPSIS = r"(?:\.\s*){2,}\.|\u2026"
_MARK = re.compile(
    rf"(?P<ellipsis>\[\s*(?:{_ELLIPSIS})\s*\]|\(\s*(?:{_ELLIPSIS})\s*\)|{_ELLIPSIS})"
    r"|(?P<bracket>\[[^\]]*\])"
)

# "[T]he": the editor changed the case of one letter, and no word was inserted.
_CAPITAL = re.compile(r"\[(\w)\](?=\w)")


@dataclass(frozen=True)
class Piece:
    """Tokens that must appear contiguously, and the gap allowed before them (min, max)."""

    tokens: tuple[Token, ...]
    gap: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Match:
    """Where a quote was found: the span of source tokens it covers (indexes into the list)."""

    first: int
    last: int


def prepare_quote(text: str) -> str:
    """The quote with a bracketed capital changed back into a letter: "[T]he" -> "  The".

    The length stays the same, so token spans still point into the quote as written.
    """
    return _CAPITAL.sub(lambda m: "  " + m.group(1), text)


def parse_quote(text: str) -> list[Piece]:
    """Split a prepared quote at its ellipses and bracketed insertions into pieces with gaps.

    Punctuation trimmed from a piece's ends widens the gaps beside it: the source may have it.
    """
    pieces: list[Piece] = []
    gap = (0, 0)
    position = 0
    for mark in [*_MARK.finditer(text), None]:
        end = mark.start() if mark else len(text)
        found = words(_offset(tokenize(text[position:end]), position))
        tokens = _trim(found)
        if tokens:
            lead = found.index(tokens[0])
            pieces.append(Piece(tuple(tokens), _add(gap, (0, lead)) if pieces else (0, 0)))
            gap = (0, len(found) - lead - len(tokens))
        else:
            gap = _add(gap, (0, len(found)))
        if mark:
            gap = _add(gap, _gap(mark))
            position = mark.end()
    return pieces


def _gap(mark: re.Match[str]) -> tuple[int, int]:
    """How many source tokens an editorial mark may stand for."""
    if mark.lastgroup == "ellipsis":
        return (1, MAX_ELLIPSIS_GAP)
    # Room for the insertion's own tokens too: the source may carry the same brackets.
    return (0, max(MAX_BRACKET_GAP, len(words(tokenize(mark.group())))))


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return (a[0] + b[0], a[1] + b[1])


def find_quote(pieces: list[Piece], source: TokenIndex | Sequence[Token]) -> list[Match]:
    """Every place in `source` (meaningful tokens only) where all pieces appear in order.

    The first piece is looked up in the coded index, each later one only within its gap after
    where the one before ended (keeping, for each end, the latest start that reaches it). Every
    occurrence examined costs its length from a budget of MAX_STEPS token comparisons; a quote
    that would need more raises QuoteTooComplex.
    """
    if not pieces:
        return []
    index = source if isinstance(source, TokenIndex) else TokenIndex.from_tokens(source)
    budget = [MAX_STEPS]
    # end position after the current piece -> the start of the quote that got there
    reached = {
        start + len(pieces[0].tokens): start
        for start in _occurrences(index, pieces[0], 0, len(index), budget)
    }
    for piece in pieces[1:]:
        reached = _advance(piece, index, reached, budget)
    return [Match(start, end - 1) for end, start in sorted(reached.items())]


def _advance(
    piece: Piece, index: TokenIndex, reached: dict[int, int], budget: list[int]
) -> dict[int, int]:
    """Where `piece` can end, given where the pieces before it ended."""
    low, high = piece.gap
    following: dict[int, int] = {}
    for after, start in sorted(reached.items()):
        para = index.paragraph_of(start)
        for at in _occurrences(index, piece, after + low, after + high + 1, budget):
            if index.paragraph_of(at) != para:
                continue
            end = at + len(piece.tokens)
            following[end] = max(start, following.get(end, start))
    return following


def _occurrences(
    index: TokenIndex, piece: Piece, low: int, high: int, budget: list[int]
) -> Iterator[int]:
    """Starts in [low, high) where `piece` matches within one paragraph: its first word may
    differ in the case of its first letter, the rest must be equal."""
    firsts = index.first_variants(piece.tokens[0].key)
    rest = index.encode([t.key for t in piece.tokens[1:]])
    if not firsts or rest is None:
        return
    size = len(piece.tokens)
    seq = index.seq
    if not rest:
        candidates: Iterator[int] = (m.start() for m in _one_of(firsts).finditer(seq, low, high))
    else:
        candidates = _runs(seq, rest, low + 1, high + len(rest))
    for start in candidates:
        budget[0] -= size
        if budget[0] < 0:
            raise QuoteTooComplex("quote is too repetitive to check in reasonable time")
        if seq[start] in firsts and index.paragraph_of(start) == index.paragraph_of(
            start + size - 1
        ):
            yield start


def _runs(seq: str, run: str, low: int, high: int) -> Iterator[int]:
    """Positions just before each occurrence of `run` starting in seq[low:high)."""
    position = seq.find(run, low, high)
    while position >= 0:
        yield position - 1
        position = seq.find(run, position + 1, high)


@functools.lru_cache(maxsize=1024)
def _one_of(codes: str) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in codes) + "]")


def quote_words(prepared: str) -> list[Token]:
    """Every token of a prepared quote, its editorial marks included, for finding the closest
    passage and showing a diff: an insertion like "[by Armenia]" then lines up with the source."""
    return _trim(words(tokenize(prepared)))


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation at both ends: an editor may cut a quote before or after a comma."""
    start, end = 0, len(tokens)
    while start < end and tokens[start].kind != "word":
        start += 1
    while end > start and tokens[end - 1].kind != "word":
        end -= 1
    return tokens[start:end]


def _offset(tokens: list[Token], by: int) -> list[Token]:
    return [Token(t.key, t.kind, t.start + by, t.end + by, t.paragraph) for t in tokens]
