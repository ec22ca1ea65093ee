"""The canvas that holds pages back until the page count is known, with a fixed timestamp."""

from __future__ import annotations

import time

from reportlab.pdfgen.canvas import Canvas

from briefwright.writers.pdf.furniture import Furniture


class PagedCanvas(Canvas):
    """A canvas that draws furniture once the page count is known, with a fixed timestamp.

    Bookmarks are held with their page too: reportlab ties a bookmark to the page the PDF
    document is on, and while pages are held back that would be page 1 for all of them.
    """

    def __init__(self, *args, furniture: Furniture, timestamp: int, **kwargs):
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held: list[dict] = []
        self._bookmarks: list[tuple[str, dict]] = []
        # CreationDate and ModDate come from the briefing, not the clock: same input, same bytes
        stamp = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(timestamp))
        self.setDateFormatter(lambda *_: stamp)

    def bookmarkPage(self, key: str, **kwargs) -> None:  # noqa: N802 - reportlab's name
        self._bookmarks.append((key, kwargs))

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held.append(dict(self.__dict__))
        self._bookmarks = []
        self._startPage()

    def save(self) -> None:
        """Draw every held page with its furniture, now that the total is known, and save."""
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            for key, kwargs in self._bookmarks:
                super().bookmarkPage(key, **kwargs)
            self._furniture.draw(self, self._pageNumber, total)
            super().showPage()
        super().save()
