"""The DOCX's contents: Word's own TOC field, its entries filled in before Word ever updates it.

Each top-level heading gets a bookmark; the field (TOC \\o "1-2" \\h) holds one paragraph per
heading of levels 1 and 2, a link to its bookmark with a PAGEREF field whose shown number is
the page the PDF's layout gave that heading (DocMeta.heading_pages), so the list reads right
when the file opens, and F9 (or LibreOffice's update) recomputes it the usual way.
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from briefwright.doctree import nodes
from briefwright.i18n.texts import furniture_texts
from briefwright.theme import Theme
from briefwright.writers.docx.context import Context, RunFormat
from briefwright.writers.docx.inlines import text_runs
from briefwright.writers.docx.xml import Element, el

DEPTH = 2  # heading levels listed
HEADING = "TOC Heading"
LEVELS = ("TOC 1", "TOC 2")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def install_contents_styles(document: Any, theme: Theme, replace: bool) -> dict[str, str]:
    """Word's built-in contents styles, added to a python-docx Document (restyled when
    `replace`, as the stylesheet's are); {style name: styleId}."""
    styles, ids = document.styles, {}
    for name in (HEADING, *LEVELS):
        exists = name in styles
        style = styles[name] if exists else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if replace or not exists:
            _restyle(style, styles, theme, name)
        ids[name] = style.style_id
    return ids


def _restyle(style: Any, styles: Any, theme: Theme, name: str) -> None:
    style.base_style = styles["Body Text"]
    style.quick_style = name == HEADING
    form = style.paragraph_format
    if name == HEADING:
        style.font.bold = True
        style.font.size = Pt(theme.heading_sizes[1])
        style.font.color.rgb = RGBColor.from_string(theme.accent_color.lstrip("#"))
        form.space_before, form.space_after = Pt(theme.base_size), Pt(theme.base_size / 3)
        return
    form.space_before, form.space_after = Pt(0), Pt(1)
    if name != LEVELS[0]:
        form.left_indent = Pt(14)
        style.font.size = Pt(theme.base_size - 1)


def write_contents(doc: nodes.Document, ctx: Context) -> None:
    """Bookmark the body's headings and put the contents before the first (if it asks for it)."""
    if not doc.meta.contents:
        return
    paragraphs = _heading_paragraphs(ctx)
    headings = [block for block in doc.children if isinstance(block, nodes.Heading)]
    if not paragraphs or len(paragraphs) != len(headings):
        return  # headings the writer did not place at the top level: nothing to list safely
    pages = doc.meta.heading_pages
    lines = []
    for number, (paragraph, heading) in enumerate(zip(paragraphs, headings, strict=True), 1):
        name = f"_Toc{number:08d}"
        _bookmark(paragraph, name, number)
        if heading.level <= DEPTH:
            page = str(pages[number - 1]) if number <= len(pages) else ""
            lines.append(_entry(ctx, heading, name, page))
    if not lines:
        return
    title = ctx.paragraph(HEADING)
    text_runs(title, furniture_texts(doc.meta.language).contents, ctx, RunFormat())
    _field_begin(lines[0])
    lines[-1].append(el("r", (el("fldChar", fldCharType="end"),)))
    for element in (title, *lines):
        paragraphs[0].addprevious(element)


def _heading_paragraphs(ctx: Context) -> list[Element]:
    """The body's own heading paragraphs, in order (not those inside tables)."""
    ids = {ctx.style_id(f"Heading {level}") for level in (1, 2, 3)}
    found = []
    for paragraph in ctx.container.iterchildren(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) in ids:
            found.append(paragraph)
    return found


def _bookmark(paragraph: Element, name: str, number: int) -> None:
    start = el("bookmarkStart", id=number, name=name)
    properties = paragraph.find(qn("w:pPr"))
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(el("bookmarkEnd", id=number))


def _entry(ctx: Context, heading: nodes.Heading, bookmark: str, page: str) -> Element:
    """One entry paragraph: the heading's text linked to its bookmark, a dotted tab, its page."""
    style = LEVELS[min(heading.level, DEPTH) - 1]
    paragraph = el("p", (el("pPr", (el("pStyle", val=ctx.style_id(style)), _tabs(ctx))),))
    link = el("hyperlink", anchor=bookmark, history=1)
    text_runs(link, nodes.plain_text(heading.children), ctx, RunFormat())
    link.append(el("r", (el("tab"),)))
    link.extend(_field(f" PAGEREF {bookmark} \\h ", page))
    paragraph.append(link)
    return paragraph


def _tabs(ctx: Context) -> Element:
    return el("tabs", (el("tab", val="right", leader="dot", pos=ctx.text_width),))


def _field_begin(paragraph: Element) -> None:
    """Open the TOC field at the start of the first entry."""
    runs = _field(' TOC \\o "1-2" \\h \\z \\u ', None)
    for run in reversed(runs):
        paragraph[0].addnext(run)  # after the w:pPr every entry starts with


def _field(instruction: str, shown: str | None) -> list[Element]:
    """A complex field's runs: begin, code, separate, and (when `shown` is given) the shown
    text and end."""
    code = el("instrText")
    code.text = instruction
    code.set(_XML_SPACE, "preserve")
    runs = [
        el("r", (el("fldChar", fldCharType="begin"),)),
        el("r", (code,)),
        el("r", (el("fldChar", fldCharType="separate"),)),
    ]
    if shown is not None:
        text = el("t")
        text.text = shown
        runs += [el("r", (text,)), el("r", (el("fldChar", fldCharType="end"),))]
    return runs
