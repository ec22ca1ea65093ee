"""An article's meaningful tokens, indexed once so that every quote is found in near-linear time.

Each distinct token key gets a code point, and the article becomes a string of them with one
character per token: a run of quote words is then found by `str.find`, which runs in C. Token
objects (key, kind, character span, paragraph) are made only for the paragraphs a caller looks
at, so a 5 MB article costs one regex pass and one join, not a million Python objects.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import overload

from briefwright.fidelity.normalize import TOKEN, Token, classify, paragraph_starts

# Code points for keys skip the surrogates, which a str may hold but re patterns handle badly.
_SURROGATES = range(0xD800, 0xE000)
MAX_KEYS = 0x110000 - len(_SURROGATES)


class IndexFull(ValueError):
    """More distinct words than there are code points to give them."""


class TokenIndex(Sequence[Token]):
    """The meaningful tokens of a text (quotation marks left out), as a sequence, with the
    coded string `seq` (one character per token) for fast searching."""

    def __init__(self, text: str, starts: list[int] | None = None):
        self.text = text
        self._para_chars = starts if starts is not None else paragraph_starts(text)
        self._codes: dict[str, str] = {}  # key -> its character
        self._keys: list[str] = []  # code number -> key
        self._raw: dict[str, str] = {}  # token as written -> its character ("" for quote marks)
        parts: list[str] = []
        self._para_tokens: list[int] = []  # index of each paragraph's first token
        count = 0
        ends = [*self._para_chars[1:], len(text)]
        for start, end in zip(self._para_chars, ends, strict=True):
            self._para_tokens.append(count)
            raws = TOKEN.findall(text, start, end)
            for raw in set(raws).difference(self._raw):
                self._raw[raw] = self._code_of(raw)
            part = "".join(map(self._raw.__getitem__, raws))
            parts.append(part)
            count += len(part)
        self.seq = "".join(parts)
        self._cache: dict[int, list[Token]] = {}

    @classmethod
    def from_tokens(cls, tokens: Sequence[Token]) -> TokenIndex:
        """An index over tokens already made (quotation marks are dropped)."""
        index = cls.__new__(cls)
        index.text = ""
        index._codes, index._keys, index._raw, index._cache = {}, [], {}, {}
        kept = [t for t in tokens if t.kind != "quote"]
        index.seq = "".join(index._code(t.key) for t in kept)
        firsts: dict[int, int] = {}
        for position, token in enumerate(kept):
            firsts.setdefault(token.paragraph, position)
        index._para_tokens = sorted(firsts.values()) or [0]
        index._para_chars = []
        grouped: dict[int, list[Token]] = {}
        for number, first in enumerate(index._para_tokens):
            last = index._para_tokens[number + 1] if number + 1 < len(firsts) else len(kept)
            grouped[number] = kept[first:last]
        index._cache = grouped
        return index

    def __len__(self) -> int:
        return len(self.seq)

    @overload
    def __getitem__(self, item: int) -> Token: ...

    @overload
    def __getitem__(self, item: slice) -> list[Token]: ...

    def __getitem__(self, item: int | slice) -> Token | list[Token]:
        if isinstance(item, slice):
            return [self._token(i) for i in range(*item.indices(len(self.seq)))]
        if item < 0:
            item += len(self.seq)
        if not 0 <= item < len(self.seq):
            raise IndexError(item)
        return self._token(item)

    def __iter__(self) -> Iterator[Token]:
        for number in range(len(self._para_tokens)):
            yield from self._paragraph(number)

    @property
    def tokenised(self) -> int:
        """How many paragraphs have been made into Token objects so far."""
        return len(self._cache)

    def paragraph_of(self, position: int) -> int:
        """The number of the paragraph token `position` is in."""
        return bisect.bisect_right(self._para_tokens, position) - 1

    def encode(self, keys: Sequence[str]) -> str | None:
        """The coded string of a run of keys, or None if one of them is not in the text."""
        codes = [self._codes.get(key) for key in keys]
        return None if None in codes else "".join(codes)  # type: ignore[arg-type]

    def first_variants(self, key: str) -> str:
        """The codes of every key equal to `key` except for the case of its first letter."""
        return self._variants.get(_fold_first(key), "")

    def lower_variants(self, key: str) -> str:
        """The codes of every key equal to `key` ignoring case."""
        return self._lowered.get(key.lower(), "")

    def positions(self, codes: str) -> list[int]:
        """Every position holding one of `codes`, in order (a scan of `seq` in C)."""
        if not codes:
            return []
        pattern = re.compile("[" + "".join(re.escape(c) for c in codes) + "]")
        return [match.start() for match in pattern.finditer(self.seq)]

    @cached_property
    def _variants(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, code in self._codes.items():
            out[_fold_first(key)] = out.get(_fold_first(key), "") + code
        return out

    @cached_property
    def _lowered(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, code in self._codes.items():
            out[key.lower()] = out.get(key.lower(), "") + code
        return out

    def _code_of(self, raw: str) -> str:
        key, kind = classify(raw)
        return "" if kind == "quote" else self._code(key)

    def _code(self, key: str) -> str:
        code = self._codes.get(key)
        if code is None:
            number = len(self._keys)
            if number >= MAX_KEYS:
                raise IndexFull(f"more than {MAX_KEYS:,} distinct words")
            code = chr(number + len(_SURROGATES) if number >= _SURROGATES.start else number)
            self._codes[key] = code
            self._keys.append(key)
        return code

    def _token(self, position: int) -> Token:
        number = self.paragraph_of(position)
        return self._paragraph(number)[position - self._para_tokens[number]]

    def _paragraph(self, number: int) -> list[Token]:
        tokens = self._cache.get(number)
        if tokens is None:
            start = self._para_chars[number]
            end = self._para_chars[number + 1] if number + 1 < len(self._para_chars) else None
            tokens = []
            for match in TOKEN.finditer(self.text, start, len(self.text) if end is None else end):
                key, kind = classify(match.group())
                if kind != "quote":
                    tokens.append(Token(key, kind, match.start(), match.end(), number))
            self._cache[number] = tokens
        return tokens


def _fold_first(key: str) -> str:
    return key[:1].lower() + key[1:]
