"""The running header and footer of the paged formats (DOCX, PDF): their texts, decided once.

Header: the organisation, then reference and version; footer: the short title and the date,
with "Page X of Y" at the right. A TLP label sits at the right end of both lines, on their
baseline. How much of the title fits is estimated from character counts and the theme's sizes,
not from one writer's font metrics, so both formats cut it after the same word. The fixed
words ("Page 3 of 5", "Information as of") are the briefing's language's, from i18n/texts.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefwright.doctree.nodes import DocMeta
from briefwright.i18n.texts import furniture_texts
from briefwright.theme import Theme
from briefwright.writers.look import look

SEPARATOR = "\u2002\u00b7\u2002"  # en space, middle dot, en space: between the parts of a line
ELLIPSIS = "\u2026"
TLP_LABEL_SIZE = 12.0  # points; TLP 2.0 asks for at least 12
ADVANCE = 0.56
"""An average glyph advance, in ems, of a sans-serif text face, a little over DejaVu Sans's
(0.50-0.55 in mixed case, 0.58 in capitals); where it falls short the PDF cuts one word more."""
_LABEL_ADVANCE = 0.7  # bold capitals are wider
_GAP = 12.0  # points kept free between the parts of a line
_BLANKS = re.compile("[ \t\r\n]+")


def furniture_size(theme: Theme) -> float:
    """The size of header and footer text, as the house look sets it."""
    return look(theme).furniture.size


@dataclass(frozen=True)
class Running:
    """The texts of the running header and footer, already shortened to fit their line."""

    organization: str  # set in bold, first in the header
    control: str  # "Ref. EAU-2025-117 · Version 1.0"
    title: str  # the short title, cut after a word with an ellipsis if the line is full
    date: str  # "Information as of 22 May 2025"

    @property
    def footer(self) -> str:
        return SEPARATOR.join(part for part in (self.title, self.date) if part)


def running_texts(meta: DocMeta, theme: Theme, text_width: float) -> Running:
    """The header and footer texts for a page whose text is `text_width` points wide."""
    size = furniture_size(theme)
    room = text_width - label_width(meta)
    control = shorten(SEPARATOR.join(meta.control_parts()), _chars(room / 2, size))
    used = _width(control + SEPARATOR, size) if control else 0.0
    organization = shorten(meta.organization or meta.short_title, _chars(room - used, size))
    words = furniture_texts(meta.language)
    date = words.as_of(meta.date_label) if meta.date_label else ""
    footer_room = room - _width(words.page(888, 888), size) - _GAP
    date = shorten(date, _chars(footer_room, size))
    title_room = footer_room - (_width(date + SEPARATOR, size) if date else 0.0)
    title = shorten(meta.short_title, _chars(title_room, size))
    return Running(organization=organization, control=control, title=title, date=date)


def logo_alt(theme: Theme) -> str:
    """What the letterhead's logo shows, for screen readers: the theme's words, else the
    letterhead's first line (most often the office's name)."""
    return theme.logo_alt or (theme.letterhead[0] if theme.letterhead else "Logo")


def page_number(page: int | str, total: int | str, language: str) -> str:
    """The page number line in `language`, e.g. "Page 3 of 5"."""
    return furniture_texts(language).page(page, total)


def page_number_parts(language: str) -> list[str]:
    """The page number line split around its numbers, for a format that fills them in itself:
    ["Page ", "page", " of ", "total", ""] in English; the language decides the order."""
    return furniture_texts(language).page_parts()


def label_width(meta: DocMeta) -> float:
    """Points kept at the right end of header and footer for the TLP label (0 without one)."""
    if not meta.tlp_colour:
        return 0.0
    return (len(meta.marking) + 1) * _LABEL_ADVANCE * TLP_LABEL_SIZE + _GAP


def shorten(text: str, most: int) -> str:
    """`text` on one line in at most `most` characters: whole, or cut after a word with "…".

    A first word longer than the room is cut inside it; no room leaves nothing.
    """
    text = _BLANKS.sub(" ", text).strip(" ")  # ASCII blanks only: SEPARATOR's spaces stay
    if len(text) <= most:
        return text
    if most < 2:
        return ""
    head = text[: most - 1]
    if text[most - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:\u2013\u2014-\u00b7\u2002") + ELLIPSIS


def _chars(points: float, size: float) -> int:
    return max(int(points / (ADVANCE * size)), 0)


def _width(text: str, size: float) -> float:
    return len(text) * ADVANCE * size


def header_parts(meta: DocMeta) -> tuple[str, list[str]]:
    """The header's lead (drawn bold) and the parts after it, whole, for a format whose line
    is not cut to a width (HTML)."""
    return _one_line(meta.organization or meta.short_title), meta.control_parts()


def footer_parts(meta: DocMeta) -> list[str]:
    """The footer's parts before the page number, whole: short title and date line."""
    date = _one_line(meta.date_label)
    as_of = furniture_texts(meta.language).as_of(date) if date else ""
    return [part for part in (_one_line(meta.short_title), as_of) if part]


def _one_line(text: str) -> str:
    # ASCII blanks only: a no-break space ("22 мая 2025 г.") must stay unbroken
    return _BLANKS.sub(" ", text).strip(" ")
