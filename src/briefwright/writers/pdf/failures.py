"""What to tell the user when the PDF cannot be laid out, in the words of the theme and content.

reportlab names the flowable it could not place by its Python identity ("Flowable <Paragraph
at 0x7f...>"); the user needs to know which text did not fit, how large it was against the
page, and which theme values decide that.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Table

from briefwright.errors import RenderError
from briefwright.theme import Theme

MAX_PAGES = 10_000
"""Most pages a briefing's PDF may have: more means the layout has run away."""
IDLE_PAGES = 20
"""Pages in a row without new text after which a layout is taken to be going nowhere."""
_SHOWN = 60  # characters of the content quoted in a message


class TooManyPages(RenderError):
    """The layout kept making pages (a table whose header fills the page, splitting without end)."""


def too_many_pages(theme: Theme, flowable: Flowable | None) -> TooManyPages:
    """The error for a layout past MAX_PAGES, while placing `flowable`."""
    what = f" while placing {describe(flowable)}" if flowable is not None else ""
    return TooManyPages(
        f"PDF layout stopped at {MAX_PAGES:,} pages{what}; {_theme_sizes(theme)}"
        " may leave too little room on a page"
    )


def no_progress(theme: Theme, flowable: Flowable | None) -> TooManyPages:
    """The error for pages that keep coming without new text, while placing `flowable`."""
    what = describe(flowable) if flowable is not None else "the briefing"
    return TooManyPages(
        f"PDF layout stopped: {IDLE_PAGES} pages in a row without new text while placing"
        f" {what}, which cannot be split to fit; {_theme_sizes(theme)} leave too little room"
    )


def too_large(theme: Theme, flowable: Flowable | None, page: int, room: float) -> RenderError:
    """The error for content taller than a whole page's frame, which cannot be split."""
    if flowable is None:
        return RenderError(f"PDF layout failed on page {page}; {_theme_sizes(theme)}")
    height = getattr(flowable, "height", 0.0) or 0.0
    size = f" ({height:.0f} pt tall)" if height else ""
    return RenderError(
        f"PDF layout failed on page {page}: {describe(flowable)}{size} does not fit in the"
        f" {room:.0f} pt a page has for text and cannot be split; {_theme_sizes(theme)}"
        " leave too little room for it"
    )


def describe(flowable: Flowable) -> str:
    """A flowable as the user knows it: a paragraph, a table, a box, with its first words."""
    kept = getattr(flowable, "kept", None)
    if kept:
        return describe(kept[0]) + " and what is kept with it"
    if isinstance(flowable, Paragraph):
        return f"the paragraph {_quoted(_text(flowable))}"
    if isinstance(flowable, Table) and flowable.repeatRows:
        return "a table (its header row is repeated on every page it spans)"
    if isinstance(flowable, Table):
        return "a boxed block (a bottom line, a callout or a quote)"
    return "a block of the briefing"


def _text(paragraph: Paragraph) -> str:
    # the second part of a split paragraph keeps its text as words, which getPlainText skips
    words = [w for frag in paragraph.frags or [] for w in getattr(frag, "words", ())]
    return paragraph.getPlainText() or " ".join(str(w) for w in words)


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "...")


def _theme_sizes(theme: Theme) -> str:
    margins = (
        theme.margin_top_mm,
        theme.margin_right_mm,
        theme.margin_bottom_mm,
        theme.margin_left_mm,
    )
    return (
        f"the theme's sizes (text {theme.base_size:g} pt, line spacing {theme.line_spacing:g},"
        f" headings {'/'.join(f'{s:g}' for s in theme.heading_sizes)} pt) and margins"
        f" ({'/'.join(f'{m:g}' for m in margins)} mm)"
    )
