"""One look in every format: the colours and sizes each writer emits are the theme's.

A theme unlike the default is rendered to DOCX, PDF and HTML; each file is read back (styles
from the DOCX, drawn characters and shapes from the PDF, rules from the HTML's stylesheet) and
compared with the theme, and with the house look derived from it (writers/look.py).
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx_helpers import rich_document
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve

from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx import write as write_docx
from briefwright.writers.html import write as write_html
from briefwright.writers.look import WHITE, look, mix
from briefwright.writers.pdf import write as write_pdf

THEME = Theme(
    accent_color="#8A1C44",
    text_color="#202830",
    muted_color="#6A5A4A",
    callout_fill="#F4EAD8",
    table_header_fill="#CFE3D6",
    base_size=10.0,
    title_size=24.0,
    subtitle_size=14.0,
    heading_sizes=(17.0, 13.5, 11.5),
    meta_size=8.5,
    line_spacing=1.3,
)
HOUSE = look(THEME)
OPTIONS = WriteOptions(timestamp=1747872000)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def hex_of(colour: str) -> str:
    return colour.lstrip("#").upper()


# --- the look itself ----------------------------------------------------------------------


def test_the_look_takes_its_colours_and_sizes_from_the_theme():
    assert (HOUSE.title.size, HOUSE.title.colour) == (24.0, "#8A1C44")
    assert [h.size for h in HOUSE.headings] == [17.0, 13.5, 11.5]
    assert [h.colour for h in HOUSE.headings] == ["#8A1C44", "#8A1C44", "#202830"]
    assert HOUSE.body.leading == pytest.approx(10.0 * 1.3)
    assert (HOUSE.callout.fill, HOUSE.callout.bar.colour) == ("#F4EAD8", "#8A1C44")
    assert HOUSE.quote.bar.colour == "#6A5A4A" and not HOUSE.quote.fill
    assert HOUSE.table.header_fill == "#CFE3D6"
    assert HOUSE.table.stripe == mix("#CFE3D6", WHITE, 0.7) == "#F1F7F3"


# --- DOCX ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def styles():
    return docx.Document(io.BytesIO(write_docx(rich_document(), THEME, OPTIONS))).styles


def _run(style) -> tuple[float, str, bool]:
    font = style.font
    return font.size.pt, str(font.color.rgb), bool(font.bold)


def test_docx_styles_set_type_as_the_theme_says(styles):
    assert _run(styles["Title"]) == (24.0, "8A1C44", True)
    assert _run(styles["Subtitle"]) == (14.0, "6A5A4A", False)
    assert [_run(styles[f"Heading {n}"]) for n in (1, 2, 3)] == [
        (17.0, "8A1C44", True),
        (13.5, "8A1C44", True),
        (11.5, "202830", True),
    ]
    assert _run(styles["Briefing Meta"])[:2] == (8.5, "6A5A4A")
    assert _run(styles["Table Text"])[:2] == (8.5, "202830")
    body = styles["Body Text"].paragraph_format
    assert body.line_spacing.pt == pytest.approx(13.0, abs=0.05)  # exactly the PDF's leading
    assert body.space_after.pt == pytest.approx(HOUSE.body.after, abs=0.05)
    defaults = styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}color").get(f"{W}val") == "202830"


def _border(element, path: str) -> tuple[str, int]:
    side = element.find(path)
    return side.get(f"{W}color"), int(side.get(f"{W}sz"))


def test_docx_draws_the_bars_boxes_and_rules_in_the_theme_colours(styles):
    assert all(styles[f"Heading {n}"].element.find(f".//{W}pBdr") is None for n in (1, 2, 3))
    assert _border(styles["Title Bar"].element, f".//{W}pBdr/{W}top") == ("8A1C44", 24)
    box = styles["Bottom Line Box"].element
    assert _border(box, f".//{W}tblBorders/{W}left") == ("8A1C44", 28)  # 3.5 pt
    assert box.find(f".//{W}tblBorders/{W}top").get(f"{W}val") == "nil"
    assert box.find(f".//{W}shd").get(f"{W}fill") == "F4EAD8"
    assert _border(styles["Quote"].element, f".//{W}pBdr/{W}left") == ("6A5A4A", 12)
    assert _border(styles["Attribution"].element, f".//{W}pBdr/{W}left") == ("6A5A4A", 12)


def test_docx_tables_have_the_header_and_zebra_rows_of_the_theme(styles):
    for name in ("Briefing Table", "Timeline Table"):
        table = styles[name].element
        conditions = {c.get(f"{W}type"): c for c in table.findall(f"{W}tblStylePr")}
        header, stripe = conditions["firstRow"], conditions["band2Horz"]
        assert header.find(f".//{W}shd").get(f"{W}fill") == "CFE3D6"
        assert _border(header, f".//{W}tcBorders/{W}bottom") == ("8A1C44", 6)
        assert _border(table, f"{W}tblPr/{W}tblBorders/{W}top") == ("8A1C44", 10)
        assert stripe.find(f".//{W}shd").get(f"{W}fill") == hex_of(HOUSE.table.stripe)
        assert _border(table, f"{W}tblPr/{W}tblBorders/{W}insideH")[0] == hex_of(
            HOUSE.table.row_rule.colour
        )


# --- PDF ----------------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    return tuple(int(value[n : n + 2], 16) / 255 for n in (0, 2, 4))  # type: ignore[return-value]


def _same(drawn, colour: str) -> bool:
    return drawn is not None and len(drawn) == 3 and drawn == pytest.approx(_rgb(colour), abs=0.01)


def _items(layout):
    for item in layout:
        yield item
        if hasattr(item, "__iter__") and not isinstance(item, LTChar):
            yield from _items(item)


@pytest.fixture(scope="module")
def pdf_page():
    data = write_pdf(rich_document(), THEME, OPTIONS)
    pages = list(extract_pages(io.BytesIO(data)))
    items = [item for page in pages for item in _items(page)]
    return items


def _chars_of(items, text: str) -> list[LTChar]:
    """The characters of the first line that starts with `text`."""
    for item in items:
        if (
            hasattr(item, "get_text")
            and item.get_text().startswith(text)
            and not isinstance(item, LTChar)
        ):
            chars = [c for c in _items(item) if isinstance(c, LTChar)]
            if chars:
                return chars
    raise AssertionError(f"no line starts with {text!r}")


@pytest.mark.parametrize(
    ("start", "size", "colour"),
    [
        ("Lavrov in Yerevan: Moscow", 24.0, "#8A1C44"),
        ("Analyst briefing", 14.0, "#6A5A4A"),
        ("Key points", 17.0, "#8A1C44"),
        ("Literal text", 13.5, "#8A1C44"),
        ("Other figures", 11.5, "#202830"),
        ("End.", 10.0, "#202830"),
        ("Date", 8.5, "#202830"),
    ],
)
def test_pdf_sets_type_as_the_theme_says(pdf_page, start, size, colour):
    char = _chars_of(pdf_page, start)[0]
    assert char.size == pytest.approx(size, abs=0.01)
    assert _same(char.graphicstate.ncolor, colour)


def _fills(items) -> list[tuple]:
    return [i.non_stroking_color for i in items if isinstance(i, LTCurve) and i.fill]


def _strokes(items) -> list[tuple[tuple, float]]:
    return [(i.stroking_color, i.linewidth) for i in items if isinstance(i, LTCurve) and i.stroke]


def test_pdf_draws_the_boxes_bars_and_zebra_rows_in_the_theme_colours(pdf_page):
    fills, strokes = _fills(pdf_page), _strokes(pdf_page)
    for colour in ("#F4EAD8", "#CFE3D6", HOUSE.table.stripe):  # box, table header, stripes
        assert any(_same(fill, colour) for fill in fills), colour
    for colour, width in (("#8A1C44", 3.0), ("#8A1C44", 3.5), ("#6A5A4A", 1.5)):
        assert any(_same(c, colour) and w == pytest.approx(width) for c, w in strokes)
    for rule in (HOUSE.table.header_rule_above, HOUSE.table.row_rule):
        assert any(_same(c, rule.colour) and w == pytest.approx(rule.thickness) for c, w in strokes)


# --- HTML ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def css() -> str:
    html = write_html(rich_document(), THEME, OPTIONS).decode("utf-8")
    return html.split("<style>", 1)[1].split("</style>", 1)[0]


def _rule(css: str, selector: str) -> str:
    found = re.search(rf"(?m)^{re.escape(selector)} \{{([^}}]*)\}}", css)
    assert found, selector
    return found.group(1)


@pytest.mark.parametrize(
    ("selector", "declarations"),
    [
        ("h1.title", ["font-size: 24pt", "color: #8A1C44", "font-weight: bold"]),
        ("h1.title::before", ["width: 48pt", "height: 3pt", "background: #8A1C44"]),
        (".subtitle", ["font-size: 14pt", "color: #6A5A4A"]),
        ("h2", ["font-size: 17pt", "color: #8A1C44"]),
        ("h3", ["font-size: 13.5pt", "color: #8A1C44"]),
        ("h4", ["font-size: 11.5pt", "color: #202830"]),
        (".callout", ["background: #F4EAD8", "border-left: 3.5pt solid #8A1C44"]),
        (".quote", ["border-left: 1.5pt solid #6A5A4A"]),
        ("table.data thead th", ["background: #CFE3D6", "border-top: 1.25pt solid #8A1C44"]),
        ("table.data tbody tr:nth-child(even)", [f"background: {HOUSE.table.stripe}"]),
    ],
)
def test_html_styles_draw_as_the_theme_says(css, selector, declarations):
    rule = _rule(css, selector)
    for declaration in declarations:
        assert declaration in rule, (selector, declaration)


# --- list markers -------------------------------------------------------------------------


def test_every_format_marks_list_depths_alike(css, pdf_page):
    document = docx.Document(io.BytesIO(write_docx(rich_document(), THEME, OPTIONS)))
    numbering = document.part.numbering_part.element
    levels = {
        abstract.get(f"{W}abstractNumId"): [
            (level.find(f"{W}numFmt").get(f"{W}val"), level.find(f"{W}lvlText").get(f"{W}val"))
            for level in abstract.findall(f"{W}lvl")[:3]
        ]
        for abstract in numbering.findall(f"{W}abstractNum")
    }
    assert sorted(levels.values()) == [
        [("bullet", "\u2022"), ("bullet", "\u2013"), ("bullet", "\u25aa")],
        [("decimal", "%1."), ("lowerLetter", "%2."), ("lowerRoman", "%3.")],
    ]
    nested = _chars_of(pdf_page, "\u2013")  # the marker of "Nested point", a list in a list
    assert "".join(c.get_text() for c in nested).startswith("\u2013")
    assert _same(nested[0].graphicstate.ncolor, "#8A1C44")
    assert ':is(ul, ol) ul { list-style-type: "\\2013 ' in css
    assert ":is(ul, ol) ol { list-style-type: lower-alpha; }" in css
