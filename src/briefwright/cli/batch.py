"""`render`'s run: which executor renders what, a progress bar, the listing and the exit code.

One briefing: its slowest format is written in a child forked before the summary is loaded, so
the writer's library imports while this process loads the summary and runs the template. Many:
the first is rendered here, then worker processes forked from this one share the rest.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefwright.cli.options import echo_warnings
from briefwright.errors import EXIT_OK, EXIT_USAGE
from briefwright.pipeline.batch import (
    BatchTask,
    Outcome,
    expand_summaries,
    render_many,
    render_task,
    tasks_for,
)
from briefwright.pipeline.settings import RenderSettings

if TYPE_CHECKING:
    from concurrent.futures import Executor

PROGRESS_THRESHOLD = 4  # a bar for three files is noise


def run_render(
    paths: list[Path],
    templates: tuple[str, ...],
    settings: RenderSettings,
    *,
    jobs: int | None,
    quiet: bool,
) -> int:
    """Render every summary x template, print what was written, return the exit code."""
    summaries = expand_summaries(paths)
    if not summaries:
        where = ", ".join(str(path) for path in paths)
        click.echo(f"{where}: no summaries found (*.yaml, *.yml, *.json)", err=True)
        return EXIT_USAGE
    tasks = tasks_for(summaries, templates, settings)
    cores = jobs or os.cpu_count() or 1
    outcomes = _one(tasks[0], cores) if len(tasks) == 1 else _many(tasks, cores)
    show_progress = not quiet and len(tasks) >= PROGRESS_THRESHOLD and sys.stderr.isatty()
    failures: list[Outcome] = []
    for outcome in _progress(outcomes, len(tasks), show_progress):
        echo_warnings(outcome.warnings)
        if outcome.error is not None:
            failures.append(outcome)
        elif not quiet and not show_progress:
            for path in outcome.written:
                click.echo(str(path))
    for outcome in failures:
        assert outcome.error is not None
        for line in outcome.error.lines():
            click.echo(line if ":" in line else f"{outcome.task.summary}: {line}", err=True)
    if failures and len(tasks) > 1:
        click.echo(f"briefwright: {len(failures)} of {len(tasks)} renders failed", err=True)
    return max((outcome.exit_code for outcome in failures), default=EXIT_OK)


def _one(task: BatchTask, cores: int) -> Iterator[Outcome]:
    with _writers_for_one(task.settings.formats, cores) as writers:
        outcome = render_task(task, writers)
    # The process ends after this render: frozen, what it built is not traversed again by the
    # collector at exit, which would cost about a sixth of the render's CPU time.
    gc.freeze()
    yield outcome


def _writers_for_one(
    formats: tuple[str, ...], cores: int
) -> contextlib.AbstractContextManager[Executor | None]:
    """With a second core, a child forked now for the slowest format (None: all of them here)."""
    from functools import partial

    from briefwright.pipeline.executors import EarlyForkExecutor, can_fork
    from briefwright.pipeline.write import SLOWEST_FIRST, warm_up_writer, writing_order

    first = writing_order(formats)[0]
    # Markdown and HTML alone are too quick to be worth a process
    if cores < 2 or not can_fork() or first not in SLOWEST_FIRST:
        return contextlib.nullcontext()
    return EarlyForkExecutor(warm_up=partial(warm_up_writer, first))


def _many(tasks: list[BatchTask], cores: int) -> Iterator[Outcome]:
    # The first task renders here, so this process has imported the writers, registered the
    # fonts and compiled the templates; forked workers start with all of it (shared, not
    # copied) instead of each paying the start-up again.
    yield render_task(tasks[0])
    # What the first render left (modules, fonts, templates) lives as long as the process: out
    # of the collector's sight, it is not traversed again for every briefing, and forked
    # workers do not copy the pages the collector would otherwise touch.
    gc.freeze()
    rest = tasks[1:]
    workers = min(cores, len(rest))
    if workers <= 1 or len(rest) < 2:  # forking for one render costs more than it saves
        yield from render_many(rest)
        return
    from briefwright.pipeline.executors import process_pool

    with process_pool(workers) as pool:
        yield from render_many(rest, pool)


def _progress(outcomes: Iterator[Outcome], total: int, show: bool) -> Iterator[Outcome]:
    if not show:
        yield from outcomes
        return
    with click.progressbar(outcomes, length=total, label="Rendering", file=sys.stderr) as bar:
        yield from bar
