"""Word (.docx) articles: the body's paragraphs (tables included, headers, footers, text boxes
and deleted text left out), each located as "paragraph N", and the title and author.

Only two parts of the package are read, each through a bounded stream and a parser that
resolves no entities: a Word file from outside may hide a huge image or a bomb in the rest.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from briefwright.fidelity.readers.document import Article, ArticleBuilder, Metadata, Place
from briefwright.fidelity.readers.plain import NotReadable

MAX_PART_BYTES = 50_000_000
MAX_PARTS = 10_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCUMENT = "word/document.xml"
_CORE = "docProps/core.xml"
# Text-box content and the fallback copy of drawings: not part of the running text.
_SKIP = frozenset(
    {
        _W + "txbxContent",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
        _W + "delText",
        _W + "instrText",
    }
)
_TEXT = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_HEADINGS = frozenset({"Title", "Heading1", "heading1", "Heading 1"})


def is_word(data: bytes) -> bool:
    """True if `data` is a zip archive holding a Word document body."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _DOCUMENT in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_word(data: bytes) -> Article:
    """The body text of a .docx, paragraph by paragraph."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if len(archive.infolist()) > MAX_PARTS:
                raise NotReadable(f"not a usable .docx: more than {MAX_PARTS:,} parts")
            body = _parse(_part(archive, _DOCUMENT))
            core = _parse(_part(archive, _CORE)) if _CORE in archive.namelist() else None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise NotReadable(f"not a usable .docx: {error}") from None
    builder = ArticleBuilder()
    heading = None
    number = 0
    for paragraph in body.iter(_W + "p"):
        if _skipped(paragraph):
            continue
        text = _text(paragraph).strip()
        if not text:
            continue
        number += 1
        if heading is None and _style(paragraph) in _HEADINGS:
            heading = text
        builder.paragraph([(text, Place(label=f"paragraph {number}"))])
    return builder.build("docx", _metadata(core, heading))


def _part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, read through a stream that stops past the limit (the directory's
    stated size may lie)."""
    if archive.getinfo(name).file_size > MAX_PART_BYTES:
        raise NotReadable(f"not a usable .docx: {name} is larger than {MAX_PART_BYTES:,} bytes")
    with archive.open(name) as stream:
        data = stream.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise NotReadable(f"not a usable .docx: {name} is larger than {MAX_PART_BYTES:,} bytes")
    return data


def _parse(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise NotReadable(f"not a usable .docx: broken XML ({error})") from None


def _skipped(paragraph: Any) -> bool:
    """True for paragraphs inside a text box or a drawing's fallback copy."""
    return any(a.tag in _SKIP for a in paragraph.iterancestors())


def _text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == _W + "t":
            if not any(a.tag in _SKIP for a in _up_to(node, paragraph)):
                parts.append(node.text or "")
        elif node.tag in _TEXT and not any(a.tag in _SKIP for a in _up_to(node, paragraph)):
            parts.append(_TEXT[node.tag])
    return "".join(parts)


def _up_to(node: Any, top: Any) -> list[Any]:
    """The ancestors of `node` below `top`."""
    found = []
    for ancestor in node.iterancestors():
        if ancestor is top:
            break
        found.append(ancestor)
    return found


def _style(paragraph: Any) -> str | None:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    return style.get(_W + "val") if style is not None else None


def _metadata(core: Any, heading: str | None) -> Metadata:
    if core is None:
        return Metadata(title=heading)

    def field(tag: str) -> str | None:
        node = core.find(tag)
        return node.text.strip() if node is not None and node.text and node.text.strip() else None

    title = field("{http://purl.org/dc/elements/1.1/}title") or heading
    return Metadata(title=title, author=field("{http://purl.org/dc/elements/1.1/}creator"))
