"""The DOCX writer: the document tree as a Word file built only from named styles.

python-docx is imported here and nowhere else in briefwright, so other formats never pay for it.
"""

from __future__ import annotations

from briefwright.doctree import nodes
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx.blocks import HANDLERS, write_blocks
from briefwright.writers.docx.context import Context
from briefwright.writers.docx.furniture import write_furniture
from briefwright.writers.docx.numbering import Numbering
from briefwright.writers.docx.package import open_document, set_properties, to_bytes

__all__ = ["HANDLERS", "write"]


def write(doc: nodes.Document, theme: Theme, options: WriteOptions) -> bytes:
    """The DOCX file for `doc`: same tree, theme and options give the same bytes."""
    document, prepared = open_document(theme, options.reference_doc)
    # the body's own w:sectPr: the prepared document has one section and writes add none
    section = document.element.body.sectPr
    ctx = Context(
        part=document.part,
        styles=prepared.style_ids,
        numbering=Numbering(document.part.numbering_part.element, prepared.lists),
        language=doc.meta.language or "en",
        text_width=int(section.page_width - section.left_margin - section.right_margin) // 635,
        table_font_size=theme.base_size - 1,
        container=document.element.body,
    )
    write_blocks(doc.children, ctx)
    write_furniture(document.part, section, doc.meta, ctx)
    set_properties(document, doc.meta, options)
    return to_bytes(document, prepared, options.timestamp)
