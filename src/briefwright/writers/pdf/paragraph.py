"""A platypus Paragraph that breaks its lines and reads its markup faster, with the same result.

platypus asks the same paragraph for its size at the same width several times in one build:
the frame, the keep-with-next logic, a table measuring its rows and again drawing its cells.
Each `wrap` is a full line-breaking pass, which is most of the PDF writer's time. The result
depends only on the paragraph and the width, so the last one is kept and returned again.

Line breaking asks, once per word of a paragraph of several fragments, whether the word can
join the run of text before it: reportlab's `sameFrag` (C code in rl_accel) compares eight
attributes of the two fragments. Each one a fragment lacks is an AttributeError raised and
cleared, and reportlab's parser leaves two of them (`backColor`, `nobr`) unset on most
fragments. `_settled` gives our fragments those two as None: every comparison answers as
before (unset matches unset as None matches None), and drawing reads both with a default of
None or False, so the PDF is the same (a test compares the bytes with reportlab's Paragraph).

Reading the markup: reportlab feeds it to Python's HTMLParser, a tenth of a render. The markup
is ours (markup.py: escaped text, a few tags), so `tuple_tree` reads it with one regular
expression into the tuple tree reportlab's parser also accepts; the same parser then builds
the same fragments, with the same calls. Markup outside that small grammar goes the usual way.
"""

from __future__ import annotations

import html
import re
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.paraparser import ParaFrag, ParaParser

# attributes sameFrag compares that reportlab's parser leaves unset unless markup sets them;
# a paragraph of one fragment is drawn by another path, which asks whether it has backColor
_UNSET_BY_PARSER = ("backColor", "nobr")


# one token of our markup: text, an entity, a start tag with its attributes, an end tag, <br/>
_TOKEN = re.compile(
    r"([^<&]+)|&(amp|lt|gt|quot);"
    r'|<(b|i|u|font|a)((?: [a-zA-Z]+="[^"<>]*")*)>|</(b|i|u|font|a)>|<br/>'
)
_ATTRIBUTE = re.compile(r' ([a-zA-Z]+)="([^"<>]*)"')
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"'}


def tuple_tree(markup: str) -> tuple | None:
    """`markup` as reportlab's tuple tree, or None if it is not markup that markup.py makes.

    Each text and each entity is its own child, because HTMLParser hands them to the
    paragraph parser one by one too; attribute names are lower-cased and values unescaped,
    as HTMLParser does.
    """
    root: tuple = ("para", {}, [])
    stack = [root]
    end = 0
    for match in _TOKEN.finditer(markup):
        if match.start() != end:
            return None
        end = match.end()
        text, entity, tag, attributes, closing = match.groups()
        if text is not None or entity:
            stack[-1][2].append(text if text is not None else _ENTITIES[entity])
        elif tag:
            found = _ATTRIBUTE.findall(attributes)
            attrs = {name.lower(): html.unescape(value) for name, value in found}
            node: tuple[str, dict[str, str], list[Any]] = (tag, attrs, [])
            stack[-1][2].append(node)
            stack.append(node)
        elif closing:
            if stack[-1][0] != closing or len(stack) == 1:
                return None
            stack.pop()
        else:
            stack[-1][2].append(("br", {}, None))
    return root if end == len(markup) and len(stack) == 1 else None


def _settled(frags: list[Any]) -> list[Any]:
    """Fragments of ours with the attributes sameFrag compares set (see the module docstring).

    A paragraph of one fragment is broken into lines without sameFrag, on a path reportlab
    takes only if that fragment has no backColor: it is left as the parser made it.
    """
    if len(frags) > 1:
        for frag in frags:
            if isinstance(frag, ParaFrag):
                for name in _UNSET_BY_PARSER:
                    vars(frag).setdefault(name, None)
    return frags


class Paragraph(rl_paragraph.Paragraph):
    """reportlab's Paragraph, reading our markup without HTMLParser and caching its last wrap."""

    _last_wrap: tuple[float, tuple[float, float]] | None = None
    drawn_at: float | None = None  # where the frame last drew it, for a heading's bookmark
    anchor: str = ""  # a heading's bookmark name, when a contents list links to it
    outline: tuple[int, str] | None = None  # (level, text) of its bookmark, if it has one

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle | None = None,
        bulletText: str | None = None,  # noqa: N803 - reportlab's name
        frags: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if frags is None and style is not None and text is not None and not kwargs:
            # what Paragraph._setup does with markup: clean it, parse it, transform the text
            cleaned = rl_paragraph.cleanBlockQuotedText(text)
            tree = tuple_tree(cleaned)
            if tree is not None:
                parser = ParaParser()
                parser.caseSensitive = 1
                text, (style, frags, _) = cleaned, parser.tt_parse(tree, style)
                # public in reportlab, though types-reportlab does not list it
                rl_paragraph.textTransformFrags(frags, style)  # type: ignore[attr-defined]
                frags = _settled(frags)
        # reportlab's own split passes text None with the fragments
        super().__init__(text, style, bulletText, frags, **kwargs)  # type: ignore[arg-type]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The size at `availWidth`; the lines are broken only when the width changes."""
        # every attribute wrap sets (width, height, blPara) is still that of the last wrap
        if self._last_wrap is not None and self._last_wrap[0] == availWidth:
            return self._last_wrap[1]
        size = super().wrap(availWidth, availHeight)
        self._last_wrap = (availWidth, size)
        return size

    def drawOn(self, canvas: Any, x: float, y: float, *args: Any, **kwargs: Any) -> None:  # noqa: N802
        """Draw as reportlab does, remembering `y` (and, on our canvas, that it was drawn)."""
        self.drawn_at = y
        drawn = getattr(canvas, "paragraphs_drawn", None)
        if drawn is not None:  # how the layout tells a page that shows nothing new
            drawn.add(id(self))
        super().drawOn(canvas, x, y, *args, **kwargs)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """As reportlab's; splitting may alter the fragments, so the next wrap starts afresh."""
        self._last_wrap = None
        return super().split(availWidth, availHeight)
