"""Plain text and Markdown articles: read as written, each offset mapped to its line."""

from __future__ import annotations

import re

from briefwright.fidelity.readers.document import Article, LinePlaces, Metadata, Place, Places


class NotReadable(ValueError):
    """The file is not a document of the kind it seemed to be; the message says why."""


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark dropped), or NotReadable naming the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise NotReadable(
            f"not UTF-8 text (byte 0x{data[error.start]:02X} on line {line}); save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(data: bytes) -> Article:
    """A plain text article: the text itself, located by line."""
    text = decode(data)
    return Article(text, "text", LinePlaces(text))


# Markdown syntax that would stand between quoted words: emphasis, links, code, headings.
_INLINE = [
    (re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"<[A-Za-z/][^>\n]*>"), ""),
]
_BLOCK = re.compile(r"^(?:\s{0,3}(?:#{1,6}\s+|>\s?)+)")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_FRONT = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)


def read_markdown(data: bytes) -> Article:
    """A Markdown article: inline markup removed line by line (so lines stay where they were),
    the title from front matter or the first heading."""
    source = decode(data)
    front = _FRONT.match(source)
    fields = _front_matter(front.group(1)) if front else {}
    first_line = source.count("\n", 0, front.end()) + 1 if front else 1
    lines = source[front.end() :].split("\n") if front else source.split("\n")
    title = fields.get("title")
    out: list[str] = []
    for raw in lines:
        line = "" if _SETEXT.match(raw) and out and out[-1].strip() else raw
        if title is None and raw.lstrip().startswith("#"):
            title = _BLOCK.sub("", raw).strip() or None
        line = _BLOCK.sub("", line)
        for pattern, replacement in _INLINE:
            line = pattern.sub(replacement, line)
        out.append(line)
    text = "\n".join(out)
    starts, places, offset = [], [], 0
    for number, line in enumerate(out, start=first_line):
        starts.append(offset)
        places.append(Place(number))
        offset += len(line) + 1
    metadata = Metadata(
        title=title,
        author=fields.get("author"),
        publisher=fields.get("publisher"),
        published=fields.get("date") or fields.get("published"),
        url=fields.get("url"),
    )
    return Article(text, "markdown", Places(starts, places), metadata)


def _front_matter(block: str) -> dict[str, str]:
    """`key: value` lines of a front matter block; nothing in it is evaluated."""
    fields: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        value = value.strip().strip("\"'")
        if sep and value and key.strip().isidentifier():
            fields.setdefault(key.strip().lower(), value)
    return fields
