"""The GFM writer: literal text, alert/quote/table shapes, marking lines, and the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from markdown_it.utils import read_fixture_file

from briefwright.doctree import nodes as n
from briefwright.doctree.parse import parse_markdown
from briefwright.errors import RenderError
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.markdown import HANDLED_TYPES, check_round_trip, write
from briefwright.writers.markdown.check import all_read_back

FIXTURES = Path(__file__).parent / "data" / "markdown"
NASTY = "* # | <b> & {{ 7*7 }} [x](javascript:alert(1)) _a_ \\ "
UNICODE = "Ереван Երևան ə Ə ş ğ ı İ שלום 🇦🇲 <font color=red> <img src=x>"
GFM = MarkdownIt("commonmark", {"linkify": False}).enable("table")


def _md(*blocks: n.Block, marking: str = "") -> str:
    doc = n.Document(n.DocMeta(title="T", marking=marking), tuple(blocks))
    return write(doc, Theme(), WriteOptions()).decode("utf-8")


def _gfm_tree(markdown: str) -> SyntaxTreeNode:
    return SyntaxTreeNode(GFM.parse(markdown))


def _inline_text(node: SyntaxTreeNode) -> str:
    """Plain text of a GFM syntax tree node; any HTML or image is an immediate failure."""
    assert node.type not in ("html_inline", "html_block", "image"), node.type
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_inline_text(child) for child in node.children)


def test_every_node_type_has_a_handler():
    assert set(n.ALL_NODE_TYPES) == HANDLED_TYPES


@pytest.mark.parametrize("text", [NASTY, UNICODE, "1. # > - + === --- | :-: ``` ~~~ $5 and $10"])
def test_untrusted_text_comes_out_literally_everywhere(text):
    cell = (n.Text(text),)
    markdown = _md(
        n.Title(cell),
        n.Subtitle(cell),
        n.Heading(2, cell),
        n.Paragraph(cell),
        n.BulletList((n.ListItem((n.Paragraph(cell),)),)),
        n.Quote((n.Paragraph(cell),), attribution=cell),
        n.Callout("important", cell, (n.Paragraph(cell),)),
        n.Table((cell,), ((cell,),)),
    )
    tree = _gfm_tree(markdown)
    inlines = [node for node in tree.walk() if node.type == "inline"]
    texts = [_inline_text(node).strip() for node in inlines]
    stripped = text.strip()
    assert texts == [
        stripped,  # title
        stripped,  # subtitle
        stripped,  # heading
        stripped,  # paragraph
        stripped,  # list item
        stripped,  # quote
        f"— {stripped}",
        f"[!IMPORTANT] {stripped}",
        stripped,  # callout body
        stripped,  # table header
        stripped,  # table cell
    ]
    assert not [node for node in tree.walk() if node.type == "link"]


def test_escaping_stays_readable():
    markdown = _md(n.Paragraph((n.Text("snake_case AT&T C:\\Users 3 < 4, ok!"),)))
    assert markdown == "snake_case AT&T C:\\Users 3 \\< 4, ok!\n"


def test_marking_is_the_first_and_the_last_line():
    lines = _md(n.Title((n.Text("Lavrov in Yerevan"),)), marking="TLP:AMBER").splitlines()
    assert lines[0] == lines[-1] == "**TLP:AMBER**"
    assert lines[1:-1] == ["", "# Lavrov in Yerevan", ""]


def test_a_draft_says_so_just_inside_the_marking_and_control_comes_last():
    meta = n.DocMeta(title="T", marking="official", status="draft", version="0.3", reference="R-1")
    markdown = write(n.Document(meta, (n.Title((n.Text("T"),)),)), Theme(), WriteOptions())
    lines = [line for line in markdown.decode("utf-8").splitlines() if line]
    assert lines == [
        "**OFFICIAL**",
        "**DRAFT**",
        "# T",
        "*Ref. R-1 · Version 0.3*",
        "**DRAFT**",
        "**OFFICIAL**",
    ]


def test_without_a_marking_the_title_comes_first():
    assert _md(n.Title((n.Text("T"),))) == "# T\n"


def test_title_is_the_only_h1_and_headings_move_down():
    markdown = _md(
        n.Title((n.Text("T"),)),
        n.Subtitle((n.Text("S"),)),
        n.Heading(1, (n.Text("One"),)),
        n.Heading(3, (n.Text("Three #"),)),
        n.MetaLine((n.Text("Source: "), n.Link("https://a.example/x", (n.Text("A"),)))),
    )
    assert markdown.splitlines() == [
        "# T",
        "",
        "*S*",
        "",
        "## One",
        "",
        "#### Three \\#",
        "",
        "Source: [A](https://a.example/x)",
    ]


def test_callout_is_a_gfm_alert():
    callout = n.Callout(
        "important",
        (n.Text("Bottom line"),),
        (n.Paragraph((n.Text("Russia wants "), n.Strong((n.Text("leverage"),)))),),
    )
    assert _md(callout).splitlines() == [
        "> [!IMPORTANT]",
        "> **Bottom line**",
        ">",
        "> Russia wants **leverage**",
    ]


def test_quote_has_an_attribution_line():
    quote = n.Quote(
        (n.Paragraph((n.Text("“We are friends.”"),)),),
        attribution=(n.Text("Sergey Lavrov, Foreign Minister"),),
    )
    assert _md(quote).splitlines() == [
        "> “We are friends.”",
        ">",
        "> — Sergey Lavrov, Foreign Minister",
    ]


def test_table_escapes_pipes_and_pads_short_rows():
    table = n.Table(
        ((n.Text("Date"),), (n.Text("Event"),)),
        (((n.Text("2025|05"),), (n.Code("a|b"),)), ((n.Text("only one"),),)),
    )
    assert _md(table).splitlines() == [
        "| Date | Event |",
        "| --- | --- |",
        "| 2025\\|05 | `a\\|b` |",
        "| only one |  |",
    ]
    cells = [_inline_text(node) for node in _gfm_tree(_md(table)).walk() if node.type == "inline"]
    assert cells == ["Date", "Event", "2025|05", "a|b", "only one", ""]


def test_lists_tight_loose_nested_and_adjacent():
    item = n.ListItem((n.Paragraph((n.Text("a"),)), n.BulletList((n.ListItem(()),))))
    loose = n.ListItem((n.Paragraph((n.Text("b"),)), n.Paragraph((n.Text("c"),))))
    markdown = _md(
        n.BulletList((item,)),
        n.BulletList((loose,)),
        n.OrderedList((n.ListItem((n.Paragraph((n.Text("x"),)),)),), start=9),
        n.OrderedList((n.ListItem((n.ThematicBreak(),)),)),
    )
    assert markdown.splitlines() == [
        "- a",
        "  -",
        "",
        "* b",
        "",
        "  c",
        "",
        "9. x",
        "",
        "1) ___",
    ]
    types = [node.type for node in _gfm_tree(markdown).children]
    assert types == ["bullet_list", "bullet_list", "ordered_list", "ordered_list"]


def test_links_keep_their_target_and_other_schemes_are_text():
    markdown = _md(
        n.Paragraph(
            (
                n.Text("see!"),
                n.Link("https://example.org/a b(c)", (n.Text("here"),)),
                n.Link("javascript:alert(1)", (n.Text("x"),)),
            )
        )
    )
    assert markdown == "see\\![here](https://example.org/a%20b\\(c\\))x\n"
    links = [node for node in _gfm_tree(markdown).walk() if node.type == "link"]
    assert [link.attrs["href"] for link in links] == ["https://example.org/a%20b(c)"]


def test_code_spans_hold_backticks():
    markdown = _md(n.Paragraph((n.Code("a ` b"), n.LineBreak(), n.Code("``"))))
    assert markdown == "``a ` b``\\\n``` `` ```\n"


def test_self_check_catches_a_mismatch():
    with pytest.raises(RenderError, match="does not read back"):
        check_round_trip("*a*\n", ["*a*"])
    with pytest.raises(RenderError):
        check_round_trip("<b>a</b>\n", ["<b>a</b>"])


# --- round trip: what a GFM parser reads back is what the tree holds ---------------------


def _fixture_trees() -> list:
    cases = []
    for path in sorted(FIXTURES.glob("*.md")):
        for line, title, source, expected in read_fixture_file(path):
            if not expected.startswith("RenderError"):
                cases.append(pytest.param(source, id=f"{path.stem}:{line + 1}:{title}"))
    return cases


@pytest.mark.parametrize("source", _fixture_trees())
def test_every_parse_fixture_writes_and_reads_back(source):
    blocks = parse_markdown(source)
    markdown = _md(*blocks, marking="TLP:GREEN")
    texts = [_inline_text(node) for node in _gfm_tree(markdown).walk() if node.type == "inline"]
    assert " ".join(" ".join(texts).split()).count("TLP:GREEN") >= 2
    assert markdown.startswith("**TLP:GREEN**\n") and markdown.endswith("\n**TLP:GREEN**\n")


_TEXT = st.text(
    st.one_of(
        st.sampled_from(list("*_`[]()<>!&#|\\~$-+=:.;0123456789 \t\n\xa0")),
        st.characters(blacklist_categories=("Cs", "Cc")),
    ),
    max_size=25,
)


@settings(max_examples=400, deadline=None)
@given(first=_TEXT, second=_TEXT)
@example(first="1.", second="---")
@example(first="\xa0", second="#")
@example(first="", second="")
def test_any_text_reads_back_exactly(first, second):
    paragraph = n.Paragraph((n.Text("«" + first), n.LineBreak(), n.Text(second + "»")))
    cell = (n.Text(first), n.Emphasis((n.Text("x"),)), n.Text(second))
    alone = n.Paragraph((n.Text(first),))
    markdown = _md(paragraph, n.Table((cell,), ()), n.Heading(1, (n.Text(first),)), alone)
    texts = [_inline_text(node) for node in _gfm_tree(markdown).walk() if node.type == "inline"]
    one, two = (t.replace("\r", " ").replace("\n", " ") for t in (first, second))
    expected = [f"«{one} {two}»", f"{one}x{two}", one, one]
    # An empty heading still yields an inline; an empty paragraph yields none.
    assert texts == (expected if one else expected[:3])


def test_attribution_keeps_its_hard_break():
    quote = n.Quote(
        (n.Paragraph((n.Text("“unfriendly”"),)),),
        attribution=(n.Text("Foreign Ministry"), n.LineBreak(), n.Text("1. On an entry ban")),
    )
    assert _md(quote).splitlines() == [
        "> “unfriendly”",
        ">",
        "> — Foreign Ministry\\",
        "> 1\\. On an entry ban",
    ]


@pytest.mark.parametrize(
    ("inlines", "markdown"),
    [
        # "*" may not open before punctuation when a letter precedes it: the letter becomes a
        # character reference, which counts as punctuation.
        ((n.Text("a"), n.Emphasis((n.Text("(b)"),)), n.Text("c")), "&#97;*(b)*&#99;\n"),
        # Side by side runs would fuse into one delimiter run.
        ((n.Emphasis((n.Text("a"),)), n.Emphasis((n.Text("b"),))), "*a*_b_\n"),
        ((n.Emphasis((n.Emphasis((n.Text("a"),)), n.Text("b"))),), "_*a*b_\n"),
        ((n.Strong((n.Text("x"),)), n.Strong((n.Text("y"),))), "**x**__y__\n"),
        # Spaces inside a run cannot touch its delimiters.
        ((n.Strong((n.Text(" x "),)),), "**&#32;x&#32;**\n"),
        # An empty run is dropped rather than written as "**".
        ((n.Text("a"), n.Strong(()), n.Text("b")), "ab\n"),
    ],
)
def test_emphasis_reads_back_as_emphasis(inlines, markdown):
    assert _md(n.Paragraph(inlines)) == markdown
    parsed = parse_markdown(markdown)
    assert n.plain_text(parsed[0].children) == n.plain_text(inlines)


_MARKDOWN_PIECES = [
    *("*", "**", "_", "a", " ", "(", ")", "\\*", "\\", "&amp;", "&#97;", "&#32;", "`"),
    *("[x](https://e.example/a)", "[", "]", "\n", "\n\n", "1. ", "- ", "> ", "# ", "!", "<"),
    *("|", "---", "~", "é", "\t", "\\\n", "\xa0", "€", "| a | b |\n|---|---|\n| "),
    *("::: callout note T\n", "\n:::\n"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MARKDOWN_PIECES), max_size=25).map("".join))
@example("**_*\xa0_**")
@example("&#97;*_*")
def test_any_parsed_tree_writes_and_reads_back(source):
    """parse -> write must never fail its own read-back check, whatever Markdown came in."""
    try:
        blocks = parse_markdown(source)
    except RenderError:
        return
    markdown = _md(*blocks)
    texts = [_inline_text(node) for node in _gfm_tree(markdown).walk() if node.type == "inline"]
    assert " ".join(" ".join(texts).split()) == " ".join(" ".join(_tree_texts(blocks)).split())


def _tree_texts(blocks) -> list[str]:
    """The text a reader sees, block by block, with the writer's alert marker and dash."""
    out = []
    for block in blocks:
        if isinstance(block, n.Callout):
            out += [f"[!{block.kind.upper()}] {n.plain_text(block.title)}"]
        if isinstance(block, n.Table):
            out += [n.plain_text(cell) for row in (block.header, *block.rows) for cell in row]
        elif hasattr(block, "children") and not isinstance(block, n.Quote | n.Callout | n.ListItem):
            out.append(n.plain_text(block.children))
        out += _tree_texts(getattr(block, "items", ()))
        if isinstance(block, n.Quote | n.Callout | n.ListItem):
            out += _tree_texts(block.children)
        if getattr(block, "attribution", ()):
            out.append("— " + n.plain_text(block.attribution))
    return out


