"""Paragraph, run, table and cell properties as WordprocessingML elements, in schema order.

Sizes come in points and are written in Word's units (twips, half-points, eighths of a point);
every value is an attribute, never markup.
"""

from __future__ import annotations

from briefwright.writers.docx.xml import Element, el
from briefwright.writers.look import Rule, Text

Children = tuple[Element, ...]


def hex_colour(colour: str) -> str:
    """ "#1f3a5f" -> "1F3A5F", as WordprocessingML writes colours."""
    return colour.lstrip("#").upper()


def twips(points: float) -> int:
    """Twentieths of a point, WordprocessingML's unit for spacing and indents."""
    return round(points * 20)


def eighths(points: float) -> int:
    """Eighths of a point, the unit of border widths (Word draws 2 to 96)."""
    return min(max(round(points * 8), 2), 96)


def shading(fill: str) -> Element:
    return el("shd", val="clear", color="auto", fill=hex_colour(fill))


def border(side: str, rule: Rule, space: float = 0) -> Element:
    """One side of a paragraph, table or cell border: a single line as `rule` says."""
    return el(
        side,
        val="single",
        sz=eighths(rule.thickness),
        space=round(space),
        color=hex_colour(rule.colour),
    )


def no_border(side: str) -> Element:
    return el(side, val="nil")


def ppr(
    *,
    keep_next: bool = False,
    keep_lines: bool = False,
    widow_control: bool = False,
    num: tuple[int, int] | None = None,
    borders: Children = (),
    fill: str = "",
    before: float | None = None,
    after: float | None = None,
    exact: float | None = None,
    line: float | None = None,
    left: int | None = None,
    right: int | None = None,
    align: str = "",
    outline: int | None = None,
) -> Children:
    """w:pPr children; spacing in points, `exact` a line height in points or `line` a multiple
    of the font's, indents in twips."""
    parts = [el("keepNext")] if keep_next else []
    parts += [el("keepLines")] if keep_lines else []
    parts += [el("widowControl")] if widow_control else []
    if num:
        parts.append(el("numPr", (el("ilvl", val=num[1]), el("numId", val=num[0]))))
    parts += [el("pBdr", borders)] if borders else []
    parts += [shading(fill)] if fill else []
    spacing: dict[str, int | str] = {}
    if before is not None:
        spacing["before"] = twips(before)
    if after is not None:
        spacing["after"] = twips(after)
    if exact is not None:
        spacing.update(line=twips(exact), lineRule="exact")
    elif line is not None:
        spacing.update(line=round(line * 240), lineRule="auto")
    parts += [el("spacing", **spacing)] if spacing else []
    if left is not None or right is not None:
        parts.append(el("ind", left=left or 0, right=right or 0))
    parts += [el("jc", val=align)] if align else []
    parts += [el("outlineLvl", val=outline)] if outline is not None else []
    return tuple(parts)


def rpr(
    *,
    font: str = "",
    bold: bool = False,
    italic: bool = False,
    caps: bool = False,
    colour: str = "",
    size: float | None = None,
    underline: bool = False,
    fill: str = "",
    no_kerning: bool = False,
) -> Children:
    """w:rPr children; size in points."""
    parts = [el("rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font)] if font else []
    parts += [el("b"), el("bCs")] if bold else []
    parts += [el("i"), el("iCs")] if italic else []
    parts += [el("caps")] if caps else []
    parts += [el("color", val=hex_colour(colour))] if colour else []
    parts += [el("kern", val=0)] if no_kerning else []
    parts += [el("sz", val=round(size * 2)), el("szCs", val=round(size * 2))] if size else []
    parts += [el("u", val="single")] if underline else []
    parts += [shading(fill)] if fill else []
    return tuple(parts)


def text_rpr(text: Text) -> Children:
    """The run properties that set type as `text` says."""
    return rpr(
        bold=text.bold, italic=text.italic, caps=text.caps, colour=text.colour, size=text.size
    )
