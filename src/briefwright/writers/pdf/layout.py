"""The page layout: one frame inside the theme's margins, bookmarks, headings kept with text."""

from __future__ import annotations

import functools
from typing import IO, Any

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate
from reportlab.platypus.doctemplate import FrameBreak

from briefwright.doctree import nodes
from briefwright.theme import Theme
from briefwright.writers.pdf.failures import IDLE_PAGES, MAX_PAGES, no_progress, too_many_pages
from briefwright.writers.pdf.furniture import info_keywords
from briefwright.writers.pdf.pagesetup import PageSetup
from briefwright.writers.pdf.paragraph import Paragraph
from briefwright.writers.pdf.record import LayoutRecord, flowable_height


def outline_root(doc: nodes.Document) -> list[Flowable]:
    """A bookmark for the document title when the tree has no Title node to carry it."""
    if any(isinstance(block, nodes.Title) for block in doc.children):
        return []
    anchor = _Anchor()
    anchor.outline = (0, doc.meta.title)
    return [anchor]


class _Anchor(Flowable):
    """An invisible mark in the story, carrying an outline entry."""

    drawn_at: float | None = None  # where the frame drew it, for its bookmark
    outline: tuple[int, str] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, *args: Any, **kwargs: Any) -> None:  # noqa: N802
        """Draw (nothing), remembering `y`."""
        self.drawn_at = y
        super().drawOn(canvas, x, y, *args, **kwargs)

    def draw(self) -> None:
        pass


class Together(KeepTogether):
    """reportlab's KeepTogether, which tells what it keeps together (`kept`)."""

    def __init__(self, flowables: list[Flowable], maxHeight: float | None = None) -> None:  # noqa: N803
        super().__init__(flowables, maxHeight)
        self.kept = list(flowables)


class KeepWithNext(Together):
    """Headings kept with the start of what follows them.

    reportlab's own KeepTogether moves a heading and a long table to the next page together,
    leaving a gap; here the follower may split, as long as its first part stays with the heading.
    """

    def __init__(
        self, flowables: list[Flowable], maxHeight: float | None = None, *, frame_height: float
    ) -> None:  # noqa: N803
        super().__init__(flowables, maxHeight)
        self.frame_height = frame_height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        *lead, follower = self.kept
        if not lead:
            return super().split(avail_width, avail_height)
        # the frame offers all of its height only while nothing is on it yet
        at_top = avail_height >= self.frame_height
        # the frame also spends the spaces around the headings; count them all, to be safe
        spaces = (0 if at_top else lead[0].getSpaceBefore()) + lead[-1].getSpaceAfter()
        lead_height = stacked_height(lead, avail_width, self.canv) + spaces
        room = avail_height - lead_height - follower.getSpaceBefore()
        parts = _start_in(follower, self.canv, avail_width, room) if room > 0 else None
        if parts is not None:
            # the rest of a split follower starts a page, even where the frame has a little
            # more room than counted here (else a table's header would repeat mid-page)
            return lead + parts[:1] + ([FrameBreak()] if parts[1:] else []) + parts[1:]
        return self.kept if at_top else [FrameBreak()] + self.kept


def stacked_height(flowables: list[Flowable], width: float, canv: Any) -> float:
    """The height of `flowables` one below the other, as a frame would stack them.

    Between two of them goes the larger of the upper one's space after and the lower one's
    space before; nothing above the first or below the last.
    """
    height, after, first = 0.0, 0.0, True
    for flowable in flowables:
        drawn = flowable.wrapOn(canv, width, 0xFFFFFFF)[1]
        if drawn <= 1e-5:  # nothing drawn, no space around it
            continue
        height += drawn
        if not first:
            height += max(flowable.getSpaceBefore() - after, 0)
        first = False
        after = flowable.getSpaceAfter()
        height += after
    return height - after


def _start_in(flowable: Flowable, canv: Any, width: float, room: float) -> list[Flowable] | None:
    """The flowable, or its split parts, if at least its start fits in `room`; else None."""
    if isinstance(flowable, Together):
        # a quote with its attribution: all of it must fit, or it all moves on
        height = stacked_height(flowable.kept, width, canv)
        return [flowable] if height <= room else None
    if flowable.wrapOn(canv, width, room)[1] <= room:
        return [flowable]
    return flowable.splitOn(canv, width, room) or None


