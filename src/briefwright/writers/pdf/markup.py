"""Inline nodes to reportlab Paragraph mini-markup, escaping every run of text.

Text from the tree is never markup: each run is XML-escaped here, so `<font color=red>` or
`<img src=x>` prints as written. Only Link nodes with an http(s) or mailto target make links.
Every character is checked against the face that will draw it; a character the face lacks is
drawn with the family's regular face if that has it, and otherwise reported (never dropped).
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from briefwright.doctree import nodes
from briefwright.errors import Issue, RenderError
from briefwright.writers.pdf.fonts import FontFamily

LINK_SCHEMES = ("http", "https", "mailto")
# whitespace controls a paragraph can show as a space; other controls have no glyph at all
_SPACES = str.maketrans("\t\n\r\v\f", "     ")


@dataclass
class GlyphReport:
    """Characters no configured face can draw, gathered over one render (one entry each)."""

    family: str  # how to name the fonts tried, e.g. "font family 'DejaVu Sans'"
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
                f"{where}: character U+{ord(char):04X} {name} cannot be drawn with "
                f"{self.family}, in {context!r}",
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
    fallbacks: tuple[FontFamily, ...] = ()  # families tried, in order, for missing glyphs
    where: str = "document"
    section: str = ""  # the heading above, so a report says where a reader would look
    bold: bool = False
    italic: bool = False

    def render(self, inlines: tuple[nodes.Inline, ...], line: int | None = None) -> str:
        """The markup for a run of inline nodes."""
        if line is not None:
            self.where = f"rendered Markdown line {line}" if line else "document"
            if self.section:
                self.where += f" (section {self.section!r})"
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
        if self.fonts.draws(text, self.bold, self.italic):
            return escape(text)  # the common case, checked in one go
        return "".join(self._char(text, i) for i in range(len(text)))

    def _char(self, text: str, index: int) -> str:
        char = text[index]
        if self.fonts.covers(char, self.bold, self.italic):
            return escape(char)
        if unicodedata.category(char) != "Cc":
            # another face may have it: e.g. DejaVu Sans Oblique lacks Arabic, the upright has
            # it; and the bundled DejaVu Sans stands in for a theme family without Armenian
            for family in (self.fonts, *self.fallbacks):
                for bold, italic in ((self.bold, self.italic), (False, False)):
                    if family.covers(char, bold, italic):
                        face = family.name(bold, italic)
                        return f'<font face="{face}">{escape(char)}</font>'
        self.report.missing(char, self.where, _context(text, index))
        # a control character has no glyph anywhere; anything else shows as the font's box
        return "" if unicodedata.category(char) == "Cc" else escape(char)

    def styled(
        self, children: tuple[nodes.Inline, ...], *, bold: bool = False, italic: bool = False
    ) -> str:
        saved = self.bold, self.italic
        self.bold, self.italic = self.bold or bold, self.italic or italic
        try:
            inner = self.render(children)
        finally:
            self.bold, self.italic = saved
        return f"<b>{inner}</b>" if bold else f"<i>{inner}</i>"


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities (xml.sax.saxutils.escape, whose import pulls in urllib)."""
    return html.escape(text, quote=False)


def _context(text: str, index: int, reach: int = 30) -> str:
    """The text around position `index`, so the reader can find the character."""
    start, end = max(0, index - reach), index + reach + 1
    return ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")


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
    href = escape(url).replace('"', "&quot;")
    return f'<a href="{href}" color="{r.link_color}"><u>{inner}</u></a>'


def _line_break(r: InlineRenderer, node: nodes.LineBreak) -> str:
    return "<br/>"


# each handler takes its own node class
INLINE_HANDLERS: dict[type, Callable[[InlineRenderer, Any], str]] = {
    nodes.Text: _text,
    nodes.Strong: _strong,
    nodes.Emphasis: _emphasis,
    nodes.Code: _code,
    nodes.Link: _link,
    nodes.LineBreak: _line_break,
}
