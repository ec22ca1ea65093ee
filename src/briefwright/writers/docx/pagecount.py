"""The page count a DOCX shows before anything lays it out: the NUMPAGES field's cached result.

Word and LibreOffice count the pages again whenever they lay the document out; a previewer
that does not (a mail attachment preview, Quick Look, an indexer) shows the result stored in
the file. That result is the PDF layout's page count when the PDF was made from the same tree
(the DOCX is built to paginate as the PDF does), passed in as WriteOptions.page_count or set
afterwards by `with_pdf_pages` (which sets the contents' page numbers too); otherwise an
estimate from the length of the text.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Iterator

from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from lxml import etree

from briefwright.doctree import nodes
from briefwright.theme import Theme
from briefwright.writers.base import PagesFound
from briefwright.writers.docx.archive import Entry, deflate, zip_bytes
from briefwright.writers.docx.parts import Package
from briefwright.writers.docx.xml import Element

_FIELD = "NUMPAGES"
_PAGEREF = "PAGEREF"
_TOC_BOOKMARK = re.compile(r"\b_Toc(\d{8})\b")
_BODY = "word/document.xml"
_CHAR = qn("w:fldChar")
_TYPE = qn("w:fldCharType")
_INSTRUCTION = qn("w:instrText")
_TEXT = qn("w:t")
_SIMPLE = qn("w:fldSimple")
_STORY = re.compile(r"word/(header|footer)\d*\.xml")
_AVERAGE_WIDTH = 0.5  # em: the average advance of a character of DejaVu Sans in prose
_LOCAL_HEADER = 30  # bytes of a zip entry's local header before its name


def set_page_count(package: Package, pages: int) -> None:
    """Store `pages` as the result of every NUMPAGES field in headers and footers."""
    for story in package.stories.values():
        if story.element.tag in (qn("w:hdr"), qn("w:ftr")):
            set_results(story.element, pages)


def set_results(root: Element, pages: int) -> bool:
    """Set the NUMPAGES results under `root`; whether there was one."""
    found = False
    for _, texts in _field_results(root, _FIELD):
        _show(texts, str(pages))
        found = True
    return found


def set_contents_pages(root: Element, headings: tuple[int, ...]) -> bool:
    """Set the page shown by each contents entry (a PAGEREF to the heading's bookmark
    _Toc00000003, numbered from 1 in the body's order) to `headings`; whether any changed."""
    found = False
    for instruction, texts in _field_results(root, _PAGEREF):
        match = _TOC_BOOKMARK.search(instruction)
        number = int(match.group(1)) if match else 0
        if 0 < number <= len(headings):
            _show(texts, str(headings[number - 1]))
            found = True
    return found


def _show(texts: list[Element], shown: str) -> None:
    for n, text in enumerate(texts):
        text.text = shown if n == 0 else ""


def _field_results(root: Element, field: str) -> Iterator[tuple[str, list[Element]]]:
    """The instruction and the w:t elements of each `field` field's result, complex fields and
    simple ones."""
    for simple in root.iter(_SIMPLE):
        instruction = simple.get(qn("w:instr"), "")
        if instruction.split()[:1] == [field]:
            yield instruction, list(simple.iter(_TEXT))
    for paragraph in root.iter(qn("w:p")):
        state, instruction = "", ""
        result: list[Element] = []
        for element in paragraph.iter(_CHAR, _INSTRUCTION, _TEXT):
            if element.tag == _CHAR:
                kind = element.get(_TYPE)
                if kind == "begin":
                    state, instruction, result = "code", "", []
                elif kind == "separate":
                    state = "result"
                elif kind == "end":
                    if instruction.split()[:1] == [field] and result:
                        yield instruction, result
                    state, instruction, result = "", "", []
            elif element.tag == _INSTRUCTION and state == "code":
                instruction += element.text or ""
            elif element.tag == _TEXT and state == "result":
                result.append(element)


def with_pdf_pages(docx: bytes, pages: PagesFound) -> bytes:
    """The DOCX file `docx` (as the writer made it) with what the PDF's layout found: `pages.total`
    as its NUMPAGES results and `pages.headings` as its contents' page numbers. The same bytes
    the writer makes when it is given them; every other member is copied, still compressed."""
    entries = []
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        members = archive.infolist()
        for info in members:
            changed = None
            if _STORY.fullmatch(info.filename):
                changed = _edited(archive.read(info), lambda r: set_results(r, pages.total))
            elif info.filename == _BODY and pages.headings:
                changed = _edited(
                    archive.read(info), lambda r: set_contents_pages(r, pages.headings)
                )
            entries.append(deflate(info.filename, changed) if changed else _as_stored(docx, info))
    return zip_bytes(entries, members[0].date_time if members else (1980, 1, 1, 0, 0, 0))


def _edited(xml: bytes, edit: Callable[[Element], bool]) -> bytes | None:
    """The part edited, or None if `edit` found nothing to change."""
    root = etree.fromstring(xml, oxml_parser)
    if not edit(root):
        return None
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def _as_stored(docx: bytes, info: zipfile.ZipInfo) -> Entry:
    """A member's compressed bytes, as the writer stored them (its entries have no extras)."""
    start = info.header_offset + _LOCAL_HEADER + len(info.filename.encode())
    return Entry(info.filename, info.CRC, info.file_size, docx[start : start + info.compress_size])


def estimate_pages(doc: nodes.Document, theme: Theme, text_width_pt: float) -> int:
    """Pages the document will take, from the length of its text: lines of average width,
    each block's spacing, rows of tables by their longest cell."""
    width, height = theme.page_size_mm
    frame = (height - theme.margin_top_mm - theme.margin_bottom_mm) * 72 / 25.4
    total = sum(_block_height(block, theme, text_width_pt) for block in doc.children)
    return max(1, math.ceil(total / frame))


def _block_height(block: nodes.Block, theme: Theme, width: float) -> float:
    size, leading = theme.base_size, theme.base_size * theme.line_spacing
    if isinstance(block, nodes.Title | nodes.Subtitle | nodes.Heading):
        size = theme.title_size if isinstance(block, nodes.Title) else theme.heading_sizes[0]
        return _lines(nodes.plain_text(block.children), size, width) * size * 1.2 + size
    if isinstance(block, nodes.Table):
        rows = (block.header, *block.rows)
        room = width / (max(len(row) for row in rows) or 1)
        lines = [max(_lines(nodes.plain_text(c), size, room) for c in row) for row in rows]
        return sum(lines) * leading + len(rows) * 9
    if isinstance(block, nodes.BulletList | nodes.OrderedList):
        return sum(_children_height(item, theme, width - 2 * size) for item in block.items)
    if isinstance(block, nodes.Quote | nodes.Callout | nodes.ListItem):
        return _children_height(block, theme, width - 2 * size) + size
    text = nodes.plain_text(getattr(block, "children", ()))
    return _lines(text, size, width) * leading + size * 0.6


def _children_height(block: nodes.Block, theme: Theme, width: float) -> float:
    children = getattr(block, "children", ())
    return sum(_block_height(child, theme, width) for child in children)


def _lines(text: str, size: float, width: float) -> int:
    per_line = max(1, int(width / (size * _AVERAGE_WIDTH)))
    return max(1, math.ceil(len(text) / per_line))
