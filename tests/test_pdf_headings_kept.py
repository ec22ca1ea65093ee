"""A heading never ends a PDF page alone: it moves on with the quote that follows it."""

from __future__ import annotations

from conftest import pdf_pages_text
from docx_helpers import meta

from briefwright.doctree import nodes as n
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.pdf import write

FILLER = "Filler text that takes up a line or two of the page before the heading. " * 3


def test_a_heading_before_a_quote_is_never_left_at_the_foot_of_a_page():
    quote = n.Quote(
        (n.Paragraph((n.Text("A quotation long enough to need several lines. " * 4),)),),
        (n.Text("Speaker"),),
    )
    for fillers in range(10, 40):
        body = [n.Paragraph((n.Text(f"{i} {FILLER}"),)) for i in range(fillers)]
        doc = n.Document(meta(), (*body, n.Heading(1, (n.Text("In their words"),)), quote))
        pages = pdf_pages_text(write(doc, Theme(), WriteOptions()))
        heading = next(i for i, page in enumerate(pages) if "In their words" in page)
        assert "A quotation long enough" in pages[heading], f"alone with {fillers} fillers"
