"""Space between the blocks of the body as the PDF has it, so both break pages alike.

The PDF puts the larger of one block's space after and the next one's space before between
them; Word adds the two, and gives a table no space of its own. The styles hold the common
case (a heading after body text); this pass sets the exceptions directly on the paragraphs:
a heading after the title block or after a table, the space above and below the bottom-line
box and the data tables, the box's last line. Adjacent tables, which Word would join into one,
are kept apart by an empty paragraph. Run only over our own styles (no reference document).
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.oxml.ns import qn

from briefwright.writers.docx.properties import twips
from briefwright.writers.docx.xml import Element, el
from briefwright.writers.look import Look

Spacing = tuple[float, float]  # points before and after, as the PDF spaces the block
_P, _TBL = qn("w:p"), qn("w:tbl")
_VAL = qn("w:val")
# the w:pPr children that come before w:spacing
_PPR_FIRST = tuple(
    qn(f"w:{tag}")
    for tag in ("pStyle", "keepNext", "keepLines", "widowControl", "numPr", "pBdr", "shd", "tabs")
)
_BOXES = ("Bottom Line Box", "Callout Box")


def paragraph_spacing(house: Look) -> dict[str, Spacing]:
    """The PDF's space before and after each paragraph style of the body, by style name."""
    body = (house.body.before, house.body.after)
    spacing = {name: body for name in ("Body Text", "Normal")}
    for base in ("List Bullet", "List Number", "List Continue"):
        spacing |= {f"{base}{suffix}": body for suffix in ("", " 2", " 3")}
    for name, text in (
        ("Title", house.title),
        ("Subtitle", house.subtitle),
        ("Briefing Meta", house.meta),
        *((f"Heading {n}", text) for n, text in enumerate(house.headings, start=1)),
    ):
        spacing[name] = (text.before, text.after)
    spacing["Title Bar"] = (0.0, house.title_bar.after + house.title_bar.thickness)
    rule = house.thematic_break
    spacing["Thematic Break"] = (rule.before, rule.after)
    return spacing


def table_spacing(house: Look) -> dict[str, Spacing]:
    """The PDF's space before and after each table style's tables, by style name."""
    box, table = house.callout, house.table
    boxes = {name: (box.before, box.after) for name in _BOXES}
    return boxes | {
        name: (table.before, table.after) for name in ("Briefing Table", "Timeline Table")
    }


def space_like_the_pdf(body: Element, style_ids: dict[str, str], house: Look) -> None:
    """Set the spacing Word's rules would get wrong, paragraph by paragraph (see above)."""
    names = {style_id: name for name, style_id in style_ids.items()}
    paragraphs, tables = paragraph_spacing(house), table_spacing(house)
    pending = word_gives = 0.0  # what the PDF puts after the last block, and what Word does
    previous: Element | None = None
    for block in list(_blocks(body)):
        style = names.get(_style_id(block), "")
        if block.tag == _TBL:
            before, after = tables.get(style, (0.0, 0.0))
            if previous is not None and previous.tag == _TBL:
                previous = _separate(previous)
            if previous is not None and max(pending, before) > word_gives:
                _set_spacing(previous, after=max(pending, before))
            pending, word_gives = after, 0.0
            if style in _BOXES:
                _end_box(block)
        elif style in paragraphs:
            before, after = paragraphs[style]
            styled_before = max(before - house.body.after, 0) if before else 0.0
            wanted = max(pending, before) - word_gives
            if previous is not None and abs(wanted - styled_before) > 0.05:
                _set_spacing(block, before=max(wanted, 0))
            pending = word_gives = after
        else:  # quotes and what a template adds: their own spacing stands
            pending = word_gives = 0.0
        previous = block


def _blocks(body: Element) -> Iterator[Element]:
    for child in body:
        if child.tag in (_P, _TBL):
            yield child


def _style_id(block: Element) -> str:
    properties = block.find(qn("w:pPr") if block.tag == _P else qn("w:tblPr"))
    style = None
    if properties is not None:
        style = properties.find(qn("w:pStyle") if block.tag == _P else qn("w:tblStyle"))
    return style.get(_VAL, "") if style is not None else ""


def _set_spacing(paragraph: Element, **points: float) -> None:
    """Direct spacing on one paragraph, beside what its style says."""
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = el("pPr")
        paragraph.insert(0, ppr)
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = el("spacing")
        position = sum(1 for child in ppr if child.tag in _PPR_FIRST)
        ppr.insert(position, spacing)
    for side, value in points.items():
        spacing.set(qn(f"w:{side}"), str(twips(value)))


def _separate(table: Element) -> Element:
    """An empty paragraph after `table`, so Word does not join it to the next one."""
    gap = el("p", (el("pPr", (el("spacing", before=0, after=0, line=20, lineRule="exact"),)),))
    table.addnext(gap)
    return gap


def _end_box(table: Element) -> None:
    """The last line of a box ends at its padding: no space after it inside the cell."""
    for cell in table.iter(qn("w:tc")):
        if cell[-1].tag == _P:
            _set_spacing(cell[-1], after=0)
