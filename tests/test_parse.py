"""Template Markdown to the document tree, checked against fixture cases in tests/data/markdown.

Each case is markdown-it-py's fixture format: a title line, ".", the input, ".", the expected
dump (or "RenderError: file:line: message" lines), ".". `pytest --update-goldens` rewrites the
expected parts from the current parser; review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.tree import SyntaxTreeNode
from markdown_it.utils import read_fixture_file

from briefwright.doctree import nodes as n
from briefwright.doctree.dump import dump
from briefwright.doctree.mdtree import Node, tree
from briefwright.doctree.parse import _markdown_it, parse_markdown
from briefwright.errors import RenderError

FIXTURES = Path(__file__).parent / "data" / "markdown"
SOURCE_NAME = "briefing.md"


def _outcome(source: str) -> str:
    try:
        return dump(parse_markdown(source, SOURCE_NAME))
    except RenderError as error:
        return "".join(f"RenderError: {line}\n" for line in error.lines())


def _cases() -> list:
    return [
        pytest.param(path, title, source, expected, id=f"{path.stem}:{line + 1}:{title}")
        for path in sorted(FIXTURES.glob("*.md"))
        for line, title, source, expected in read_fixture_file(path)
    ]


def _rewrite(path: Path) -> None:
    cases = [
        f"{title}\n.\n{source}.\n{_outcome(source)}.\n"
        for _, title, source, _ in read_fixture_file(path)
    ]
    path.write_text("\n".join(cases), encoding="utf-8")


def test_fixtures_cover_every_block_node_type():
    seen = {
        type(node)
        for _, _, source, expected in (c.values for c in _cases())
        if not expected.startswith("RenderError")
        for node in _walk(parse_markdown(source))
    }
    assert set(n.ALL_NODE_TYPES) <= seen


def _walk(blocks):
    for node in blocks:
        yield node
        for attr in ("children", "items", "title", "attribution"):
            yield from _walk(getattr(node, attr, ()))
        if isinstance(node, n.Table):
            yield from _walk(cell for row in (node.header, *node.rows) for c in row for cell in c)


@pytest.mark.parametrize(("path", "title", "source", "expected"), _cases())
def test_fixture(request, path, title, source, expected):
    if request.config.getoption("--update-goldens", default=False):
        _rewrite(path)
        return
    assert _outcome(source) == expected


def test_errors_name_the_source_and_line():
    with pytest.raises(RenderError) as caught:
        parse_markdown("fine\n\nalso fine\n\n#### too deep\n", "analyst.md.j2 output")
    assert caught.value.lines() == [
        "analyst.md.j2 output:5: heading level 4 is not supported (use # to ###)"
    ]
    assert caught.value.issues[0].location.line == 5


def test_default_source_name():
    with pytest.raises(RenderError) as caught:
        parse_markdown("![x](y)")
    assert caught.value.lines() == ["<template output>:1: images are not supported"]


def test_empty_input_is_an_empty_tree():
    assert parse_markdown("") == ()
    assert parse_markdown("\n\n  \n") == ()


def test_dump_of_a_document_shows_the_meta_that_is_set():
    doc = n.Document(
        n.DocMeta(title="Lavrov in Yerevan", marking="TLP:AMBER", keywords=("Armenia", "CSTO")),
        parse_markdown("# Key points\n\n- “Երևան”\n"),
    )
    assert dump(doc, lines=False) == (
        "Document\n"
        '  meta.title = "Lavrov in Yerevan"\n'
        '  meta.short_title = "Lavrov in Yerevan"\n'
        '  meta.marking = "TLP:AMBER"\n'
        '  meta.keywords = ["Armenia", "CSTO"]\n'
        "  Heading level=1\n"
        '    Text "Key points"\n'
        "  BulletList\n"
        "    ListItem\n"
        "      Paragraph\n"
        '        Text "“Երևան”"\n'
    )


@pytest.mark.parametrize("source", ["> ::: callout note T\n> ", "> :::\n>"])
def test_a_container_in_a_quote_at_the_very_end_does_not_crash_the_parser(source):
    with pytest.raises(RenderError, match="not closed"):
        parse_markdown(source)


def _shape(node: Node | SyntaxTreeNode) -> tuple:
    """What the walker reads of a syntax tree node, recursively."""
    where = tuple(node.map) if node.map else None
    fields = (node.type, where, node.info, node.tag, dict(node.attrs), node.content)
    return (*fields, tuple(_shape(child) for child in node.children))


@pytest.mark.parametrize(("path", "title", "source", "expected"), _cases())
def test_the_token_tree_nests_as_markdown_it_syntax_tree_does(path, title, source, expected):
    tokens = _markdown_it().parse(source)
    want = tuple(_shape(child) for child in SyntaxTreeNode(tokens).children)
    assert tuple(_shape(node) for node in tree(tokens)) == want
