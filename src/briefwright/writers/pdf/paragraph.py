"""A platypus Paragraph that breaks its lines and reads its markup faster, with the same result.

platypus asks the same paragraph for its size at the same width several times in one build:
the frame, the keep-with-next logic, a table measuring its rows and again drawing its cells.
Each `wrap` is a full line-breaking pass, which is most of the PDF writer's time. The result
depends only on the paragraph and the width, so the last one is kept and returned again.

Line breaking also asks, once per word, whether a word can join the run of text before it
(reportlab's `sameFrag`); see `same_frag` for why that is answered here.

Reading the markup: reportlab feeds it to Python's HTMLParser, a tenth of a render. The markup
is ours (markup.py: escaped text, a few tags), so `tuple_tree` reads it with one regular
expression into the tuple tree reportlab's parser also accepts; the same parser then builds
the same fragments, with the same calls. Markup outside that small grammar goes the usual way.
"""

from __future__ import annotations

import functools
import html
import re

from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paraparser import ParaFrag, ParaParser, known_entities

# the attributes reportlab's sameFrag compares, in its order
_FRAG_ATTRIBUTES = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link")
_FRAG_ATTRIBUTES += ("backColor", "nobr")
_ABSENT = object()
# a plain ParaFrag keeps these attributes in its __dict__ only, so that can be read directly
_PLAIN_FRAG = (
    ParaFrag.__getattribute__ is object.__getattribute__
    and not hasattr(ParaFrag, "__getattr__")
    and not any(hasattr(ParaFrag, name) for name in (*_FRAG_ATTRIBUTES, "cbDefn", "lineBreak"))
)


def same_frag(f, g) -> bool:
    """reportlab's `_rl_accel.sameFrag` in Python: can fragment `g` share `f`'s text run?

    The C version fetches each attribute a fragment lacks by raising and clearing an
    AttributeError, ~5 us each; our fragments lack most of them, and line breaking asks about
    every word, which made it a fifth of the time of a render. For ParaFrags, the fragments
    reportlab's parser makes, the answers are the C version's: an absent attribute matches
    only another absent one; values compare as PyObject_RichCompareBool. Other classes are
    read with getattr.
    """
    if _PLAIN_FRAG and type(f) is ParaFrag and type(g) is ParaFrag:
        found, other = f.__dict__.get, g.__dict__.get
    else:
        found, other = functools.partial(getattr, f), functools.partial(getattr, g)
    if found("cbDefn", _ABSENT) is not _ABSENT or other("cbDefn", _ABSENT) is not _ABSENT:
        return False
    if found("lineBreak", _ABSENT) is not _ABSENT or other("lineBreak", _ABSENT) is not _ABSENT:
        return False
    for name in _FRAG_ATTRIBUTES:
        a, b = found(name, _ABSENT), other(name, _ABSENT)
        if a is not b and (a is _ABSENT or b is _ABSENT or a != b):
            return False
    return True


def _reportlab_uses_c_same_frag() -> bool:
    # Without the rl_accel package reportlab falls back to a Python sameFrag whose answers
    # differ (an absent attribute equals None there); same_frag gives the C version's only.
    return type(rl_paragraph.sameFrag) is type(len)


# breakLines looks the name up in its module on every call
if _reportlab_uses_c_same_frag():
    rl_paragraph.sameFrag = same_frag


# one token of our markup: text, an entity, a start tag with its attributes, an end tag, <br/>
_TOKEN = re.compile(
    r"([^<&]+)|&(amp|lt|gt|quot);"
    r'|<(b|i|u|font|a)((?: [a-zA-Z]+="[^"<>]*")*)>|</(b|i|u|font|a)>|<br/>'
)
_ATTRIBUTE = re.compile(r' ([a-zA-Z]+)="([^"<>]*)"')


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
            stack[-1][2].append(text if text is not None else known_entities[entity])
        elif tag:
            found = _ATTRIBUTE.findall(attributes)
            node = (tag, {name.lower(): html.unescape(value) for name, value in found}, [])
            stack[-1][2].append(node)
            stack.append(node)
        elif closing:
            if stack[-1][0] != closing or len(stack) == 1:
                return None
            stack.pop()
        else:
            stack[-1][2].append(("br", {}, None))
    return root if end == len(markup) and len(stack) == 1 else None


class Paragraph(rl_paragraph.Paragraph):
    """reportlab's Paragraph, reading our markup without HTMLParser and caching its last wrap."""

    _last_wrap: tuple[float, tuple[float, float]] | None = None

    def __init__(self, text, style=None, bulletText=None, frags=None, **kwargs):  # noqa: N803
        if frags is None and style is not None and not kwargs:
            # what Paragraph._setup does with markup: clean it, parse it, transform the text
            cleaned = rl_paragraph.cleanBlockQuotedText(text)
            tree = tuple_tree(cleaned)
            if tree is not None:
                parser = ParaParser()
                parser.caseSensitive = 1
                text, (style, frags, _) = cleaned, parser.tt_parse(tree, style)
                rl_paragraph.textTransformFrags(frags, style)
        super().__init__(text, style, bulletText, frags, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The size at `availWidth`; the lines are broken only when the width changes."""
        # every attribute wrap sets (width, height, blPara) is still that of the last wrap
        if self._last_wrap is not None and self._last_wrap[0] == availWidth:
            return self._last_wrap[1]
        size = super().wrap(availWidth, availHeight)
        self._last_wrap = (availWidth, size)
        return size

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803
        """As reportlab's; splitting may alter the fragments, so the next wrap starts afresh."""
        self._last_wrap = None
        return super().split(availWidth, availHeight)
