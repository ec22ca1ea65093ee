"""The running header and footer: texts shortened after a word, the same in DOCX and PDF, and
the page number beside the TLP label on the footer's baseline, never under it."""

from __future__ import annotations

import io

import docx
import pytest
from docx_helpers import meta
from pdf_layout import page_lines

from briefwright.doctree import nodes as n
from briefwright.theme import Theme
from briefwright.writers import get_writer
from briefwright.writers.base import WriteOptions
from briefwright.writers.running import ELLIPSIS, running_texts, shorten

LONG = "Drought curbs trade across the Caspian as ports on both shores wait for the spring rains"


@pytest.mark.parametrize(
    ("text", "most", "shortened"),
    [
        ("Drought curbs trade", 30, "Drought curbs trade"),
        ("Drought curbs trade", 17, "Drought curbs" + ELLIPSIS),
        ("Drought curbs trade", 14, "Drought curbs" + ELLIPSIS),  # the space at the cut
        ("Drought curbs trade", 13, "Drought" + ELLIPSIS),
        ("Drought, curbs", 12, "Drought" + ELLIPSIS),  # no comma before the ellipsis
        ("Unbreakable", 6, "Unbre" + ELLIPSIS),  # one word longer than the room
        ("x", 1, "x"),
        ("xy", 1, ""),
    ],
)
def test_shortened_after_a_word(text, most, shortened):
    assert shorten(text, most) == shortened
    assert len(shorten(text, most)) <= most


def document(**changes) -> n.Document:
    return n.Document(meta(**changes), (n.Paragraph((n.Text("Body."),)),))


def write(fmt: str, doc: n.Document) -> bytes:
    return get_writer(fmt)(doc, Theme(), WriteOptions(timestamp=1747872000))


@pytest.fixture(scope="module")
def long_title() -> dict[str, bytes]:
    doc = document(title=LONG, short_title=LONG)
    return {fmt: write(fmt, doc) for fmt in ("docx", "pdf")}


def test_a_long_title_is_cut_after_a_word_and_alike_in_both_formats(long_title):
    expected = running_texts(document(short_title=LONG).meta, Theme(), 166 / 25.4 * 72)
    assert expected.title.endswith(ELLIPSIS) and LONG.startswith(expected.title[:-1])
    assert LONG[len(expected.title) - 1] == " "  # the cut falls between words
    footer = docx.Document(io.BytesIO(long_title["docx"])).sections[0].footer.paragraphs[0]
    assert footer.text.split("\t")[0] == expected.footer
    _, lines = page_lines(long_title["pdf"])[0]
    footer_line = next(line for line in lines if line[0].startswith(LONG[:20]))
    # pdfminer reads the separator's en spaces as plain spaces
    assert " ".join(footer_line[0].split()).startswith(" ".join(expected.footer.split()))


def footer_runs(data: bytes) -> list[tuple[str, float, float, float]]:
    """(text, x0, x1, baseline) of each run of characters at the foot of page 1."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def chars(item):
        if isinstance(item, LTChar):
            yield item
        for child in item if hasattr(item, "__iter__") else ():
            yield from chars(child)

    page = next(extract_pages(io.BytesIO(data)))
    found = sorted((c for c in chars(page) if c.y0 < 60), key=lambda c: c.x0)
    runs: list[tuple[str, float, float, float]] = []
    for char in found:
        baseline = round(char.matrix[5], 1)  # where the glyph sits, whatever its size
        if runs and runs[-1][3] == baseline and char.x0 - runs[-1][2] < 3:
            text, x0, _, _ = runs[-1]
            runs[-1] = (text + char.get_text(), x0, char.x1, baseline)
        else:
            runs.append((char.get_text(), char.x0, char.x1, baseline))
    return runs


def test_page_number_and_label_share_the_footer_baseline_without_touching(long_title):
    runs = footer_runs(long_title["pdf"])
    assert len({baseline for *_, baseline in runs}) == 1, runs
    texts = [text for text, *_ in runs]
    assert texts[-2:] == ["Page 1 of 1", "TLP:AMBER"], texts
    for (_, _, right, _), (_, left, _, _) in zip(runs, runs[1:], strict=False):
        assert right < left, runs
