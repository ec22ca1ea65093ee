"""Find a quote in a source text, allowing only the editorial marks a careful editor uses.

A quote is split at its editorial marks into pieces of tokens. An ellipsis (`...`, `…`, `[...]`)
stands for at least one omitted token; a `[bracketed insertion]` stands in for up to a few source
tokens (or none). Every piece must appear in order, in one paragraph, close together. Leading and
trailing punctuation of each piece, and the case of its first letter, do not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefwright.fidelity.normalize import Token, same_first, tokenize, words

# An ellipsis may hide a clause or two, not half the article.
MAX_ELLIPSIS_GAP = 60
# "[by Armenia]" replaces a pronoun or a short phrase at most.
MAX_BRACKET_GAP = 8
# More omissions than this in one quote is not a quote any more, and would be slow to check.
MAX_PIECES = 20
# Piece comparisons allowed per quote: far above any real quote, far below a hang.
MAX_STEPS = 100_000


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


def find_quote(pieces: list[Piece], source: list[Token]) -> list[Match]:
    """Every place in `source` (meaningful tokens only) where all pieces appear in order.

    The search runs forward over the positions where each piece can end (keeping, for each,
    the latest start that reaches it), so its cost is bounded by pieces x tokens x gap; a
    quote that would need more than MAX_STEPS comparisons raises QuoteTooComplex.
    """
    if not pieces:
        return []
    budget = [MAX_STEPS]
    first = pieces[0].tokens[0].key.lower()
    # end position after the current piece -> the start of the quote that got there
    reached: dict[int, int] = {}
    for start, token in enumerate(source):
        if token.key.lower() == first:  # a cheap test before the full comparison
            end = _piece_at(pieces[0], source, start, budget)
            if end is not None:
                reached[end] = start
    for piece in pieces[1:]:
        reached = _advance(piece, source, reached, budget)
    return [Match(start, end - 1) for end, start in sorted(reached.items())]


def _advance(piece: Piece, source: list[Token], reached: dict[int, int], budget: list[int]):
    """Where `piece` can end, given where the pieces before it ended."""
    low, high = piece.gap
    following: dict[int, int] = {}
    for after, start in sorted(reached.items()):
        para = source[start].paragraph
        for at in range(after + low, min(after + high, len(source) - 1) + 1):
            if source[at].paragraph != para:
                break
            end = _piece_at(piece, source, at, budget)
            if end is not None:
                following[end] = max(start, following.get(end, start))
    return following


def quote_words(prepared: str) -> list[Token]:
    """Every token of a prepared quote, its editorial marks included, for finding the closest
    passage and showing a diff: an insertion like "[by Armenia]" then lines up with the source."""
    return _trim(words(tokenize(prepared)))


def _piece_at(piece: Piece, source: list[Token], start: int, budget: list[int]) -> int | None:
    """The end index if `piece` matches `source` at `start`, else None."""
    budget[0] -= 1
    if budget[0] < 0:
        raise QuoteTooComplex("quote is too repetitive to check in reasonable time")
    tokens = piece.tokens
    if start + len(tokens) > len(source):
        return None
    window = source[start : start + len(tokens)]
    if window[-1].paragraph != window[0].paragraph:
        return None
    if not same_first(tokens[0].key, window[0].key):
        return None
    if any(a.key != b.key for a, b in zip(tokens[1:], window[1:], strict=True)):
        return None
    return start + len(tokens)


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
