"""What a PDF layout reports besides its bytes: pages, where each heading fell, and how far the
text ran past a page budget, in which block.

Each top-level block's flowables are named as a reader would name the block ("the “Bottom
line” box", "the section “Outlook”"); a flowable reportlab makes while splitting one is not
named, so the block in hand stays the one it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import ActionFlowable

from briefwright.doctree import nodes


@dataclass
class LayoutRecord:
    """Filled in by the document template while it lays out the story."""

    budget: int | None = None  # pages the template allows, if it sets max_pages
    names: dict[int, str] = field(default_factory=dict)  # id(flowable) -> its block's name
    named: list[Flowable] = field(default_factory=list)  # kept alive, so each id stays its own
    # (level, text, page, bookmark name) of the title and each heading
    outline: list[tuple[int, str, int, str]] = field(default_factory=list)
    pages: int = 0
    crossing: str = ""  # the block in hand when the last allowed page ended
    overflow: float = 0.0  # points of text placed past the budget
    _current: str = ""

    def name(self, flowables: list[Flowable], block: nodes.Block, section: str) -> None:
        """Name the flowables drawing `block`, under the heading `section`."""
        what = describe(block, section)
        for flowable in flowables:
            self.names[id(flowable)] = what
            self.named.append(flowable)

    def placing(self, flowable: Flowable | None) -> None:
        """The template takes up `flowable` next."""
        if flowable is not None:
            self._current = self.names.get(id(flowable), self._current)

    def page_ended(self, page: int) -> None:
        self.pages = page
        if page == self.budget:
            self.crossing = self._current

    def placed(self, page: int, height: float) -> None:
        """A flowable `height` points tall (with its spaces) went on `page`."""
        if self.budget is not None and page > self.budget:
            self.overflow += height


def describe(block: nodes.Block, section: str) -> str:
    """A block as a reader names it, inside the section headed `section` ("" before any)."""
    if isinstance(block, nodes.Title | nodes.Subtitle | nodes.MetaLine):
        return "the title block"
    if isinstance(block, nodes.Callout) and block.title:
        return f"the \u201c{nodes.plain_text(block.title)}\u201d box"
    if isinstance(block, nodes.Heading):
        return f"the section \u201c{nodes.plain_text(block.children)}\u201d"
    if section:
        return f"the section \u201c{section}\u201d"
    return "the text before the first heading"


def sections(blocks: tuple[nodes.Block, ...]) -> list[str]:
    """The heading each block falls under (its own text for a heading), in order."""
    heading, out = "", []
    for block in blocks:
        if isinstance(block, nodes.Heading):
            heading = nodes.plain_text(block.children)
        out.append(heading)
    return out


def flowable_height(flowable: Any, canv: Any, width: float) -> float:
    """How tall a placed flowable is, with the spaces around it (0 for a layout action)."""
    if isinstance(flowable, ActionFlowable):
        return 0.0
    height = flowable.wrapOn(canv, width, 0xFFFFFFF)[1]
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
