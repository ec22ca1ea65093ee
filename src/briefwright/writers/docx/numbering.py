"""List numbering: one bullet and one decimal definition, and a fresh instance per ordered list.

Every list paragraph names its numbering directly (w:numPr), so an ordered list restarts at its
own `start` and nesting follows the item depth, whatever numbering a reference document brings.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from briefwright.writers.docx.xml import Element, el
from briefwright.writers.look import BULLETS, NUMBERS

_WORD_NUMBERS = {"decimal": "decimal", "lower-alpha": "lowerLetter", "lower-roman": "lowerRoman"}
INDENT = 360  # twips per level, and the hanging indent of the marker, unless told otherwise
LEVELS = 9


def _abstract_num(abstract_id: int, bullet: bool, font: str, indent: int, colour: str) -> Element:
    levels = []
    marker_colour = (el("color", val=colour.lstrip("#").upper()),) if colour else ()
    for ilvl in range(LEVELS):
        if bullet:
            fmt, text = "bullet", BULLETS[ilvl % len(BULLETS)]
        else:
            fmt, text = _WORD_NUMBERS[NUMBERS[ilvl % len(NUMBERS)]], f"%{ilvl + 1}."
        level_indent = el("ind", left=indent * (ilvl + 1), hanging=indent)
        level = (
            el("start", val=1),
            el("numFmt", val=fmt),
            el("lvlText", val=text),
            el("lvlJc", val="left"),
            el("pPr", (level_indent,)),
            # the theme's font name is an attribute value: it cannot add markup
            el("rPr", (el("rFonts", ascii=font, hAnsi=font, cs=font), *marker_colour)),
        )
        levels.append(el("lvl", level, ilvl=ilvl))
    kind = el("multiLevelType", val="multilevel")
    return el("abstractNum", (kind, *levels), abstractNumId=abstract_id)


@dataclass(frozen=True)
class ListIds:
    """Where our list definitions sit in a numbering part (kept with the cached template)."""

    bullet_abstract: int
    ordered_abstract: int
    bullet_num: int
    ordered_num: int


class Numbering:
    """The numbering part of one document, with our two list definitions in it."""

    def __init__(self, numbering_element: Element, ids: ListIds) -> None:
        self._root = numbering_element
        self.ids = ids

    @classmethod
    def install(
        cls, numbering_element: Element, font: str, indent: int = INDENT, colour: str = ""
    ) -> Numbering:
        """Add our bullet and decimal definitions, and one default instance of each; each
        level is `indent` twips further in, and markers are drawn in `colour` ("#RRGGBB")."""
        numbering = cls(numbering_element, ListIds(0, 0, 0, 0))
        bullet = numbering._add_abstract(True, font, indent, colour)
        ordered = numbering._add_abstract(False, font, indent, colour)
        numbering.ids = ListIds(
            bullet, ordered, numbering.add_num(bullet), numbering.add_num(ordered)
        )
        return numbering

    def _add_abstract(self, bullet: bool, font: str, indent: int, colour: str) -> int:
        existing = [_number(a.get(qn("w:abstractNumId"))) for a in self._root.iter(_ABSTRACT)]
        abstract_id = max(existing, default=-1) + 1
        element = _abstract_num(abstract_id, bullet, font, indent, colour)
        nums = self._root.findall(qn("w:num"))
        if nums:  # abstractNum elements must all precede the num elements
            nums[0].addprevious(element)
        else:
            self._root.append(element)
        return abstract_id

    def add_num(self, abstract_id: int, start: int | None = None, ilvl: int = 0) -> int:
        """A new numbering instance; with `start`, level `ilvl` restarts there."""
        existing = [_number(n.get(qn("w:numId"))) for n in self._root.findall(qn("w:num"))]
        num_id = max(existing, default=0) + 1
        children = [el("abstractNumId", val=abstract_id)]
        if start is not None:
            children.append(el("lvlOverride", (el("startOverride", val=start),), ilvl=ilvl))
        num = el("num", tuple(children), numId=num_id)
        cleanup = self._root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self._root.append(num)
        return num_id


_ABSTRACT = qn("w:abstractNum")


def _number(value: str | None) -> int:
    """An id attribute of a reference document's numbering, or -1 if it is not a number."""
    try:
        return int(value or "")
    except ValueError:
        return -1
