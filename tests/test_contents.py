"""Contents lists (`toc = true`, on for analyst): in the PDF a list whose page numbers and links
match the outline; in the DOCX Word's TOC field with its entries already filled in."""

from __future__ import annotations

import io
import re

import docx
import pytest
from conftest import SAMPLE
from docx.oxml.ns import qn
from pdf_layout import page_lines
from pypdf import PdfReader

from briefwright import render_bytes

HEADINGS = [
    "Key points",
    "In their words",
    "Timeline",
    "Implications",
    "Recommendations",
    "Source",
]


@pytest.fixture(scope="module")
def analyst() -> dict[str, bytes]:
    return render_bytes(SAMPLE, formats=("pdf", "docx"))


def outline_pages(reader: PdfReader) -> dict[str, int]:
    """Each bookmark's title and page (from 1), the nested ones too."""
    found: dict[str, int] = {}

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    return found


def pdf_contents(data: bytes) -> list[tuple[str, int]]:
    """(entry, page number) of each line of the contents list on page 1."""
    _, lines = page_lines(data)[0]
    texts = [text for text, *_ in lines]
    start = texts.index("Contents") + 1
    entries = []
    for text in texts[start:]:
        match = re.fullmatch(r"(.+?)(\d+)", text)
        if not match:
            break
        entries.append((match.group(1), int(match.group(2))))
    return entries


def test_the_pdf_contents_list_matches_the_outline(analyst):
    reader = PdfReader(io.BytesIO(analyst["pdf"]))
    contents = pdf_contents(analyst["pdf"])
    assert [entry for entry, _ in contents] == HEADINGS
    outline = outline_pages(reader)
    assert contents == [(entry, outline[entry]) for entry, _ in contents]
    assert len({page for _, page in contents}) > 2  # the headings spread over the pages
    assert "Contents" not in outline  # the list is not a heading of its own


def test_each_pdf_contents_entry_links_to_its_heading(analyst):
    reader = PdfReader(io.BytesIO(analyst["pdf"]))
    pages = [page.indirect_reference for page in reader.pages]
    links = [
        annotation.get_object()
        for annotation in reader.pages[0].get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    internal = [link["/Dest"] for link in links if "/Dest" in link]
    targets = [pages.index(destination[0]) + 1 for destination in internal]
    assert targets == [page for _, page in pdf_contents(analyst["pdf"])]


def test_the_docx_has_a_toc_field_with_its_entries_filled_in(analyst):
    reader = PdfReader(io.BytesIO(analyst["pdf"]))
    outline = outline_pages(reader)
    document = docx.Document(io.BytesIO(analyst["docx"]))
    body = document.element.body
    codes = [code.text.strip() for code in body.iter(qn("w:instrText"))]
    assert codes[0] == 'TOC \\o "1-2" \\h \\z \\u'
    entries = [p for p in document.paragraphs if p.style.name == "TOC 1"]
    shown = [(p.text.split("\t")[0], p.text.split("\t")[1]) for p in entries]
    # each entry shows the page the PDF gives its heading, before Word updates anything
    assert shown == [(heading, str(outline[heading])) for heading in HEADINGS]
    references = [code.split()[1] for code in codes if code.startswith("PAGEREF")]
    bookmarks = {
        mark.get(qn("w:name")): "".join(t.text for t in paragraph.iter(qn("w:t")))
        for paragraph in body.iter(qn("w:p"))
        for mark in paragraph.iter(qn("w:bookmarkStart"))
    }
    assert [bookmarks[name] for name in references] == HEADINGS
    links = [link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))]
    assert links[: len(references)] == references
    # the field closes after the last entry, before the first heading
    styles = [p.style.name for p in document.paragraphs]
    first_heading = styles.index("Heading 1")
    assert styles[first_heading - len(HEADINGS) - 1 : first_heading] == ["TOC Heading"] + [
        "TOC 1"
    ] * len(HEADINGS)


@pytest.mark.parametrize("template", ["executive", "brief-note", "public"])
def test_short_templates_have_no_contents(template):
    outputs = render_bytes(SAMPLE, template=template, formats=("pdf", "docx"))
    _, lines = page_lines(outputs["pdf"])[0]
    assert "Contents" not in [text for text, *_ in lines]
    document = docx.Document(io.BytesIO(outputs["docx"]))
    assert not any(p.style.name.startswith("TOC") for p in document.paragraphs)


def test_the_analyst_docx_with_contents_validates(analyst, tmp_path):
    from ooxml import ooxml_problems

    assert ooxml_problems(analyst["docx"], folder=tmp_path) == ""


def shown_pages(data: bytes) -> list[str]:
    """The page number each DOCX contents entry shows, before Word updates the field."""
    document = docx.Document(io.BytesIO(data))
    return [p.text.split("\t")[1] for p in document.paragraphs if p.style.name == "TOC 1"]


def test_a_docx_alone_still_shows_the_pdfs_page_numbers(analyst):
    alone = render_bytes(SAMPLE, formats=("docx",))["docx"]
    outline = outline_pages(PdfReader(io.BytesIO(analyst["pdf"])))
    assert shown_pages(alone) == [str(outline[heading]) for heading in HEADINGS]
    assert alone == analyst["docx"]  # the same bytes, whatever else was rendered


def test_a_font_only_word_has_leaves_the_numbers_to_word(analyst):
    warnings: list[str] = []
    outputs = render_bytes(
        SAMPLE, formats=("docx",), font="Font Not Installed", warn=warnings.append
    )
    assert shown_pages(outputs["docx"]) == [""] * len(HEADINGS)
    assert any("page numbers are left for Word to fill in (F9)" in w for w in warnings)
