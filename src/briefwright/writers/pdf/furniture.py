"""Page furniture: marking, "Page X of Y", date, short title, reference and DRAFT watermark.

What to draw comes from DocMeta alone: a TLP marking is its TLP 2.0 label at the right of
header and footer; any other marking is a centred banner in bold capitals at the top and the
bottom of every page; a draft carries a large diagonal DRAFT across every page. Texts from the
summary are escaped and glyph-checked like body text and drawn as Paragraphs, so they get the
same font fallback.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from briefwright.doctree.nodes import DocMeta
from briefwright.i18n.texts import furniture_texts
from briefwright.markings import TLP_BACKGROUND
from briefwright.theme import Theme
from briefwright.writers.pdf.fonts import FontFamily
from briefwright.writers.pdf.markup import InlineRenderer
from briefwright.writers.pdf.paragraph import Paragraph

TLP_SIZE = 12.0  # the standard asks for at least 12 pt
SMALL = 7.5  # furniture text size: present on every page, so it stays discreet
BANNER_SIZE = 10.0  # a banner shrinks from this to fit one line, never below BANNER_MIN
BANNER_MIN = 6.0
PAGE_NUMBER_ROOM = 70.0  # points kept free for "Page 12 of 34", more if a language needs it
WATERMARK_ALPHA = 0.2  # drawn over the text, so it must let it through
Align = Literal[0, 1, 2, 4]
_DOT = "\u2002\u00b7\u2002"  # between the footer's parts


@dataclass(frozen=True)
class Furniture:
    """Everything drawn around the text frame of each page; texts are ready markup."""

    theme: Theme
    fonts: FontFamily
    page_size: tuple[float, float]
    meta: DocMeta
    header: str
    footer: str
    banner_markup: str  # "" unless the marking is a banner
    banner_size: float
    # the laid-out Paragraph of each text and place: header and footer recur on every page
    _laid_out: dict[tuple, Paragraph] = field(default_factory=dict, repr=False, compare=False)

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        """Header, footer and banners of one page."""
        width, height = self.page_size
        left, right = self.theme.margin_left_mm * mm, width - self.theme.margin_right_mm * mm
        banner = bool(self.banner_markup)
        canvas.saveState()
        # a banner takes the outer edge of the page; header and footer move in to make room
        top = height - self.theme.margin_top_mm * mm + (5 if banner else 7) * mm
        bottom = self.theme.margin_bottom_mm * mm - (7 if banner else 9) * mm
        self._text(canvas, self.header, left, right - left, top)
        self._rule(canvas, left, right, top - 2.2 * mm)
        self._rule(canvas, left, right, bottom + 4.5 * mm)
        self._text(canvas, self.footer, left, right - left, bottom)
        number = furniture_texts(self.meta.language).page(page, total)
        if self.meta.tlp_colour:
            self._text(canvas, number, left, right - left, bottom, TA_CENTER)
            self._tlp_label(canvas, self.meta.tlp_colour, right, top)
            self._tlp_label(canvas, self.meta.tlp_colour, right, bottom)
        else:
            self._text(canvas, number, left, right - left, bottom, TA_RIGHT)
        if banner:
            for base in (top + 5.5 * mm, bottom - 5 * mm):
                self._text(canvas, self.banner_markup, left, right - left, base, TA_CENTER,
                           size=self.banner_size, colour=self.theme.text_color)  # fmt: skip
        canvas.restoreState()

    def _tlp_label(self, canvas: Canvas, colour: str, right: float, base: float) -> None:
        label, font = self.meta.marking, self.fonts.name(bold=True)
        pad = 3.0
        box_width = canvas.stringWidth(label, font, TLP_SIZE) + 2 * pad
        canvas.setFillColor(HexColor(TLP_BACKGROUND))
        canvas.rect(right - box_width, base - 3.5, box_width, TLP_SIZE + 4.5, stroke=0, fill=1)
        canvas.setFillColor(HexColor(colour))
        canvas.setFont(font, TLP_SIZE)
        canvas.drawRightString(right - pad, base, label)

    def watermark(self, canvas: Canvas) -> None:
        """DRAFT across the page, corner to corner, light enough to read the text through.

        Drawn on the page itself, not in the furniture's form: a form's resources do not carry
        the transparency the light grey needs.
        """
        width, height = self.page_size
        font = self.fonts.name(bold=True)
        word = furniture_texts(self.meta.language).draft
        size = 0.62 * (width**2 + height**2) ** 0.5 / (stringWidth(word, font, 1) or 1)
        canvas.saveState()
        canvas.setFillColor(HexColor(self.theme.muted_color), alpha=WATERMARK_ALPHA)
        canvas.setFont(font, size)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(_degrees(width, height))
        canvas.drawCentredString(0, -0.35 * size, word)
        canvas.restoreState()

    def _text(
        self,
        canvas: Canvas,
        markup: str,
        x: float,
        width: float,
        base: float,
        align: Align = TA_LEFT,
        *,
        size: float = SMALL,
        colour: str = "",
    ) -> None:
        key = (markup, width, align, size)
        paragraph = self._laid_out.get(key)
        if paragraph is None:
            style = ParagraphStyle(
                "Furniture",
                fontName=self.fonts.name(),
                fontSize=size,
                leading=size * 1.2,
                textColor=HexColor(colour or self.theme.muted_color),
                alignment=align,
            )
            paragraph = Paragraph(markup, style)
            paragraph.wrap(width, 10 * size)
            self._laid_out[key] = paragraph
        # drawOn takes the bottom edge; place the first baseline on `base`
        paragraph.drawOn(canvas, x, base + size - paragraph.height)

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
    label_room = _tlp_width(meta, fonts) + 12 if meta.tlp_colour else 0
    strong = f'<font color="{theme.text_color}"><b>%s</b></font>'

    def text(what: str, value: str, room: float, bold: bool = False, size: float = SMALL) -> str:
        inline.where, inline.bold = f"page header/footer ({what})", bold
        try:
            return inline.text(_fit(value, fonts.name(bold=bold), room, size))
        finally:
            inline.bold = False

    # reference and version after the organisation, at most half the header between them
    room = width - label_room
    control = _fit(_DOT.join(meta.control_parts()), fonts.name(), room / 2)
    org_room = room - (stringWidth(control + _DOT, fonts.name(), SMALL) if control else 0)
    header = strong % text("organization", meta.organization or meta.short_title, org_room,
                           bold=True)  # fmt: skip
    if control:
        header += _DOT + text("reference and version", control, room)
    texts = furniture_texts(meta.language)
    number_room = max(PAGE_NUMBER_ROOM, stringWidth(texts.page(88, 88), fonts.name(), SMALL) + 12)
    footer_room = (width / 2 if meta.tlp_colour else width) - number_room / 2
    date = texts.as_of(meta.date_label) if meta.date_label else ""
    date = _fit(date, fonts.name(), footer_room) if date else ""
    title_room = footer_room - stringWidth(date + _DOT, fonts.name(), SMALL)
    title = text("short title", meta.short_title, title_room) if title_room > 20 else ""
    footer = _DOT.join(part for part in (title, inline.text(date)) if part)
    banner_size = _banner_size(meta.marking, fonts.name(bold=True), width) if meta.banner else 0
    # never shortened: a marking cut short is a different marking; at BANNER_MIN it wraps
    inline.where, inline.bold = "page header/footer (marking)", True
    banner = inline.text(meta.marking) if banner_size else ""
    inline.bold = False
    return Furniture(
        theme=theme,
        fonts=fonts,
        page_size=page_size,
        meta=meta,
        header=header,
        footer=footer,
        banner_markup=f"<b>{banner}</b>" if banner else "",
        banner_size=banner_size,
    )


def info_keywords(meta: DocMeta) -> list[str]:
    """The PDF's Keywords: marking and document control first (the Info dictionary has no
    fields of their own), then the summary's tags."""
    texts = furniture_texts(meta.language)
    control = [
        meta.marking,
        texts.draft if meta.draft else "",
        texts.reference_keyword % {"reference": meta.reference} if meta.reference else "",
        texts.version % {"version": meta.version} if meta.version else "",
    ]
    return [part for part in control if part] + list(meta.keywords)


def _tlp_width(meta: DocMeta, fonts: FontFamily) -> float:
    return stringWidth(meta.marking, fonts.name(bold=True), TLP_SIZE)


def _banner_size(marking: str, font: str, room: float) -> float:
    """The banner's font size: BANNER_SIZE, or smaller until it fits one line."""
    natural = stringWidth(marking, font, BANNER_SIZE)
    if natural <= room:
        return BANNER_SIZE
    return max(BANNER_MIN, BANNER_SIZE * room / natural)


def _degrees(width: float, height: float) -> float:
    """The angle of the page's rising diagonal."""
    return math.degrees(math.atan2(height, width))


def _fit(text: str, font: str, room: float, size: float = SMALL) -> str:
    """`text`, cut short with an ellipsis if it would not fit on one line of `room` points."""
    text = " ".join(text.split())
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "\u2026", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "\u2026"
