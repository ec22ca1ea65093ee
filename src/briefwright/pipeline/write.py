"""The writer step: each format a task returning plain data, run here or on a caller's Executor.

A task gives back its bytes (or its expected error) and its warnings instead of calling back,
so it can run in any process: here one after the other, in a forked child, in a pool. The DOCX
and the PDF are written side by side; what the PDF's layout found (its page count, the page of
each heading) is then set into the DOCX's stored field results, the same bytes the DOCX writer
makes when it is told them first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from briefwright.errors import BriefwrightError
from briefwright.pipeline.pages import with_heading_pages
from briefwright.writers import get_writer
from briefwright.writers.base import PagesFound

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from briefwright.doctree.nodes import Document
    from briefwright.pipeline.timing import StepTimes
    from briefwright.theme import Theme
    from briefwright.writers.base import WriteOptions

Warn = Callable[[str], None]

# The writers with a heavy library behind them, slowest first: submitted before the others, so
# an executor that runs its first task elsewhere (EarlyForkExecutor) gets the one worth moving.
SLOWEST_FIRST = ("pdf", "docx")


def ignore(message: str) -> None:
    """The default `warn`: drop the message."""


@dataclass(frozen=True)
class WriterResult:
    """What one writer task gives back: the bytes, or the expected error, and its warnings."""

    format: str
    data: bytes | None
    warnings: tuple[str, ...] = ()
    error: BriefwrightError | None = None
    seconds: float = 0.0  # how long the writer took, wherever it ran
    pages: PagesFound | None = None  # what the PDF's layout found, for the DOCX beside it


def write_format(
    fmt: str, doc: Document, theme: Theme, options: WriteOptions, pdf_alongside: bool = False
) -> WriterResult:
    """One writer as a task: runs in whatever process an executor chooses; returns plain data.

    A DOCX with a contents list lays out a PDF of its own for the headings' pages, unless
    `pdf_alongside` says the PDF written beside it will give them.
    """
    warnings: list[str] = []
    found: list[PagesFound] = []
    start = time.perf_counter()
    options = replace(options, warn=warnings.append, pages_found=found.append)
    try:
        if fmt == "docx" and not pdf_alongside:
            doc = with_heading_pages(doc, theme, options)
        data = get_writer(fmt)(doc, theme, options)
    except BriefwrightError as error:
        return WriterResult(fmt, None, tuple(warnings), error)
    seconds = time.perf_counter() - start
    pages = found[-1] if found else None  # the writer's last word
    return WriterResult(fmt, data, tuple(warnings), seconds=seconds, pages=pages)


def warm_up_writer(fmt: str) -> None:
    """Import a writer (and the PDF's bundled fonts) before its task arrives."""
    get_writer(fmt)
    if fmt == "pdf":
        from briefwright.writers.pdf.fonts import BUNDLED_FAMILY, load_family

        load_family(BUNDLED_FAMILY)


def writing_order(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The formats in the order their tasks are submitted: the slowest writers first."""
    return tuple(sorted(formats, key=lambda fmt: (fmt not in SLOWEST_FIRST, fmt != "pdf")))


def write_formats(
    doc: Document,
    theme: Theme,
    options: WriteOptions,
    formats: tuple[str, ...],
    *,
    executor: Executor | None = None,
    warn: Warn = ignore,
    times: StepTimes | None = None,
) -> dict[str, bytes]:
    """Every format's bytes, in the order asked; warnings go to `warn`, in the same order.

    The first writer error stops the rest; the warnings of the writers that ran are passed on
    before it is raised, since they may explain it. `times` gets each writer's own time.
    """
    if executor is None:
        results = _write_here(doc, theme, options, formats)
    else:
        results = _write_on(executor, doc, theme, options, formats)
    for result in results:
        for message in result.warnings:
            warn(message)
    outputs: dict[str, bytes] = {}
    for result in results:
        if result.error is not None:
            raise result.error
        assert result.data is not None  # a WriterResult holds bytes or an error
        outputs[result.format] = result.data
    _carry_pdf_pages(outputs, results)
    if times is not None:
        times.lap("write")
        times.add(*((f"  {r.format}", r.seconds) for r in results))
    return outputs


def _carry_pdf_pages(outputs: dict[str, bytes], results: list[WriterResult]) -> None:
    """Give the DOCX in `outputs` the page count and heading pages of the PDF beside it."""
    pdf = next((result for result in results if result.format == "pdf"), None)
    if "docx" not in outputs or pdf is None or pdf.pages is None:
        return
    from briefwright.writers.docx.pagecount import with_pdf_pages

    outputs["docx"] = with_pdf_pages(outputs["docx"], pdf.pages)


def _write_here(
    doc: Document, theme: Theme, options: WriteOptions, formats: tuple[str, ...]
) -> list[WriterResult]:
    alongside = "pdf" in formats
    results = []
    for fmt in formats:
        results.append(write_format(fmt, doc, theme, options, alongside))
        if results[-1].error is not None:
            break
    return results


def _write_on(
    executor: Executor,
    doc: Document,
    theme: Theme,
    options: WriteOptions,
    formats: tuple[str, ...],
) -> list[WriterResult]:
    alongside = "pdf" in formats
    futures = {
        fmt: executor.submit(write_format, fmt, doc, theme, options, alongside)
        for fmt in writing_order(formats)
    }
    # Results already in come first: an error among them is raised without waiting for a
    # slower writer elsewhere, which the caller's executor then stops.
    ready = [fmt for fmt in formats if futures[fmt].done()]
    results: dict[str, WriterResult] = {}
    for fmt in ready + [fmt for fmt in formats if fmt not in ready]:
        results[fmt] = futures[fmt].result()
        if results[fmt].error is not None:
            break
    return [results[fmt] for fmt in formats if fmt in results]
