"""The PDF writer's Paragraph: the faster sameFrag answers as reportlab's C one does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import sameFrag as c_same_frag
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paraparser import ParaFrag

from briefwright.writers.pdf.paragraph import same_frag

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
    """A fragment with any subset of the attributes sameFrag looks at."""
    return st.fixed_dictionaries({}, optional=VALUES).map(lambda attrs: ParaFrag(**attrs))


@given(frags(), frags())
def test_same_answer_as_reportlab_for_any_two_fragments(f, g):
    assert same_frag(f, g) == bool(c_same_frag(f, g))


@given(frags())
def test_a_fragment_and_its_clone(f):
    assert same_frag(f, f) == bool(c_same_frag(f, f))
    assert same_frag(f, f.clone()) == bool(c_same_frag(f, f.clone()))


def test_absent_is_not_none():
    assert not same_frag(ParaFrag(backColor=None), ParaFrag())
    assert same_frag(ParaFrag(fontSize=NAN, rise=0), ParaFrag(fontSize=NAN, rise=0))
    assert not same_frag(ParaFrag(fontSize=NAN), ParaFrag(fontSize=float("nan")))


def test_line_breaking_uses_it():
    assert rl_paragraph.sameFrag is same_frag
