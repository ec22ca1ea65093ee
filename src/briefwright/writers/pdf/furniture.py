"""Page furniture: marking in header and footer, "Page X of Y", date and short title.

Texts from the summary are escaped and glyph-checked like body text and drawn as Paragraphs,
so they get the same font fallback. TLP labels follow the TLP 2.0 standard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from reportlab.lib.colors import HexColor, black
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from briefwright.doctree.nodes import DocMeta
from briefwright.theme import Theme
from briefwright.writers.pdf.fonts import FontFamily
from briefwright.writers.pdf.markup import InlineRenderer
from briefwright.writers.pdf.paragraph import Paragraph

# Traffic Light Protocol 2.0: label colours on a black background
TLP_COLOURS = {"RED": "#FF2B2B", "AMBER": "#FFC000", "GREEN": "#33FF00", "CLEAR": "#FFFFFF"}
_TLP = re.compile(r"^TLP:(RED|AMBER\+STRICT|AMBER|GREEN|CLEAR)$")
TLP_SIZE = 12.0  # the standard asks for at least 12 pt
SMALL = 7.5  # furniture text size: present on every page, so it stays discreet
PAGE_NUMBER_ROOM = 70.0  # points kept free for "Page 12 of 34"


def tlp_colour(marking: str) -> str | None:
    """The label colour if `marking` is a TLP 2.0 label, else None."""
    found = _TLP.match(marking.strip().upper())
    return TLP_COLOURS[found.group(1).split("+")[0]] if found else None


@dataclass(frozen=True)
class Furniture:
    """Everything drawn around the text frame of each page; texts are ready markup."""

    theme: Theme
    fonts: FontFamily
    page_size: tuple[float, float]
    header: str
    footer: str
    marking: str  # as written, for the TLP check
    marking_markup: str
    # the laid-out Paragraph of each text and place: header and footer recur on every page
    _laid_out: dict[tuple, Paragraph] = field(default_factory=dict, repr=False, compare=False)

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        """Header and footer of one page."""
        width, height = self.page_size
        left, right = self.theme.margin_left_mm * mm, width - self.theme.margin_right_mm * mm
        canvas.saveState()
        top = height - self.theme.margin_top_mm * mm + 7 * mm
        self._text(canvas, self.header, left, right - left, top)
        self._rule(canvas, left, right, top - 2.2 * mm)
        bottom = self.theme.margin_bottom_mm * mm - 9 * mm
        self._rule(canvas, left, right, bottom + 4.5 * mm)
        self._text(canvas, self.footer, left, right - left, bottom)
        number = f"Page {page} of {total}"
        if self.marking:
            self._text(canvas, number, left, right - left, bottom, TA_CENTER)
            self._marking(canvas, right, top)
            self._marking(canvas, right, bottom)
        else:
            self._text(canvas, number, left, right - left, bottom, TA_RIGHT)
        canvas.restoreState()

    def _marking(self, canvas: Canvas, right: float, base: float) -> None:
        colour = tlp_colour(self.marking)
        if colour is None:
            self._text(canvas, self.marking_markup, right - 200, 200, base, TA_RIGHT)
            return
        label, font = self.marking.strip().upper(), self.fonts.name(bold=True)
        pad = 3.0
        text_width = canvas.stringWidth(label, font, TLP_SIZE)
        box_width = text_width + 2 * pad
        canvas.setFillColor(black)
        canvas.rect(right - box_width, base - 3.5, box_width, TLP_SIZE + 4.5, stroke=0, fill=1)
        canvas.setFillColor(HexColor(colour))
        canvas.setFont(font, TLP_SIZE)
        canvas.drawRightString(right - pad, base, label)

    def _text(
        self,
        canvas: Canvas,
        markup: str,
        x: float,
        width: float,
        base: float,
        align: Literal[0, 1, 2, 4] = TA_LEFT,
    ) -> None:
        paragraph = self._laid_out.get((markup, width, align))
        if paragraph is None:
            style = ParagraphStyle(
                "Furniture",
                fontName=self.fonts.name(),
                fontSize=SMALL,
                leading=SMALL * 1.2,
                textColor=HexColor(self.theme.muted_color),
                alignment=align,
            )
            paragraph = Paragraph(markup, style)
            paragraph.wrap(width, 10 * SMALL)
            self._laid_out[markup, width, align] = paragraph
        # drawOn takes the bottom edge; place the first baseline on `base`
        paragraph.drawOn(canvas, x, base + SMALL - paragraph.height)

    def _rule(self, canvas: Canvas, left: float, right: float, y: float) -> None:
        canvas.setStrokeColor(HexColor(self.theme.table_header_fill))
        canvas.setLineWidth(0.5)
        canvas.line(left, y, right, y)


def build_furniture(
    meta: DocMeta, theme: Theme, page_size: tuple[float, float], inline: InlineRenderer
) -> Furniture:
    """Escape, glyph-check and shorten the texts of header and footer."""
    fonts = inline.fonts
    width = page_size[0] - (theme.margin_left_mm + theme.margin_right_mm) * mm
    marking_room = _marking_width(meta.marking, fonts) + 12 if meta.marking else 0
    strong = f'<font color="{theme.text_color}"><b>%s</b></font>'

    def text(what: str, value: str, room: float, bold: bool = False) -> str:
        inline.where, inline.bold = f"page header/footer ({what})", bold
        try:
            return inline.text(_fit(value, fonts.name(bold=bold), room))
        finally:
            inline.bold = False

    label = meta.organization or meta.short_title
    title = meta.short_title
    date = f"\u2002\u00b7\u2002Information as of {meta.date_label}" if meta.date_label else ""
    footer_room = (width / 2 if meta.marking else width) - PAGE_NUMBER_ROOM / 2
    footer_room -= stringWidth(date, fonts.name(), SMALL)
    return Furniture(
        theme=theme,
        fonts=fonts,
        page_size=page_size,
        header=strong % text("organization", label, width - marking_room, bold=True),
        footer=text("short title", title, footer_room) + inline.text(date),
        marking=meta.marking,
        marking_markup=strong % text("marking", meta.marking.strip(), 200, bold=True),
    )


def _marking_width(marking: str, fonts: FontFamily) -> float:
    if tlp_colour(marking):
        return stringWidth(marking.strip().upper(), fonts.name(bold=True), TLP_SIZE)
    return min(stringWidth(marking, fonts.name(bold=True), SMALL), 200)


def _fit(text: str, font: str, room: float) -> str:
    """`text`, cut short with an ellipsis if it would not fit on one line of `room` points."""
    text = " ".join(text.split())
    if stringWidth(text, font, SMALL) <= room:
        return text
    while text and stringWidth(text + "\u2026", font, SMALL) > room:
        text = text[:-1]
    return text.rstrip() + "\u2026"
