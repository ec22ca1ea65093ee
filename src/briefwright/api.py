"""The pipeline as named steps: load, validate, render the template, parse, write, commit.

This is the library API (`briefwright.render`, `load_summary`, `validate`) and what the CLI
calls. Writers are imported only for the formats asked for.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefwright.errors import EXIT_RENDER, BriefwrightError, Issue, UsageError
from briefwright.version import __version__
from briefwright.writers import DEFAULT_FORMATS, writer_info

DEFAULT_TEMPLATE = "analyst"
DEFAULT_OUTPUT_DIR = "briefings"


@dataclass(frozen=True)
class RenderSettings:
    """What a render needs besides the summary and the template."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    output_dir: Path = Path(DEFAULT_OUTPUT_DIR)
    force: bool = False
    reference_doc: Path | None = None
    font: str | None = None
    strict: bool = False
    verify: bool = False
    warn: Callable[[str], None] = field(default=lambda message: None)


def load_summary(source: str | os.PathLike | Mapping[str, Any]):
    """Load and validate a summary file (YAML or JSON) or a mapping; raises InvalidSummary."""
    from briefwright.summary import load_summary as load_file
    from briefwright.summary import validate_data

    if isinstance(source, Mapping):
        return validate_data(dict(source))
    return load_file(Path(source))


def validate(paths: Iterable[str | os.PathLike]) -> list[Issue]:
    """Every issue found in the given summary files; an empty list means all are valid."""
    issues: list[Issue] = []
    for path in paths:
        try:
            load_summary(path)
        except BriefwrightError as exc:
            issues.extend(exc.issues or [Issue(str(exc))])
    return issues


def render(
    summary: str | os.PathLike | Mapping[str, Any],
    formats: Iterable[str] = DEFAULT_FORMATS,
    template: str | os.PathLike = DEFAULT_TEMPLATE,
    output_dir: str | os.PathLike = DEFAULT_OUTPUT_DIR,
    **settings: Any,
) -> list[Path]:
    """Render one summary with one template into files; returns the paths written.

    `summary` is a path to a YAML/JSON file or a mapping in the summary format. Extra keyword
    settings are those of RenderSettings (force, reference_doc, font, strict, verify, warn).
    """
    chosen = RenderSettings(formats=tuple(formats), output_dir=Path(output_dir), **settings)
    return render_to_files(load_summary(summary), template, chosen)


def render_to_files(loaded, template: str | os.PathLike, settings: RenderSettings) -> list[Path]:
    """Render a loaded summary and write every format all or nothing."""
    from briefwright.output import commit_outputs

    rendered = render_bytes(loaded, template, settings)
    stem = loaded.path.stem if loaded.path else _slug(loaded.summary.title)
    files = {
        settings.output_dir / f"{stem}.{rendered.template}{writer_info(fmt).suffix}": data
        for fmt, data in rendered.outputs.items()
    }
    return commit_outputs(files, force=settings.force)


@dataclass(frozen=True)
class Rendered:
    """Every requested format of one summary as bytes, the template's name and the tree."""

    template: str
    outputs: dict[str, bytes]
    document: Any


def render_bytes(loaded, template: str | os.PathLike, settings: RenderSettings) -> Rendered:
    """Produce every requested format in memory; nothing is written."""
    from briefwright.parallel import write_formats
    from briefwright.templating.discovery import resolve_template

    for fmt in settings.formats:
        writer_info(fmt)
    if not settings.formats:
        raise UsageError("no output format requested")
    resolved = resolve_template(template)
    verified = _verify(loaded) if settings.verify else False
    doc = build_document(loaded, resolved, verified=verified)
    theme = resolved.theme
    if settings.font:
        theme = replace(theme, font_family=settings.font, font_files=())
    options = _write_options(loaded, resolved, settings)
    outputs = write_formats(doc, theme, options, settings.formats)
    return Rendered(resolved.name, outputs, doc)


def build_document(loaded, resolved, *, verified: bool = False):
    """Summary -> template Markdown -> the document tree the writers walk."""
    from briefwright.doctree.meta import document_meta
    from briefwright.doctree.nodes import Document
    from briefwright.doctree.parse import parse_markdown
    from briefwright.templating.render import render_markdown

    markdown = render_markdown(resolved, loaded.summary, verified=verified)
    blocks = parse_markdown(markdown, source_name=f"output of template '{resolved.name}'")
    meta = document_meta(resolved, loaded.summary, verified=verified)
    return Document(meta=meta, children=blocks)


def _write_options(loaded, resolved, settings: RenderSettings):
    from briefwright.writers.base import WriteOptions

    return WriteOptions(
        reference_doc=settings.reference_doc or resolved.reference_doc,
        strict=settings.strict,
        timestamp=_timestamp(loaded.summary),
        version=__version__,
        warn=settings.warn,
    )


def _timestamp(summary) -> int:
    """The creation time written into files: fixed by the input, so output is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return int(epoch)
    day = summary.date or dt.date(1980, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _verify(loaded) -> bool:
    from briefwright.fidelity import check_summary

    report = check_summary(loaded)
    if report.errors:
        raise VerificationFailed(report)
    return loaded.summary.source.text is not None


class VerificationFailed(BriefwrightError):
    """`render --verify` found a quote that is not in the source text."""

    exit_code = EXIT_RENDER

    def __init__(self, report):
        errors = [issue for issue in report.as_issues() if issue.severity == "error"]
        super().__init__("quotes do not match the source text", errors)
        self.report = report


def _slug(text: str) -> str:
    cleaned = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in cleaned.split("-") if part)[:60] or "briefing"
