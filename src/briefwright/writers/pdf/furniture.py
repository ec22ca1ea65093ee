"""Page furniture: marking, "Page X of Y", date, short title, reference and DRAFT watermark.

What to draw comes from DocMeta alone: a TLP marking is its TLP 2.0 label at the right of
header and footer, on their baseline; any other marking is a centred banner in bold capitals at
the top and the bottom of every page; a draft carries a large diagonal DRAFT across every page.
The texts are running.py's, shared with the DOCX; they are escaped and glyph-checked like body
text and drawn as Paragraphs, so they get the same font fallback. A letterhead, if the theme
has one, takes the running header's place on page 1.
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
from briefwright.writers.pdf.letterhead import Letterhead
from briefwright.writers.pdf.markup import InlineRenderer
from briefwright.writers.pdf.pagesetup import PageSetup
from briefwright.writers.pdf.paragraph import Paragraph
from briefwright.writers.running import (
    SEPARATOR,
    TLP_LABEL_SIZE,
    furniture_size,
    label_width,
    page_number,
    running_texts,
    shorten,
)

TLP_SIZE = TLP_LABEL_SIZE
BANNER_SIZE = 10.0  # a banner shrinks from this to fit one line, never below BANNER_MIN
BANNER_MIN = 6.0
LABEL_GAP = 8.0  # points between the page number and the TLP label
WATERMARK_ALPHA = 0.2  # drawn over the text, so it must let it through
Align = Literal[0, 1, 2, 4]


@dataclass(frozen=True)
class Furniture:
    """Everything drawn around the text frame of each page; texts are ready markup."""

    theme: Theme
    fonts: FontFamily
    page: PageSetup
    meta: DocMeta
    size: float  # of header and footer text
    header: str
    footer: str
    banner_markup: str  # "" unless the marking is a banner
    banner_size: float
    letterhead: Letterhead | None = None  # drawn on page 1 instead of the running header
    # the laid-out Paragraph of each text and place: header and footer recur on every page
    _laid_out: dict[tuple, Paragraph] = field(default_factory=dict, repr=False, compare=False)

    @property
    def top(self) -> float:
        """The running header's baseline."""
        return self.page.height - self.page.top + (5 if self.banner_markup else 7) * mm

    @property
    def bottom(self) -> float:
        """The running footer's baseline."""
        return self.page.bottom - (7 if self.banner_markup else 9) * mm

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        """Header, footer and banners of one page."""
        left, right = self.page.left, self.page.width - self.page.right
        top, bottom, width = self.top, self.bottom, right - left
        canvas.saveState()
        if page == 1 and self.letterhead is not None:
            label_base = self.letterhead.draw(canvas, self.page, bool(self.banner_markup))
        else:
            label_base = top
            self._text(canvas, self.header, left, width, top)
            self._rule(canvas, left, right, top - 2.2 * mm)
        self._rule(canvas, left, right, bottom + self.size + 2.5 * mm)
        self._text(canvas, self.footer, left, width, bottom)
        # the page number ends where the label begins: one baseline, never overlapping
        number_right = right
        if self.meta.tlp_colour:
            self._tlp_label(canvas, self.meta.tlp_colour, right, label_base)
            number_right = right - self._label_width() - LABEL_GAP
            self._tlp_label(canvas, self.meta.tlp_colour, right, bottom)
        number = page_number(page, total, self.meta.language)
        self._text(canvas, number, left, number_right - left, bottom, TA_RIGHT)
        if self.banner_markup:
            for base in (self._banner_top, bottom - 5 * mm):
                self._text(canvas, self.banner_markup, left, width, base, TA_CENTER,
                           size=self.banner_size, colour=self.theme.text_color)  # fmt: skip
        canvas.restoreState()

    @property
    def _banner_top(self) -> float:
        return self.top + 5.5 * mm

    def _label_width(self) -> float:
        return stringWidth(self.meta.marking, self.fonts.name(bold=True), TLP_SIZE) + 6.0

    def _tlp_label(self, canvas: Canvas, colour: str, right: float, base: float) -> None:
        label, font = self.meta.marking, self.fonts.name(bold=True)
        pad = 3.0
        box_width = self._label_width()
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
        width, height = self.page.size
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
        size: float = 0.0,
        colour: str = "",
    ) -> None:
        size = size or self.size
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
    meta: DocMeta,
    theme: Theme,
    page: PageSetup,
    inline: InlineRenderer,
    letterhead: Letterhead | None = None,
) -> Furniture:
    """Escape and glyph-check the texts of header and footer, shortened as running.py says."""
    fonts = inline.fonts
    size = furniture_size(theme)
    texts = running_texts(meta, theme, page.text_width)
    room = page.text_width - (label_width(meta) if meta.tlp_colour else 0.0)
    number_room = stringWidth(page_number(888, 888, meta.language), fonts.name(), size) + LABEL_GAP

    def text(what: str, value: str, bold: bool = False) -> str:
        inline.where, inline.bold = f"page header/footer ({what})", bold
        try:
            return inline.text(value)
        finally:
            inline.bold = False

    organization, control = _fitted(
        (texts.organization, texts.control), room, fonts.name(bold=True), size
    )
    header = f'<font color="{theme.text_color}"><b>%s</b></font>' % text(
        "organization", organization, bold=True
    )
    if control:
        header += SEPARATOR + text("reference and version", control)
    title, date = _fitted((texts.title, texts.date), room - number_room, fonts.name(), size)
    footer = SEPARATOR.join(
        part for part in (text("short title", title), text("date", date)) if part
    )
    banner_size = _banner_size(meta.marking, fonts.name(bold=True), page.text_width)
    banner_size = banner_size if meta.banner else 0
    # never shortened: a marking cut short is a different marking; at BANNER_MIN it wraps
    inline.where, inline.bold = "page header/footer (marking)", True
    banner = inline.text(meta.marking) if banner_size else ""
    inline.bold = False
    return Furniture(
        theme=theme,
        fonts=fonts,
        page=page,
        meta=meta,
        size=size,
        header=header,
        footer=footer,
        banner_markup=f"<b>{banner}</b>" if banner else "",
        banner_size=banner_size,
        letterhead=letterhead,
    )


def _fitted(parts: tuple[str, str], room: float, font: str, size: float) -> tuple[str, str]:
    """The two parts of a line, the first shortened further (after a word) if the estimate in
    running.py was not enough for this font; the second is already short."""
    first, second = parts
    rest = stringWidth(SEPARATOR + second, font, size) if second else 0.0
    while first and stringWidth(first, font, size) + rest > room:
        first = shorten(first, len(first) - 1)
    return first, second


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


def _banner_size(marking: str, font: str, room: float) -> float:
    """The banner's font size: BANNER_SIZE, or smaller until it fits one line."""
    natural = stringWidth(marking, font, BANNER_SIZE)
    if natural <= room:
        return BANNER_SIZE
    return max(BANNER_MIN, BANNER_SIZE * room / natural)


def _degrees(width: float, height: float) -> float:
    """The angle of the page's rising diagonal."""
    return math.degrees(math.atan2(height, width))
