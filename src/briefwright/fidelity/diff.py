"""The passage of the source closest to a quote that is not in it, and a word-level diff.

The diff is read from the source's side: `[-word-]` is in the source but missing from the quote
(a dropped "no"), `{+word+}` is in the quote but not in the source (a changed or added word).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefwright.fidelity.index import TokenIndex
from briefwright.fidelity.normalize import Token

# Candidate windows kept after the cheap word-overlap pass, before the exact comparison.
_CANDIDATES = 8
_SLACK = 6
# Votes are pooled per this many tokens (well inside the slack a window is widened by).
_BIN = 4
# A word found more often than this says little about where the quote is.
_COMMON = 2000
# At most this many unmatched quote words at either end are set against the source's neighbours;
# a longer tail most likely comes from elsewhere (two quotes joined).
_WIDEN = 3
# Matches of this many words or fewer at an end, apart from the rest, are chance.
_STRAY = 2
# Equal stretches longer than twice this are shortened in the text form of a diff.
CONTEXT_WORDS = 6


@dataclass(frozen=True)
class DiffOp:
    """One stretch of the diff: "equal", "delete" (source only), "insert" (quote only) or
    "replace"; `source` and `quote` hold the words as written on each side."""

    op: str
    source: str
    quote: str


@dataclass(frozen=True)
class Passage:
    """Source tokens [first, last] closest to the quote, and how similar they are (0..1)."""

    first: int
    last: int
    similarity: float


def closest_passage(quote: list[Token], source: TokenIndex | Sequence[Token]) -> Passage | None:
    """The stretch of `source` most like `quote`, or None if they share no word at all."""
    if not quote or not source:
        return None
    index = source if isinstance(source, TokenIndex) else TokenIndex.from_tokens(source)
    candidates = _overlap_candidates(quote, index)
    best: Passage | None = None
    for start in candidates:
        passage = _refine(quote, index, start)
        if passage and (best is None or passage.similarity > best.similarity):
            best = passage
    return best


def word_diff(
    quote: list[Token], quote_text: str, passage: list[Token], source_text: str
) -> list[DiffOp]:
    """The word-level differences between a passage of the source and the quote."""
    matcher = difflib.SequenceMatcher(None, _keys(passage), _keys(quote), autojunk=False)
    ops = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        ops.append(DiffOp(op, _span(source_text, passage[a1:a2]), _span(quote_text, quote[b1:b2])))
    return ops


def diff_text(ops: list[DiffOp], context: int = CONTEXT_WORDS) -> str:
    """wdiff-style one-line form: `a very direct answer, [-no.-] {+yes.+} Our obligations`."""
    text = ""
    for index, op in enumerate(ops):
        if op.op == "equal":
            part = _shorten(op.source, context, first=index == 0, last=index == len(ops) - 1)
        else:
            deleted = f"[-{op.source}-]" if op.source else ""
            part = " ".join(p for p in (deleted, f"{{+{op.quote}+}}" if op.quote else "") if p)
        # Punctuation sticks to the word before it, as in the source.
        glue = "" if not text or part[:1] in ",.;:!?)”’" else " "
        text += glue + part
    return text


def _shorten(text: str, context: int, first: bool, last: bool) -> str:
    words = text.split()
    if first and len(words) > context:
        return "… " + " ".join(words[-context:])
    if last and len(words) > context:
        return " ".join(words[:context]) + " …"
    if len(words) > 2 * context:
        return " ".join(words[:context]) + " … " + " ".join(words[-context:])
    return text


def _keys(tokens: list[Token]) -> list[str]:
    # The first word's capital does not count, as in matching.
    return [t.key[:1].lower() + t.key[1:] if i == 0 else t.key for i, t in enumerate(tokens)]


def _span(text: str, tokens: list[Token]) -> str:
    return text[tokens[0].start : tokens[-1].end] if tokens else ""


def _overlap_candidates(quote: list[Token], index: TokenIndex) -> list[int]:
    """Window starts sharing the most words with the quote, by votes from the index.

    Each occurrence of a quote word in the source votes for the window that would put it at
    its place in the quote; votes are pooled in bins of a few tokens. Words too common to tell
    windows apart are left out, unless the quote has nothing else.
    """
    wanted: dict[str, list[int]] = {}
    for place, token in enumerate(quote):
        wanted.setdefault(token.key.lower(), []).append(place)
    postings = [
        (index.positions(index.lower_variants(key)), places) for key, places in wanted.items()
    ]
    postings = [p for p in postings if p[0]]
    rare = [p for p in postings if len(p[0]) <= _COMMON] or sorted(
        postings, key=lambda p: len(p[0])
    )[:1]
    votes: Counter[int] = Counter()
    for positions, places in rare:
        for position in positions[: _COMMON * 4]:
            for place in places:
                votes[max(0, position - place) // _BIN] += 1
    best = sorted(votes.items(), key=lambda v: (-v[1], v[0]))[:_CANDIDATES]
    return [number * _BIN for number, _ in best]


def _drop_strays(blocks: list) -> list:
    """Drop up to two words matched at either end apart from the rest ("the", "of" found by
    chance in the next sentence), so the passage is the part that really matches."""
    blocks = _drop_tail(blocks)
    return _drop_tail(blocks[::-1], reverse=True)[::-1]


def _drop_tail(blocks: list, reverse: bool = False) -> list:
    for count in range(1, len(blocks)):
        tail = blocks[-count:]
        if sum(b.size for b in tail) > _STRAY:
            break
        before = blocks[-count - 1]
        gap = before.b - tail[0].b - tail[0].size if reverse else tail[0].b - before.b - before.size
        if gap >= 2:
            return blocks[:-count]
    return blocks


def _widen(window: Sequence[Token], index: int, by: int) -> int:
    """Move `index` outwards by up to |by| tokens (negative: leftwards), within its paragraph."""
    step = 1 if by > 0 else -1
    for _ in range(min(abs(by), _WIDEN)):
        nxt = index + step
        if not 0 <= nxt < len(window) or window[nxt].paragraph != window[index].paragraph:
            break
        index = nxt
    return index


def _refine(quote: list[Token], source: Sequence[Token], start: int) -> Passage | None:
    """Compare a window around `start` exactly and trim it to the words that match."""
    slack = _SLACK + len(quote) // 3
    lo = max(0, start - slack)
    window = source[lo : start + len(quote) + slack]
    # Case is ignored here: this only finds where to look; the diff shows any difference.
    keys = [t.key.lower() for t in quote], [t.key.lower() for t in window]
    matcher = difflib.SequenceMatcher(None, *keys, autojunk=False)
    blocks = _drop_strays([b for b in matcher.get_matching_blocks() if b.size])
    if not blocks:
        return None
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size - 1
    similarity = 2 * sum(b.size for b in blocks) / (len(quote) + last - first + 1)
    # Unmatched words at the quote's ends most likely replace the source's neighbouring words.
    first = _widen(window, first, -blocks[0].a)
    last = _widen(window, last, len(quote) - blocks[-1].a - blocks[-1].size)
    return Passage(lo + first, lo + last, similarity)
