"""Turn text into comparable word and punctuation tokens that remember where they came from.

Quotes are compared token by token after folding away what does not change meaning: curly vs
straight quotes and apostrophes, dash variants, non-breaking and other spaces, soft hyphens and
zero-width characters, and `…` vs `...`. Each token keeps its character span in the original
text, so a mismatch can be shown with the article's own characters and line number.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

APOSTROPHES = "'\u2018\u2019\u201a\u201b\u2032\u02bc"
DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a'
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Characters that are invisible in print; an article copied from the web is full of them.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_CONTROLS = "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"

_FOLD = str.maketrans(
    {
        **{c: "'" for c in APOSTROPHES},
        **{c: '"' for c in DOUBLE_QUOTES},
        **{c: "-" for c in DASHES},
        **{c: None for c in _INVISIBLE},
        "\u2026": "...",
    }
)

# The tokens are found in the text as written, so offsets need no mapping: a word may hold
# apostrophes of any kind, combining accents and invisible characters (a soft hyphen from the
# web) between its letters; everything else that is not a space or a control character is one
# mark. (The pattern is written for speed: a million words take a fifth of a second.)
_MARKS = "\u0300-\u036f"
TOKEN = re.compile(
    rf"[^\W_]+(?:[{APOSTROPHES}{_INVISIBLE}{_MARKS}]+[^\W_]+)*[{_MARKS}]*"
    r"|(?:\.{3,}|\u2026)[.\u2026]*"
    rf"|[{DASHES}]+"
    rf"|[^\s{_INVISIBLE}{_CONTROLS}]"
)


class Token(NamedTuple):
    """One word or punctuation mark: its comparison key and its span in the original text."""

    key: str
    kind: str  # "word", "punct", "dash", "ellipsis" or "quote"
    start: int
    end: int
    paragraph: int = 0


@functools.lru_cache(maxsize=65536)
def classify(raw: str) -> tuple[str, str]:
    """(key, kind) of a token as written: typography folded away, Unicode composed."""
    key = unicodedata.normalize("NFC", raw.translate(_FOLD))
    if raw[0].isalnum():
        return key, "word"
    if key.startswith("..."):
        return "...", "ellipsis"
    if key.startswith("-"):
        return "-", "dash"
    if key in "\"'":
        return key, "quote"
    return key, "punct"


def is_control(char: str) -> bool:
    """A control character other than whitespace: never part of what an article says."""
    return unicodedata.category(char) == "Cc" and not char.isspace()


def tokenize(text: str, paragraphs: list[int] | None = None) -> list[Token]:
    """Every token of `text`, quotation marks included (kind "quote") so callers can skip them.

    `paragraphs` holds the start offset of each paragraph; tokens are numbered accordingly.
    """
    starts = paragraphs or [0]
    tokens: list[Token] = []
    para = 0
    for match in TOKEN.finditer(text):
        start = match.start()
        while para + 1 < len(starts) and starts[para + 1] <= start:
            para += 1
        key, kind = classify(match.group())
        tokens.append(Token(key, kind, start, match.end(), para))
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
