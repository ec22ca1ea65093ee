"""Paragraph styles built from the theme, so the PDF shares the DOCX writer's numbers."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from briefwright.fonts import FontFamily
from briefwright.theme import Theme


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the PDF writer uses, by role."""

    body: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    meta: ParagraphStyle
    headings: tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]
    quote: ParagraphStyle
    attribution: ParagraphStyle
    callout_title: ParagraphStyle
    callout_body: ParagraphStyle
    cell: ParagraphStyle
    header_cell: ParagraphStyle


def build_styles(theme: Theme, fonts: FontFamily) -> Styles:
    """Derive all styles from the theme's sizes, colours and line spacing."""
    text = HexColor(theme.text_color)
    accent = HexColor(theme.accent_color)
    muted = HexColor(theme.muted_color)
    size = theme.base_size

    def style(name: str, parent: ParagraphStyle | None = None, **kw) -> ParagraphStyle:
        font_size = kw.get("fontSize", parent.fontSize if parent else size)
        kw.setdefault("leading", font_size * theme.line_spacing)
        return ParagraphStyle(name, parent=parent, **kw)

    body = style(
        "Body",
        fontName=fonts.name(),
        fontSize=size,
        textColor=text,
        alignment=TA_LEFT,
        spaceAfter=size * 0.6,
        # bullets of lists are drawn with our font too: the PDF must not mention Helvetica
        bulletFontName=fonts.name(),
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )
    headings = tuple(
        style(
            f"Heading{level}",
            body,
            fontName=fonts.name(bold=True),
            fontSize=hsize,
            leading=hsize * 1.2,
            textColor=accent if level < 3 else text,
            spaceBefore=hsize * (1.1 if level == 1 else 0.8),
            spaceAfter=hsize * 0.4,
            keepWithNext=1,
        )
        for level, hsize in enumerate(theme.heading_sizes, start=1)
    )
    small = theme.meta_size
    return Styles(
        body=body,
        title=style(
            "Title",
            body,
            fontName=fonts.name(bold=True),
            fontSize=theme.title_size,
            leading=theme.title_size * 1.15,
            textColor=accent,
            spaceAfter=theme.title_size * 0.3,
        ),
        subtitle=style(
            "Subtitle",
            body,
            fontSize=theme.subtitle_size,
            textColor=muted,
            spaceAfter=theme.subtitle_size * 0.8,
        ),
        meta=style("Meta", body, fontSize=small, textColor=muted, spaceAfter=small * 0.25),
        headings=headings,  # type: ignore[arg-type]
        quote=style("Quote", body, fontName=fonts.name(italic=True), spaceAfter=size * 0.3),
        attribution=style("Attribution", body, fontSize=small, textColor=muted, spaceAfter=0),
        callout_title=style(
            "CalloutTitle",
            body,
            fontName=fonts.name(bold=True),
            fontSize=small,
            textColor=accent,
            spaceAfter=small * 0.4,
        ),
        callout_body=style("CalloutBody", body, fontSize=size * 1.05),
        cell=style("Cell", body, fontSize=small, spaceAfter=0),
        header_cell=style(
            "HeaderCell", body, fontName=fonts.name(bold=True), fontSize=small, spaceAfter=0
        ),
    )
