"""PDF markings where a reader sees them: banners centred at the top and bottom of every page,
TLP labels in the corners, a diagonal DRAFT across every page; found by the position of the
drawn characters, not by the text alone."""

from __future__ import annotations

import io
import math

import pytest
from pdf_layout import drawn_words, page_lines
from pypdf import PdfReader

from briefwright.doctree import nodes as n
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.pdf import write

OPTIONS = WriteOptions(timestamp=1747872000, version="9.9")


def document(pages: int = 3, **meta: str) -> bytes:
    info = {"title": "Long brief", "organization": "Policy Unit", "date_label": "22 May 2025"}
    body = tuple(n.Paragraph((n.Text(f"Paragraph {i}. " + "Words in a row. " * 60),)) for i in
                 range(pages * 5))  # fmt: skip
    return write(n.Document(n.DocMeta(**{**info, **meta}), body), Theme(), OPTIONS)


def test_a_banner_marking_is_centred_at_the_top_and_bottom_of_every_page():
    pages = page_lines(document(marking="official-sensitive"))
    assert len(pages) >= 3
    for width, lines in pages:
        banners = [line for line in lines if "OFFICIAL-SENSITIVE" in line[0]]
        assert [line[0] for line in banners] == ["OFFICIAL-SENSITIVE"] * 2
        top, bottom = banners
        assert top == lines[0] and bottom == lines[-1]  # nothing above or below them
        for _, x0, x1, _, font in banners:
            assert abs((x0 + x1) / 2 - width / 2) < 1.0
            assert "Bold" in font
        # header and footer still there, between the banners
        texts = [line[0] for line in lines]
        assert any(text.startswith("Policy Unit") for text in texts)
        assert any("Page " in text for text in texts)


def test_a_long_banner_shrinks_to_one_line_and_is_never_cut_short():
    marking = "RESTRICTED " * 8 + "EYES ONLY"
    width, lines = page_lines(document(pages=1, marking=marking))[0]
    banners = [line for line in lines if line[0].startswith("RESTRICTED")]
    assert [line[0] for line in banners] == [marking] * 2  # whole, each on one line
    for _, x0, x1, _, _ in banners:
        assert x0 > 0 and x1 < width


def test_a_tlp_marking_is_its_label_at_the_right_not_a_banner():
    width, lines = page_lines(document(pages=1, marking="tlp:amber"))[0]
    labels = [line for line in lines if "TLP:AMBER" in line[0]]
    assert len(labels) == 2
    right_margin = width - Theme().margin_right_mm * 72 / 25.4
    for _, _, x1, _, _ in labels:
        assert abs(x1 - (right_margin - 3)) < 2  # right-aligned, inside its black box
    assert not [line for line in lines if abs((line[1] + line[2]) / 2 - width / 2) < 1
                and "TLP" in line[0]]  # fmt: skip


@pytest.mark.parametrize("marking", ["", "TLP:GREEN", "OFFICIAL"])
def test_a_draft_has_a_large_diagonal_watermark_on_every_page(marking):
    reader = PdfReader(io.BytesIO(document(marking=marking, status="draft")))
    assert len(reader.pages) >= 3
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    for page in reader.pages:
        marks = [(m, size) for text, m, size in drawn_words(page) if text == "DRAFT"]
        assert len(marks) == 1
        (a, b), size = marks[0]
        angle = math.degrees(math.atan2(b, a))
        assert abs(angle - math.degrees(math.atan2(height, width))) < 1  # corner to corner
        assert size > 100


def test_a_final_briefing_has_no_watermark():
    reader = PdfReader(io.BytesIO(document(pages=1, status="final")))
    assert "DRAFT" not in reader.pages[0].extract_text()


def test_reference_and_version_in_the_header_and_the_document_info():
    data = document(pages=1, marking="tlp:green", status="draft", version="0.3",
                    reference="EAU-2025-117")  # fmt: skip
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata["/Keywords"] == "TLP:GREEN, DRAFT, Reference EAU-2025-117, Version 0.3"
    _, lines = page_lines(data)[0]
    header = next(line[0] for line in lines if line[0].startswith("Policy Unit"))
    assert header.replace("\u2002", " ") == "Policy Unit · Ref. EAU-2025-117 · Version 0.3"
