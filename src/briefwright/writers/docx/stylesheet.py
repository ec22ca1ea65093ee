"""The named styles of a briefing, derived from the theme.

Each style is plain WordprocessingML (w:pPr / w:rPr children in schema order), so a user
restyles the whole document by editing one style in Word. `styles.py` installs them.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefwright.markings import TLP_COLOURS
from briefwright.theme import Theme
from briefwright.writers.docx.xml import Element, el

TLP_SIZE_PT = 12.0  # the TLP 2.0 standard asks for at least 12 pt

Children = tuple[Element, ...]


@dataclass(frozen=True)
class StyleSpec:
    """One style: its name, kind, parents and property elements (copied in when installed)."""

    name: str
    kind: str = "paragraph"  # paragraph | character | table
    based_on: str | None = "Normal"
    next: str | None = None
    ppr: Children = ()
    rpr: Children = ()
    extra: Children = ()  # w:tblPr and w:tblStylePr of a table style
    custom: bool = True  # our own style, not one of Word's built-in names


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def _pt(points: float) -> int:
    """Twentieths of a point (twips), WordprocessingML's unit for spacing."""
    return round(points * 20)


def _shading(fill: str) -> Element:
    return el("shd", val="clear", color="auto", fill=_hex(fill))


def ppr(
    *,
    keep_next: bool = False,
    keep_lines: bool = False,
    num: tuple[int, int] | None = None,
    borders: Children = (),
    fill: str = "",
    before: float | None = None,
    after: float | None = None,
    line: float | None = None,
    left: int | None = None,
    right: int | None = None,
    align: str = "",
    outline: int | None = None,
) -> Children:
    """w:pPr children in schema order; sizes in points, indents in twips, line as a multiple."""
    parts = [el("keepNext")] if keep_next else []
    parts += [el("keepLines")] if keep_lines else []
    if num:
        parts.append(el("numPr", (el("ilvl", val=num[1]), el("numId", val=num[0]))))
    parts += [el("pBdr", borders)] if borders else []
    parts += [_shading(fill)] if fill else []
    spacing: dict[str, int | str] = {}
    if before is not None:
        spacing["before"] = _pt(before)
    if after is not None:
        spacing["after"] = _pt(after)
    if line is not None:
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
) -> Children:
    """w:rPr children in schema order; size in points. Values are attributes, never markup."""
    parts = [el("rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font)] if font else []
    parts += [el("b"), el("bCs")] if bold else []
    parts += [el("i"), el("iCs")] if italic else []
    parts += [el("caps")] if caps else []
    parts += [el("color", val=_hex(colour))] if colour else []
    parts += [el("sz", val=round(size * 2)), el("szCs", val=round(size * 2))] if size else []
    parts += [el("u", val="single")] if underline else []
    parts += [_shading(fill)] if fill else []
    return tuple(parts)


def border(side: str, colour: str, eighths: int, space: int = 4) -> Element:
    """One w:pBdr / w:tblBorders side: a single line `eighths`/8 pt wide."""
    return el(side, val="single", sz=eighths, space=space, color=_hex(colour))


def stylesheet(theme: Theme, bullet_num: int, ordered_num: int) -> list[StyleSpec]:
    """Every style the writer uses, bases before the styles built on them."""
    t, ls = theme, theme.line_spacing
    specs = [
        StyleSpec("Normal", based_on=None, custom=False),
        StyleSpec("Body Text", ppr=ppr(after=6, line=ls), custom=False),
        StyleSpec(
            "Title",
            next="Subtitle",
            ppr=ppr(keep_next=True, after=4, line=1.0),
            rpr=rpr(bold=True, colour=t.accent_color, size=t.title_size),
            custom=False,
        ),
        StyleSpec(
            "Subtitle",
            next="Body Text",
            ppr=ppr(keep_next=True, after=10, line=1.1),
            rpr=rpr(colour=t.muted_color, size=t.subtitle_size),
            custom=False,
        ),
        StyleSpec(
            "Briefing Meta",
            ppr=ppr(after=2, line=1.1),
            rpr=rpr(colour=t.muted_color, size=t.meta_size),
        ),
    ]
    specs += _headings(theme)
    specs += _lists(theme, bullet_num, ordered_num)
    specs += _boxes(theme)
    specs += _tables(theme)
    specs += _furniture(theme)
    return specs


def _headings(t: Theme) -> list[StyleSpec]:
    rule = (border("bottom", t.accent_color, 6, 2),)
    return [
        StyleSpec(
            f"Heading {level}",
            next="Body Text",
            ppr=ppr(
                keep_next=True,
                keep_lines=True,
                borders=rule if level == 1 else (),
                before=(16, 12, 10)[level - 1],
                after=(6, 4, 3)[level - 1],
                line=1.0,
                outline=level - 1,
            ),
            rpr=rpr(bold=True, colour=t.accent_color, size=t.heading_sizes[level - 1]),
            custom=False,
        )
        for level in (1, 2, 3)
    ]


def _lists(t: Theme, bullet_num: int, ordered_num: int) -> list[StyleSpec]:
    specs = []
    for depth in (1, 2, 3):
        suffix = "" if depth == 1 else f" {depth}"
        for name, num in (("List Bullet", bullet_num), ("List Number", ordered_num)):
            specs.append(
                StyleSpec(
                    name + suffix,
                    based_on="Body Text",
                    ppr=ppr(num=(num, depth - 1), after=3, line=t.line_spacing),
                    custom=False,
                )
            )
        specs.append(
            StyleSpec(
                "List Continue" + suffix,
                based_on="Body Text",
                ppr=ppr(after=3, left=360 * depth),
                custom=False,
            )
        )
    return specs


def _boxes(t: Theme) -> list[StyleSpec]:
    box = tuple(
        border(side, t.accent_color, 24 if side == "left" else 4, 8 if side == "left" else 6)
        for side in ("top", "left", "bottom", "right")
    )
    return [
        StyleSpec(
            "Bottom Line",
            based_on="Body Text",
            ppr=ppr(borders=box, fill=t.callout_fill, before=0, after=6, left=200, right=140),
        ),
        StyleSpec(
            "Bottom Line Title",
            based_on="Bottom Line",
            next="Bottom Line",
            ppr=ppr(keep_next=True, after=3),
            rpr=rpr(bold=True, caps=True, colour=t.accent_color, size=t.meta_size + 0.5),
        ),
        StyleSpec("Callout", based_on="Bottom Line"),
        StyleSpec("Callout Title", based_on="Bottom Line Title", next="Callout"),
        StyleSpec(
            "Quote",
            based_on="Body Text",
            ppr=ppr(borders=(border("left", t.muted_color, 12, 8),), after=2, left=400, right=400),
            rpr=rpr(italic=True),
            custom=False,
        ),
        StyleSpec(
            "Attribution",
            based_on="Body Text",
            ppr=ppr(keep_lines=True, after=10, left=400, right=400),
            rpr=rpr(colour=t.muted_color, size=t.meta_size),
        ),
        StyleSpec(
            "Thematic Break",
            ppr=ppr(borders=(border("bottom", t.muted_color, 4, 1),), before=4, after=10, line=1.0),
            rpr=rpr(size=4),
        ),
        StyleSpec(
            "Hyperlink",
            kind="character",
            based_on=None,
            rpr=rpr(colour=t.accent_color, underline=True),
            custom=False,
        ),
        StyleSpec("Verbatim Char", kind="character", based_on=None, rpr=rpr(font="Courier New")),
    ]


def _table_properties(t: Theme) -> Children:
    """w:tblPr and the header row's w:tblStylePr of a table style."""
    rules = (
        border("top", t.accent_color, 8, 0),
        border("bottom", t.accent_color, 8, 0),
        border("insideH", "#C9D1DC", 4, 0),
    )
    margins = tuple(
        el(side, w=width, type="dxa")
        for side, width in (("top", 50), ("left", 100), ("bottom", 50), ("right", 100))
    )
    header = el(
        "tblStylePr",
        (el("rPr", (el("b"), el("bCs"))), el("tcPr", (_shading(t.table_header_fill),))),
        type="firstRow",
    )
    return (el("tblPr", (el("tblBorders", rules), el("tblCellMar", margins))), header)


def _tables(t: Theme) -> list[StyleSpec]:
    table = _table_properties(t)
    return [
        StyleSpec(
            "Table Text",
            ppr=ppr(before=1, after=1, line=1.1),
            rpr=rpr(size=t.base_size - 1),
        ),
        StyleSpec(
            "Table Heading", based_on="Table Text", rpr=rpr(bold=True, colour=t.accent_color)
        ),
        StyleSpec("Briefing Table", kind="table", based_on="Normal Table", extra=table),
        # the whole definition again: LibreOffice does not inherit conditional formats via basedOn
        StyleSpec("Timeline Table", kind="table", based_on="Briefing Table", extra=table),
    ]


def _furniture(t: Theme) -> list[StyleSpec]:
    specs = [
        StyleSpec("Header", rpr=rpr(colour=t.muted_color, size=t.meta_size - 0.5), custom=False),
        StyleSpec("Footer", rpr=rpr(colour=t.muted_color, size=t.meta_size - 0.5), custom=False),
        StyleSpec("Marking", ppr=ppr(align="right"), rpr=rpr(bold=True, size=t.meta_size)),
    ]
    specs += [
        StyleSpec(
            f"TLP {colour.title()}",
            kind="character",
            based_on=None,
            rpr=rpr(bold=True, colour=hex_value, size=TLP_SIZE_PT, fill="000000"),
        )
        for colour, hex_value in TLP_COLOURS.items()
    ]
    return specs
