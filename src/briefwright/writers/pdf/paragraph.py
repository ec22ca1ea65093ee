"""A platypus Paragraph that breaks its lines faster, with the same result.

platypus asks the same paragraph for its size at the same width several times in one build:
the frame, the keep-with-next logic, a table measuring its rows and again drawing its cells.
Each `wrap` is a full line-breaking pass, which is most of the PDF writer's time. The result
depends only on the paragraph and the width, so the last one is kept and returned again.

Line breaking also asks, once per word, whether a word can join the run of text before it
(reportlab's `sameFrag`); see `same_frag` for why that is answered here.
"""

from __future__ import annotations

from reportlab.platypus import paragraph as rl_paragraph

# the attributes reportlab's sameFrag compares, in its order
_FRAG_ATTRIBUTES = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link")
_FRAG_ATTRIBUTES += ("backColor", "nobr")
_ABSENT = object()


def same_frag(f, g) -> bool:
    """reportlab's `_rl_accel.sameFrag` in Python: can fragment `g` share `f`'s text run?

    The C version fetches each attribute a fragment lacks by raising and clearing an
    AttributeError, ~5 us each; our fragments lack most of them, and line breaking asks about
    every word, which made it a fifth of the time of a render. The answers are the C version's:
    an absent attribute matches only another absent one; values compare as PyObject_RichCompareBool.
    """
    if hasattr(f, "cbDefn") or hasattr(g, "cbDefn"):
        return False
    if hasattr(f, "lineBreak") or hasattr(g, "lineBreak"):
        return False
    for name in _FRAG_ATTRIBUTES:
        a, b = getattr(f, name, _ABSENT), getattr(g, name, _ABSENT)
        if a is not b and (a is _ABSENT or b is _ABSENT or a != b):
            return False
    return True


# breakLines looks the name up in its module on every call
rl_paragraph.sameFrag = same_frag


class Paragraph(rl_paragraph.Paragraph):
    """reportlab's Paragraph, remembering the size of its last wrap."""

    _last_wrap: tuple[float, tuple[float, float]] | None = None

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
