"""The canvas that draws each page's furniture once the page count is known."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from briefwright.writers.base import file_time
from briefwright.writers.pdf.furniture import Furniture


class PagedCanvas(Canvas):
    """A canvas whose pages show header and footer drawn when the document is saved.

    "Page 3 of 5" needs the page count, known only at the end. Each page shows a form (a PDF
    XObject) of its own, named here and drawn in `save`; reportlab lets a page use a form that
    is defined later.
    """

    def __init__(
        self,
        *args: Any,
        furniture: Furniture,
        timestamp: int,
        late: Callable[[Canvas], None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.furniture = furniture
        self.paragraphs_drawn: set[int] = set()  # ids of the Paragraphs drawn so far
        self.late = late  # defines other forms known only at the end (contents page numbers)
        # CreationDate and ModDate come from the briefing, not the clock: same input, same bytes
        stamp = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(file_time(timestamp)))
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        """End the page, which shows its furniture (drawn later) above everything else."""
        if self.furniture.meta.draft:
            self.furniture.watermark(self)
        self.doForm(_furniture_form(self.getPageNumber()))
        super().showPage()

    def save(self) -> None:
        """Draw every page's furniture, now that the total is known, and save."""
        total = self.getPageNumber() - 1  # the page after the last one has been started
        for page in range(1, total + 1):
            self.beginForm(_furniture_form(page))
            self.furniture.draw(self, page, total)
            self.endForm()
        if self.late is not None:
            self.late(self)
        super().save()


def _furniture_form(page: int) -> str:
    return f"furniture-{page}"
