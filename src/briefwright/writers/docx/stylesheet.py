"""The named styles of a briefing, set as the house look says (writers/look.py).

Each style is plain WordprocessingML, so a user restyles the whole document by editing one
style in Word; `styles.py` installs them. The numbers are the PDF's, so the two paginate alike:
lines are exactly the PDF's leading apart, and spacing is the PDF's. Word adds a paragraph's
space after to the next one's space before where the PDF takes the larger of the two, so a
heading's space before here is what it adds to the body text's space after.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefwright.markings import TLP_COLOURS
from briefwright.theme import Theme
from briefwright.writers.docx.properties import (
    Children,
    border,
    no_border,
    ppr,
    rpr,
    shading,
    text_rpr,
    twips,
)
from briefwright.writers.docx.xml import Element, el
from briefwright.writers.look import Box, Look, Rule, Text, look

TLP_SIZE_PT = 12.0  # the TLP 2.0 standard asks for at least 12 pt
BAR_LINE = 1.0  # points: the line of the empty paragraph that draws the title's bar
BOX_STYLES = {"Bottom Line": "Bottom Line Box", "Callout": "Callout Box"}  # paragraph: table


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


def _set(text: Text, *, before: float = 0.0, **more: Any) -> Children:
    """Paragraph properties that set `text`'s lines and spacing."""
    return ppr(before=before, after=text.after, exact=text.leading, **more)


def stylesheet(theme: Theme, bullet_num: int, ordered_num: int) -> list[StyleSpec]:
    """Every style the writer uses, bases before the styles built on them."""
    house = look(theme)
    bar = house.title_bar
    specs = [
        StyleSpec("Normal", based_on=None, custom=False),
        StyleSpec("Body Text", ppr=_set(house.body), custom=False),
        StyleSpec(
            "Title Bar",
            next="Title",
            # an empty line whose top border is the bar; its right indent sets its length
            ppr=ppr(
                keep_next=True,
                borders=(border("top", bar),),
                after=bar.after - BAR_LINE,
                exact=BAR_LINE,
            ),
            rpr=rpr(size=BAR_LINE),
        ),
        StyleSpec(
            "Title",
            next="Subtitle",
            ppr=_set(house.title, keep_next=True),
            rpr=text_rpr(house.title),
            custom=False,
        ),
        StyleSpec(
            "Subtitle",
            next="Body Text",
            ppr=_set(house.subtitle, keep_next=True),
            rpr=text_rpr(house.subtitle),
            custom=False,
        ),
        StyleSpec("Briefing Meta", ppr=_set(house.meta), rpr=text_rpr(house.meta)),
    ]
    specs += _headings(house)
    specs += _lists(house, bullet_num, ordered_num)
    specs += _boxes(house)
    specs += _quotes(house)
    specs += _tables(house)
    specs += _furniture(theme, house)
    return specs


def _headings(house: Look) -> list[StyleSpec]:
    return [
        StyleSpec(
            f"Heading {level}",
            next="Body Text",
            ppr=_set(
                text,
                before=max(text.before - house.body.after, 0),
                keep_next=True,
                keep_lines=True,
                outline=level - 1,
            ),
            rpr=text_rpr(text),
            custom=False,
        )
        for level, text in enumerate(house.headings, start=1)
    ]


def _lists(house: Look, bullet_num: int, ordered_num: int) -> list[StyleSpec]:
    specs = []
    for depth in (1, 2, 3):
        suffix = "" if depth == 1 else f" {depth}"
        for name, num in (("List Bullet", bullet_num), ("List Number", ordered_num)):
            specs.append(
                StyleSpec(
                    name + suffix, based_on="Body Text", ppr=ppr(num=(num, depth - 1)), custom=False
                )
            )
        specs.append(
            StyleSpec(
                "List Continue" + suffix,
                based_on="Body Text",
                ppr=ppr(left=twips(house.list_indent) * depth),
                custom=False,
            )
        )
    return specs


def _boxes(house: Look) -> list[StyleSpec]:
    """The bottom line and other callouts: paragraphs set in a one-cell table whose style
    draws the bar and the fill, so the box holds lists and everything else in it."""
    table = _box_table(house.callout)
    return [
        StyleSpec(
            "Bottom Line",
            based_on="Body Text",
            ppr=_set(house.callout_body),
            rpr=text_rpr(house.callout_body),
        ),
        StyleSpec(
            "Bottom Line Title",
            based_on="Bottom Line",
            next="Bottom Line",
            ppr=_set(house.callout_title, keep_next=True),
            rpr=text_rpr(house.callout_title),
        ),
        StyleSpec("Bottom Line Box", kind="table", based_on="Normal Table", extra=table),
        StyleSpec("Callout", based_on="Bottom Line"),
        StyleSpec("Callout Title", based_on="Bottom Line Title", next="Callout"),
        # the whole definition again: LibreOffice does not inherit table styles via basedOn
        StyleSpec("Callout Box", kind="table", based_on="Bottom Line Box", extra=table),
    ]


