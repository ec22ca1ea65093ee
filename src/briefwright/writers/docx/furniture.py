"""Page furniture: marking, "Page X of Y", date, short title, reference and DRAFT watermark.

What to write comes from DocMeta alone: a TLP marking is its TLP 2.0 label at the right of
header and footer; any other marking is a centred banner in bold capitals at the top of the
header and the bottom of the footer; a draft carries Word's DRAFT watermark in the header.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from docx.enum.section import WD_HEADER_FOOTER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.oxml.ns import nsmap, qn
from docx.package import Package as DocxPackage
from docx.parts.hdrftr import FooterPart, HeaderPart

from briefwright.doctree.nodes import DocMeta
from briefwright.markings import tlp_colour_name
from briefwright.writers.docx.context import Context, RunFormat
from briefwright.writers.docx.inlines import text_runs
from briefwright.writers.docx.marking_styles import BANNER
from briefwright.writers.docx.parts import Package, Story
from briefwright.writers.docx.running import header_line
from briefwright.writers.docx.watermark import watermark_run
from briefwright.writers.docx.xml import clone, el
from briefwright.writers.running import footer_parts

_NBSP = "\u00a0"
_NS = {"w": nsmap["w"]}
_STORIES: dict[str, tuple[type[HeaderPart] | type[FooterPart], str]] = {
    "header": (HeaderPart, RT.HEADER),
    "footer": (FooterPart, RT.FOOTER),
}


def write_furniture(package: Package, section: Any, meta: DocMeta, ctx: Context, font: str) -> None:
    """Fill the one header and footer every page shows (`section` is the body's w:sectPr)."""
    section.titlePg_val = False  # the first page shows them too
    header_part = _story_part(package, section, "header")
    footer_part = _story_part(package, section, "footer")
    header = ctx.with_(container=header_part.element, part=header_part)
    marking = _marking(meta, header, "Header") if meta.marking else None
    line = header_line(meta, header)  # organisation, reference and version, as in the PDF
    first = line if marking is None else marking
    if meta.draft:
        first.append(watermark_run(ctx.text_width / 20, font))
    footer = ctx.with_(container=footer_part.element, part=footer_part)
    _page_line(meta, footer)
    if meta.marking:
        _marking(meta, footer, "Footer")


def set_control_properties(package: Package, meta: DocMeta) -> None:
    """Marking, status, version and reference in the core properties, where Word shows them
    (File > Info: Categories, Status, and the version and identifier fields)."""
    props = CoreProperties(package.core_properties.element)
    props.category = meta.marking
    props.content_status = meta.status.title()
    props.version = meta.version
    props.identifier = meta.reference


def _story_part(package: Package, section: Any, kind: str) -> Story:
    """The section's emptied default header or footer part, added when it has none.

    What python-docx's `section.header.is_linked_to_previous = False` does, without its XPath
    queries and without reading and parsing its template file for every new part.
    """
    document = package.document
    reference = section.find(f"w:{kind}Reference[@w:type='default']", _NS)
    if reference is not None:
        story = package.stories[document.rels.target(reference.get(qn("r:id")))]
        del story.element[:]
        return story
    content_type, empty = _empty_story(kind)
    story = package.add_story(f"/word/{kind}%d.xml", content_type, clone(empty))
    rid = document.relate_to(story.partname, _STORIES[kind][1])
    add_reference = section.add_headerReference if kind == "header" else section.add_footerReference
    add_reference(WD_HEADER_FOOTER.PRIMARY, rid)
    return story


@lru_cache(maxsize=2)
def _empty_story(kind: str) -> tuple[str, Any]:
    """The content type and emptied root of a new header or footer as python-docx makes them."""
    part = _STORIES[kind][0].new(DocxPackage())
    del part.element[:]
    return part.content_type, part.element


def _marking(meta: DocMeta, ctx: Context, fallback: str) -> Any:
    """The paragraph of the marking (a TLP label or a banner), or an empty `fallback` one."""
    if not meta.marking:
        return ctx.paragraph(fallback)  # a header or footer must hold at least one paragraph
    if meta.banner:
        paragraph = ctx.paragraph(BANNER)
        text_runs(paragraph, meta.marking, ctx, RunFormat())
        return paragraph
    paragraph = ctx.paragraph("Marking")
    # black padding either side of the label, as the TLP 2.0 examples show it
    style = f"TLP {str(tlp_colour_name(meta.marking)).title()}"
    text_runs(paragraph, f"{_NBSP}{meta.marking}{_NBSP}", ctx, RunFormat(char_style=style))
    return paragraph


def _page_line(meta: DocMeta, ctx: Context) -> None:
    paragraph = ctx.paragraph("Footer")
    tab = el("tab", val="right", pos=ctx.text_width)
    paragraph[0].append(el("tabs", (tab,)))
    text_runs(paragraph, _footer_text(meta), ctx, RunFormat())
    paragraph.append(el("r", (el("tab"),)))
    text_runs(paragraph, "Page ", ctx, RunFormat())
    _field(paragraph, "PAGE", "1")
    text_runs(paragraph, " of ", ctx, RunFormat())
    _field(paragraph, "NUMPAGES", "1")


def _footer_text(meta: DocMeta) -> str:
    return "  \u00b7  ".join(footer_parts(meta))  # reference and version are in the header


def _field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A complex field, which Word and LibreOffice recompute on every layout."""
    paragraph.extend(clone(run) for run in _field_runs(instruction, placeholder))


@lru_cache(maxsize=8)
def _field_runs(instruction: str, placeholder: str) -> tuple:
    # built once, copied into each footer
    code = el("instrText")
    code.text = f" {instruction} "
    code.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    result = el("t")
    result.text = placeholder
    return (
        el("r", (el("fldChar", fldCharType="begin"),)),
        el("r", (code,)),
        el("r", (el("fldChar", fldCharType="separate"),)),
        el("r", (result,)),
        el("r", (el("fldChar", fldCharType="end"),)),
    )
