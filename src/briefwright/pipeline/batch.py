"""Many summaries x templates, each rendered and committed on its own, over any Executor.

One bad summary never stops the others: its error comes back in its Outcome, in input order,
beside every good summary's files. Tasks and outcomes are plain data, so the executor may be a
process pool (the CLI's), a pool of warm workers a server keeps, or nothing (one at a time).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefwright.errors import EXIT_OK, BriefwrightError
from briefwright.pipeline.settings import RenderSettings

if TYPE_CHECKING:
    from concurrent.futures import Executor

SUMMARY_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class BatchTask:
    """One summary file to render with one template."""

    summary: Path
    template: str
    settings: RenderSettings


@dataclass(frozen=True)
class Outcome:
    """What one task gave: the files written and the warnings, or the error that stopped it."""

    task: BatchTask
    written: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()
    error: BriefwrightError | None = None

    @property
    def exit_code(self) -> int:
        return self.error.exit_code if self.error is not None else EXIT_OK


def expand_summaries(paths: Iterable[Path]) -> list[Path]:
    """Files as given, directories replaced by the summaries directly inside them, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUMMARY_SUFFIXES))
        else:
            found.append(path)
    return found


def tasks_for(
    summaries: Iterable[Path], templates: Iterable[str], settings: RenderSettings
) -> list[BatchTask]:
    """Every summary with every template, summary by summary."""
    chosen = tuple(templates)
    return [BatchTask(summary, template, settings) for summary in summaries for template in chosen]


def render_task(task: BatchTask, writers: Executor | None = None) -> Outcome:
    """Render and commit one task; expected failures become its Outcome, bugs still raise.

    `writers` runs this briefing's writer tasks (see steps.write_formats); none: here.
    """
    from briefwright.pipeline.steps import render_files

    warnings: list[str] = []
    try:
        written = render_files(
            task.summary, task.template, task.settings, executor=writers, warn=warnings.append
        )
    except BriefwrightError as error:
        return Outcome(task, (), tuple(warnings), error)
    return Outcome(task, tuple(written), tuple(warnings))


def render_many(tasks: Iterable[BatchTask], executor: Executor | None = None) -> Iterator[Outcome]:
    """Each task's Outcome, in input order, the tasks shared among `executor`'s workers.

    Tasks go out one at a time: a render costs ~100 ms against well under 1 ms of handing it
    over, and larger chunks leave a worker idle at the end while another finishes.
    """
    if executor is None:
        yield from map(render_task, tasks)
    else:
        yield from executor.map(render_task, tasks)
