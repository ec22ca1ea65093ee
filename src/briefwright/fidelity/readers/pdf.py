"""PDF articles: text in reading order, running headers, footers and page numbers dropped,
line-end hyphenation undone, ligatures folded; every line located as "page P, line L".

pdfminer.six lays the page out into text boxes (paragraphs) and lines with their positions,
which is what finding the repeated lines at the top and bottom of pages needs.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from typing import Any

from briefwright.fidelity.readers.document import Article, ArticleBuilder, Metadata, Place
from briefwright.fidelity.readers.hyphens import Vocabulary, join_lines
from briefwright.fidelity.readers.plain import NotReadable

MAX_PAGES = 1000
MAX_SECONDS = 60.0
# Lines this close to the top or bottom edge (a share of the page height) may be furniture.
_MARGIN = 0.12
_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|seite|página|стр\.?)?\s*[-–—(]?\s*#+\s*[-–—)]?\s*(?:(?:of|/|von|de|из)\s*#+)?$",
    re.I,
)
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": "",
    }  # fmt: skip
)


@dataclass
class _Line:
    text: str
    page: int
    number: int  # 1-based on its page, counted from the top
    top: float  # distance from the top edge, as a share of the page height


def read_pdf(data: bytes) -> Article:
    """The running text of a PDF, located by page and line."""
    boxes, metadata = _layout(data)
    furniture = _furniture([line for box in boxes for line in box])
    paragraphs: list[list[_Line]] = []
    for box in boxes:
        body = [line for line in box if not _is_furniture(line, furniture)]
        for part in _split_paragraphs(body):
            if paragraphs and _continues(paragraphs[-1], part):
                paragraphs[-1].extend(part)
            else:
                paragraphs.append(part)
    vocabulary = Vocabulary(line.text for part in paragraphs for line in part)
    builder = ArticleBuilder()
    for part in paragraphs:
        pieces = join_lines([line.text for line in part], vocabulary)
        builder.paragraph(
            [
                (text, Place(label=f"page {line.page}, line {line.number}"))
                for text, line in zip(pieces, part, strict=True)
            ]
        )
    if not builder.text_length():
        raise NotReadable("no text in the PDF (a scan needs OCR first)")
    return builder.build("pdf", metadata)


def _layout(data: bytes) -> tuple[list[list[_Line]], Metadata]:
    """Every text box of every page, as lines, and the document's metadata."""
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    deadline = time.monotonic() + MAX_SECONDS
    boxes: list[list[_Line]] = []
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        metadata = _metadata(document.info)
        for index, page in enumerate(PDFPage.create_pages(document), start=1):
            if index > MAX_PAGES:
                raise NotReadable(f"more than {MAX_PAGES} pages")
            if time.monotonic() > deadline:
                raise NotReadable(f"reading took longer than {MAX_SECONDS:g} seconds")
            layout = _render(page, LAParams())
            height = (layout.y1 - layout.y0) or 1.0
            number = 0
            for element in layout:
                if not isinstance(element, LTTextContainer):
                    continue
                box = []
                for line in element:
                    if isinstance(line, LTTextLine) and line.get_text().strip():
                        number += 1
                        top = (layout.y1 - line.y1) / height
                        box.append(_Line(_clean(line.get_text()), index, number, top))
                boxes.append(box)
    except NotReadable:
        raise
    except Exception as error:  # pdfminer raises many types for a broken or encrypted file
        raise NotReadable(f"not a readable PDF: {type(error).__name__}: {error}") from None
    return boxes, metadata


def _render(page: Any, params: Any) -> Any:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=params)
    PDFPageInterpreter(resources, device).process_page(page)
    return device.get_result()


def _clean(text: str) -> str:
    """Ligatures and soft hyphens folded, justification's extra spaces collapsed, and the
    space some typesetters leave before a line-end hyphen ("Ar -") removed."""
    text = re.sub(r"[ \t\u00a0]{2,}", " ", text.translate(_LIGATURES)).strip()
    return re.sub(r"(?<=[^\W\d_]) (?=-$)", "", text)


def _shape(text: str) -> str:
    """A line with its digits blanked and case folded: running headers differ only there."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _is_furniture(line: _Line, furniture: set[str]) -> bool:
    return _in_margin(line) and _shape(line.text) in furniture


def _in_margin(line: _Line) -> bool:
    return not _MARGIN < line.top < 1 - _MARGIN


def _furniture(lines: list[_Line]) -> set[str]:
    """Shapes of running headers, footers and page numbers: near the top or bottom edge and
    either a page number or repeated on more than one page (on most pages, if there are many)."""
    pages = max((line.page for line in lines), default=0)
    seen: dict[str, set[int]] = {}
    found: set[str] = set()
    for line in lines:
        if not _in_margin(line):
            continue
        shape = _shape(line.text)
        if _PAGE_NUMBER.match(shape):
            found.add(shape)
        seen.setdefault(shape, set()).add(line.page)
    needed = 2 if pages <= 3 else max(2, pages // 2)
    found.update(shape for shape, on in seen.items() if len(on) >= needed)
    return found


_ENDS = re.compile(r"[.!?:;”\"’»)\]]$")


def _split_paragraphs(box: list[_Line]) -> list[list[_Line]]:
    """A box split where a line ends a sentence well short of the box's longest line."""
    if not box:
        return []
    width = max(len(line.text) for line in box)
    parts: list[list[_Line]] = [[]]
    for index, line in enumerate(box):
        parts[-1].append(line)
        short = len(line.text) < 0.7 * width
        if short and _ENDS.search(line.text) and index + 1 < len(box):
            parts.append([])
    return parts


def _continues(previous: list[_Line], part: list[_Line]) -> bool:
    """True if `part` carries on a paragraph cut by a page break (lower-case start, no end)."""
    last, first = previous[-1], part[0]
    return (
        first.page == last.page + 1
        and not _ENDS.search(last.text)
        and (first.text[:1].islower() or last.text.endswith("-"))
    )


def _metadata(info: list[dict[str, Any]]) -> Metadata:
    from pdfminer.utils import decode_text

    def field(name: str) -> str | None:
        for entry in info:
            value = entry.get(name)
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    return Metadata(title=field("Title"), author=field("Author"))
