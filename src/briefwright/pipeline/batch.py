"""Many summaries x templates, each rendered and committed on its own, over any Executor.

One bad summary never stops the others: its error comes back in its Outcome, in input order,
beside every good summary's files. Tasks and outcomes are plain data, so the executor may be a
process pool (the CLI's), a pool of warm workers a server keeps, or nothing (one at a time).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefwright.errors import EXIT_OK, BriefwrightError
from briefwright.output.names import is_reserved, refuse_reserved
from briefwright.pipeline.settings import RenderSettings

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from briefwright.summary import LoadedSummary

STDIN_NAME = "<stdin>"
SUMMARY_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class BatchTask:
    """One summary (a file, or one already loaded, e.g. from stdin) to render with one template.

    `stem` names the output files (`<stem>.<template>.<ext>`); None: the summary file's name.
    """

    summary: Path | LoadedSummary
    template: str
    settings: RenderSettings
    stem: str | None = None

    @property
    def name(self) -> str:
        """The summary as messages name it: its path, or <stdin>."""
        return str(self.summary) if isinstance(self.summary, Path) else STDIN_NAME


@dataclass(frozen=True)
class Outcome:
    """What one task gave: the files written and the warnings, or the error that stopped it."""

    task: BatchTask
    written: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()
    error: BriefwrightError | None = None
    timings: tuple[tuple[str, float], ...] = ()  # (step, seconds) in the order they ran

    @property
    def exit_code(self) -> int:
        return self.error.exit_code if self.error is not None else EXIT_OK


def expand_summaries(paths: Iterable[Path]) -> list[Path]:
    """Files as given (each once), directories replaced by the summaries directly inside them.

    In a directory, a summary is a `*.yaml`, `*.yml` or `*.json` file; dot-files (the manifest
    among them) and JSON Schemas (`*.schema.json`) are not. A file named on the command line
    is taken whatever its name, except one of the names briefwright keeps for itself.
    """
    found: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        if str(path) != "-" and path.is_dir():
            chosen = sorted(p for p in path.iterdir() if _is_summary_name(p.name))
        else:
            if str(path) != "-":
                refuse_reserved(path, "a summary")
            chosen = [path]
        for item in chosen:
            key = "-" if str(item) == "-" else os.path.normcase(os.path.realpath(item))
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _is_summary_name(name: str) -> bool:
    lower = name.lower()
    if name.startswith(".") or is_reserved(name) or lower.endswith(".schema.json"):
        return False
    return lower.endswith(SUMMARY_SUFFIXES)


def output_stem(summary: Path | LoadedSummary) -> str:
    """The default stem of a summary's output names: its file name, or else its title."""
    from briefwright.pipeline.steps import file_stem, slug

    if isinstance(summary, Path):
        return file_stem(summary.stem)
    return file_stem(summary.path.stem) if summary.path else slug(summary.summary.title)


def tasks_for(
    summaries: Iterable[Path | LoadedSummary], templates: Iterable[str], settings: RenderSettings
) -> list[BatchTask]:
    """Every summary with every template, summary by summary."""
    chosen = tuple(templates)
    return [BatchTask(summary, template, settings) for summary in summaries for template in chosen]


def render_task(task: BatchTask, writers: Executor | None = None) -> Outcome:
    """Render and commit one task; expected failures become its Outcome, bugs still raise.

    `writers` runs this briefing's writer tasks (see steps.write_formats); none: here.
    """
    from briefwright.pipeline.steps import render_files
    from briefwright.pipeline.timing import StepTimes

    warnings: list[str] = []
    times = StepTimes()
    try:
        written = render_files(
            task.summary,
            task.template,
            task.settings,
            executor=writers,
            warn=warnings.append,
            stem=task.stem,
            times=times,
        )
    except BriefwrightError as error:
        return Outcome(task, (), tuple(warnings), error, tuple(times.steps))
    return Outcome(task, tuple(written), tuple(warnings), timings=tuple(times.steps))


def render_many(tasks: Iterable[BatchTask], executor: Executor | None = None) -> Iterator[Outcome]:
    """Each task's Outcome, in input order, the tasks shared among `executor`'s workers.

    Tasks go out one at a time: a render costs ~100 ms against well under 1 ms of handing it
    over, and larger chunks leave a worker idle at the end while another finishes.
    """
    if executor is None:
        yield from map(render_task, tasks)
    else:
        yield from executor.map(render_task, tasks)
