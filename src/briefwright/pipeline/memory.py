"""Renders for callers that hold summary text rather than a file: bytes back, nothing written.

A server (or a task queue) receives YAML or JSON, not a path: `render_text` parses it, renders
it with each template through the same steps as the CLI (steps.render_document) and returns
every file as (name, bytes), named as the CLI would name them. `warm_up` readies a fresh worker
process for such renders before its first request arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from briefwright.errors import BriefwrightError
from briefwright.pipeline.settings import DEFAULT_TEMPLATE, RenderSettings

if TYPE_CHECKING:
    from briefwright.summary import LoadedSummary

# The smallest valid summary: enough to run every step, writer and font once.
_WARM_UP_SUMMARY = """\
title: Warm-up
date: 2025-01-01
marking: "{marking}"
source: {title: Warm-up source, publisher: briefwright}
summary: A briefing rendered once so that the next one finds everything loaded.
key_points:
  - {text: "One key point, with a “quotation” and a detail.", detail: Detail., priority: 1}
quotes:
  - {text: "Nothing to report.", speaker: A. Speaker}
timeline:
  - {date: 2025-01, event: An event.}
implications:
  - {text: An implication., likelihood: likely, confidence: moderate}
recommendations: [A recommendation.]
"""


def small_summary(marking: str = "TLP:AMBER") -> SummaryText:
    """A small valid summary that uses every part of a briefing, with the given marking."""
    return SummaryText(_WARM_UP_SUMMARY.replace("{marking}", marking))


@dataclass(frozen=True)
class SummaryText:
    """Summary text as received: YAML or JSON, and the file name its issues are located in."""

    text: str
    format: str = "yaml"
    name: str = "summary.yaml"

    @property
    def stem(self) -> str:
        """What output file names start with: the name without its folders and extension."""
        return PurePath(self.name).stem or "briefing"


@dataclass(frozen=True)
class TextOutcome:
    """What a render from text gave: every file, template by template, or the error."""

    files: tuple[tuple[str, bytes], ...] = ()
    warnings: tuple[str, ...] = ()
    error: BriefwrightError | None = None
    title: str = ""


def parse(summary: SummaryText) -> LoadedSummary:
    """The summary text parsed and validated; InvalidSummary locates every issue in `name`."""
    from briefwright.pipeline.load import parse_text

    return parse_text(summary.text, format=summary.format, name=summary.name)


def render_text(
    summary: SummaryText, templates: tuple[str, ...], settings: RenderSettings
) -> TextOutcome:
    """Render summary text with each template into every format of `settings`, in memory.

    Files are named `<stem>.<template><suffix>`, as `render` names them for a file called
    `summary.name`; their bytes are the CLI's for the same summary. Expected failures come back
    in the outcome, so it travels between processes as plain data.
    """
    from briefwright.pipeline.steps import render_document
    from briefwright.writers import writer_info

    warnings: list[str] = []
    files: list[tuple[str, bytes]] = []
    try:
        loaded = parse(summary)
        for template in templates or (DEFAULT_TEMPLATE,):
            rendered = render_document(loaded, template, settings, warn=warnings.append)
            stem = f"{summary.stem}.{rendered.template}"
            for fmt, data in rendered.outputs.items():
                files.append((f"{stem}{writer_info(fmt).suffix}", data))
    except BriefwrightError as error:
        return TextOutcome((), tuple(warnings), error)
    return TextOutcome(tuple(files), tuple(warnings), None, loaded.summary.title)


def warm_up(templates: tuple[str, ...], settings: RenderSettings) -> list[BriefwrightError]:
    """Render a small summary with each template into every format, and forget the result.

    Run in a new worker process: the libraries are imported, the fonts read, the templates
    compiled and the summary models built before the first real request pays for them. A
    template that fails here is not fatal (it may fail for this summary only): its error is
    returned.
    """
    errors = []
    for template in templates:
        outcome = render_text(small_summary(), (template,), settings)
        if outcome.error is not None:
            errors.append(outcome.error)
    return errors
