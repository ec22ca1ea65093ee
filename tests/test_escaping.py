"""escape_markdown keeps any value literal wherever it goes; escape_text stays readable."""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefwright.doctree import nodes
from briefwright.doctree.inlines import bind_dashes
from briefwright.doctree.parse import parse_markdown
from briefwright.escaping import (
    collapse_whitespace,
    escape_heading_end,
    escape_line_start,
    escape_markdown,
    escape_text,
)

NASTY = "* # | <b> & {{ 7*7 }} [x](javascript:alert(1)) _a_ \\ `c` &amp; <font color=red> ::: "
# Punctuation, whitespace of every kind and arbitrary Unicode, so that markup is likely.
_CHARS = st.one_of(
    st.sampled_from(list(string.punctuation + " \t\n\r\v\f\x1c\x85\xa0\u2003\u3000\x00")),
    st.sampled_from(["1.", "- ", "# ", "> ", "---", "&amp;", "&#32;", "```", "    ", "\\\n"]),
    st.characters(),
)
ANY_TEXT = st.lists(_CHARS, max_size=30).map("".join)


def _only(blocks: tuple) -> nodes.Block:
    assert len(blocks) == 1, blocks
    return blocks[0]


def _paragraph_text(markdown: str) -> str:
    blocks = parse_markdown(markdown)
    return nodes.plain_text(_only(blocks).children) if blocks else ""


# Each context places one escaped value and reads back the text the value became.
def _in_paragraph(value: str) -> str:
    return _paragraph_text(value)


def _mid_paragraph(value: str) -> str:
    return _paragraph_text(f"«{value}»\nand «{value}»")


def _in_list_item(value: str) -> str:
    item = _only(_only(parse_markdown(f"- {value}\n- x\n")).items[:1])
    return nodes.plain_text(item.children[0].children) if item.children else ""


def _in_table_cell(value: str) -> str:
    table = _only(parse_markdown(f"| h | i |\n|---|---|\n| {value} | x |\n"))
    return nodes.plain_text(table.rows[0][0])


def _in_heading(value: str) -> str:
    return nodes.plain_text(_only(parse_markdown(f"## {value}")).children)


def _in_callout(value: str) -> str:
    callout = _only(parse_markdown(f"::: callout note\n{value}\n:::\n"))
    return nodes.plain_text(callout.children[0].children) if callout.children else ""


def _in_callout_title(value: str) -> str:
    return nodes.plain_text(_only(parse_markdown(f"::: callout note {value}\n:::\n")).title)


def _in_attribution(value: str) -> str:
    quote = _only(parse_markdown(f":::: quote\nq\n::: attribution\n{value}\n:::\n::::\n"))
    return nodes.plain_text(quote.attribution)


EDGE_CONTEXTS = [
    _in_paragraph,
    _in_list_item,
    _in_table_cell,
    _in_heading,
    _in_callout,
    _in_callout_title,
    _in_attribution,
]


@pytest.mark.parametrize("context", EDGE_CONTEXTS, ids=lambda f: f.__name__)
@settings(max_examples=100, deadline=None)
@given(text=ANY_TEXT)
@example(text=NASTY)
@example(text="1. not a list")
@example(text="\xa0 leading unicode space")
def test_escaped_value_parses_back_to_itself(context, text):
    # At a block's edge the parser drops ASCII spaces; everything else must survive exactly,
    # but for the no-break space the tree puts before a spaced dash.
    assert context(escape_markdown(text)) == bind_dashes(collapse_whitespace(text).strip(" "))


@settings(max_examples=200, deadline=None)
@given(text=ANY_TEXT)
@example(text=NASTY)
def test_escaped_value_keeps_its_spaces_inside_a_paragraph(text):
    expected = collapse_whitespace(text)
    assert _mid_paragraph(escape_markdown(text)) == f"«{expected}» and «{expected}»"


def test_every_ascii_punctuation_character_is_escaped():
    assert escape_markdown("a*b") == "a\\*b"
    assert escape_markdown(string.punctuation) == "".join("\\" + c for c in string.punctuation)


def test_whitespace_runs_collapse_and_unicode_spaces_become_references():
    assert escape_markdown("a \t\n\r\n b") == "a b"
    assert escape_markdown("\xa0x") == "&#xA0;x"
    assert (
        escape_markdown("Ереван Yerevan Երևան ə ş ğ ı İ 🇦🇲") == "Ереван Yerevan Երևան ə ş ğ ı İ 🇦🇲"
    )


# --- the GFM writer's escaping ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("snake_case_name", "snake_case_name"),
        ("_a_", "\\_a\\_"),
        ("7*7", "7\\*7"),
        ("a | b", "a \\| b"),
        ("<b>", "\\<b>"),
        ("AT&T & co", "AT&T & co"),
        ("&amp;", "\\&amp;"),
        ("C:\\Users", "C:\\Users"),
        ("back\\*slash", "back\\\\\\*slash"),
        ("ends in \\", "ends in \\\\"),
        ("[x](y)", "\\[x\\](y)"),
        ("`code`", "\\`code\\`"),
        ("$5 and $10", "\\$5 and \\$10"),
        ("~1 km~", "\\~1 km\\~"),
        ("1. # > - +", "1. # > - +"),
    ],
)
def test_escape_text_escapes_only_what_becomes_markup(text, escaped):
    assert escape_text(text) == escaped


def test_escape_text_keeps_a_bang_from_making_a_link_an_image():
    assert escape_text("Wow!", before_link=True) == "Wow\\!"
    assert escape_text("Wow!") == "Wow!"


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("#hashtag", "#hashtag"),
        ("> not a quote", "\\> not a quote"),
        ("- not an item", "\\- not an item"),
        ("+", "\\+"),
        ("1. not a list", "1\\. not a list"),
        ("2025) a year", "2025\\) a year"),
        ("2025. A year", "2025\\. A year"),
        ("---", "\\---"),
        ("- - -", "\\- - -"),
        ("===", "\\==="),
        ("  indented  ", "&#32;&#32;indented&#32;&#32;"),
        ("ordinary", "ordinary"),
    ],
)
def test_escape_line_start_stops_block_markup(line, escaped):
    assert escape_line_start(line) == escaped


def test_escape_heading_end_keeps_a_final_hash():
    assert escape_heading_end("Issue #") == "Issue \\#"
    assert escape_heading_end("C#") == "C\\#"
    assert escape_heading_end("plain") == "plain"


def test_an_escaped_url_works_as_a_link_target():
    url = "https://armenpress.am/article/1_2?a=b&c=(d)#x"
    (paragraph,) = parse_markdown(f"[{escape_markdown('Armenpress [x]')}]({escape_markdown(url)})")
    assert paragraph.children == (nodes.Link(url, (nodes.Text("Armenpress [x]"),)),)
