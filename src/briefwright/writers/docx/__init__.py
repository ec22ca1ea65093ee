"""The DOCX writer: the document tree as a Word file built only from named styles.

python-docx is imported here and nowhere else in briefwright, so other formats never pay for it.
"""

from __future__ import annotations

from briefwright.doctree import nodes
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx.blocks import HANDLERS, write_blocks
from briefwright.writers.docx.contents import write_contents
from briefwright.writers.docx.context import Context
from briefwright.writers.docx.fonts import embed_fonts
from briefwright.writers.docx.furniture import set_control_properties, write_furniture
from briefwright.writers.docx.numbering import Numbering
from briefwright.writers.docx.package import open_package, set_properties
from briefwright.writers.docx.pagecount import estimate_pages, set_page_count
from briefwright.writers.docx.spacing import space_like_the_pdf
from briefwright.writers.look import look

__all__ = ["HANDLERS", "write"]


def write(doc: nodes.Document, theme: Theme, options: WriteOptions) -> bytes:
    """The DOCX file for `doc`: same tree, theme and options give the same bytes."""
    package = open_package(theme, options.reference_doc, doc.meta.language or "en")
    body = package.document.element.body
    # the body's own w:sectPr: the prepared document has one section and writes add none
    section = body.sectPr
    house = look(theme)
    ctx = Context(
        part=package.document,
        styles=package.style_ids,
        numbering=Numbering(package.numbering.element, package.lists),
        language=doc.meta.language or "en",
        text_width=int(section.page_width - section.left_margin - section.right_margin) // 635,
        table_font_size=house.table.cell.size,
        container=body,
        look=house,
    )
    write_blocks(doc.children, ctx)
    write_contents(doc, ctx)
    if options.reference_doc is None:  # a reference document's styles space it their way
        space_like_the_pdf(body, package.style_ids, house)
    write_furniture(package, section, doc.meta, ctx, theme)
    set_page_count(package, options.page_count or estimate_pages(doc, theme, ctx.text_width / 20))
    set_properties(package, doc.meta, options)
    set_control_properties(package, doc.meta)
    if options.reference_doc is None:  # a reference document's fonts are its own
        embed_fonts(package, theme, options.warn)
    return package.to_bytes(options.timestamp)
