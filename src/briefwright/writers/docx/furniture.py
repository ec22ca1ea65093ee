"""Page furniture: marking, "Page X of Y", date, short title, reference and DRAFT watermark.

What to write comes from DocMeta and the texts running.py shares with the PDF: a TLP marking
is its TLP 2.0 label at the right end of the header and footer lines, on their baseline; any
other marking is a centred banner in bold capitals at the top of the header and the bottom of
the footer; a draft carries Word's DRAFT watermark in the header. A theme's letterhead fills
a first-page header of its own; a reference document's headers and footers are kept.
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
from briefwright.i18n.texts import furniture_texts
from briefwright.markings import tlp_colour_name
from briefwright.theme import Theme
from briefwright.writers.docx.context import Context, RunFormat
from briefwright.writers.docx.inlines import text_runs
from briefwright.writers.docx.letterhead import DETAIL, write_letterhead
from briefwright.writers.docx.marking_styles import BANNER
from briefwright.writers.docx.parts import Package, Story
from briefwright.writers.docx.watermark import watermark_run
from briefwright.writers.docx.xml import clone, el
from briefwright.writers.running import SEPARATOR, Running, page_number_parts, running_texts

_NBSP = "\u00a0"
_NS = {"w": nsmap["w"]}
_KINDS = {"default": WD_HEADER_FOOTER.PRIMARY, "first": WD_HEADER_FOOTER.FIRST_PAGE}
# the stops Word's own Header and Footer styles set (Letter, then A4 templates)
_STYLE_TABS = (4680, 9360, 4513, 9026)
_VISIBLE = tuple(qn(tag) for tag in ("w:drawing", "w:pict", "w:object", "w:fldChar", "w:fldSimple"))
_STORIES: dict[str, tuple[type[HeaderPart] | type[FooterPart], str]] = {
    "header": (HeaderPart, RT.HEADER),
    "footer": (FooterPart, RT.FOOTER),
}


def write_furniture(
    package: Package, section: Any, meta: DocMeta, ctx: Context, theme: Theme
) -> None:
    """Fill the headers and footers (`section` is the body's w:sectPr).

    A reference document's own headers and footers are kept, and ours follow their content.
    Page 1 gets a header of its own when the theme has a letterhead or the reference document
    has a first-page header.
    """
    texts = running_texts(meta, theme, ctx.text_width / 20)
    draft_word = furniture_texts(meta.language).draft
    first_page = bool(theme.letterhead or theme.logo) or _has(section, "header", "first")
    section.titlePg_val = first_page
    kinds = ("default", "first") if first_page else ("default",)
    for kind in kinds:
        header = _story_part(package, section, "header", kind)
        header_ctx = ctx.with_(container=header.element, part=header)
        lead = _banner(meta, header_ctx)
        if kind == "first" and (theme.letterhead or theme.logo):
            write_letterhead(package, header_ctx, theme, meta, lambda p: _label(meta, p, ctx))
            line = header_ctx.paragraph(DETAIL)  # a header ends with a paragraph; no rule
        else:
            line = _header_line(meta, texts, header_ctx)
        if meta.draft:
            (lead if lead is not None else line).append(
                watermark_run(ctx.text_width / 20, theme.font_family, draft_word)
            )
        footer = _story_part(package, section, "footer", kind)
        footer_ctx = ctx.with_(container=footer.element, part=footer)
        _page_line(meta, texts, footer_ctx)
        _banner(meta, footer_ctx)


def set_control_properties(package: Package, meta: DocMeta) -> None:
    """Marking, status, version and reference in the core properties, where Word shows them
    (File > Info: Categories, Status, and the version and identifier fields)."""
    props = CoreProperties(package.core_properties.element)
    props.category = meta.marking
    props.content_status = meta.status.title()
    props.version = meta.version
    props.identifier = meta.reference


def _has(section: Any, story: str, kind: str) -> bool:
    return section.find(f"w:{story}Reference[@w:type='{kind}']", _NS) is not None


def _story_part(package: Package, section: Any, story: str, kind: str) -> Story:
    """The section's header or footer part of a `kind` ("default", "first"), added when it has
    none; a reference document's part keeps its content unless it shows nothing.

    What python-docx's `section.header.is_linked_to_previous = False` does, without its XPath
    queries and without reading and parsing its template file for every new part.
    """
    document = package.document
    reference = section.find(f"w:{story}Reference[@w:type='{kind}']", _NS)
    if reference is not None:
        part = package.stories[document.rels.target(reference.get(qn("r:id")))]
        if not _shows_something(part.element):
            del part.element[:]
        return part
    content_type, empty = _empty_story(story)
    part = package.add_story(f"/word/{story}%d.xml", content_type, clone(empty))
    rid = document.relate_to(part.partname, _STORIES[story][1])
    add = section.add_headerReference if story == "header" else section.add_footerReference
    add(_KINDS[kind], rid)
    return part


def _shows_something(root: Any) -> bool:
    """True when a header or footer holds text, a picture, a shape or a field."""
    if "".join(root.itertext()).strip():
        return True
    return any(True for tag in _VISIBLE for _ in root.iter(tag))


@lru_cache(maxsize=2)
def _empty_story(kind: str) -> tuple[str, Any]:
    """The content type and emptied root of a new header or footer as python-docx makes them."""
    part = _STORIES[kind][0].new(DocxPackage())
    del part.element[:]
    return part.content_type, part.element


def _banner(meta: DocMeta, ctx: Context) -> Any:
    """The marking as a centred banner paragraph, if it is a banner (else None)."""
    if not meta.banner:
        return None
    paragraph = ctx.paragraph(BANNER)
    text_runs(paragraph, meta.marking, ctx, RunFormat())
    return paragraph


def _label(meta: DocMeta, paragraph: Any, ctx: Context) -> None:
    """The TLP label's runs: coloured text on black, padded either side as TLP 2.0 shows it."""
    if not meta.tlp_colour:
        return
    style = f"TLP {str(tlp_colour_name(meta.marking)).title()}"
    text_runs(paragraph, f"{_NBSP}{meta.marking}{_NBSP}", ctx, RunFormat(char_style=style))


def _line(ctx: Context, style: str) -> Any:
    """A paragraph of `style` whose one tab stop is at the right margin."""
    paragraph = ctx.paragraph(style)
    # Word's Header and Footer styles bring centre and right stops of their own; a tab must
    # jump to the margin, not to the middle of the line
    stops = [el("tab", val="clear", pos=pos) for pos in _STYLE_TABS]
    stops.append(el("tab", val="right", pos=ctx.text_width))
    paragraph[0].append(el("tabs", tuple(stops)))
    return paragraph


def _header_line(meta: DocMeta, texts: Running, ctx: Context) -> Any:
    """Organisation, reference and version, and the TLP label at the right."""
    paragraph = _line(ctx, "Header")
    if texts.organization:
        text_runs(paragraph, texts.organization, ctx, RunFormat(bold=True))
    if texts.control:
        text_runs(paragraph, SEPARATOR + texts.control, ctx, RunFormat())
    if meta.tlp_colour:
        paragraph.append(el("r", (el("tab"),)))
        _label(meta, paragraph, ctx)
    return paragraph


def _page_line(meta: DocMeta, texts: Running, ctx: Context) -> None:
    """Short title and date, then "Page X of Y" and the TLP label at the right."""
    paragraph = _line(ctx, "Footer")
    text_runs(paragraph, texts.footer, ctx, RunFormat())
    paragraph.append(el("r", (el("tab"),)))
    # "Page ", PAGE, " of ", NUMPAGES, "" in English; the language decides the order
    fields = {"page": "PAGE", "total": "NUMPAGES"}
    for part in page_number_parts(meta.language):
        if part in fields:
            _field(paragraph, fields[part], "1")
        elif part:
            text_runs(paragraph, part, ctx, RunFormat())
    if meta.tlp_colour:
        text_runs(paragraph, " ", ctx, RunFormat())
        _label(meta, paragraph, ctx)


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
