"""PDF layout: page sizes, long tables, oversized content and words that would overflow."""

from __future__ import annotations

import io

import pytest
from conftest import pdf_page_drawing
from pypdf import PdfReader
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm

from briefwright.doctree import nodes as n
from briefwright.errors import RenderError
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.pdf import write
from briefwright.writers.pdf.tables import column_widths

T = n.Text
META = n.DocMeta(title="Layout", marking="TLP:CLEAR")


def render(*blocks: n.Block, theme: Theme | None = None) -> bytes:
    return write(n.Document(META, blocks), theme or Theme(), WriteOptions())


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def timeline(rows: int) -> n.Table:
    header = ((T("Date"),), (T("Event"),), (T("Significance"),))
    body = tuple(
        ((T(f"Day {i}"),), (T(f"Event {i} " + "words " * 12),), (T(f"Why {i} matters"),))
        for i in range(rows)
    )
    return n.Table(header, body)


@pytest.mark.parametrize(("size", "points"), [("A4", (595.28, 841.89)), ("Letter", (612, 792))])
def test_theme_page_size(size, points):
    box = PdfReader(io.BytesIO(render(n.Paragraph((T("x"),)), theme=Theme(page_size=size))))
    media = box.pages[0].mediabox
    assert (float(media.width), float(media.height)) == pytest.approx(points, abs=0.01)


def test_theme_values_reach_the_page():
    theme = Theme(
        margin_left_mm=40,
        title_size=30,
        heading_sizes=(19, 13, 11),
        accent_color="#123456",
        callout_fill="#ABCDEF",
        table_header_fill="#FEDCBA",
    )
    blocks = (
        n.Title((T("Title"),)),
        n.Callout("important", (T("Bottom line"),), (n.Paragraph((T("Boxed"),)),)),
        n.Heading(1, (T("Heading"),)),
        n.Table(((T("Date"),), (T("Event"),)), (((T("1991"),), (T("x"),)),)),
    )
    page = PdfReader(io.BytesIO(render(*blocks, theme=theme))).pages[0]
    stream = pdf_page_drawing(page)
    for colour in ("#123456", "#ABCDEF", "#FEDCBA"):
        assert f"{fp_str(*HexColor(colour).rgb())} rg" in stream, colour
    assert " 30 Tf" in stream and " 19 Tf" in stream
    xs = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: xs.append(tm[4] + cm[4]))
    assert min(x for x in xs if x > 0) == pytest.approx(40 * mm, abs=0.5)


def test_long_table_repeats_its_header_on_every_page_and_keeps_every_row():
    texts = pages(render(n.Heading(1, (T("Timeline"),)), timeline(150)))
    assert len(texts) > 3
    for text in texts:
        assert "Date Event Significance" in " ".join(text.split())
    joined = " ".join(" ".join(texts).split())
    assert all(f"Day {i} Event {i} " in joined for i in range(150))


def test_heading_stays_with_the_start_of_a_long_table():
    filler = tuple(n.Paragraph((T("Filler paragraph " * 30),)) for _ in range(6))
    texts = pages(render(*filler, n.Heading(1, (T("Timeline"),)), timeline(60)))
    heading_page = next(i for i, text in enumerate(texts) if "Timeline" in text)
    # the table starts right under its heading rather than on a fresh page
    assert "Day 0" in texts[heading_page]


def test_no_heading_is_left_alone_at_the_foot_of_a_page():
    blocks = []
    for i in range(100):
        if i % 2:
            item = n.ListItem((n.Paragraph((T("Item words " * (1 + i % 5)),)),))
            blocks.append(n.BulletList((item,) * (1 + i % 3)))
        else:
            blocks.append(n.Paragraph((T("Filler words to push things down. " * (1 + i % 9)),)))
        blocks.append(n.Heading(1 + i % 3, (T(f"Heading{i}"),)))
        follower = f"Follower{i} " + "and some more text " * (3 + (i % 4) * 4)  # 1 to 4 lines
        blocks.append(n.Paragraph((T(follower),)))
    texts = pages(render(*blocks))
    for i in range(100):
        page = next(text for text in texts if f"Heading{i}\n" in text)
        assert f"Follower{i}" in page, i


def test_two_thousand_rows_lay_out():
    rows = tuple(((T(f"Day {i}"),), (T(f"Event {i}"),)) for i in range(2000))
    texts = pages(render(n.Table(((T("Date"),), (T("Event"),)), rows)))
    assert len(texts) > 30
    assert "Day 1999 Event 1999" in " ".join(texts[-1].split())


