"""The library API: load, parse and validate summaries; render them to files or to bytes.

Thin and forgiving at the edge (a summary may be a path, a mapping or a loaded summary; formats
a name or several), then straight into the one pipeline the CLI uses too (pipeline/steps.py).
Serial and fork-free unless the caller passes an executor.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefwright.errors import BriefwrightError, BriefwrightWarning, Issue
from briefwright.pipeline.settings import (
    DEFAULT_FORMATS,
    DEFAULT_OUTPUT_DIR,
    DEFAULT_TEMPLATE,
    RenderSettings,
    normalise_formats,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from briefwright.pipeline.load import SummarySource
    from briefwright.summary import LoadedSummary

StrPath = str | os.PathLike[str]


def load_summary(source: SummarySource) -> LoadedSummary:
    """Load and validate a summary file (YAML or JSON by extension) or a mapping.

    A summary that is already loaded comes back as it is. Raises InvalidSummary, whose
    `issues` locate every problem as file, line, column and field.
    """
    from briefwright.pipeline.load import load

    return load(source)


def parse_summary(
    text: str, *, format: Literal["yaml", "json"] = "yaml", name: str = "<string>"
) -> LoadedSummary:
    """Parse and validate summary text; problems are located as `name:line:column: field`."""
    from briefwright.pipeline.load import parse_text

    return parse_text(text, format=format, name=name)


def validate(paths: StrPath | Iterable[StrPath]) -> list[Issue]:
    """Every issue found in one summary file or several; an empty list means all are valid."""
    chosen = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    issues: list[Issue] = []
    for path in chosen:
        try:
            load_summary(path)
        except BriefwrightError as exc:
            issues.extend(exc.issues or [Issue(str(exc))])
    return issues


def render(
    summary: SummarySource,
    *,
    formats: str | Iterable[str] = DEFAULT_FORMATS,
    template: StrPath = DEFAULT_TEMPLATE,
    output_dir: StrPath = DEFAULT_OUTPUT_DIR,
    force: bool = False,
    reference_doc: StrPath | None = None,
    font: str | None = None,
    strict: bool = False,
    verify: bool = False,
    warn: Callable[[str], None] | None = None,
    executor: Executor | None = None,
) -> list[Path]:
    """Render one summary with one template into files, all or nothing; returns their paths.

    Files are named `<summary file name>.<template><suffix>` (a summary without a file: its
    title). `force` replaces files edited since briefwright wrote them. Warnings go to `warn`,
    or else are issued as BriefwrightWarning. `executor` runs the writers (default: here, one
    after the other).
    """
    from briefwright.pipeline.steps import render_files

    settings = _settings(formats, reference_doc, font, strict, verify, output_dir, force)
    collected: list[str] = []
    try:
        return render_files(
            summary, template, settings, executor=executor, warn=warn or collected.append
        )
    finally:
        _issue_warnings(collected)


def render_bytes(
    summary: SummarySource,
    *,
    formats: str | Iterable[str] = DEFAULT_FORMATS,
    template: StrPath = DEFAULT_TEMPLATE,
    reference_doc: StrPath | None = None,
    font: str | None = None,
    strict: bool = False,
    verify: bool = False,
    warn: Callable[[str], None] | None = None,
    executor: Executor | None = None,
) -> dict[str, bytes]:
    """Render one summary with one template in memory: {format name: bytes}, nothing written.

    Takes the same settings as render(), less those about files.
    """
    from briefwright.pipeline.steps import render_document

    settings = _settings(formats, reference_doc, font, strict, verify)
    collected: list[str] = []
    try:
        rendered = render_document(
            summary, template, settings, executor=executor, warn=warn or collected.append
        )
    finally:
        _issue_warnings(collected)
    return rendered.outputs


def _settings(
    formats: str | Iterable[str],
    reference_doc: StrPath | None,
    font: str | None,
    strict: bool,
    verify: bool,
    output_dir: StrPath = DEFAULT_OUTPUT_DIR,
    force: bool = False,
) -> RenderSettings:
    return RenderSettings(
        formats=normalise_formats(formats),
        output_dir=Path(output_dir),
        force=force,
        reference_doc=Path(reference_doc) if reference_doc is not None else None,
        font=font,
        strict=strict,
        verify=verify,
    )


def _issue_warnings(messages: list[str]) -> None:
    # stacklevel 3: the warning points at the caller's line, not at this module
    for message in messages:
        warnings.warn(message, BriefwrightWarning, stacklevel=3)
