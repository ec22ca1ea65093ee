"""Quotations in parts: one broken by its attribution ("We will not," he said, "accept this.")
or running on over paragraphs. Their parts are joined into one run of words, so that a quote
written as the speaker said it ("We will not accept this.") is found inside one quotation.
"""

from __future__ import annotations

import re
from functools import cached_property

from briefwright.fidelity.attribution import SPEECH_VERBS
from briefwright.fidelity.index import TokenIndex
from briefwright.fidelity.match import Match
from briefwright.fidelity.normalize import Token, tokenize, words
from briefwright.fidelity.scan import Quotation

# An attribution between two parts: a few words with a speech verb, ending in a comma, a colon
# or a dash ("he said,", ", said Lavrov,", "— she added —").
_MAX_WORDS = 12
_BETWEEN = re.compile(r"^[\s,—–-]*(?P<words>[^.!?]*?)\s*[,:—–-]\s*$")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def join_broken(text: str, quotes: list[Quotation]) -> list[Quotation]:
    """`quotes` with each quotation broken by a short attribution put in one group with the
    part before it (the first part must not end a sentence)."""
    out: list[Quotation] = []
    for quote in quotes:
        last = out[-1] if out else None
        if last is not None and last.group != quote.group and _broken(text, last, quote):
            quote = Quotation(quote.start, quote.end, quote.text, last.group)
        out.append(quote)
    return _renumbered(out, quotes)


def _broken(text: str, before: Quotation, after: Quotation) -> bool:
    if before.text.rstrip()[-1:] in ".!?…":
        return False
    between = text[before.end + 1 : after.start - 1]
    found = None if "\n\n" in between else _BETWEEN.match(between)
    if found is None:
        return False
    spoken = [w.lower() for w in _WORD.findall(found.group("words"))]
    return 0 < len(spoken) <= _MAX_WORDS and any(w in SPEECH_VERBS for w in spoken)


def _renumbered(out: list[Quotation], quotes: list[Quotation]) -> list[Quotation]:
    """Parts that shared a group before a join keep sharing the new one."""
    renamed: dict[int, int] = {}
    result = []
    for new, old in zip(out, quotes, strict=True):
        group = renamed.setdefault(old.group, new.group)
        result.append(Quotation(new.start, new.end, new.text, group))
    return result


def logical(quotes: list[Quotation]) -> list[list[Quotation]]:
    """The quotations grouped into their parts, in order."""
    groups: list[list[Quotation]] = []
    for quote in quotes:
        if groups and groups[-1][0].group == quote.group:
            groups[-1].append(quote)
        else:
            groups.append([quote])
    return groups


def said_text(text: str, parts: list[Quotation]) -> str:
    """The words of a quotation in parts as one quote: parts broken by an attribution lose the
    comma before it, parts over paragraphs are joined by a space."""
    pieces = []
    for index, part in enumerate(parts):
        words_ = " ".join(part.text.split())
        if index + 1 < len(parts) and "\n\n" not in text[part.end : parts[index + 1].start]:
            words_ = words_.rstrip(",—–- ")
        pieces.append(words_)
    return " ".join(pieces)


class JoinedQuotations:
    """The quotations in parts of a text, their words joined in one index: each joined
    quotation is one "paragraph" of it, so no match runs from one into another."""

    def __init__(self, text: str, quotes: list[Quotation]):
        self._text = text
        self._groups = [parts for parts in logical(quotes) if len(parts) > 1]

    @cached_property
    def tokens(self) -> TokenIndex:
        """The joined words of every quotation in parts."""
        tokens: list[Token] = []
        for number, parts in enumerate(self._groups):
            for index, part in enumerate(parts):
                found = words(tokenize(part.text))
                last = index + 1 == len(parts)
                if not last and "\n\n" not in self._text[part.end : parts[index + 1].start]:
                    while found and found[-1].key in (",", "-"):
                        found.pop()
                tokens.extend(
                    Token(t.key, t.kind, t.start + part.start, t.end + part.start, number)
                    for t in found
                )
        return TokenIndex.from_tokens(tokens)

    def quotation_of(self, match: Match) -> Quotation:
        """The first part of the quotation a match of the joined index lies in."""
        return self._groups[self.tokens[match.first].paragraph][0]

    def __bool__(self) -> bool:
        return bool(self._groups)
