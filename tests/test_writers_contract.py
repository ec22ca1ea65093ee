"""Every writer renders every node of the tree: no node type is dropped by any format."""

from __future__ import annotations

import html.parser

import pytest
from conftest import docx_all_text, pdf_pages_text

from briefwright.doctree import nodes as n
from briefwright.theme import Theme
from briefwright.writers import WRITERS, get_writer
from briefwright.writers.base import WriteOptions


def _t(word: str) -> tuple[n.Text]:
    return (n.Text(word),)


def every_node_tree() -> tuple[n.Document, list[str]]:
    """A tree using every node class once, each carrying a word found nowhere else."""
    blocks = (
        n.Title(_t("Titleword")),
        n.Subtitle(_t("Subtitleword")),
        n.MetaLine(_t("Metaword")),
        n.Callout("important", _t("Callouttitle"), (n.Paragraph(_t("Calloutbody")),)),
        n.Heading(1, _t("Headingone")),
        n.Paragraph(
            (
                n.Text("Plainword "),
                n.Strong(_t("Strongword")),
                n.Text(" "),
                n.Emphasis(_t("Emphasisword")),
                n.Text(" "),
                n.Code("Codeword"),
                n.LineBreak(),
                n.Link("https://example.org/", _t("Linkword")),
            )
        ),
        n.Heading(2, _t("Headingtwo")),
        n.BulletList((n.ListItem((n.Paragraph(_t("Bulletword")),)),)),
        n.OrderedList((n.ListItem((n.Paragraph(_t("Numberword")),)),), start=3),
        n.Heading(3, _t("Headingthree")),
        n.Quote((n.Paragraph(_t("Quoteword")),), attribution=_t("Attributionword")),
        n.ThematicBreak(),
        n.Table(header=(_t("Headercell"),), rows=((_t("Bodycell"),),)),
    )
    covered = {type(b) for b in blocks} | {
        n.ListItem,
        n.Text,
        n.Strong,
        n.Emphasis,
        n.Code,
        n.LineBreak,
        n.Link,
    }
    assert covered == set(n.ALL_NODE_TYPES), "the contract tree must use every node class"
    words = [
        "Titleword",
        "Subtitleword",
        "Metaword",
        "Callouttitle",
        "Calloutbody",
        "Headingone",
        "Plainword",
        "Strongword",
        "Emphasisword",
        "Codeword",
        "Linkword",
        "Headingtwo",
        "Bulletword",
        "Numberword",
        "Headingthree",
        "Quoteword",
        "Attributionword",
        "Headercell",
        "Bodycell",
    ]
    return n.Document(meta=n.DocMeta(title="Contract"), children=blocks), words


class _TextOnly(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _html_text(data: bytes) -> str:
    parser = _TextOnly()
    parser.feed(data.decode("utf-8"))
    return " ".join(parser.parts)


EXTRACT = {
    "md": lambda data: data.decode("utf-8"),
    "html": _html_text,
    "docx": docx_all_text,
    "pdf": lambda data: " ".join(pdf_pages_text(data)),
}


def test_every_registered_format_has_a_text_extractor():
    assert set(EXTRACT) == set(WRITERS)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_writer_renders_every_node_in_order(fmt):
    doc, words = every_node_tree()
    # Case is folded because a style may set a title in capitals (the PDF's callout title).
    text = EXTRACT[fmt](get_writer(fmt)(doc, Theme(), WriteOptions())).casefold()
    positions = [text.find(word.casefold()) for word in words]
    missing = [word for word, at in zip(words, positions, strict=True) if at == -1]
    assert not missing, f"{fmt} dropped {missing}"
    assert positions == sorted(positions), f"{fmt} changed the order of the tree"
