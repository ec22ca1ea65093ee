"""Quotation marks of many languages, paired within a paragraph or across paragraphs.

English “…” and "…", German „…“ and »…«, French, Russian and Armenian «…», Polish and Dutch
„…”, single guillemets ‹…› and ›…‹, and Chinese and Japanese 「…」 『…』. Marks of another style
inside an open quotation are part of it. A quotation that runs on into the next paragraph
(left open at its end, reopened at the start of the next, as typesetters do) is kept as one
quotation in parts that share a `group`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the marks that may close it.
PAIRS = {
    "“": "”",
    '"': '"',
    "„": "“”",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "「": "」",
    "『": "』",
}
_MARKS = re.compile("[" + re.escape("".join(set("".join(PAIRS) + "".join(PAIRS.values())))) + "]")


@dataclass(frozen=True)
class Quotation:
    """The words between a pair of quotation marks: `start`/`end` span the inside only.

    Parts of one quotation (over paragraphs, or around "he said") share `group`."""

    start: int
    end: int
    text: str
    group: int = -1


def paired(text: str, spans: list[tuple[int, int]]) -> list[Quotation]:
    """Every double (or guillemet) quotation in the paragraphs `spans` of `text`, in order."""
    found: list[Quotation] = []
    parts: list[Quotation] = []  # earlier paragraphs' parts of the quotation still open
    carried: tuple[int, str, str] | None = None  # (inside start, opener, closers) left open
    for number, (start, end) in enumerate(spans):
        opened, position = None, start
        if carried is not None:
            first = re.match(r"\s*(\S)", text[start:end])
            if first and first.group(1) in carried[1] + carried[2]:
                opened = (start + first.end(), carried[1], carried[2])
                position = opened[0]
            else:
                parts = []  # never reopened: not a quotation after all
        carried = None
        for mark in _MARKS.finditer(text, position, end):
            char, index = mark.group(), mark.start()
            if opened is None and char in PAIRS:
                opened = (index + 1, char, PAIRS[char])
            elif opened is not None and char in opened[2]:
                group = len(found) and found[-1].group + 1
                for part in [*parts, Quotation(opened[0], index, text[opened[0] : index])]:
                    found.append(Quotation(part.start, part.end, part.text, group))
                parts, opened = [], None
        if opened is not None and number + 1 < len(spans):
            tail = opened[0] + len(text[opened[0] : end].rstrip())
            parts.append(Quotation(opened[0], tail, text[opened[0] : tail]))
            carried = opened
        elif opened is not None:
            parts = []
    return found
