"""Paragraph styles built from the theme, so the PDF shares the DOCX writer's numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from briefwright.theme import Theme
from briefwright.writers.pdf.fonts import FontFamily


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
    body = _style(
        theme,
        "Body",
        fontName=fonts.name(),
        fontSize=theme.base_size,
        textColor=HexColor(theme.text_color),
        alignment=TA_LEFT,
        spaceAfter=theme.base_size * 0.6,
        # bullets of lists are drawn with our font too: the PDF must not mention Helvetica
        bulletFontName=fonts.name(),
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )
    bold, accent, muted = fonts.name(bold=True), HexColor(theme.accent_color), theme.muted_color
    size, small = theme.base_size, theme.meta_size
    title, subtitle = theme.title_size, theme.subtitle_size
    return Styles(
        body=body,
        title=_style(
            theme,
            "Title",
            body,
            fontName=bold,
            fontSize=title,
            leading=title * 1.15,
            textColor=accent,
            spaceAfter=title * 0.3,
        ),
        subtitle=_style(
            theme,
            "Subtitle",
            body,
            fontSize=subtitle,
            textColor=HexColor(muted),
            spaceAfter=subtitle * 0.8,
        ),
        meta=_style(
            theme, "Meta", body, fontSize=small, textColor=HexColor(muted), spaceAfter=small / 4
        ),
        headings=_heading_styles(theme, body, bold),
        quote=_style(theme, "Quote", body, fontName=fonts.name(italic=True), spaceAfter=size * 0.3),
        attribution=_style(
            theme, "Attribution", body, fontSize=small, textColor=HexColor(muted), spaceAfter=0
        ),
        callout_title=_style(
            theme,
            "CalloutTitle",
            body,
            fontName=bold,
            fontSize=small,
            textColor=accent,
            spaceAfter=small * 0.4,
        ),
        callout_body=_style(theme, "CalloutBody", body, fontSize=size * 1.05),
        cell=_style(theme, "Cell", body, fontSize=small, spaceAfter=0),
        header_cell=_style(theme, "HeaderCell", body, fontName=bold, fontSize=small, spaceAfter=0),
    )


def _heading_styles(theme: Theme, body: ParagraphStyle, bold: str) -> tuple:
    """Levels 1-3: the accent colour for the top two, all kept with what follows."""
    return tuple(
        _style(
            theme,
            f"Heading{level}",
            body,
            fontName=bold,
            fontSize=size,
            leading=size * 1.2,
            textColor=HexColor(theme.accent_color if level < 3 else theme.text_color),
            spaceBefore=size * (1.1 if level == 1 else 0.8),
            spaceAfter=size * 0.4,
            keepWithNext=1,
        )
        for level, size in enumerate(theme.heading_sizes, start=1)
    )


def _style(
    theme: Theme, name: str, parent: ParagraphStyle | None = None, **kw: Any
) -> ParagraphStyle:
    """A style whose leading follows the theme's line spacing unless given."""
    font_size = kw.get("fontSize", parent.fontSize if parent else theme.base_size)
    kw.setdefault("leading", font_size * theme.line_spacing)
    return ParagraphStyle(name, parent=parent, **kw)
