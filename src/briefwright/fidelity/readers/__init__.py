"""Read an article in the format it came in (web page, PDF, Word, Markdown, plain text) into
its main text, its metadata and a map back to the original; the format is told by content.

Every reader gets the file through `safe_files.read_bounded` (a regular file, at most
MAX_ARTICLE_BYTES) and must yield at most MAX_TEXT_CHARS of text. The libraries for web pages
and PDFs are imported only when such a file is read.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from briefwright.fidelity.readers.document import Article, Metadata, Place, Places
from briefwright.fidelity.readers.plain import NotReadable, read_markdown, read_text
from briefwright.safe_files import FileRefused, describe_size, read_bounded

MAX_ARTICLE_BYTES = 50_000_000
"""Largest article file read (a PDF with pictures); plain text is held to MAX_TEXT_CHARS."""
MAX_TEXT_CHARS = 5_000_000
"""Most characters of text an article may yield, in any format."""
MAX_PAGE_BYTES = 20_000_000
"""Largest web page read: its markup is parsed whole before the main text is picked out."""

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_PAGE_BYTES",
    "MAX_TEXT_CHARS",
    "Article",
    "Metadata",
    "Place",
    "Places",
    "detect",
    "read_article",
]


def _read_html(data: bytes) -> Article:
    from briefwright.fidelity.readers.html import read_html

    return read_html(data)


def _read_pdf(data: bytes) -> Article:
    from briefwright.fidelity.readers.pdf import read_pdf

    return read_pdf(data)


def _read_word(data: bytes) -> Article:
    from briefwright.fidelity.readers.word import read_word

    return read_word(data)


READERS: dict[str, Callable[[bytes], Article]] = {
    "text": read_text,
    "markdown": read_markdown,
    "html": _read_html,
    "pdf": _read_pdf,
    "docx": _read_word,
}

_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")


def detect(data: bytes, name: str = "") -> str:
    """The kind of document `data` holds, from its first bytes; the name's extension only
    tells Markdown from plain text. NotReadable for binary data of another kind."""
    head = data[:4096]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        from briefwright.fidelity.readers.word import is_word

        if is_word(data):
            return "docx"
        raise NotReadable("a zip archive that is not a Word (.docx) document")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotReadable("UTF-16 text; save it as UTF-8")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    while start.startswith(b"<!--") and b"-->" in start:
        start = start[start.index(b"-->") + 3 :].lstrip()
    if start.startswith(_HTML_STARTS) or (start.startswith(b"<?xml") and b"<html" in head.lower()):
        return "html"
    if os.path.splitext(name)[1].lower() in (".md", ".markdown"):
        return "markdown"
    return "text"


def read_article(path: str | os.PathLike[str]) -> Article:
    """The article in the file at `path`, whatever its format; FileRefused says why not."""
    data = read_bounded(path, MAX_ARTICLE_BYTES)
    try:
        kind = detect(data, os.fspath(path))
        if kind in ("text", "markdown") and len(data) > MAX_TEXT_CHARS:
            raise NotReadable(f"larger than the limit of {describe_size(MAX_TEXT_CHARS)} of text")
        if kind == "html" and len(data) > MAX_PAGE_BYTES:
            raise NotReadable(f"a web page larger than {describe_size(MAX_PAGE_BYTES)}")
        article = READERS[kind](data)
    except NotReadable as error:
        raise FileRefused(path, str(error)) from None
    if len(article.text) > MAX_TEXT_CHARS:
        limit = f"{MAX_TEXT_CHARS:,} characters"
        raise FileRefused(path, f"its text is longer than the limit of {limit}")
    return article
