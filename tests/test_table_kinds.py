"""What a table is comes from the tree (`::: timeline`), never from its header text."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import docx
import pytest
from conftest import pdf_pages_text, squash

from briefwright.doctree import nodes as n
from briefwright.doctree.parse import parse_markdown
from briefwright.theme import Theme
from briefwright.writers import get_writer
from briefwright.writers.base import WriteOptions

OPTIONS = WriteOptions(timestamp=1747872000, version="0.test")

GERMAN_TIMELINE = """\
# Chronologie

::: timeline
| Datum | Ereignis |
|---|---|
| 20. Mai 2025 | Lawrow besucht Jerewan |
:::
"""

# Everything the old header guess looked for: a first header "Date" under a "Timeline" heading.
DATA_TABLE_HEADED_DATE = """\
# Timeline

| Date | Exports (USD bn) |
|---|---|
| 2024 | 3.1 |
"""


def _write(fmt: str, markdown: str) -> bytes:
    document = n.Document(n.DocMeta(title="Kinds"), parse_markdown(markdown))
    return get_writer(fmt)(document, Theme(), OPTIONS)


def _docx_table_styles(markdown: str) -> list[str]:
    document = docx.Document(io.BytesIO(_write("docx", markdown)))
    return [table.style.name for table in document.tables]


def test_a_timeline_with_non_english_headers_gets_the_timeline_style():
    assert _docx_table_styles(GERMAN_TIMELINE) == ["Timeline Table"]


def test_a_data_table_whose_first_header_is_date_is_not_a_timeline():
    assert _docx_table_styles(DATA_TABLE_HEADED_DATE) == ["Briefing Table"]


class _TableClasses(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.classes: list[set[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.classes.append(set((dict(attrs).get("class") or "").split()))


def _html_table_classes(markdown: str) -> list[set[str]]:
    parser = _TableClasses()
    parser.feed(_write("html", markdown).decode("utf-8"))
    return parser.classes


def test_html_marks_a_timeline_with_a_class_and_keeps_the_common_table_look():
    assert _html_table_classes(GERMAN_TIMELINE) == [{"data", "timeline"}]
    assert _html_table_classes(DATA_TABLE_HEADED_DATE) == [{"data"}]


def test_markdown_writes_a_timeline_as_a_plain_gfm_table():
    # GFM has no way to say what a table is, and ":::" lines would be visible text there.
    as_data = GERMAN_TIMELINE.replace("::: timeline\n", "").replace(":::\n", "")
    assert parse_markdown(as_data)[1].kind == "data"
    timeline = _write("md", GERMAN_TIMELINE).decode("utf-8")
    assert timeline == _write("md", as_data).decode("utf-8")
    assert "| Datum | Ereignis |\n| --- | --- |\n| 20. Mai 2025 | Lawrow besucht Jerewan |" in (
        timeline
    )


DOCX_STYLES = {"data": "Briefing Table", "timeline": "Timeline Table"}
HTML_CLASSES = {"data": {"data"}, "timeline": {"data", "timeline"}}


@pytest.mark.parametrize("kind", n.TABLE_KINDS)
def test_every_writer_draws_every_kind_of_table(kind):
    """A new kind fails here until each writer knows how to draw it."""
    markdown = "| When | What |\n|---|---|\n| 1992 | Khojaly |\n"
    if kind != "data":
        markdown = f"::: {kind}\n{markdown}:::\n"
    assert _docx_table_styles(markdown) == [DOCX_STYLES[kind]]
    assert _html_table_classes(markdown) == [HTML_CLASSES[kind]]
    assert "| 1992 | Khojaly |" in _write("md", markdown).decode("utf-8")
    assert "1992 Khojaly" in squash(pdf_pages_text(_write("pdf", markdown))[0])


def test_an_unknown_table_kind_is_refused_when_the_tree_is_built():
    with pytest.raises(ValueError, match="table kind 'chart' is not one of data, timeline"):
        n.Table(((n.Text("a"),),), (), kind="chart")
