"""The page budget (a template's `max_pages`) and the pages of its contents, from the PDF's layout.

When a briefing would fill more pages than its template allows, the sections the template
lets shrink (`trim`) give up their last items, as few as it takes (key points go lowest
priority first, as the template shows them), and the template's note says how many more the
full briefing holds. If that is not enough, the render is refused, saying how far over the
briefing is and where it runs over. The DOCX is built to paginate as the PDF does, so the PDF's
layout decides for both; it also gives the page of each heading that a template with `toc`
lists in the DOCX's contents.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from briefwright.errors import EXIT_RENDER, Issue, Location, RenderError

if TYPE_CHECKING:
    from briefwright.doctree.nodes import Document
    from briefwright.summary import LoadedSummary
    from briefwright.templating.discovery import ResolvedTemplate
    from briefwright.theme import Theme
    from briefwright.writers.base import WriteOptions
    from briefwright.writers.pdf import LaidOut


class PageBudgetExceeded(RenderError):
    """The briefing does not fit the pages its template allows, even trimmed."""

    exit_code = EXIT_RENDER


@dataclass(frozen=True)
class Paged:
    """The document to write, and the PDF layout that checked it (None when none was needed)."""

    document: Document
    pdf: LaidOut | None
    warnings: tuple[str, ...] = ()  # the PDF writer's, from that layout


def fit_pages(
    loaded: LoadedSummary,
    template: ResolvedTemplate,
    build: Callable[[ResolvedTemplate], Document],
    theme: Theme,
    options: WriteOptions,
) -> Paged:
    """The briefing `build` makes with the template, within its page budget (trimmed if need
    be); PageBudgetExceeded if it cannot fit. `options.strict` applies to the PDF's fonts."""
    budget = template.config.get("max_pages")
    if budget is None:
        return Paged(build(template), None)
    from briefwright.writers.pdf import lay_out

    def attempt(candidate: ResolvedTemplate) -> tuple[Paged, bool]:
        warnings: list[str] = []
        document = build(candidate)
        laid = lay_out(document, theme, replace(options, warn=warnings.append), budget)
        paged = _with_heading_pages(Paged(document, laid, tuple(warnings)))
        return paged, laid.pages <= budget

    paged, fits = attempt(template)
    if fits:
        return paged
    trimmed = template
    for section in template.config.get("trim", []):
        count = _shown(trimmed, loaded, section)
        if count <= 1:
            continue
        fewest = _limited(trimmed, section, 1)
        result, fits = attempt(fewest)
        if fits:
            return _most_that_fit(attempt, trimmed, section, count, result)
        trimmed, paged = fewest, result  # on to the next section, with this one at one item
    assert paged.pdf is not None
    raise _too_long(loaded, template, trimmed, theme, paged.pdf, budget)


def with_heading_pages(document: Document, theme: Theme, options: WriteOptions) -> Document:
    """The document with the page of each heading, for a DOCX's contents, from a PDF layout.

    A layout that fails (a font only the PDF needs is not installed) leaves the numbers for
    Word to fill in, with a warning: the DOCX itself does not need that font here.
    """
    if not document.meta.contents or document.meta.heading_pages:
        return document
    from briefwright.writers.pdf import lay_out

    try:
        laid = lay_out(document, theme, replace(options, strict=False, warn=_ignore))
    except RenderError as error:
        options.warn(
            f"the contents' page numbers are left for Word to fill in (F9): the PDF layout"
            f" that gives them failed: {error}"
        )
        return document
    return _with_heading_pages(Paged(document, laid)).document


def given_heading_pages(document: Document, pages: tuple[int, ...]) -> Document:
    """The document with `pages` as its headings' pages (as the PDF writer reported them)."""
    if not pages or not document.meta.contents:
        return document
    return replace(document, meta=replace(document.meta, heading_pages=pages))


def _ignore(message: str) -> None:
    pass


def _with_heading_pages(paged: Paged) -> Paged:
    """The document told the page of each heading the PDF found, for the DOCX's contents."""
    if paged.pdf is None:
        return paged
    pages = tuple(page for level, _, page in paged.pdf.outline if level >= 1)
    return replace(paged, document=given_heading_pages(paged.document, pages))


Attempt = Callable[["ResolvedTemplate"], tuple[Paged, bool]]


def _most_that_fit(
    attempt: Attempt, template: ResolvedTemplate, section: str, count: int, one: Paged
) -> Paged:
    """The briefing with the most items of `section` that fit: one does (`one`), `count` do
    not. Fewer items never take more pages, so the range is halved at each layout."""
    low, high, best = 1, count, one
    while high - low > 1:
        middle = (low + high) // 2
        result, fits = attempt(_limited(template, section, middle))
        if fits:
            low, best = middle, result
        else:
            high = middle
    return best


def _shown(template: ResolvedTemplate, loaded: LoadedSummary, section: str) -> int:
    """How many items of `section` the template shows of this summary."""
    from briefwright.templating.release import release

    return len(release(template, loaded).sections[section][0])


def _limited(template: ResolvedTemplate, section: str, count: int) -> ResolvedTemplate:
    """The template with its limit for `section` set to `count`."""
    limits = {**template.config.get("limits", {}), section: count}
    return replace(template, config={**template.config, "limits": limits})


def _too_long(
    loaded: LoadedSummary,
    template: ResolvedTemplate,
    trimmed: ResolvedTemplate,
    theme: Theme,
    laid: LaidOut,
    budget: int,
) -> PageBudgetExceeded:
    if laid.overflow > laid.page_height / 2:  # pages read better than a hundred lines
        over = f"about {laid.overflow / laid.page_height:.1f} pages"
    else:
        lines = math.ceil(laid.overflow / (theme.base_size * theme.line_spacing))
        over = f"about {lines} line{'s' if lines != 1 else ''}"
    pages = f"{budget}-page"
    where = f"; it runs onto page {budget + 1} in {laid.crossing}" if laid.crossing else ""
    dropped = _dropped(template, trimmed, loaded)
    message = (
        f"the briefing is {over} too long for the {pages} template {template.name!r} allows"
        f"{where}{dropped}: shorten it, or render it with a template that sets no max_pages"
    )
    issue = Issue(message, Location(file=str(loaded.path) if loaded.path else None))
    return PageBudgetExceeded(str(issue), [issue])


def _dropped(template: ResolvedTemplate, trimmed: ResolvedTemplate, loaded: LoadedSummary) -> str:
    """ ", even with only 1 key point shown" when trimming went as far as it could."""
    from briefwright.templating.release import release

    if trimmed is template:
        return ""
    shown = release(trimmed, loaded).sections
    counts = [(len(shown[name][0]), _NOUNS[name]) for name in template.config.get("trim", [])]
    left = [f"{count} {noun if count == 1 else noun + 's'}" for count, noun in counts]
    return f", even with only {' and '.join(left)} shown"


_NOUNS = {
    "key_points": "key point",
    "quotes": "quote",
    "timeline": "timeline event",
    "implications": "implication",
    "recommendations": "recommendation",
}
