"""One briefing, step by step: load, validate, template, Markdown, tree, writers, commit.

`render_document` and `render_files` at the end run the steps in that order; each step above
them is a function a caller (a test, a benchmark, `mail`) can also call alone. The writers run
as tasks on an Executor the caller passes in (none: one after the other, here); a task returns
its bytes and warnings as data, so it can run in any process. Libraries are imported by the
step that needs them, so nothing heavy is loaded before a caller has forked its workers.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefwright.errors import EXIT_RENDER, BriefwrightError
from briefwright.pipeline.load import SummarySource, load
from briefwright.pipeline.settings import RenderSettings, normalise_formats
from briefwright.version import __version__
from briefwright.writers import get_writer, writer_info

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from briefwright.doctree.nodes import Document
    from briefwright.fidelity.findings import CheckReport
    from briefwright.summary import LoadedSummary, Summary
    from briefwright.templating.discovery import ResolvedTemplate
    from briefwright.theme import Theme
    from briefwright.writers.base import WriteOptions

Warn = Callable[[str], None]

# The writers with a heavy library behind them, slowest first: submitted before the others, so
# an executor that runs its first task elsewhere (EarlyForkExecutor) gets the one worth moving.
SLOWEST_FIRST = ("pdf", "docx")


def _ignore(message: str) -> None:
    pass


__all__ = [
    "Rendered",
    "VerificationFailed",
    "WriterResult",
    "build_document",
    "commit",
    "load",
    "render_document",
    "render_files",
    "resolve",
    "verify",
    "write_format",
    "write_formats",
]


def resolve(template: str | os.PathLike[str]) -> ResolvedTemplate:
    """The template by name or directory, with its `extends` chain followed."""
    from briefwright.templating.discovery import resolve_template

    return resolve_template(template)


def verify(loaded: LoadedSummary) -> bool:
    """Check every quote against source.text; VerificationFailed on a misquote.

    True when the briefing may say it was verified (there was a source text to check against).
    """
    from briefwright.fidelity import check_summary

    report = check_summary(loaded)
    if report.errors:
        raise VerificationFailed(report)
    return loaded.summary.source.text is not None


class VerificationFailed(BriefwrightError):
    """`--verify` found a quote that is not in the source text."""

    exit_code = EXIT_RENDER

    def __init__(self, report: CheckReport) -> None:
        errors = [issue for issue in report.as_issues() if issue.severity == "error"]
        super().__init__("quotes do not match the source text", errors)
        self.report = report

    def __reduce__(self) -> tuple[type[VerificationFailed], tuple[CheckReport]]:
        # rebuilt from its report, so it survives the trip back from a worker process
        return (VerificationFailed, (self.report,))


def build_document(
    loaded: LoadedSummary, template: ResolvedTemplate, *, verified: bool = False
) -> Document:
    """The template's Markdown for this summary, parsed into the tree the writers walk."""
    from briefwright.doctree.meta import document_meta
    from briefwright.doctree.nodes import Document
    from briefwright.doctree.parse import parse_markdown
    from briefwright.templating.render import render_markdown

    markdown = render_markdown(template, loaded.summary, verified=verified)
    blocks = parse_markdown(markdown, source_name=f"output of template '{template.name}'")
    meta = document_meta(template, loaded.summary, verified=verified)
    return Document(meta=meta, children=blocks)


def writer_theme(template: ResolvedTemplate, settings: RenderSettings) -> Theme:
    """The template's theme, with the font family the settings ask for, if any."""
    if not settings.font:
        return template.theme
    return replace(template.theme, font_family=settings.font, font_files=())


def write_options(
    loaded: LoadedSummary, template: ResolvedTemplate, settings: RenderSettings
) -> WriteOptions:
    """What every writer gets besides the tree and theme (its `warn` is set by write_format)."""
    from briefwright.writers.base import WriteOptions

    return WriteOptions(
        reference_doc=settings.reference_doc or template.reference_doc,
        strict=settings.strict,
        timestamp=timestamp(loaded.summary),
        version=__version__,
    )


def timestamp(summary: Summary) -> int:
    """The creation time written into files: fixed by the input, so output is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return int(epoch)
    day = summary.date or dt.date(1980, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


@dataclass(frozen=True)
class WriterResult:
    """What one writer task gives back: the bytes, or the expected error, and its warnings."""

    format: str
    data: bytes | None
    warnings: tuple[str, ...] = ()
    error: BriefwrightError | None = None


def write_format(fmt: str, doc: Document, theme: Theme, options: WriteOptions) -> WriterResult:
    """One writer as a task: runs in whatever process an executor chooses; returns plain data."""
    warnings: list[str] = []
    try:
        data = get_writer(fmt)(doc, theme, replace(options, warn=warnings.append))
    except BriefwrightError as error:
        return WriterResult(fmt, None, tuple(warnings), error)
    return WriterResult(fmt, data, tuple(warnings))


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
    warn: Warn = _ignore,
) -> dict[str, bytes]:
    """Every format's bytes, in the order asked; warnings go to `warn`, in the same order.

    The first writer error stops the rest; the warnings of the writers that ran are passed on
    before it is raised, since they may explain it.
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
    return outputs


def _write_here(
    doc: Document, theme: Theme, options: WriteOptions, formats: tuple[str, ...]
) -> list[WriterResult]:
    results = []
    for fmt in formats:
        results.append(write_format(fmt, doc, theme, options))
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
    futures = {
        fmt: executor.submit(write_format, fmt, doc, theme, options)
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


@dataclass(frozen=True)
class Rendered:
    """One summary rendered with one template: every requested format as bytes, and the tree."""

    loaded: LoadedSummary
    template: str
    document: Document
    outputs: dict[str, bytes]

    @property
    def stem(self) -> str:
        """Output files are named `<stem>.<format suffix>`: the summary file's name and template."""
        path = self.loaded.path
        return f"{path.stem if path else _slug(self.loaded.summary.title)}.{self.template}"

    def file_name(self, fmt: str) -> str:
        return f"{self.stem}{writer_info(fmt).suffix}"


def commit(rendered: Rendered, settings: RenderSettings) -> list[Path]:
    """Write every format into the output directory, all or nothing; returns the paths."""
    from briefwright.output import commit_outputs

    directory = settings.output_dir
    files = {directory / rendered.file_name(fmt): data for fmt, data in rendered.outputs.items()}
    return commit_outputs(files, force=settings.force)


def render_document(
    source: SummarySource,
    template: str | os.PathLike[str],
    settings: RenderSettings,
    *,
    executor: Executor | None = None,
    warn: Warn = _ignore,
) -> Rendered:
    """Every step but the last: one summary, one template, every format in memory."""
    formats = normalise_formats(settings.formats)
    loaded = load(source)
    resolved = resolve(template)
    verified = verify(loaded) if settings.verify else False
    doc = build_document(loaded, resolved, verified=verified)
    theme = writer_theme(resolved, settings)
    options = write_options(loaded, resolved, settings)
    outputs = write_formats(doc, theme, options, formats, executor=executor, warn=warn)
    return Rendered(loaded, resolved.name, doc, outputs)


def render_files(
    source: SummarySource,
    template: str | os.PathLike[str],
    settings: RenderSettings,
    *,
    executor: Executor | None = None,
    warn: Warn = _ignore,
) -> list[Path]:
    """Every step: render one summary with one template and commit the files."""
    rendered = render_document(source, template, settings, executor=executor, warn=warn)
    return commit(rendered, settings)


def _slug(text: str) -> str:
    cleaned = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in cleaned.split("-") if part)[:60] or "briefing"
