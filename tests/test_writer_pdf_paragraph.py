"""The PDF writer's Paragraph: faster sameFrag and markup reading, with reportlab's results."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib import rl_accel
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paraparser import ParaFrag

from briefwright.doctree import nodes as n
from briefwright.writers.pdf.fonts import BUNDLED_FAMILY, load_family
from briefwright.writers.pdf.markup import GlyphReport, InlineRenderer
from briefwright.writers.pdf.paragraph import Paragraph, same_frag, tuple_tree

NAN = float("nan")
VALUES = {
    "fontName": st.sampled_from(["DejaVu Sans-regular", "DejaVu Sans-bold", None]),
    "fontSize": st.sampled_from([9, 9.0, 10.5, NAN, None]),
    "textColor": st.sampled_from([HexColor("#1F2933"), HexColor("#1f2933"), HexColor("#005A9C")]),
    "rise": st.sampled_from([0, 0.0, 2]),
    "us_lines": st.sampled_from([[], [("u", 1)], None]),
    "link": st.sampled_from([[], [("https://example.org", 1)]]),
    "backColor": st.sampled_from([None, HexColor("#DCE3EA")]),
    "nobr": st.sampled_from([None, 0, 1]),
    "cbDefn": st.sampled_from([None, object()]),
    "lineBreak": st.sampled_from([0, 1]),
}


def frags():
    """A fragment, as reportlab's parser makes them, with any of the attributes sameFrag reads."""
    return st.fixed_dictionaries({}, optional=VALUES).map(lambda attrs: ParaFrag(**attrs))


c_same_frag = rl_accel.sameFrag
needs_c = pytest.mark.skipif(
    type(c_same_frag) is not type(len), reason="reportlab runs without its rl_accel C extension"
)


def test_reportlab_runs_with_its_c_accelerator():
    # pyproject asks for reportlab[accel]: without it every width and line break runs in Python
    assert type(rl_accel.instanceStringWidthTTF) is type(len)


def test_reportlab_is_left_alone_unless_same_frag_replaces_the_c_version():
    c_active = type(c_same_frag) is type(len)
    assert (rl_paragraph.sameFrag is same_frag) == c_active


@needs_c
@given(frags(), frags())
def test_same_answer_as_reportlab_for_any_two_fragments(f, g):
    assert same_frag(f, g) == bool(c_same_frag(f, g))


@needs_c
@given(frags())
def test_a_fragment_and_its_clone(f):
    assert same_frag(f, f) == bool(c_same_frag(f, f))
    assert same_frag(f, f.clone()) == bool(c_same_frag(f, f.clone()))


def test_absent_is_not_none():
    assert not same_frag(ParaFrag(backColor=None), ParaFrag())
    assert same_frag(ParaFrag(fontSize=NAN, rise=0), ParaFrag(fontSize=NAN, rise=0))
    assert not same_frag(ParaFrag(fontSize=NAN), ParaFrag(fontSize=float("nan")))


@needs_c
def test_line_breaking_uses_it():
    assert rl_paragraph.sameFrag is same_frag


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


@given(st.lists(inlines(), max_size=4))
def test_our_markup_reader_makes_the_fragments_reportlab_makes(children):
    markup = markup_of(children)
    assert tuple_tree(rl_paragraph.cleanBlockQuotedText(markup)) is not None
    ours, theirs = Paragraph(markup, STYLE), rl_paragraph.Paragraph(markup, STYLE)
    assert ours.text == theirs.text
    assert [vars(f) for f in ours.frags] == [vars(f) for f in theirs.frags]
    assert ours.wrap(200, 1000) == theirs.wrap(200, 1000)


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