def _box_table(box: Box) -> Children:
    borders = (
        no_border("top"),
        border("left", box.bar),
        no_border("bottom"),
        no_border("right"),
        no_border("insideH"),
        no_border("insideV"),
    )
    # the text starts after the bar and the padding, as in the PDF
    left = box.bar.thickness + box.padding
    margins = _margins(box.padding_top, left, box.padding_bottom, box.padding)
    cell = (el("tcPr", (shading(box.fill),)),) if box.fill else ()
    return (el("tblPr", (el("tblBorders", borders), margins)), *cell)


def _margins(top: float, left: float, bottom: float, right: float) -> Element:
    sides = (("top", top), ("left", left), ("bottom", bottom), ("right", right))
    return el("tblCellMar", tuple(el(side, w=twips(size), type="dxa") for side, size in sides))


def _quotes(house: Look) -> list[StyleSpec]:
    """A quote and its attribution share one bar: same border, same indents."""
    box = house.quote

    def bar() -> Children:  # an element of its own for each style: lxml moves, never shares
        return (border("left", box.bar, space=box.padding),)

    left, right = twips(box.bar.thickness + box.padding), twips(box.padding)
    last = house.attribution.after + box.padding_bottom + box.after
    return [
        StyleSpec(
            "Quote",
            based_on="Body Text",
            ppr=_set(
                house.quote_text, before=box.padding_top, borders=bar(), left=left, right=right
            ),
            rpr=text_rpr(house.quote_text),
            custom=False,
        ),
        StyleSpec(
            "Attribution",
            based_on="Body Text",
            ppr=ppr(
                keep_lines=True,
                borders=bar(),
                after=last,
                exact=house.attribution.leading,
                left=left,
                right=right,
            ),
            rpr=text_rpr(house.attribution),
        ),
        StyleSpec(
            "Thematic Break",
            ppr=ppr(
                borders=(border("bottom", house.thematic_break),),
                before=house.thematic_break.before,
                after=house.thematic_break.after,
                exact=BAR_LINE,
            ),
            rpr=rpr(size=BAR_LINE),
        ),
    ]


def _table_properties(house: Look) -> Children:
    """w:tblPr, the header row's and every second row's w:tblStylePr of a table style."""
    table = house.table
    rules = (
        border("top", table.header_rule_above),
        border("bottom", table.row_rule),
        border("insideH", table.row_rule),
    )
    margins = _margins(table.padding_top, table.padding, table.padding_bottom, table.padding)
    below = el("tcBorders", (border("bottom", table.header_rule_below),))
    header = el(
        "tblStylePr",
        (el("rPr", (el("b"), el("bCs"))), el("tcPr", (below, shading(table.header_fill)))),
        type="firstRow",
    )
    stripe = el("tblStylePr", (el("tcPr", (shading(table.stripe),)),), type="band2Horz")
    bands = el("tblStyleRowBandSize", val=1)
    return (el("tblPr", (bands, el("tblBorders", rules), margins)), header, stripe)


def _tables(house: Look) -> list[StyleSpec]:
    table = _table_properties(house)
    return [
        StyleSpec("Table Text", ppr=_set(house.table.cell), rpr=text_rpr(house.table.cell)),
        StyleSpec("Table Heading", based_on="Table Text", rpr=text_rpr(house.table.header)),
        StyleSpec("Briefing Table", kind="table", based_on="Normal Table", extra=table),
        # the whole definition again: LibreOffice does not inherit conditional formats via basedOn
        StyleSpec("Timeline Table", kind="table", based_on="Briefing Table", extra=table),
    ]


def _furniture(theme: Theme, house: Look) -> list[StyleSpec]:
    """Header, footer, the marking and the character styles."""
    small = rpr(colour=house.furniture.colour, size=house.furniture.size)
    rule: Rule = house.furniture_rule
    specs = [
        StyleSpec(
            "Header", ppr=ppr(borders=(border("bottom", rule, space=4),)), rpr=small, custom=False
        ),  # fmt: skip
        StyleSpec(
            "Footer", ppr=ppr(borders=(border("top", rule, space=4),)), rpr=small, custom=False
        ),  # fmt: skip
        StyleSpec("Marking", ppr=ppr(align="right"), rpr=rpr(bold=True, size=theme.meta_size)),
        StyleSpec(
            "Hyperlink",
            kind="character",
            based_on=None,
            rpr=rpr(colour=theme.accent_color, underline=True),
            custom=False,
        ),
        StyleSpec("Verbatim Char", kind="character", based_on=None, rpr=rpr(font="Courier New")),
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
