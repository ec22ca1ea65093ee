"""Inline nodes to reportlab Paragraph mini-markup, escaping every run of text.

Text from the tree is never markup: each run is XML-escaped here, so `<font color=red>` or
`<img src=x>` prints as written. Only Link nodes with an http(s) or mailto target make links.
Every character is checked against the face that will draw it; a character the face lacks is
drawn with the family's regular face if that has it, and otherwise reported (never dropped).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from briefwright.doctree import nodes
from briefwright.errors import Issue, RenderError
from briefwright.fonts import FontFamily

LINK_SCHEMES = ("http", "https", "mailto")
# whitespace controls a paragraph can show as a space; other controls have no glyph at all
_SPACES = str.maketrans("\t\n\r\v\f", "     ")


@dataclass
class GlyphReport:
    """Characters no configured face can draw, gathered over one render (one entry each)."""

    family: str
    issues: list[Issue] = field(default_factory=list)
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def missing(self, char: str, where: str, context: str) -> None:
        """Record that `char`, met at `where` inside `context`, has no glyph."""
        if (char, where) in self._seen:
            return
        self._seen.add((char, where))
        name = unicodedata.name(char, "unnamed character")
        self.issues.append(
            Issue(
                f"{where}: character U+{ord(char):04X} {name} cannot be drawn with font "
                f"family {self.family!r}, in {context!r}",
                severity="warning",
            )
        )

    def finish(self, strict: bool, warn: Callable[[str], None]) -> None:
        """Warn about each missing character, or fail under --strict."""
        if self.issues and strict:
            raise RenderError("characters cannot be drawn in the PDF (--strict)", self.issues)
        for issue in self.issues:
            warn(str(issue))


@dataclass
class InlineRenderer:
    """Renders inline nodes; `where` locates reports, `bold`/`italic` track the face in use."""

    fonts: FontFamily
    report: GlyphReport
    link_color: str
    code_fill: str
    where: str = "document"
    bold: bool = False
    italic: bool = False

    def render(self, inlines: tuple[nodes.Inline, ...], line: int | None = None) -> str:
        """The markup for a run of inline nodes."""
        if line is not None:
            self.where = f"rendered Markdown line {line}" if line else "document"
        return "".join(self.node(child) for child in inlines)

    def node(self, node: nodes.Inline) -> str:
        try:
            handler = INLINE_HANDLERS[type(node)]
        except KeyError:
            raise RenderError(f"PDF writer has no handler for {type(node).__name__}") from None
        return handler(self, node)

    def text(self, text: str) -> str:
        """Escape a run of text, checking that each character can be drawn."""
        text = text.translate(_SPACES)
        if set(map(ord, text)) <= self.fonts.charset(self.bold, self.italic):
            return escape(text)  # the common case, checked in one go
        return "".join(self._char(char, text) for char in text)

    def _char(self, char: str, text: str) -> str:
        if self.fonts.covers(char, self.bold, self.italic):
            return escape(char)
        if unicodedata.category(char) == "Cc":
            self.report.missing(char, self.where, _context(text))
            return ""
        if self.fonts.covers(char):
            # e.g. Arabic in an italic quote: DejaVu Sans Oblique lacks it, the upright has it
            return f'<font face="{self.fonts.name()}">{escape(char)}</font>'
        self.report.missing(char, self.where, _context(text))
        return escape(char)

    def styled(self, children: tuple[nodes.Inline, ...], *, bold=False, italic=False) -> str:
        saved = self.bold, self.italic
        self.bold, self.italic = self.bold or bold, self.italic or italic
        try:
            inner = self.render(children)
        finally:
            self.bold, self.italic = saved
        return f"<b>{inner}</b>" if bold else f"<i>{inner}</i>"


def _context(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def safe_url(url: str) -> str | None:
    """The URL if it may become a link (http, https, mailto), else None."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in LINK_SCHEMES else None


def _text(r: InlineRenderer, node: nodes.Text) -> str:
    return r.text(node.text)


def _strong(r: InlineRenderer, node: nodes.Strong) -> str:
    return r.styled(node.children, bold=True)


def _emphasis(r: InlineRenderer, node: nodes.Emphasis) -> str:
    return r.styled(node.children, italic=True)


def _code(r: InlineRenderer, node: nodes.Code) -> str:
    return f'<font backColor="{r.code_fill}">{r.text(node.text)}</font>'


def _link(r: InlineRenderer, node: nodes.Link) -> str:
    inner = r.render(node.children)
    url = safe_url(node.url)
    if url is None:
        return inner
    href = escape(url, {'"': "&quot;"})
    return f'<a href="{href}" color="{r.link_color}"><u>{inner}</u></a>'


def _line_break(r: InlineRenderer, node: nodes.LineBreak) -> str:
    return "<br/>"


INLINE_HANDLERS: dict[type, Callable[[InlineRenderer, nodes.Inline], str]] = {
    nodes.Text: _text,
    nodes.Strong: _strong,
    nodes.Emphasis: _emphasis,
    nodes.Code: _code,
    nodes.Link: _link,
    nodes.LineBreak: _line_break,
}
