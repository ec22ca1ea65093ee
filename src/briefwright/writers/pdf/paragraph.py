"""A platypus Paragraph that does not break its lines again for a width it has just used.

platypus asks the same paragraph for its size at the same width several times in one build:
the frame, the keep-with-next logic, a table measuring its rows and again drawing its cells.
Each `wrap` is a full line-breaking pass, which is most of the PDF writer's time. The result
depends only on the paragraph and the width, so the last one is kept and returned again.
"""

from __future__ import annotations

from reportlab.platypus import paragraph as rl_paragraph


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
