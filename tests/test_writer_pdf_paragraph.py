"""The PDF writer's Paragraph: faster markup reading and line breaking, reportlab's results."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib import rl_accel
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import paragraph as rl_paragraph

from briefwright.doctree import nodes as n
from briefwright.writers.pdf.fonts import BUNDLED_FAMILY, load_family
from briefwright.writers.pdf.markup import GlyphReport, InlineRenderer
from briefwright.writers.pdf.paragraph import Paragraph, tuple_tree


def test_reportlab_runs_with_its_c_accelerator():
    # pyproject asks for reportlab[accel]: without it every width and line break runs in Python
    assert type(rl_accel.instanceStringWidthTTF) is type(len)
    assert type(rl_paragraph.sameFrag) is type(len)


# any text, with the characters and pieces that mean something in markup made likely
INLINE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["<", ">", "&", '"', " ", "\t", "\n", ";", "&amp;", "&lt;", "<b>", "</i>"]),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
    ),
    max_size=6,
).map("".join)


def inlines(depth: int = 2):
    """Inline nodes as the tree holds them, any text, nested up to `depth`."""
    leaf = st.one_of(
        INLINE_TEXT.map(n.Text),
        INLINE_TEXT.map(n.Code),
        st.just(n.LineBreak()),
    )
    if depth == 0:
        return leaf
    inner = st.lists(inlines(depth - 1), max_size=3).map(tuple)
    urls = st.sampled_from(['https://example.org/a?b=1&c="2"', "mailto:x@y.am", "javascript:x"])
    return st.one_of(
        leaf,
        inner.map(n.Strong),
        inner.map(n.Emphasis),
        st.builds(n.Link, urls, inner),
    )


def markup_of(children) -> str:
    fonts = load_family(BUNDLED_FAMILY)
    renderer = InlineRenderer(fonts, GlyphReport("DejaVu Sans"), "#005A9C", "#DCE3EA")
    return renderer.render(tuple(children))


STYLE = ParagraphStyle("Body", fontName=load_family(BUNDLED_FAMILY).name(), fontSize=10)


def as_parsed(frag) -> dict:
    """A fragment's attributes without those Paragraph sets to None for faster line breaking."""
    return {k: v for k, v in vars(frag).items() if not (k in ("backColor", "nobr") and v is None)}


@given(st.lists(inlines(), max_size=4))
def test_our_markup_reader_makes_the_fragments_reportlab_makes(children):
    markup = markup_of(children)
    assert tuple_tree(rl_paragraph.cleanBlockQuotedText(markup)) is not None
    ours, theirs = Paragraph(markup, STYLE), rl_paragraph.Paragraph(markup, STYLE)
    assert ours.text == theirs.text
    assert [as_parsed(f) for f in ours.frags] == [vars(f) for f in theirs.frags]
    assert ours.wrap(200, 1000) == theirs.wrap(200, 1000)


def drawn(kind, markup: str, width: float, first_part: float | None) -> bytes:
    """The PDF page of one paragraph at `width`, split to fit `first_part` points if given.

    Each paragraph is wrapped once: ours keeps its first wrap, where reportlab's wraps its
    own lines again (and after breaking a long word, a second wrap can differ by a space).
    """
    canvas = Canvas(io.BytesIO(), invariant=1)
    paragraph = kind(markup, STYLE)
    parts, heights = [paragraph], [paragraph.wrap(width, 1000)[1]]
    if first_part:  # as a frame does: split, then wrap what it gives (or the whole again)
        parts = paragraph.split(width, first_part) or [paragraph]
        heights = [part.wrap(width, 1000)[1] for part in parts]
    top = 800.0
    for part, height in zip(parts, heights, strict=True):
        part.drawOn(canvas, 20, top - height)
        top -= height + 10
    return canvas.getpdfdata()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(inlines(), max_size=4),
    st.integers(min_value=30, max_value=300),
    st.none() | st.integers(min_value=12, max_value=60),
)
def test_drawn_as_reportlab_draws_it_split_or_whole(children, width, first_part):
    markup = markup_of(children)
    ours = drawn(Paragraph, markup, width, first_part)
    assert ours == drawn(rl_paragraph.Paragraph, markup, width, first_part)


LONG = "<b>Armenia:</b> " + "the ministers met again in Yerevan on Tuesday " * 8


def test_fragments_of_a_mixed_paragraph_carry_what_line_breaking_compares():
    # without these the C comparison raises and clears an AttributeError per word
    ours = Paragraph(LONG, STYLE)
    assert len(ours.frags) == 2
    assert all(vars(f).get("backColor", 0) is None for f in ours.frags)
    assert all(vars(f).get("nobr", 0) is None for f in ours.frags)
    # one fragment: reportlab's quicker path for it is taken only if it has no backColor
    assert "backColor" not in vars(Paragraph("plain text", STYLE).frags[0])
    assert drawn(Paragraph, LONG, 120, 30) == drawn(rl_paragraph.Paragraph, LONG, 120, 30)


def test_other_markup_is_left_to_reportlab():
    for markup in ["<para>x</para>", "a &nbsp; b", "<b>x", "x</b>", '<font size="3">x</font >']:
        assert tuple_tree(markup) is None
    mixed = Paragraph("<b>bold</b> and <strike>struck</strike> &copy;", STYLE)
    theirs = rl_paragraph.Paragraph("<b>bold</b> and <strike>struck</strike> &copy;", STYLE)
    assert [vars(f) for f in mixed.frags] == [vars(f) for f in theirs.frags]


def test_text_and_entities_are_separate_fragments_as_with_htmlparser():
    tree = tuple_tree('a &amp; <b>b&lt;</b><br/><a href="x?a=1&amp;b=&quot;2&quot;">l</a>')
    assert tree == (
        "para",
        {},
        [
            "a ",
            "&",
            " ",
            ("b", {}, ["b", "<"]),
            ("br", {}, None),
            ("a", {"href": 'x?a=1&b="2"'}, ["l"]),
        ],
    )
