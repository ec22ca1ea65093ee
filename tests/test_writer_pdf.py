"""The PDF writer, read back with pypdf: text in order, escaping, furniture, metadata, outline."""

from __future__ import annotations

import io

import pytest
from conftest import pdf_page_drawing
from pypdf import PdfReader

from briefwright.doctree import nodes as n
from briefwright.errors import RenderError
from briefwright.markings import tlp_colour
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.pdf import HANDLERS, write
from briefwright.writers.pdf.blocks import render_block
from briefwright.writers.pdf.context import Context

T = n.Text
META = n.DocMeta(
    title="Lavrov in Yerevan",
    short_title="Lavrov visit",
    author="Policy Planning Unit",
    organization="Ministry of Foreign Affairs",
    date="2025-05-22",
    date_label="22 May 2025",
    marking="TLP:AMBER",
    subject="Russia and Armenia",
    keywords=("Armenia", "Russia"),
)


def para(*inlines) -> n.Paragraph:
    return n.Paragraph(tuple(T(x) if isinstance(x, str) else x for x in inlines))


def every_node_doc() -> n.Document:
    """One of each node type, each carrying a distinct text."""
    return n.Document(
        META,
        (
            n.Title((T("Title words"),)),
            n.Subtitle((T("Subtitle words"),)),
            n.MetaLine((n.Strong((T("Source:"),)), T(" meta words "), n.Code("code words"))),
            n.Callout("important", (T("Bottom line"),), (para("Callout words"),)),
            n.ThematicBreak(),
            n.Heading(1, (T("Heading one"),)),
            para("Plain ", n.Emphasis((T("emphasised"),)), " and ", n.Strong((T("strong"),))),
            n.BulletList((n.ListItem((para("Bullet item"),)),)),
            n.OrderedList((n.ListItem((para("Numbered item"),)),), start=3),
            n.Heading(2, (T("Heading two"),)),
            n.Quote((para("Quoted words"),), (T("Quote Speaker, Role"),)),
            n.Heading(3, (T("Heading three"),)),
            n.Table(((T("Date"),), (T("Event"),)), (((T("May 2025"),), (T("Table event"),)),)),
            para("Before", n.LineBreak(), "after ", n.Link("https://example.org/a", (T("link"),))),
        ),
    )


def render(doc: n.Document, theme: Theme | None = None, **options) -> bytes:
    options.setdefault("version", "9.9")
    return write(doc, theme or Theme(), WriteOptions(**options))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return " ".join(text.split())


def assert_in_order(text: str, parts: list[str]) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing after position {position} in {text!r}"
        position = found + len(part)


def test_every_node_class_has_a_handler():
    assert set(HANDLERS) == set(n.ALL_NODE_TYPES)


def test_a_node_without_handler_is_an_error():
    class Unknown:
        line = 0

    with pytest.raises(RenderError, match="no handler for Unknown"):
        render_block(Context(Theme(), None, None, 100.0), Unknown())


def test_every_node_text_appears_in_order():
    text = squash(" ".join(page_texts(render(every_node_doc()))))
    assert_in_order(
        text,
        [
            "Title words",
            "Subtitle words",
            "Source: meta words code words",
            "BOTTOM LINE",
            "Callout words",
            "Heading one",
            "Plain emphasised and strong",
            "Bullet item",
            "3. Numbered item",
            "Heading two",
            "Quoted words",
            "— Quote Speaker, Role",
            "Heading three",
            "Date Event",
            "May 2025 Table event",
            "Before after link",
        ],
    )


def test_empty_and_nested_nodes_render():
    empty = (
        n.Title(()),
        n.Subtitle(()),
        n.MetaLine(()),
        n.Heading(1, ()),
        n.Paragraph(()),
        n.BulletList(()),
        n.OrderedList((n.ListItem(()),)),
        n.Quote(()),
        n.Callout("note", (), ()),
        n.Table((), ()),
        n.Table(((T("Only header"),),), ()),
    )
    inner = n.BulletList((n.ListItem((para("inner item"),)),))
    nested = (
        n.BulletList((n.ListItem((para("outer item"), inner)),)),
        n.Quote((n.Table(((T("In quote"),),), ()), inner), (T("Speaker"),)),
        n.Callout("note", (T("Box"),), (inner, para("after list"))),
    )
    text = squash(" ".join(page_texts(render(n.Document(META, empty + nested)))))
    assert_in_order(
        text, ["Only header", "outer item", "inner item", "In quote", "inner item", "Speaker"]
    )
    assert_in_order(text, ["BOX", "inner item", "after list", "Page 1 of 1"])


