"""The page count a DOCX stores for Page X of Y: the PDF's when both are made, or an estimate."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from conftest import SAMPLE
from docx_helpers import rich_document
from lxml import etree
from pypdf import PdfReader

import briefwright
from briefwright.theme import Theme
from briefwright.writers.base import PagesFound, WriteOptions
from briefwright.writers.docx import write
from briefwright.writers.docx.pagecount import set_results, with_pdf_pages

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OPTIONS = WriteOptions(timestamp=1747872000, version="0.test")
TEMPLATES = ("analyst", "brief-note", "executive", "public")


def field_results(blob: bytes) -> dict[str, list[str]]:
    """The stored result of each PAGE and NUMPAGES field in the footer, by instruction."""
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        footer = etree.fromstring(package.read("word/footer1.xml"))
    results: dict[str, list[str]] = {}
    for paragraph in footer.iter(f"{{{W}}}p"):
        runs = list(paragraph.iter(f"{{{W}}}r"))
        for n, run in enumerate(runs):
            code = run.find(f"{{{W}}}instrText")
            if code is not None:
                result = runs[n + 2].find(f"{{{W}}}t")  # after the separating fldChar
                results.setdefault(code.text.strip(), []).append(result.text)
    return results


def test_the_count_the_caller_knows_is_stored():
    blob = write(rich_document(), Theme(), WriteOptions(timestamp=0, page_count=7))
    assert field_results(blob) == {"PAGE": ["1"], "NUMPAGES": ["7"]}


@pytest.mark.parametrize("template", TEMPLATES)
def test_rendered_with_the_pdf_the_docx_stores_the_pdfs_page_count(template, monkeypatch):
    # an estimate that is always wrong: what the DOCX stores must come from the PDF
    monkeypatch.setattr("briefwright.writers.docx.estimate_pages", lambda *args: 42)
    outputs = briefwright.render_bytes(SAMPLE, formats=("pdf", "docx"), template=template)
    pages = len(PdfReader(io.BytesIO(outputs["pdf"])).pages)
    assert field_results(outputs["docx"])["NUMPAGES"] == [str(pages)]


def test_the_analyst_briefing_says_it_has_more_than_one_page():
    outputs = briefwright.render_bytes(SAMPLE, formats=("docx", "pdf"), template="analyst")
    assert int(field_results(outputs["docx"])["NUMPAGES"][0]) > 1


def test_a_count_set_afterwards_gives_the_file_the_writer_would_have_made():
    doc = rich_document()
    later = with_pdf_pages(write(doc, Theme(), OPTIONS), PagesFound(9))
    assert later == write(doc, Theme(), replace(OPTIONS, page_count=9))
    assert later != write(doc, Theme(), OPTIONS)


@pytest.mark.parametrize("template", TEMPLATES)
def test_alone_the_docx_stores_an_estimate_within_a_page_of_the_pdf(template):
    alone = briefwright.render_bytes(SAMPLE, formats="docx", template=template)["docx"]
    pdf = briefwright.render_bytes(SAMPLE, formats="pdf", template=template)["pdf"]
    estimate = int(field_results(alone)["NUMPAGES"][0])
    assert abs(estimate - len(PdfReader(io.BytesIO(pdf)).pages)) <= 1


def test_a_simple_field_gets_the_count_too():
    footer = etree.fromstring(
        f'<w:ftr xmlns:w="{W}"><w:p><w:fldSimple w:instr=" NUMPAGES \\* MERGEFORMAT ">'
        "<w:r><w:t>1</w:t></w:r><w:r><w:t>0</w:t></w:r></w:fldSimple></w:p></w:ftr>"
    )
    assert set_results(footer, 12)
    assert [t.text for t in footer.iter(f"{{{W}}}t")] == ["12", ""]


def test_contents_pages_set_afterwards_give_the_file_the_writer_would_have_made():
    from briefwright.doctree import nodes
    from briefwright.pipeline.pages import given_heading_pages
    from briefwright.pipeline.steps import build_document
    from briefwright.summary import load_summary
    from briefwright.templating.discovery import resolve_template

    doc = build_document(load_summary(SAMPLE), resolve_template("analyst"), verified=False)
    assert doc.meta.contents
    count = sum(isinstance(block, nodes.Heading) for block in doc.children)
    headings = tuple(range(3, 3 + count))
    told = write(given_heading_pages(doc, headings), Theme(), replace(OPTIONS, page_count=7))
    later = with_pdf_pages(write(doc, Theme(), OPTIONS), PagesFound(7, headings))
    assert later == told
    assert later != with_pdf_pages(write(doc, Theme(), OPTIONS), PagesFound(7))
