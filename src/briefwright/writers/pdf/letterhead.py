"""The letterhead on page 1 of the PDF: the theme's logo at the top left, its lines beside it.

The logo is scaled to fit logo.LOGO_BOX_MM and carries its alternative text as invisible text
over it, which text extraction and screen readers find where a tagged PDF would give /Alt
(reportlab writes no structure tree). The first line is the office's name, in the accent
colour; the others are smaller and muted. The TLP label, if any, sits on the first line's
baseline at the right.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from briefwright.logo import Logo, read_logo
from briefwright.theme import Theme
from briefwright.writers.pdf.markup import InlineRenderer
from briefwright.writers.pdf.pagesetup import PageSetup
from briefwright.writers.pdf.paragraph import Paragraph
from briefwright.writers.running import logo_alt

FROM_TOP = 10 * mm  # the letterhead's top edge below the page's
BELOW = 6 * mm  # free space between the letterhead and the text
BESIDE = 5 * mm  # between the logo and the lines


@dataclass(frozen=True)
class Letterhead:
    """The logo (if any) and the letterhead lines as ready markup."""

    logo: Logo | None
    alt: str
    lines: tuple[Paragraph, ...]
    logo_size: tuple[float, float]  # points
    font: str  # of the alternative text

    def height(self) -> float:
        """Points from the letterhead's top edge to its bottom."""
        text = sum(line.height for line in self.lines)
        return max(self.logo_size[1], text)

    def frame_top(self, page: PageSetup, banner: bool) -> float:
        """Where page 1's text may start: below the letterhead, or the margin if lower."""
        bottom_edge = page.height - self.top_offset(banner) - self.height() - BELOW
        return min(page.height - page.top, bottom_edge)

    @staticmethod
    def top_offset(banner: bool) -> float:
        return FROM_TOP + (5 * mm if banner else 0)

    def draw(self, canvas: Canvas, page: PageSetup, banner: bool) -> float:
        """Draw it on page 1; returns the first line's baseline (for the TLP label)."""
        top = page.height - self.top_offset(banner)
        x = page.left
        if self.logo is not None:
            width, height = self.logo_size
            image = ImageReader(io.BytesIO(self.logo.data))
            canvas.drawImage(image, x, top - height, width, height, mask="auto")
            self._alt_text(canvas, x, top - height / 2)
            x += width + BESIDE
        baseline = top - (self.lines[0].style.fontSize if self.lines else 0)
        y = top
        for line in self.lines:
            line.drawOn(canvas, x, y - line.height)
            y -= line.height
        return baseline

    def _alt_text(self, canvas: Canvas, x: float, y: float) -> None:
        if not self.alt:
            return
        text = canvas.beginText(x, y)
        text.setTextRenderMode(3)  # neither filled nor stroked: present, not seen
        text.setFont(self.font, 4)
        text.textOut(self.alt)
        text.setTextRenderMode(0)  # the mode outlives the text object: back to filled
        canvas.drawText(text)


def build_letterhead(theme: Theme, inline: InlineRenderer, width: float) -> Letterhead | None:
    """The theme's letterhead laid out for a text `width` points wide, or None without one."""
    if not theme.logo and not theme.letterhead:
        return None
    logo = read_logo(theme.logo) if theme.logo else None
    logo_width, logo_height = logo.size_mm() if logo else (0.0, 0.0)
    logo_size = (logo_width * mm, logo_height * mm)
    room = width - (logo_size[0] + BESIDE if logo else 0)
    fonts = inline.fonts
    lines = []
    for number, text in enumerate(theme.letterhead):
        first = number == 0
        size = theme.base_size + 1.5 if first else theme.meta_size
        style = ParagraphStyle(
            "Letterhead",
            fontName=fonts.name(bold=first),
            fontSize=size,
            leading=size * 1.25,
            textColor=HexColor(theme.accent_color if first else theme.muted_color),
        )
        inline.where, inline.bold = "letterhead", first
        try:
            paragraph = Paragraph(inline.text(text), style)
        finally:
            inline.bold = False
        paragraph.wrap(room, 10 * size)
        lines.append(paragraph)
    return Letterhead(logo, logo_alt(theme), tuple(lines), logo_size, fonts.name())
