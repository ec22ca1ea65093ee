"""The letterhead in the DOCX's first-page header: logo, the theme's lines, and the TLP label.

Laid out as the PDF draws it: a borderless table of one row, the logo in the first cell, the
lines beside it and the label at the right. The lines have named styles ("Letterhead", then
"Letterhead Detail") so an office can restyle them in Word.
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from briefwright.doctree.nodes import DocMeta
from briefwright.logo import read_logo
from briefwright.theme import Theme
from briefwright.writers.docx.context import Context, RunFormat
from briefwright.writers.docx.inlines import text_runs
from briefwright.writers.docx.parts import Package
from briefwright.writers.docx.picture import picture_run
from briefwright.writers.docx.properties import no_border
from briefwright.writers.docx.xml import Element, el
from briefwright.writers.running import label_width, logo_alt

LETTERHEAD = "Letterhead"
DETAIL = "Letterhead Detail"
_TWIPS_PER_MM = 1440 / 25.4
_BESIDE = round(5 * _TWIPS_PER_MM)  # between the logo and the lines, as in the PDF
# what may follow w:pBdr in a w:pPr (ISO/IEC 29500 sequence), to insert it in its place
_AFTER_BORDERS = tuple(
    f"w:{tag}"
    for tag in (
        "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
        "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
        "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
        "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
        "rPr", "sectPr", "pPrChange",
    )
)  # fmt: skip


def install_letterhead_styles(document: Any, theme: Theme, replace: bool) -> dict[str, str]:
    """Add the letterhead's paragraph styles to a python-docx Document when the theme has a
    letterhead (restyled when `replace`, as the stylesheet's are); {style name: styleId}."""
    if not theme.letterhead and not theme.logo:
        return {}
    styles, ids = document.styles, {}
    looks = (
        (LETTERHEAD, True, theme.base_size + 1.5, theme.accent_color),
        (DETAIL, False, theme.meta_size, theme.muted_color),
    )
    for name, bold, size, colour in looks:
        exists = name in styles
        style = styles[name] if exists else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if replace or not exists:
            style.base_style = styles["Header"]
            style.font.bold = bold
            style.font.size = Pt(size)
            style.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
            style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
            _without_borders(style.element.get_or_add_pPr())
        ids[name] = style.style_id
    return ids


def write_letterhead(
    package: Package, ctx: Context, theme: Theme, meta: DocMeta, label: Any
) -> None:
    """The letterhead table at the end of `ctx.container` (a header); `label(paragraph)` adds
    the TLP label runs to a paragraph."""
    logo = read_logo(theme.logo) if theme.logo else None
    label_twips = round(label_width(meta) * 20) if meta.tlp_colour else 0
    logo_twips = round(logo.size_mm()[0] * _TWIPS_PER_MM) + _BESIDE if logo else 0
    widths = [w for w in (logo_twips, ctx.text_width - logo_twips - label_twips, label_twips) if w]
    cells = [_cell(width) for width in widths]
    at = 0
    if logo is not None:
        picture = ctx.with_(container=cells[0]).paragraph(DETAIL)
        picture.append(picture_run(package, ctx.part, logo, logo_alt(theme)))
        at = 1
    lines = ctx.with_(container=cells[at])
    for number, line in enumerate(theme.letterhead or ("",)):
        paragraph = lines.paragraph(LETTERHEAD if number == 0 else DETAIL)
        text_runs(paragraph, line, lines, RunFormat())
    if label_twips:
        marking = ctx.with_(container=cells[-1]).paragraph("Marking")
        label(marking)
    grid = el("tblGrid", tuple(el("gridCol", w=width) for width in widths))
    table = el("tbl", (_table_properties(ctx.text_width), grid, el("tr", tuple(cells))))
    ctx.append(table)


def _without_borders(paragraph_properties: Any) -> None:
    """No rule above or below: the letterhead builds on the Header style, which has one."""
    for old in paragraph_properties.findall(qn("w:pBdr")):
        paragraph_properties.remove(old)
    borders = el("pBdr", (no_border("top"), no_border("bottom")))
    paragraph_properties.insert_element_before(borders, *_AFTER_BORDERS)


def _table_properties(width: int) -> Element:
    margins = el("tblCellMar", (el("left", w=0, type="dxa"), el("right", w=0, type="dxa")))
    return el("tblPr", (el("tblW", w=width, type="dxa"), el("tblLayout", type="fixed"), margins))


def _cell(width: int) -> Element:
    return el("tc", (el("tcPr", (el("tcW", w=width, type="dxa"),)),))
