"""One page count for every format of a render: the PDF layout's, carried into the DOCX.

The writers run side by side, so the DOCX writer cannot wait for the PDF's count; when both
were written, the DOCX's stored "of Y" is set from the PDF afterwards (writers/docx/pagecount).
"""

from __future__ import annotations

import io


def pdf_page_count(pdf: bytes) -> int | None:
    """The number of pages in the page tree of a PDF, or None if it cannot be read as one."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSException

    try:
        pages = resolve1(PDFDocument(PDFParser(io.BytesIO(pdf))).catalog["Pages"])
        count = resolve1(pages["Count"])
    except (PSException, KeyError, TypeError, ValueError, AttributeError):
        return None
    return count if isinstance(count, int) and count > 0 else None


def carry_page_count(outputs: dict[str, bytes]) -> None:
    """Give the DOCX in `outputs` the page count of the PDF beside it, if both are there."""
    if "pdf" not in outputs or "docx" not in outputs:
        return
    pages = pdf_page_count(outputs["pdf"])
    if pages is not None:
        from briefwright.writers.docx.pagecount import with_page_count

        outputs["docx"] = with_page_count(outputs["docx"], pages)