def test_emphasis_without_a_gfm_spelling_goes_out_plain_with_a_warning():
    warnings: list[str] = []
    doc = n.Document(n.DocMeta(title="T"), parse_markdown("____*_*___\n\nfine *em*\n"))
    markdown = write(doc, Theme(), WriteOptions(warn=warnings.append)).decode("utf-8")
    assert markdown == "\\*\\*\n\nfine *em*\n"
    assert warnings == ["Markdown: emphasis in '**' cannot be written in GFM; written plain"]


_FUSING = parse_markdown("____*_*___\n")[0].children  # emphasis with no GFM spelling


@pytest.mark.parametrize(
    "block",
    [
        n.Paragraph((n.Text("a"), n.LineBreak(), *_FUSING)),
        n.Callout("note", _FUSING, (n.Paragraph((n.Emphasis((n.Text("ok"),)),)),)),
        n.Quote((n.Paragraph((n.Text("q"),)),), attribution=_FUSING),
        n.Table((_FUSING, (n.Strong((n.Text("ok"),)),)), ()),
        n.BulletList((n.ListItem((n.Paragraph(_FUSING),)),)),
    ],
    ids=["after-a-break", "callout-title", "attribution", "table-cell", "list-item"],
)
def test_fused_emphasis_goes_out_plain_wherever_it_sits(block):
    warnings: list[str] = []
    doc = n.Document(n.DocMeta(title="T", marking="TLP:AMBER"), (block,))
    markdown = write(doc, Theme(), WriteOptions(warn=warnings.append)).decode("utf-8")
    [warning] = warnings
    assert warning.endswith("**' cannot be written in GFM; written plain")
    texts = [_inline_text(node) for node in _gfm_tree(markdown).walk() if node.type == "inline"]
    assert any("**" in text for text in texts)


