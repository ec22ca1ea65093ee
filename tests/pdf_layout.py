"""Where text is drawn on a PDF page, for tests of what must be at a place: banners, labels,
watermarks. pdfminer finds the characters (inside forms too); pypdf's visitor gives the matrix
each run is drawn with."""

from __future__ import annotations

import io
from collections import defaultdict

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent


def _chars(item: object) -> list[LTChar]:
    if isinstance(item, LTChar):
        return [item]
    found: list[LTChar] = []
    for child in item if hasattr(item, "__iter__") else ():
        found += _chars(child)
    return found


def page_lines(data: bytes) -> list[tuple[float, list[tuple[str, float, float, float, str]]]]:
    """Per page: its width, and each upright line of text as (text, x0, x1, baseline y, font),
    from the characters pdfminer finds (inside the furniture's forms too)."""
    pages = []
    for layout in extract_pages(io.BytesIO(data)):
        rows: dict[float, list[LTChar]] = defaultdict(list)
        for char in _chars(layout):
            if char.upright:
                rows[round(char.y0, 1)].append(char)
        lines = []
        for y, chars in sorted(rows.items(), reverse=True):
            chars.sort(key=lambda c: c.x0)
            text = "".join(c.get_text() for c in chars)
            lines.append((text, chars[0].x0, chars[-1].x1, y, chars[0].fontname))
        assert isinstance(layout, LTComponent)
        pages.append((layout.width, lines))
    return pages


def drawn_words(page) -> list[tuple[str, list[float], float]]:
    """(text, the matrix it is drawn with, font size) of every text run of a pypdf page."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            matrix = [cm[0] * tm[0] + cm[2] * tm[1], cm[1] * tm[0] + cm[3] * tm[1]]
            found.append((text.strip(), matrix, size))

    page.extract_text(visitor_text=visit)
    return found
