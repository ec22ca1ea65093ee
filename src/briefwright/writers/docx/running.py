"""The running header's line in the DOCX: organisation, reference and version, as in the PDF."""

from __future__ import annotations

from briefwright.doctree.nodes import DocMeta
from briefwright.writers.docx.context import Context, RunFormat
from briefwright.writers.docx.inlines import text_runs
from briefwright.writers.docx.xml import Element
from briefwright.writers.running import SEPARATOR, header_parts

_LEAD = RunFormat(bold=True)
_PLAIN = RunFormat()


def header_line(meta: DocMeta, ctx: Context) -> Element:
    """A paragraph of the Header style (its rule below it) holding the header's text."""
    paragraph = ctx.paragraph("Header")
    lead, rest = header_parts(meta)
    if lead:
        text_runs(paragraph, lead, ctx, _LEAD)
    if rest:
        text_runs(paragraph, SEPARATOR.join(["", *rest] if lead else rest), ctx, _PLAIN)
    return paragraph