HOSTILE = [
    "<img src=x>",
    "<font color=red>",
    '<a href="https://evil.example">',
    "&amp; & &lt;",
    "{{ 7*7 }}",
    "* # | <b>",
    "</para>",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markup_in_text_comes_out_literally(hostile):
    doc = n.Document(
        n.DocMeta(title=hostile, marking=hostile),
        (n.Heading(1, (T(hostile),)), para(hostile), n.Quote((para(hostile),), (T(hostile),))),
    )
    data = render(doc)
    text = page_texts(data)[0]
    assert text.count(hostile) >= 5  # heading, paragraph, quote, attribution, header, footer
    assert not _link_uris(data)


def test_only_link_nodes_with_safe_schemes_become_links():
    doc = n.Document(
        META,
        (
            para(n.Link("javascript:alert(1)", (T("js"),)), " ", n.Link("file:///etc", (T("f"),))),
            para(n.Link("mailto:desk@example.org", (T("mail"),))),
            para(n.Link('https://example.org/?q="x"&y=<1>', (T("web"),))),
        ),
    )
    data = render(doc)
    assert _link_uris(data) == ["mailto:desk@example.org", 'https://example.org/?q="x"&y=<1>']
    assert "js f" in page_texts(data)[0]


def _link_uris(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots") or []
    ]


def long_doc(rows: int = 120, marking: str = "TLP:AMBER") -> n.Document:
    table_rows = tuple(
        ((T(f"{i} May"),), (T(f"Event number {i} in a long timeline"),)) for i in range(rows)
    )
    meta = n.DocMeta(
        title="Long", short_title="Long brief", date_label="22 May 2025", marking=marking
    )
    header = ((T("Date"),), (T("Event"),))
    return n.Document(meta, (n.Heading(1, (T("Timeline"),)), n.Table(header, table_rows)))


def test_furniture_on_every_page():
    texts = page_texts(render(long_doc()))
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert text.count("TLP:AMBER") == 2, text  # header and footer
        assert f"Page {number} of {len(texts)}" in text
        assert "Information as of 22 May 2025" in text
        assert "Long brief" in text


def test_tlp_label_is_drawn_in_its_colour_on_black():
    data = render(long_doc(rows=3, marking="tlp:red"))
    page = PdfReader(io.BytesIO(data)).pages[0]
    stream = pdf_page_drawing(page)
    assert "1 .168627 .168627 rg" in stream  # #FF2B2B
    assert "0 0 0 rg" in stream
    assert " 12 Tf" in stream  # TLP labels are at least 12 pt
    assert "TLP:RED" in page.extract_text()


@pytest.mark.parametrize(
    ("marking", "colour"),
    [
        ("TLP:RED", "#FF2B2B"),
        ("TLP:AMBER", "#FFC000"),
        ("TLP:AMBER+STRICT", "#FFC000"),
        (" tlp:green ", "#33FF00"),
        ("TLP:CLEAR", "#FFFFFF"),
        ("TLP:WHITE", "#FFFFFF"),  # TLP 1.0's name of TLP:CLEAR
        ("OFFICIAL", None),
    ],
)
def test_tlp_labels_follow_the_standard(marking, colour):
    assert tlp_colour(marking) == colour


def test_long_furniture_texts_are_shortened_to_one_line():
    long_title = "A very long short title that goes on " * 6
    meta = n.DocMeta(
        title="x", short_title=long_title, organization=long_title, date_label="1 May 2025"
    )
    text = page_texts(render(n.Document(meta, (para("body"),))))[0]
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("A very long"))
    assert header.endswith("\u2026") and len(header) < len(long_title)
    footer = next(line for line in lines if "Information as of 1 May 2025" in line)
    assert "\u2026" in footer
    assert "Page 1 of 1" in text


def test_plain_marking_is_shown_as_written():
    text = page_texts(render(long_doc(rows=3, marking="OFFICIAL-SENSITIVE")))[0]
    assert text.count("OFFICIAL-SENSITIVE") == 2


def test_document_info():
    reader = PdfReader(io.BytesIO(render(every_node_doc(), timestamp=1747872000)))
    info = reader.metadata
    assert info.title == "Lavrov in Yerevan"
    assert info.author == "Policy Planning Unit"
    assert info.subject == "Russia and Armenia"
    # the marking first: the Info dictionary has no field of its own for it
    assert info["/Keywords"] == "TLP:AMBER, Armenia, Russia"
    assert info.creator == "briefwright 9.9"
    assert info["/CreationDate"].startswith("D:20250522000000")


def test_outline_mirrors_title_and_headings():
    reader = PdfReader(io.BytesIO(render(every_node_doc())))
    assert _outline(reader, reader.outline) == [
        ("Title words", 0),
        ("Heading one", 1),
        ("Heading two", 2),
        ("Heading three", 3),
    ]


def test_outline_without_title_node_uses_meta_title_and_never_skips_levels():
    doc = n.Document(META, (n.Heading(3, (T("Deep"),)), n.Heading(1, (T("Top"),))))
    reader = PdfReader(io.BytesIO(render(doc)))
    assert _outline(reader, reader.outline) == [("Lavrov in Yerevan", 0), ("Deep", 1), ("Top", 1)]


def _outline(reader: PdfReader, items, level: int = 0) -> list[tuple[str, int]]:
    out = []
    for item in items:
        if isinstance(item, list):
            out.extend(_outline(reader, item, level + 1))
        else:
            out.append((item.title, level))
    return out


def test_outline_entries_point_at_their_pages():
    body = (n.Heading(1, (T("First"),)),) + long_doc(200).children + (n.Heading(1, (T("Last"),)),)
    reader = PdfReader(io.BytesIO(render(n.Document(META, body))))
    pages = {item.title: reader.get_destination_page_number(item) for item in reader.outline[1]}
    assert pages["First"] == 0
    assert pages["Last"] == len(reader.pages) - 1 > 0


def test_same_input_gives_identical_bytes():
    first = render(every_node_doc(), timestamp=1747872000)
    assert render(every_node_doc(), timestamp=1747872000) == first
    assert render(every_node_doc(), timestamp=1747958400) != first


def test_identical_bytes_across_processes():
    import hashlib
    import os
    import subprocess
    import sys

    code = (
        f"import sys, hashlib; sys.path.insert(0, {os.path.dirname(__file__)!r});"
        "from test_writer_pdf import every_node_doc, render;"
        "print(hashlib.sha256(render(every_node_doc(), timestamp=1747872000)).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    expected = hashlib.sha256(render(every_node_doc(), timestamp=1747872000)).hexdigest()
    assert digests == {expected + "\n"}


def test_reportlab_is_not_imported_for_other_formats():
    import subprocess
    import sys

    code = (
        "import sys, briefwright.writers, briefwright.theme, briefwright.doctree.nodes;"
        "assert 'reportlab' not in sys.modules, 'reportlab imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
