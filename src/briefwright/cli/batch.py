"""`render`'s run: which executor renders what, what is printed where, and the exit code.

One briefing: its slowest format is written in a child forked before the summary is loaded, so
the writer's library imports while this process loads the summary and runs the template. Many:
the first is rendered here, then worker processes forked from this one share the rest.

Paths written go to standard output (unless a progress bar holds the same terminal), messages
to standard error, a progress bar only to a terminal; -q leaves errors only, -v adds timings.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefwright.cli.terminal import error_line, say, tell
from briefwright.errors import EXIT_OK, EXIT_USAGE
from briefwright.pipeline.batch import BatchTask, Outcome, render_many, render_task, tasks_for
from briefwright.pipeline.settings import RenderSettings

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from briefwright.summary import LoadedSummary

PROGRESS_THRESHOLD = 4  # a bar for three files is noise


@dataclass(frozen=True)
class Listing:
    """What the user asked to see: -q (errors only), -v (timings too)."""

    quiet: bool = False
    verbose: bool = False


def run_render(
    summaries: list[Path | LoadedSummary],
    templates: tuple[str, ...],
    settings: RenderSettings,
    *,
    jobs: int | None,
    listing: Listing,
    names: str = "error",
) -> int:
    """Render every summary x template, print what was written, return the exit code."""
    from briefwright.pipeline.plan import plan

    tasks = plan(tasks_for(summaries, templates, settings), names=names)
    if str(settings.output_dir) == "-":
        return _to_stdout(tasks, _cores(jobs, listing))
    cores = _cores(jobs, listing)
    outcomes = _one(tasks[0], cores) if len(tasks) == 1 else _many(tasks, cores)
    show_progress = not listing.quiet and len(tasks) >= PROGRESS_THRESHOLD and _tty(sys.stderr)
    # the bar and the paths would share one terminal; paths to a pipe never hurt the bar
    show_paths = not listing.quiet and not (show_progress and _tty(sys.stdout))
    failures: list[Outcome] = []
    for outcome in _progress(outcomes, len(tasks), show_progress):
        _report(outcome, listing, show_paths)
        if outcome.error is not None:
            failures.append(outcome)
    for outcome in failures:
        assert outcome.error is not None
        for line in outcome.error.lines():
            tell(error_line(line, outcome.task.name))
    if failures and len(tasks) > 1:
        tell(f"briefwright: {len(failures)} of {len(tasks)} renders failed")
    return max((outcome.exit_code for outcome in failures), default=EXIT_OK)


def _report(outcome: Outcome, listing: Listing, show_paths: bool) -> None:
    from briefwright.pipeline.timing import describe

    if not listing.quiet:
        echo_warnings(outcome.warnings)
    if listing.verbose and outcome.timings:
        tell(f"{outcome.task.name} ({outcome.task.template}): {describe(outcome.timings)}")
    if show_paths and outcome.error is None:
        for path in outcome.written:
            say(str(path))


def echo_warnings(warnings: list[str] | tuple[str, ...]) -> None:
    """Each warning on its own line of standard error."""
    for message in warnings:
        tell(f"warning: {message}")


def _tty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _cores(jobs: int | None, listing: Listing) -> int:
    cpus = available_cpus()
    if jobs is None:
        return cpus
    if jobs > cpus:
        if not listing.quiet:
            tell(f"briefwright: -j {jobs} lowered to {cpus}, the number of CPUs")
        return cpus
    return jobs


def _to_stdout(tasks: list[BatchTask], cores: int) -> int:
    """`-o -`: one format of one summary with one template, its bytes to standard output."""
    from briefwright.pipeline.settings import normalise_formats
    from briefwright.pipeline.steps import render_document

    formats = normalise_formats(tasks[0].settings.formats)
    if len(tasks) != 1 or len(formats) != 1:
        counts = f"{len(tasks)} briefing(s) in {len(formats)} format(s)"
        tell(
            "briefwright: -o - writes one format of one summary with one template to "
            f"standard output, not {counts}; choose with -f and -t, or name a directory"
        )
        return EXIT_USAGE
    task = tasks[0]
    warnings: list[str] = []
    try:
        with _collector_paused(), _writers_for_one(formats, cores) as writers:
            rendered = render_document(
                task.summary, task.template, task.settings, executor=writers, warn=warnings.append
            )
    finally:
        echo_warnings(warnings)
    stream = sys.stdout.buffer
    stream.write(rendered.outputs[formats[0]])
    stream.flush()
    return EXIT_OK


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during one render in a process that ends after it.

    The render's imports and its tree are long-lived objects the collector would traverse
    again and again for nothing (about a tenth of a cold render's wall time); what one render
    allocates is bounded by the summary's and the template's limits. Batches and the server
    keep the collector on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _one(task: BatchTask, cores: int) -> Iterator[Outcome]:
    with _collector_paused(), _writers_for_one(task.settings.formats, cores) as writers:
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
