"""Turn text into comparable word and punctuation tokens that remember where they came from.

Quotes are compared token by token after folding away what does not change meaning: curly vs
straight quotes and apostrophes, dash variants, non-breaking and other spaces, soft hyphens and
zero-width characters, and `…` vs `...`. Each token keeps its character span in the original
text, so a mismatch can be shown with the article's own characters and line number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

APOSTROPHES = "'\u2018\u2019\u201a\u201b\u2032\u02bc"
DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a'
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Characters that are invisible in print; an article copied from the web is full of them.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

_FOLD = {
    **{c: "'" for c in APOSTROPHES},
    **{c: '"' for c in DOUBLE_QUOTES},
    **{c: "-" for c in DASHES},
    "\u2026": "...",
}

_TOKEN = re.compile(
    r"(?P<word>(?:[^\W_]|[\u0300-\u036f])+(?:'(?:[^\W_]|[\u0300-\u036f])+)*)"
    r"|(?P<ellipsis>\.{3,})"
    r"|(?P<dash>-+)"
    r"|(?P<punct>\S)"
)


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark: its comparison key and its span in the original text."""

    key: str
    kind: str  # "word", "punct", "dash", "ellipsis" or "quote"
    start: int
    end: int
    paragraph: int = 0


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _INVISIBLE or is_control(char):
            continue
        if char.isspace():
            char = " "
        replacement = _FOLD.get(char, char)
        out.append(replacement)
        origin.extend([index] * len(replacement))
    return "".join(out), origin


def is_control(char: str) -> bool:
    """A control character other than whitespace: never part of what an article says."""
    return unicodedata.category(char) == "Cc" and not char.isspace()


def tokenize(text: str, paragraphs: list[int] | None = None) -> list[Token]:
    """Every token of `text`, quotation marks included (kind "quote") so callers can skip them.

    `paragraphs` holds the start offset of each paragraph; tokens are numbered accordingly.
    """
    folded, origin = fold(text)
    starts = paragraphs or [0]
    tokens: list[Token] = []
    para = 0
    for match in _TOKEN.finditer(folded):
        start = origin[match.start()]
        end = origin[match.end() - 1] + 1
        while para + 1 < len(starts) and starts[para + 1] <= start:
            para += 1
        kind = match.lastgroup or "punct"
        key = unicodedata.normalize("NFC", match.group())
        if kind == "punct" and key in "\"'":
            kind = "quote"
        elif kind == "dash":
            key = "-"
        elif kind == "ellipsis":
            key = "..."
        tokens.append(Token(key, kind, start, end, para))
    return tokens


def words(tokens: list[Token]) -> list[Token]:
    """The tokens that carry meaning when comparing quotes: quotation marks are dropped."""
    return [t for t in tokens if t.kind != "quote"]


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of the paragraphs: blank-line separated if the text has blank lines,
    otherwise one paragraph per line (articles pasted from the web)."""
    separator = (
        re.compile(r"\n[ \t]*\n\s*") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n")
    )
    return [0] + [m.end() for m in separator.finditer(text) if m.end() < len(text)]


def line_of(text: str, offset: int) -> int:
    """The 1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def same_first(a: str, b: str) -> bool:
    """Equal except for the case of the first letter."""
    return a[:1].lower() + a[1:] == b[:1].lower() + b[1:]