def test_an_escaping_bug_is_a_render_error_not_a_wrong_file(monkeypatch):
    import briefwright.writers.markdown.inlines as inlines

    monkeypatch.setattr(inlines, "escape_text", lambda text, before_link=False: text)
    for children in [(n.Text("*a*"),), (n.Text("<b>x</b> "), n.Strong((n.Text("b"),)))]:
        with pytest.raises(RenderError, match="does not read back"):
            _md(n.Paragraph(children))


def test_read_back_of_runs_is_answered_from_the_whole_document():
    # The block's content is the run itself: the document's parse is the run's parse, and its
    # text must still equal the run's text, not merely the document's expected text.
    assert all_read_back("*a*\n", ["a"], {0: ("*a*", "a")})
    assert not all_read_back("**x*\n", ["*x"], {0: ("**x*", "x")})
    # A reference definition resolves "[y]" in the document but not in the run on its own.
    assert check_round_trip("[y]: https://e.example\n\n*[y]*\n", ["y"]) is None
    assert not all_read_back("[y]: https://e.example\n\n*[y]*\n", ["y"], {0: ("*[y]*", "y")})
    # A run whose block holds more than the run (here the alert marker) is parsed on its own.
    assert all_read_back("> [!NOTE]\n> **t**\n", ["[!NOTE] t"], {0: ("**t**", "t")})
    assert not all_read_back("> [!NOTE]\n> **t**\n", ["[!NOTE] t"], {0: ("**t**", "u")})
