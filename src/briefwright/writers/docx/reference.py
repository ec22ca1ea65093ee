"""A reference document from outside, read with limits and checked for the parts a write needs.

python-docx loads every part of a package into memory and parses every XML part whole, so a
2 MB file hiding a 2 GB picture, or a 1 GB styles part of spaces, would exhaust memory. The zip
directory is checked first (Python's zipfile never yields more than the directory states), then
the opened document is checked for the parts a briefing is built on, each missing one named.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from briefwright.errors import Issue, Location, RenderError
from briefwright.safe_files import FileRefused, describe_size, read_bounded

MAX_FILE_BYTES = 50_000_000
"""Largest reference document file, compressed."""
MAX_PARTS = 1_000
"""Most members its zip may have."""
MAX_TOTAL_BYTES = 50_000_000
"""Most bytes all its parts may hold, unpacked (pictures and fonts included)."""
MAX_XML_BYTES = 10_000_000
"""Most bytes its XML parts may hold together, unpacked: they are parsed whole."""
MAX_STYLES = 5_000
"""Most styles its styles part may define (Word itself stops at 4,079)."""

_MIN_TEXT_WIDTH = 1440  # twips: an inch of text between the margins at least
_MARGINS = ("top", "bottom", "left", "right")
_OPTIONAL_MARGINS = ("header", "footer", "gutter")
# what a reference document may link to outside itself: links in its text, linked pictures
_EXTERNAL_ALLOWED = frozenset({RT.HYPERLINK, RT.IMAGE})


class ReferenceRefused(RenderError):
    """The reference document cannot be used; the message names the part at fault."""


def read_reference(path: Path) -> bytes:
    """The bytes of the reference document at `path`, its zip directory within the limits."""
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise refused(path, exc.reason) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise refused(path, "not a usable .docx: not a zip archive") from None
    problem = _directory_problem(members)
    if problem:
        raise refused(path, f"not a usable .docx: {problem}")
    return data


def _directory_problem(members: list[zipfile.ZipInfo]) -> str | None:
    if len(members) > MAX_PARTS:
        return f"it has {len(members):,} parts, more than the {MAX_PARTS:,} allowed"
    total = xml = 0
    for member in members:
        size = member.file_size
        total += size
        xml += size if member.filename.lower().endswith((".xml", ".rels")) else 0
        if size > MAX_TOTAL_BYTES:
            return f"{member.filename} unpacks to {describe_size(size)}"
    if total > MAX_TOTAL_BYTES:
        return f"its parts unpack to {describe_size(total)}, over {describe_size(MAX_TOTAL_BYTES)}"
    if xml > MAX_XML_BYTES:
        return f"its XML unpacks to {describe_size(xml)}, over {describe_size(MAX_XML_BYTES)}"
    return None


def check_opened(path: Path, document: Any) -> None:
    """Refuse a document python-docx opened that lacks what a briefing is built on, and drop
    the empty `<w:name/>` of a style (python-docx's style API fails on one; the style is
    nameless either way)."""
    problem = _body_problem(document) or _styles_problem(document)
    if problem:
        raise refused(path, f"not a usable .docx: {problem}")
    for name in document.styles.element.iterfind(f"{qn('w:style')}/{qn('w:name')}"):
        if name.get(qn("w:val")) is None:
            name.getparent().remove(name)


def _body_problem(document: Any) -> str | None:
    main = str(document.part.partname).lstrip("/")
    body = document.element.find(qn("w:body"))
    if body is None:
        return f"{main} has no w:body"
    section = body.find(qn("w:sectPr"))
    if section is None:
        return f"{main} has no w:sectPr (page set-up) at the end of its body"
    size, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
    if size is None or not all(_twips(size, side) for side in ("w", "h")):
        return f"{main}: its page set-up has no page size (w:pgSz with w:w and w:h)"
    if margins is None or not all(_twips(margins, side) is not None for side in _MARGINS):
        return f"{main}: its page set-up has no margins (w:pgMar with top, bottom, left, right)"
    for side in _OPTIONAL_MARGINS:
        if margins.get(qn(f"w:{side}")) is not None and _twips(margins, side) is None:
            return f"{main}: its page set-up has a {side} distance that is not a measure"
    width = _twips(size, "w") or 0
    if width - (_twips(margins, "left") or 0) - (_twips(margins, "right") or 0) < _MIN_TEXT_WIDTH:
        return f"{main}: its margins leave less than an inch of the page for text"
    for reference in section.iter(qn("w:headerReference"), qn("w:footerReference")):
        if reference.get(qn("r:id")) not in document.part.rels:
            return f"{main} refers to a header or footer ({reference.get(qn('r:id'))}) it lacks"
    for rel in document.part.rels.values():
        if rel.is_external and rel.reltype not in _EXTERNAL_ALLOWED:
            return f"{main} takes a part from outside the file ({rel.target_ref[:80]})"
    return None


def _twips(element: Any, name: str) -> int | None:
    """A whole-number measure attribute (`w:name`) of `element`, or None if absent or not one."""
    value = element.get(qn(f"w:{name}"))
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if abs(number) <= 31680 else None  # 22 inches, Word's largest page


def _styles_problem(document: Any) -> str | None:
    styles = document.styles.element
    count = len(styles.findall(qn("w:style")))
    if count > MAX_STYLES:
        return f"its styles part has {count:,} styles, more than the {MAX_STYLES:,} allowed"
    return None


def refused(path: Path, why: str) -> ReferenceRefused:
    """The error for a reference document that cannot be used, located at its file."""
    issue = Issue(f"cannot use reference document: {why}", Location(file=str(path)))
    return ReferenceRefused(str(issue), [issue])
