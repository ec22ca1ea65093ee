"""Inline nodes become runs: plain text with a language tag, bold, italic, code, hyperlinks."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from briefwright.doctree import nodes
from briefwright.writers.docx.context import Context, RunFormat, dispatch
from briefwright.writers.docx.xml import Element, clean, clone, el, text_run_segments

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_LAYOUT = re.compile("[\t\n\r]")
_PLAIN = RunFormat()


def add_inlines(
    container: Element, inlines: Sequence[nodes.Inline], ctx: Context, fmt: RunFormat = _PLAIN
) -> None:
    """Append the runs of `inlines` to a w:p or w:hyperlink."""
    for node in inlines:
        dispatch(INLINE_HANDLERS, node, container, ctx, fmt)


def _run(ctx: Context, fmt: RunFormat, lang: str | None, content: str) -> Element:
    """A new run of this formatting holding one empty `w:t` or `w:br`."""
    style_id = ctx.style_id(fmt.char_style) if fmt.char_style else ""
    return clone(_run_template(style_id, fmt.bold, fmt.italic, lang, content))


@lru_cache(maxsize=256)
def _run_template(
    style_id: str, bold: bool, italic: bool, lang: str | None, content: str
) -> Element:
    # one copy of a finished run costs a fifth of building its four or more elements anew;
    # the template itself never enters a document
    children = [el("rStyle", val=style_id)] if style_id else []
    if bold:
        children += [el("b"), el("bCs")]
    if italic:
        children += [el("i"), el("iCs")]
    if lang:
        children.append(el("lang", val=lang))
    leaf = el(content)
    if content == "t":
        leaf.set(_XML_SPACE, "preserve")
    return el("r", (el("rPr", tuple(children)), leaf))


def text_runs(container: Element, text: str, ctx: Context, fmt: RunFormat) -> None:
    """Runs for `text`, one per script so Word checks spelling in the right language."""
    # Tabs and newlines would become layout; article text is prose, so they are spaces here.
    text = _LAYOUT.sub(" ", clean(text))
    for segment, lang in text_run_segments(text, ctx.language):
        run = _run(ctx, fmt, lang, "t")
        run[1].text = segment
        container.append(run)


def _text(node: nodes.Text, container: Element, ctx: Context, fmt: RunFormat) -> None:
    text_runs(container, node.text, ctx, fmt)


def _strong(node: nodes.Strong, container: Element, ctx: Context, fmt: RunFormat) -> None:
    add_inlines(container, node.children, ctx, RunFormat(True, fmt.italic, fmt.char_style))


def _emphasis(node: nodes.Emphasis, container: Element, ctx: Context, fmt: RunFormat) -> None:
    add_inlines(container, node.children, ctx, RunFormat(fmt.bold, True, fmt.char_style))


def _code(node: nodes.Code, container: Element, ctx: Context, fmt: RunFormat) -> None:
    text_runs(container, node.text, ctx, RunFormat(fmt.bold, fmt.italic, "Verbatim Char"))


def _link(node: nodes.Link, container: Element, ctx: Context, fmt: RunFormat) -> None:
    rid = ctx.part.relate_to(clean(node.url), RT.HYPERLINK, is_external=True)
    hyperlink = el("hyperlink", history=1)
    hyperlink.set(qn("r:id"), rid)
    container.append(hyperlink)
    add_inlines(hyperlink, node.children, ctx, RunFormat(fmt.bold, fmt.italic, "Hyperlink"))


def _line_break(node: nodes.LineBreak, container: Element, ctx: Context, fmt: RunFormat) -> None:
    container.append(_run(ctx, fmt, None, "br"))


INLINE_HANDLERS: dict[type, Callable[..., None]] = {
    nodes.Text: _text,
    nodes.Strong: _strong,
    nodes.Emphasis: _emphasis,
    nodes.Code: _code,
    nodes.Link: _link,
    nodes.LineBreak: _line_break,
}
