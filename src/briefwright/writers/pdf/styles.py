"""Paragraph styles from the house look (writers/look.py), which the DOCX and HTML share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from briefwright.theme import Theme
from briefwright.writers.look import Look, Text, look
from briefwright.writers.pdf.fonts import FontFamily


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the PDF writer uses, by role, and the look they come from."""

    look: Look
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
    """Every style, each set as the look says."""
    house = look(theme)
    body = _style("Body", house.body, fonts)
    heading_one, heading_two, heading_three = (
        _style(f"Heading{level}", text, fonts, body, keepWithNext=1)
        for level, text in enumerate(house.headings, start=1)
    )
    return Styles(
        look=house,
        body=body,
        title=_style("Title", house.title, fonts, body),
        subtitle=_style("Subtitle", house.subtitle, fonts, body),
        meta=_style("Meta", house.meta, fonts, body),
        headings=(heading_one, heading_two, heading_three),
        quote=_style("Quote", house.quote_text, fonts, body),
        attribution=_style("Attribution", house.attribution, fonts, body),
        callout_title=_style("CalloutTitle", house.callout_title, fonts, body),
        callout_body=_style("CalloutBody", house.callout_body, fonts, body),
        cell=_style("Cell", house.table.cell, fonts, body),
        header_cell=_style("HeaderCell", house.table.header, fonts, body),
    )


def _style(
    name: str,
    text: Text,
    fonts: FontFamily,
    parent: ParagraphStyle | None = None,
    keepWithNext: int = 0,  # noqa: N803 - reportlab's name
) -> ParagraphStyle:
    """A style of our font family set as `text` says (capitals are the text's, not the style's)."""
    extra = {} if parent is not None else _body_only(fonts)
    return ParagraphStyle(
        name,
        parent=parent,
        fontName=fonts.name(bold=text.bold, italic=text.italic),
        fontSize=text.size,
        leading=text.leading,
        textColor=HexColor(text.colour),
        spaceBefore=text.before,
        spaceAfter=text.after,
        keepWithNext=keepWithNext,
        **extra,
    )


def _body_only(fonts: FontFamily) -> dict[str, Any]:
    """What every style inherits from the body's."""
    return {
        "alignment": TA_LEFT,
        # bullets of lists are drawn with our font too: the PDF must not mention Helvetica
        "bulletFontName": fonts.name(),
        "splitLongWords": 1,
        # no line of a paragraph left alone at the foot or the head of a page
        "allowWidows": 0,
        "allowOrphans": 0,
    }
