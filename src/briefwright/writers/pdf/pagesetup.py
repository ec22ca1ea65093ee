"""The PDF's page: its size and margins in points, from the theme or a reference document.

With a reference document the PDF takes the page the DOCX gets: the size, orientation and
margins of its last section (the one the briefing's body uses). What a PDF page cannot follow
(several sections, columns, a gutter) is named in a warning; a page set-up that leaves no room
for text keeps the theme's.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from io import BytesIO
from typing import Any

from lxml import etree
from reportlab.lib.units import mm

from briefwright.errors import Issue, Location, RenderError
from briefwright.safe_files import FileRefused, read_bounded
from briefwright.theme import Theme

Warn = Callable[[str], None]
MAX_REFERENCE_BYTES = 50_000_000
MAX_DOCUMENT_XML_BYTES = 50_000_000
"""Most bytes of the reference document's main part read for its page set-up."""
_MIN_TEXT = 50 * mm  # narrower or shorter text than this and the reference's margins are not used
_PAGE_SIDE = (50 * mm, 5080 * mm)  # the PDF format's largest page is 200 inches a side
_SIDES = ("top", "bottom", "left", "right")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TWIP = 1 / 20  # points
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True)
class PageSetup:
    """A page's size and margins, in points."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float

    @classmethod
    def from_theme(cls, theme: Theme) -> PageSetup:
        """The theme's page size (portrait) and margins."""
        width, height = theme.page_size_mm
        return cls(
            width=width * mm,
            height=height * mm,
            top=theme.margin_top_mm * mm,
            bottom=theme.margin_bottom_mm * mm,
            left=theme.margin_left_mm * mm,
            right=theme.margin_right_mm * mm,
        )

    @property
    def size(self) -> tuple[float, float]:
        return (self.width, self.height)

    @property
    def text_width(self) -> float:
        """Points between the left and right margins."""
        return self.width - self.left - self.right


def page_setup(theme: Theme, reference_doc: str | os.PathLike[str] | None, warn: Warn) -> PageSetup:
    """The theme's page, or the reference document's size, orientation and margins."""
    if reference_doc is None:
        return PageSetup.from_theme(theme)
    try:
        data = read_bounded(reference_doc, MAX_REFERENCE_BYTES)
    except FileRefused as exc:
        raise _reference_error(reference_doc, exc.reason) from None
    section, count = _last_section(reference_doc, data)
    unfollowed = [f"{count} sections (the PDF follows the last)"] if count > 1 else []
    if section is None:
        setup, unfollowed = PageSetup.from_theme(theme), ["page set-up (it has none)"]
    else:
        setup = _from_section(section, PageSetup.from_theme(theme), unfollowed)
    if unfollowed:
        what = ", ".join(unfollowed)
        warn(f"{reference_doc}: the PDF does not follow the reference document's {what}")
    return setup


def _last_section(path: str | os.PathLike[str], data: bytes) -> tuple[Any, int]:
    """The body's w:sectPr (None if it has none) and how many sections the document has."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            info = package.getinfo("word/document.xml")
            if info.file_size > MAX_DOCUMENT_XML_BYTES:
                raise _reference_error(path, "its document part is larger than the limit")
            with package.open(info) as member:
                root = etree.fromstring(member.read(MAX_DOCUMENT_XML_BYTES + 1), _PARSER)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, ValueError):
        raise _reference_error(path, "not a usable .docx file") from None
    count = len(root.findall(f".//{{{_W}}}sectPr"))
    return root.find(f"{{{_W}}}body/{{{_W}}}sectPr"), count


def _from_section(section: Any, setup: PageSetup, unfollowed: list[str]) -> PageSetup:
    """The page a w:sectPr describes over the theme's; what is not followed goes to
    `unfollowed`."""
    size = section.find(f"{{{_W}}}pgSz")
    if size is not None:
        width, height = _twips(size, "w") * _TWIP, _twips(size, "h") * _TWIP
        if size.get(f"{{{_W}}}orient") == "landscape" and width < height:
            width, height = height, width  # the orientation said, the sizes not swapped
        if _PAGE_SIDE[0] <= min(width, height) and max(width, height) <= _PAGE_SIDE[1]:
            setup = replace(setup, width=width, height=height)
        else:
            unfollowed.append("page size (not one a PDF page can have)")
    margins = section.find(f"{{{_W}}}pgMar")
    if margins is not None:
        sides = {side: abs(_twips(margins, side)) * _TWIP for side in _SIDES}
        framed = replace(setup, **sides)
        if min(framed.text_width, framed.height - framed.top - framed.bottom) >= _MIN_TEXT:
            setup = framed
        else:
            unfollowed.append("margins (they leave too little room for text)")
        if _twips(margins, "gutter"):
            unfollowed.append("gutter")
    columns = section.find(f"{{{_W}}}cols")
    if columns is not None and _twips(columns, "num") > 1:
        unfollowed.append("columns")
    return setup


def _twips(element: Any, name: str) -> int:
    """A whole-number attribute `w:name`; 0 when absent or not a number."""
    value = element.get(f"{{{_W}}}{name}", "")
    try:
        return int(float(value))
    except (ValueError, OverflowError):
        return 0


def _reference_error(path: str | os.PathLike[str], why: str) -> RenderError:
    issue = Issue(f"cannot use reference document: {why}", Location(file=str(path)))
    return RenderError(str(issue), [issue])
