"""What the node handlers share while they write one document."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache

from docx.oxml.ns import qn

from briefwright.errors import Issue, Location, RenderError
from briefwright.writers.docx.numbering import Numbering
from briefwright.writers.docx.parts import Story
from briefwright.writers.docx.xml import Element, clone, el
from briefwright.writers.look import Look


@dataclass(frozen=True)
class RunFormat:
    """Character formatting inherited down the inline tree."""

    bold: bool = False
    italic: bool = False
    char_style: str = ""  # a style name, e.g. "Hyperlink"


@dataclass(frozen=True)
class Context:
    """Where blocks go and how they look; handlers derive a changed copy with `with_`."""

    part: Story  # the part that owns hyperlink relationships: body, header or footer
    styles: dict[str, str]  # style name -> styleId
    numbering: Numbering
    language: str  # w:lang of runs in no recognised script
    text_width: int  # twips between the margins, for table columns and footer tabs
    table_font_size: float  # points, for fitting table columns
    container: Element  # w:body, w:hdr, w:ftr or w:tc that new blocks are appended to
    look: Look  # the house look, for what the styles cannot say (lengths, box widths)
    para_style: str = "Body Text"  # the style of a plain Paragraph here (a quote, a box...)
    keep_next: bool = False  # keep each paragraph with the next (a quote and its attribution)
    depth: int = 0  # list nesting
    list_style: str = ""
    num_id: int = 0

    def with_(self, **changes: object) -> Context:
        """A copy with some fields changed."""
        # a context is derived per table cell, list and heading; dataclasses.replace would run
        # __init__ over every field each time, a dict update is a tenth of that (names checked)
        unknown = changes.keys() - _FIELD_NAMES
        if unknown:
            raise TypeError(f"Context has no field {', '.join(sorted(unknown))}")
        derived = object.__new__(Context)
        derived.__dict__.update(self.__dict__, **changes)
        return derived

    def style_id(self, name: str) -> str:
        return self.styles[name]

    def append(self, element: Element) -> None:
        """Add a block element, keeping the body's final w:sectPr last."""
        # the prepared body holds only its w:sectPr, and blocks go before it, so it is last
        last = self.container[-1] if len(self.container) else None
        if last is not None and last.tag == _SECTION:
            last.addprevious(element)
        else:
            self.container.append(element)

    def paragraph(self, style: str) -> Element:
        """A new, empty paragraph of a named style at the end of the container."""
        paragraph = clone(_paragraph_template(self.style_id(style), self.keep_next))
        self.append(paragraph)
        return paragraph


_FIELD_NAMES = frozenset(field.name for field in fields(Context))
_SECTION = qn("w:sectPr")


@lru_cache(maxsize=256)
def _paragraph_template(style_id: str, keep_next: bool) -> Element:
    # copied for each paragraph: one copy is cheaper than building its three or four elements
    ppr = el("pPr", (el("pStyle", val=style_id),))
    if keep_next:
        ppr.append(el("keepNext"))
    return el("p", (ppr,))


def dispatch(handlers: Mapping[type, Callable[..., None]], node: object, *args: object) -> None:
    """Call the handler of the node's class; a node without one is an error, never dropped."""
    handler = handlers.get(type(node))
    if handler is None:
        line = getattr(node, "line", 0) or None
        where = f" (Markdown line {line})" if line else ""
        message = f"the DOCX writer cannot place a {type(node).__name__} here{where}"
        issue = Issue(message, Location(line=line))
        raise RenderError(str(issue), [issue])
    handler(node, *args)