class BriefingTemplate(BaseDocTemplate):
    """The page's margins and one frame inside them; adds an outline entry per heading.

    `first_top`, if given, lowers the frame's top on page 1 (under a letterhead).
    """

    def __init__(
        self,
        meta: nodes.DocMeta,
        theme: Theme,
        page: PageSetup,
        version: str,
        font: str,
        out: IO[bytes],
        first_top: float | None = None,
        record: LayoutRecord | None = None,
    ) -> None:
        super().__init__(
            out,
            pagesize=page.size,
            leftMargin=page.left,
            rightMargin=page.right,
            topMargin=page.top,
            bottomMargin=page.bottom,
            title=meta.title,
            author=meta.author or meta.organization,
            subject=meta.subject,
            keywords=info_keywords(meta),
            creator=f"briefwright {version}".strip(),
            lang=meta.language or None,
            invariant=1,
            displayDocTitle=1,
            # the canvas starts every page with a font selected; make it ours, not Helvetica
            initialFontName=font,
        )
        frame = self._frame("body", self.bottomMargin + self.height)
        templates = [PageTemplate(id="page", frames=[frame])]
        if first_top is not None:
            first = self._frame("first", first_top)
            templates.insert(
                0, PageTemplate(id="first", frames=[first], autoNextPageTemplate="page")
            )
        self.addPageTemplates(templates)
        # what the frame offers a flowable while nothing is on it, computed as the frame does
        top, bottom = frame.y1 + frame.height - frame.topPadding, frame.y1 + frame.bottomPadding
        # reportlab only ever calls keepTogetherClass(flowables), which a partial can answer
        keep = functools.partial(KeepWithNext, frame_height=top - bottom)
        self.keepTogetherClass = keep  # type: ignore[assignment]
        self.frame_width = self.width
        self.frame_height = top - bottom
        self.theme = theme
        self.in_hand: Flowable | None = None  # what is being placed, to name in an error
        self._drawn_before = self._idle_pages = 0
        self.record = record or LayoutRecord()
        self._outline_level = -1
        self._outline_count = 0

    def _frame(self, name: str, top: float) -> Frame:
        """A frame between the side margins from the bottom margin up to `top`."""
        return Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            top - self.bottomMargin,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """Place the next flowable as reportlab does, remembering which one it is."""
        self.in_hand = flowables[0] if flowables else None
        self.record.placing(self.in_hand)
        super().handle_flowable(flowables)

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:  # noqa: N802
        """reportlab's, except that headings keep with a quote that is kept together too.

        reportlab puts no container inside another, so it lets a heading followed by a quote
        (a Together) stand alone at the foot of a page; KeepWithNext knows how to place them.
        """
        count = 0
        while count < len(flowables) and flowables[count].getKeepWithNext():
            count += 1
        if not count or count == len(flowables) or not isinstance(flowables[count], Together):
            super().handle_keepWithNext(flowables)
            return
        group = KeepWithNext(flowables[: count + 1], frame_height=self.frame_height)
        for flowable in flowables[:count]:
            flowable.__dict__["keepWithNext"] = 0  # grouped now, as reportlab marks them
        del flowables[: count + 1]
        flowables.insert(0, group)

    def afterPage(self) -> None:  # noqa: N802 - reportlab's name
        """Stop a layout that keeps making pages without end: past MAX_PAGES, or IDLE_PAGES
        in a row without a paragraph that was not drawn before (a table's repeated header, or
        a box whose content cannot be split, starts page after page without progress)."""
        self.record.page_ended(self.page)
        drawn = len(getattr(self.canv, "paragraphs_drawn", ()))
        self._idle_pages = 0 if drawn > self._drawn_before else self._idle_pages + 1
        self._drawn_before = drawn
        if self._idle_pages >= IDLE_PAGES:
            raise no_progress(self.theme, self.in_hand)
        if self.page >= MAX_PAGES:
            raise too_many_pages(self.theme, self.in_hand)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        """Bookmark a flowable that carries an outline entry (title and headings)."""
        if self.record.budget is not None and self.page > self.record.budget:
            self.record.placed(self.page, flowable_height(flowable, self.canv, self.frame_width))
        if not isinstance(flowable, (Paragraph, _Anchor)) or not flowable.outline:
            return
        level, text = flowable.outline
        # PDF outlines cannot skip a level (h1 then h3); nest such a heading one step deeper
        level = min(level, self._outline_level + 1)
        self._outline_level = level
        self._outline_count += 1
        key = getattr(flowable, "anchor", "") or f"outline-{self._outline_count}"
        self.record.outline.append((level, text, self.page, key))
        # open the bookmark at the heading itself, where the frame's next line would start
        below = (flowable.drawn_at or 0.0) - flowable.getSpaceAfter()
        top = below + getattr(flowable, "height", 0) + 6
        self.canv.bookmarkPage(key, fit="XYZ", top=top)
        self.canv.addOutlineEntry(text, key, level=level, closed=False)
        self.canv.showOutline()
