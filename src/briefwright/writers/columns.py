"""Widths of table columns, one rule for the DOCX and the PDF so their tables break alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence

SHORT = 24
"""Characters: a cell this short is never wrapped (dates, names, "Likely")."""
MOST = 0.45
"""The share of the width one column may claim as its need: a longer word is broken."""


def column_widths(
    texts: list[list[str]], available: float, measure: Callable[[str], float], padding: float
) -> list[float]:
    """Widths that fill `available`, in the spirit of HTML's auto layout.

    Each column needs room for its longest word and for its longest short cell (so dates never
    wrap) and would like room for its longest cell; the space between the two is shared out
    in proportion to what each column would still like. `measure` gives a text's width, and
    `padding` is added to each column.
    """
    columns = list(zip(*texts, strict=True))
    wants = [max(map(measure, column)) + padding for column in columns]
    # one long word (a URL, a hostile cell) may not squeeze the others to nothing
    needs = [min(_unbreakable(column, measure) + padding, available * MOST) for column in columns]
    wants = [max(want, need) for want, need in zip(wants, needs, strict=True)]
    if sum(wants) <= available:
        return [want * available / sum(wants) for want in wants]
    if sum(needs) >= available:
        return [need * available / sum(needs) for need in needs]
    spare, wishes = available - sum(needs), [w - n for w, n in zip(wants, needs, strict=True)]
    return [n + spare * wish / sum(wishes) for n, wish in zip(needs, wishes, strict=True)]


def _unbreakable(column: Sequence[str], measure: Callable[[str], float]) -> float:
    """How wide a column must be: its longest word, or its longest short cell."""
    words = [word for text in column for word in text.split()]
    short = [text for text in column if len(text) <= SHORT]
    return max([measure("M"), *map(measure, words), *map(measure, short)])