@pytest.mark.parametrize(
    "block",
    [
        n.Paragraph((T("word " * 8000),)),
        n.Table(((T("A"),), (T("B"),)), (((T("x"),), (T("cell " * 4000),)),)),
        n.Quote((n.Paragraph((T("quote " * 4000),)),), (T("Speaker"),)),
        n.Callout("important", (T("Bottom line"),), (n.Paragraph((T("box " * 4000),)),)),
        n.BulletList((n.ListItem((n.Paragraph((T("item " * 4000),)),)),)),
    ],
    ids=["paragraph", "table-cell", "quote", "callout", "list-item"],
)
def test_content_longer_than_a_page_flows_on(block):
    texts = pages(render(block))
    assert len(texts) > 1


def test_an_unbroken_word_wraps_inside_the_page():
    word = "x" * 700
    for blocks in (
        [n.Paragraph((T(word),))],
        [n.Table(((T("A"),), (T("B"),)), (((T(word),),) * 2,))],
    ):
        lines = [line for line in pages(render(*blocks))[0].splitlines() if set(line) == {"x"}]
        assert len(lines) > 3
        assert max(len(line) for line in lines) < 110  # a full text line holds about 90


def test_quote_stays_on_one_page_with_its_attribution():
    filler = tuple(n.Paragraph((T("Filler " * 40),)) for _ in range(8))
    quote = n.Quote((n.Paragraph((T("Quoted sentence " * 25),)),), (T("Sergey Lavrov"),))
    texts = pages(render(*filler, quote))
    page = next(i for i, text in enumerate(texts) if "Quoted sentence" in text)
    assert "Sergey Lavrov" in texts[page]
    assert "Quoted sentence" not in "".join(texts[:page] + texts[page + 1 :])


CRAMPED = Theme(
    base_size=72,
    line_spacing=3,
    margin_top_mm=60,
    margin_bottom_mm=60,
    margin_left_mm=60,
    margin_right_mm=60,
)


def test_layout_errors_name_the_content_and_the_theme_not_reportlab_objects():
    # three 216 pt lines on a 502 pt frame, and no widow or orphan allowed: it cannot split
    with pytest.raises(RenderError) as caught:
        render(n.Paragraph((T("Alpha beta gamma"),)), theme=CRAMPED)
    message = str(caught.value)
    assert message.startswith("PDF layout failed on page 2: the paragraph 'Alpha beta gamma'")
    assert "(648 pt tall) does not fit in the 502 pt a page has for text" in message
    assert "text 72 pt, line spacing 3" in message and "(60/60/60/60 mm)" in message
    assert "0x" not in message and "Flowable" not in message


def test_a_layout_that_keeps_making_pages_is_stopped(monkeypatch):
    from briefwright.writers.pdf import layout

    monkeypatch.setattr(layout, "MAX_PAGES", 3)
    with pytest.raises(RenderError, match="PDF layout stopped at .* pages while placing a table"):
        render(timeline(200))


def test_first_column_is_narrower_and_widths_fill_the_frame():
    rows = [[(T("20 May 2025"),), (T("A long event description " * 3),), (T("Why " * 10),)]] * 4
    widths = column_widths(rows, 3, 450.0, lambda word: 5.0 * len(word))
    assert sum(widths) == pytest.approx(450.0)
    assert widths[0] < min(widths[1:])
    assert column_widths(rows, 1, 450.0, len) == [450.0]


def test_no_column_is_narrower_than_its_longest_word():
    rows = [[(T("by December 2025 (expected)"),), (T("Event " * 40),), (T("Why " * 40),)]]
    widths = column_widths(rows, 3, 450.0, lambda word: 8.0 * len(word))
    assert widths[0] >= 8.0 * len("(expected)") + 10
    assert sum(widths) == pytest.approx(450.0)


@pytest.mark.parametrize("words", [529, 536, 662, 669])
def test_a_table_kept_with_its_heading_never_repeats_its_header_on_one_page(words):
    # fillers that end page 1 where the split part of the table would fit below its start
    header = ((T("Date"),), (T("Event"),), (T("Significance"),))
    rows = tuple(
        (
            (T(f"Day {i}"),),
            (T(f"Event {i} " + "words " * (4 + 7 * (i % 3))),),
            (T(f"Why {i} matters " + "so " * (3 * (i % 4))),),
        )
        for i in range(12)
    )
    filler = n.Paragraph((T("word " * words),))
    texts = pages(render(filler, n.Heading(1, (T("Timeline"),)), n.Table(header, rows)))
    headers = [" ".join(text.split()).count("Date Event Significance") for text in texts]
    assert headers == [1, 1]
