"""One briefing, step by step: load, validate, template, Markdown, tree (held to the template's
page budget, pages.py), writers, commit.

`render_document` and `render_files` at the end run the steps in that order; each step above
them is a function a caller (a test, a benchmark, `mail`) can also call alone. The writers run
as tasks on an Executor the caller passes in (write.py). Libraries are imported by the step
that needs them, so nothing heavy is loaded before a caller has forked its workers.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefwright.errors import EXIT_RENDER, BriefwrightError
from briefwright.pipeline.load import SummarySource, load
from briefwright.pipeline.pages import fit_pages
from briefwright.pipeline.settings import RenderSettings, normalise_formats
from briefwright.pipeline.timing import StepTimes
from briefwright.pipeline.unfinished import check_finished
from briefwright.pipeline.write import Warn, ignore, write_formats
from briefwright.version import __version__
from briefwright.writers import writer_info

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from briefwright.doctree.nodes import Document
    from briefwright.fidelity.findings import CheckReport
    from briefwright.summary import LoadedSummary, Summary
    from briefwright.templating.discovery import ResolvedTemplate
    from briefwright.theme import Theme
    from briefwright.writers.base import WriteOptions

__all__ = [
    "Rendered",
    "VerificationFailed",
    "build_document",
    "commit",
    "load",
    "render_document",
    "render_files",
    "resolve",
    "verify",
    "write_formats",
    "write_options",
    "writer_theme",
]


def resolve(
    template: str | os.PathLike[str], roots: tuple[Path, ...] | None = None
) -> ResolvedTemplate:
    """The template by name or directory, with its `extends` chain followed.

    With `roots`, by name only, from those directories and the built-ins (see search_path).
    """
    from briefwright.templating.discovery import resolve_template

    return resolve_template(template, roots=roots)


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

    markdown = render_markdown(template, loaded, verified=verified)
    blocks = parse_markdown(markdown, source_name=f"output of template '{template.name}'")
    meta = document_meta(template, loaded, verified=verified)
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
class Rendered:
    """One summary rendered with one template: every requested format as bytes, and the tree."""

    loaded: LoadedSummary
    template: str
    document: Document
    outputs: dict[str, bytes]
    name: str | None = None  # the summary's part of the file names; None: its file name

    @property
    def stem(self) -> str:
        """Output files are named `<stem>.<format suffix>`: the summary file's name and template."""
        path = self.loaded.path
        name = self.name or (file_stem(path.stem) if path else slug(self.loaded.summary.title))
        return f"{name}.{self.template}"

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
    warn: Warn = ignore,
    stem: str | None = None,
    times: StepTimes | None = None,
) -> Rendered:
    """Every step but the last: one summary, one template, every format in memory.

    A draft's placeholders and a missing source.text are warnings (errors when strict).
    `stem` names the output files instead of the summary's file name; `times`, if given,
    records how long each step took.
    """
    times = times or StepTimes()
    formats = normalise_formats(settings.formats)
    loaded = load(source)
    check_finished(loaded, strict=settings.strict, warn=warn)
    times.lap("load")
    resolved = resolve(template, settings.template_path)
    times.lap("template")
    verified = verify(loaded) if settings.verify else False
    if settings.verify:
        times.lap("verify")
    theme = writer_theme(resolved, settings)
    options = write_options(loaded, resolved, settings)
    # the tree, trimmed to the template's page budget on the PDF's layout if it sets one
    # a PDF made only to count pages must not fail a render for a glyph it lacks
    counting = options if "pdf" in formats else replace(options, strict=False)
    paged = fit_pages(
        loaded, resolved, lambda t: build_document(loaded, t, verified=verified), theme, counting
    )
    doc = paged.document
    times.lap("markdown and tree")
    if paged.pdf is not None:  # laid out already: the DOCX stores that page count
        options = replace(options, page_count=paged.pdf.pages)
    laid = {"pdf": paged.pdf.data} if paged.pdf is not None and "pdf" in formats else {}
    for message in paged.warnings if laid else ():
        warn(message)
    rest = tuple(fmt for fmt in formats if fmt not in laid)
    written = write_formats(doc, theme, options, rest, executor=executor, warn=warn, times=times)
    outputs = {fmt: laid[fmt] if fmt in laid else written[fmt] for fmt in formats}
    return Rendered(loaded, resolved.name, doc, outputs, stem)


def render_files(
    source: SummarySource,
    template: str | os.PathLike[str],
    settings: RenderSettings,
    *,
    executor: Executor | None = None,
    warn: Warn = ignore,
    stem: str | None = None,
    times: StepTimes | None = None,
) -> list[Path]:
    """Every step: render one summary with one template and commit the files."""
    times = times or StepTimes()
    rendered = render_document(
        source, template, settings, executor=executor, warn=warn, stem=stem, times=times
    )
    written = commit(rendered, settings)
    times.lap("commit")
    return written


def file_stem(name: str) -> str:
    """A summary file's name as the start of output names: control characters become '_'.

    A line break in a file name would otherwise reach a mail header, a listing or a terminal.
    """
    return "".join("_" if unicodedata.category(c) in ("Cc", "Cf") else c for c in name)


def slug(text: str) -> str:
    """A file-name-safe form of a title: lower-case words joined by '-', at most 60 characters."""
    cleaned = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in cleaned.split("-") if part)[:60] or "briefing"
