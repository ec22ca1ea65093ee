"""Page furniture: marking in header and footer, "Page X of Y", date and short title.

Pages are held back until the document ends (the usual reportlab recipe), so every footer
knows the page count without a second layout pass.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from types import SimpleNamespace

from reportlab.lib.colors import HexColor, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from briefwright.doctree.nodes import DocMeta
from briefwright.fonts import FontFamily
from briefwright.theme import Theme

# Traffic Light Protocol 2.0: label colours on a black background
TLP_COLOURS = {"RED": "#FF2B2B", "AMBER": "#FFC000", "GREEN": "#33FF00", "CLEAR": "#FFFFFF"}
_TLP = re.compile(r"^TLP:(RED|AMBER\+STRICT|AMBER|GREEN|CLEAR)$")
TLP_SIZE = 12.0  # the standard asks for at least 12 pt
SMALL = 7.5  # furniture text size: present on every page, so it stays discreet
TEXT_LIMIT = 90  # characters of the short title in the footer before it is shortened


def tlp_colour(marking: str) -> str | None:
    """The label colour if `marking` is a TLP 2.0 label, else None."""
    found = _TLP.match(marking.strip().upper())
    return TLP_COLOURS[found.group(1).split("+")[0]] if found else None


@dataclass(frozen=True)
class Furniture:
    """Everything drawn around the text frame of each page."""

    meta: DocMeta
    theme: Theme
    fonts: FontFamily
    page_size: tuple[float, float]

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        """Header and footer of one page."""
        canvas.saveState()
        self._header(canvas)
        self._footer(canvas, page, total)
        canvas.restoreState()

    def _header(self, canvas: Canvas) -> None:
        width, height = self.page_size
        left, right = self.theme.margin_left_mm * mm, width - self.theme.margin_right_mm * mm
        base = height - self.theme.margin_top_mm * mm + 7 * mm
        label = self.meta.organization or self.meta.short_title or self.meta.title
        self._text(canvas, left, base, _shorten(label), bold=True)
        if self.meta.marking:
            self._marking(canvas, right, base)
        self._rule(canvas, left, right, base - 2.2 * mm)

    def _footer(self, canvas: Canvas, page: int, total: int) -> None:
        width, _ = self.page_size
        left, right = self.theme.margin_left_mm * mm, width - self.theme.margin_right_mm * mm
        base = self.theme.margin_bottom_mm * mm - 9 * mm
        self._rule(canvas, left, right, base + 4.5 * mm)
        parts = [_shorten(self.meta.short_title or self.meta.title)]
        if self.meta.date_label:
            parts.append(f"Information as of {self.meta.date_label}")
        self._text(canvas, left, base, "  \u00b7  ".join(p for p in parts if p))
        number = f"Page {page} of {total}"
        if self.meta.marking:
            self._text(canvas, (left + right) / 2, base, number, align="centre")
            self._marking(canvas, right, base)
        else:
            self._text(canvas, right, base, number, align="right")

    def _marking(self, canvas: Canvas, right: float, base: float) -> None:
        colour = tlp_colour(self.meta.marking)
        if colour is None:
            self._text(canvas, right, base, self.meta.marking.strip(), bold=True, align="right")
            return
        label, font = self.meta.marking.strip().upper(), self.fonts.name(bold=True)
        text_width = canvas.stringWidth(label, font, TLP_SIZE)
        pad = 3.0
        canvas.setFillColor(black)
        canvas.rect(
            right - text_width - 2 * pad,
            base - 3.5,
            text_width + 2 * pad,
            TLP_SIZE + 4.5,
            stroke=0,
            fill=1,
        )
        canvas.setFillColor(HexColor(colour))
        canvas.setFont(font, TLP_SIZE)
        canvas.drawRightString(right - pad, base, label)

    def _text(self, canvas: Canvas, x: float, y: float, text: str, bold=False, align="left"):
        canvas.setFont(self.fonts.name(bold=bold), SMALL)
        canvas.setFillColor(HexColor(self.theme.text_color if bold else self.theme.muted_color))
        draw = {"left": canvas.drawString, "right": canvas.drawRightString}
        draw.get(align, canvas.drawCentredString)(x, y, text)

    def _rule(self, canvas: Canvas, left: float, right: float, y: float) -> None:
        canvas.setStrokeColor(HexColor(self.theme.table_header_fill))
        canvas.setLineWidth(0.5)
        canvas.line(left, y, right, y)

    def strings(self) -> dict[str, str]:
        """The texts drawn on every page, by name, for the glyph check."""
        meta = self.meta
        return {
            "marking": meta.marking,
            "organization": meta.organization,
            "short title": meta.short_title or meta.title,
            "date label": meta.date_label,
        }


def _shorten(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1].rstrip() + "\u2026"


class PagedCanvas(Canvas):
    """A canvas that draws furniture once the page count is known, with a fixed timestamp.

    Bookmarks are held with their page too: reportlab ties a bookmark to the page the PDF
    document is on, and while pages are held back that would be page 1 for all of them.
    """

    def __init__(self, *args, furniture: Furniture, timestamp: int, **kwargs):
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held: list[dict] = []
        self._bookmarks: list[tuple[str, dict]] = []
        # CreationDate and ModDate come from the briefing, not the clock: same input, same bytes
        self._doc._timeStamp = SimpleNamespace(
            t=timestamp, YMDhms=tuple(time.gmtime(timestamp))[:6], dhh=0, dmm=0
        )

    def bookmarkPage(self, key: str, **kwargs) -> None:  # noqa: N802 - reportlab's name
        self._bookmarks.append((key, kwargs))

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held.append(dict(self.__dict__))
        self._bookmarks = []
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            for key, kwargs in self._bookmarks:
                super().bookmarkPage(key, **kwargs)
            self._furniture.draw(self, self._pageNumber, total)
            super().showPage()
        super().save()
