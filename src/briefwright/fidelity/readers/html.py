"""Saved web pages: the main text only (no navigation, banners, comments or teasers), with the
page's own metadata, each paragraph mapped back to the line of the element it came from.

The main text is trafilatura's: it is the reference extractor for news pages, and it reads
the title, author, date, canonical URL and site name from the page's meta tags and JSON-LD.
"""

from __future__ import annotations

import re
from typing import Any

from briefwright.fidelity.names import word_set
from briefwright.fidelity.readers.document import Article, ArticleBuilder, Metadata, Place
from briefwright.fidelity.readers.plain import NotReadable, decode

_BLOCKS = word_set(
    """p h1 h2 h3 h4 h5 h6 li blockquote q td th dd dt figcaption pre div section article
    header footer aside main span em strong a"""
)
_KEY_CHARS = 60


def read_html(data: bytes) -> Article:
    """The main text of a web page, with its metadata and element lines."""
    import trafilatura
    from lxml import html as lxml_html

    page = decode(data)
    if not page.strip():
        raise NotReadable("the web page is empty")
    found = trafilatura.bare_extraction(
        page,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_precision=True,
        with_metadata=True,
    )
    fields: dict[str, Any] = {} if found is None else _as_dict(found)
    main_text = str(fields.get("text") or "")
    if not main_text.strip():
        raise NotReadable("no main text found in the web page")
    lines = _element_lines(lxml_html.document_fromstring(page))
    builder = ArticleBuilder()
    for paragraph in main_text.split("\n"):
        paragraph = paragraph.strip()
        builder.paragraph([(paragraph, Place(lines.get(_key(paragraph))))])
    metadata = Metadata(
        title=fields.get("title") or None,
        author=fields.get("author") or None,
        publisher=fields.get("sitename") or None,
        published=fields.get("date") or None,
        url=fields.get("url") or None,
    )
    return builder.build("html", metadata)


def _as_dict(found: Any) -> dict[str, Any]:
    """trafilatura's result as a dict (a Document object in 2.x, a dict before)."""
    return dict(found) if isinstance(found, dict) else dict(found.as_dict())


def _element_lines(root: Any) -> dict[str, int]:
    """The first characters of each block element's text -> the line the element starts on.

    Later (inner) elements overwrite their ancestors, so a paragraph maps to its own <p>.
    """
    lines: dict[str, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCKS:
            continue
        line = element.sourceline
        if line is None:
            continue
        key = _key(element.text_content())
        if key:
            lines[key] = line
    return lines


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:_KEY_CHARS]
