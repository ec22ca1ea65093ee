"""The DOCX breaks pages where the PDF does: same fonts, sizes, spacing and keep rules.

Checked by laying the DOCX out with a second engine, LibreOffice (skipped where it is not
installed; CI installs it).
"""

from __future__ import annotations

import io

import docx
import pytest
from conftest import SAMPLE
from libreoffice import docx_to_pdfs, needs_soffice, page_count
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer

import briefwright

TEMPLATES = ("analyst", "brief-note", "executive", "public")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, tuple[int, int]]:
    """Per built-in template: the PDF's pages, and the DOCX's as LibreOffice lays them out."""
    needs_soffice()
    outputs = {
        template: briefwright.render_bytes(SAMPLE, formats=("pdf", "docx"), template=template)
        for template in TEMPLATES
    }
    converted = docx_to_pdfs(
        {template: out["docx"] for template, out in outputs.items()},
        tmp_path_factory.mktemp("libreoffice"),
    )
    return {t: (page_count(outputs[t]["pdf"]), page_count(converted[t])) for t in TEMPLATES}


def test_the_two_page_brief_note_is_two_pages_as_docx(pages):
    assert pages["brief-note"] == (2, 2)


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_docx_has_as_many_pages_as_the_pdf(pages, template):
    pdf, docx = pages[template]
    assert docx == pdf


def test_table_columns_are_shared_out_alike():
    outputs = briefwright.render_bytes(SAMPLE, formats=("pdf", "docx"), template="analyst")
    tables = docx.Document(io.BytesIO(outputs["docx"])).tables
    timeline = next(table for table in tables if table.style.name == "Timeline Table")
    date, event, _ = (column.width for column in timeline.columns)
    starts: dict[str, float] = {}
    for page in extract_pages(io.BytesIO(outputs["pdf"])):
        for line in (line for box in page if isinstance(box, LTTextContainer) for line in box):
            starts.setdefault(line.get_text().strip(), line.x0)
    pdf_date = starts["Event"] - starts["Date"]
    pdf_event = starts["Significance"] - starts["Event"]
    assert date / (date + event) == pytest.approx(pdf_date / (pdf_date + pdf_event), abs=0.03)
