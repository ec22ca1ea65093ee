"""Undo line-end hyphenation in text laid out in lines (a PDF's), using the document's words.

A hyphen at the end of a line either splits a word ("signif-" / "icant") or ends the first
part of a compound ("Russian-" / "supplied"). The document itself decides: a form it uses
elsewhere wins; two halves that are each words of the document make a compound; otherwise
the hyphen was the typesetter's and goes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHENS = "-\u2010\u00ad"
_TAIL = re.compile(rf"([^\W\d_]+)[{_HYPHENS}]$")
_HEAD = re.compile(r"([^\W\d_]+)(-?)")


class Vocabulary:
    """The words and hyphenated compounds of a text, lower-cased."""

    def __init__(self, lines: Iterable[str]):
        self.words: set[str] = set()
        self.compounds: set[str] = set()
        split_before = False
        for line in lines:
            found = [m.group().lower() for m in _WORD.finditer(line)]
            # The halves of a word split at a line end are not words of the text.
            split_after = line.endswith(tuple(_HYPHENS))
            found = found[int(split_before) : len(found) - int(split_after)]
            split_before = split_after
            for word in found:
                if "-" in word:
                    self.compounds.add(word)
                    self.words.update(word.split("-"))
                else:
                    self.words.add(word)

    def keeps_hyphen(self, left: str, right: str, compound_follows: bool) -> bool:
        """True if "left-" at a line end and "right" on the next line form "left-right"."""
        left, right = left.lower(), right.lower()
        if left + right in self.words:
            return False
        if compound_follows or f"{left}-{right}" in self.compounds:
            return True
        return len(left) > 2 and len(right) > 2 and left in self.words and right in self.words


def join_lines(lines: list[str], vocabulary: Vocabulary) -> list[str]:
    """The lines of one paragraph, each with what joins it to the next: a line break, or
    nothing where a hyphenated word was rejoined (its hyphen dropped unless it belongs)."""
    pieces: list[str] = []
    for index, line in enumerate(lines):
        if index + 1 == len(lines):
            pieces.append(line)
            continue
        tail = _TAIL.search(line)
        head = _HEAD.match(lines[index + 1])
        if tail is None or head is None or not head.group(1)[:1].islower():
            pieces.append(line + "\n")
        elif line.endswith("-") and vocabulary.keeps_hyphen(
            tail.group(1), head.group(1), bool(head.group(2))
        ):
            pieces.append(line)
        else:
            pieces.append(line[:-1])
    return pieces
