"""The PDF writer: the document tree laid out with reportlab platypus.

Fonts are embedded TrueType (DejaVu Sans unless the theme says otherwise), every text run is
escaped before it meets Paragraph markup, and the file is built in invariant mode with the
briefing's timestamp, so the same input gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import os
import time
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import LayoutError

from briefwright.doctree import nodes
from briefwright.errors import RenderError
from briefwright.i18n.texts import furniture_texts
from briefwright.theme import Theme
from briefwright.writers.base import PagesFound, WriteOptions
from briefwright.writers.pdf.blocks import BLOCK_HANDLERS, render_block
from briefwright.writers.pdf.canvas import PagedCanvas
from briefwright.writers.pdf.contents import (
    PageNumber,
    anchor,
    contents_list,
    draw_numbers,
    planned,
)
from briefwright.writers.pdf.context import Context
from briefwright.writers.pdf.failures import too_large
from briefwright.writers.pdf.fonts import BUNDLED_FAMILY, load_family
from briefwright.writers.pdf.furniture import build_furniture
from briefwright.writers.pdf.layout import BriefingTemplate, outline_root
from briefwright.writers.pdf.letterhead import build_letterhead
from briefwright.writers.pdf.markup import INLINE_HANDLERS, GlyphReport, InlineRenderer
from briefwright.writers.pdf.pagesetup import page_setup
from briefwright.writers.pdf.paragraph import Paragraph
from briefwright.writers.pdf.record import LayoutRecord, sections
from briefwright.writers.pdf.styles import build_styles

# the exhaustive dispatch table; tests check that it names every node class
HANDLERS = {**INLINE_HANDLERS, **BLOCK_HANDLERS}


@dataclass(frozen=True)
class LaidOut:
    """A PDF and what its layout found: pages, each heading's page, text past the budget."""

    data: bytes
    pages: int
    outline: tuple[tuple[int, str, int], ...]  # (level, text, page) of the title and headings
    page_height: float  # points a page has for text
    overflow: float = 0.0  # points of text past the budget's last page (0 within it)
    crossing: str = ""  # the block that runs onto the first page past the budget


def write(doc: nodes.Document, theme: Theme, options: WriteOptions) -> bytes:
    """Lay out `doc` as a PDF and return its bytes, telling options.pages_found how many pages
    it has and (when the document has a contents list) where each heading fell."""
    laid = lay_out(doc, theme, options)
    headings = tuple(page for level, _, page in laid.outline if level >= 1)
    options.pages_found(PagesFound(laid.pages, headings if doc.meta.contents else ()))
    return laid.data


def lay_out(
    doc: nodes.Document, theme: Theme, options: WriteOptions, budget: int | None = None
) -> LaidOut:
    """Lay out `doc` as a PDF; `budget`, if given, is the pages it may fill (see LaidOut)."""
    _check_source_date_epoch()
    fonts = load_family(theme.font_family, theme.font_files)
    fallbacks = () if fonts.family == BUNDLED_FAMILY else (load_family(BUNDLED_FAMILY),)
    tried = " or ".join(repr(family.family) for family in (fonts, *fallbacks))
    report = GlyphReport(f"font family {tried}")
    inline = InlineRenderer(
        fonts,
        report,
        link_color=theme.accent_color,
        code_fill=theme.table_header_fill,
        fallbacks=fallbacks,
    )
    page = page_setup(theme, options.reference_doc, options.warn)
    letterhead = build_letterhead(theme, inline, page.text_width)
    first_top = letterhead.frame_top(page, doc.meta.banner) if letterhead else None
    out = io.BytesIO()
    record = LayoutRecord(budget=budget)
    template = BriefingTemplate(
        doc.meta, theme, page, options.version, fonts.name(), out, first_top, record
    )
    ctx = Context(theme, build_styles(theme, fonts), inline, width=template.frame_width)
    entries = planned(doc.children) if doc.meta.contents else []
    heading = furniture_texts(doc.meta.language).contents
    contents, numbers = contents_list(ctx, entries, heading)
    story = outline_root(doc) + _story(ctx, doc, record, contents)
    furniture = build_furniture(doc.meta, theme, page, inline, letterhead)
    report.finish(options.strict, options.warn)
    canvasmaker = functools.partial(
        PagedCanvas,
        furniture=furniture,
        timestamp=options.timestamp,
        late=functools.partial(_page_numbers, numbers, record) if numbers else None,
    )
    try:
        template.build(story, canvasmaker=canvasmaker)
    except LayoutError:
        raise too_large(theme, template.in_hand, template.page, template.frame_height) from None
    return LaidOut(
        data=out.getvalue(),
        pages=record.pages,
        page_height=template.frame_height,
        outline=tuple(entry[:3] for entry in record.outline),
        overflow=record.overflow,
        crossing=record.crossing,
    )


def _story(
    ctx: Context, doc: nodes.Document, record: LayoutRecord, contents: list[Flowable]
) -> list[Flowable]:
    """The blocks' flowables, each named for the record, headings given their bookmark names,
    and the contents list, if any, before the first heading."""
    story: list[Flowable] = []
    headings = 0
    for block, section in zip(doc.children, sections(doc.children), strict=True):
        flowables = render_block(ctx, block)
        record.name(flowables, block, section)
        if isinstance(block, nodes.Heading):
            headings += 1
            if headings == 1:
                story += contents
            for flowable in flowables:
                if isinstance(flowable, Paragraph) and flowable.outline:
                    flowable.anchor = anchor(headings)
        story += flowables
    return story


def _page_numbers(numbers: list[PageNumber], record: LayoutRecord, canvas: Canvas) -> None:
    """The contents' page numbers, from the pages the headings' bookmarks went to."""
    draw_numbers(canvas, numbers, {key: page for _, _, page, key in record.outline})


def _check_source_date_epoch() -> None:
    """Refuse a SOURCE_DATE_EPOCH that reportlab, which reads it itself, would crash on."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return
    try:
        time.gmtime(int(value))  # what reportlab does with it
    except (ValueError, OverflowError, OSError):
        raise RenderError(
            f"SOURCE_DATE_EPOCH={value[:40]!r} cannot date a PDF: it must be a whole number of"
            " seconds since 1970 (dates past the year 9999 are written as 9999)"
        ) from None
