"""Render many summaries for many templates, in worker processes when that pays.

One bad summary never stops the others: each failure is collected and listed at the end, and
every good summary's outputs are written.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import click

from briefwright.errors import EXIT_OK, EXIT_USAGE, BriefwrightError

SUMMARY_SUFFIXES = (".yaml", ".yml", ".json")
PROGRESS_THRESHOLD = 4  # a bar for three files is noise


@dataclass(frozen=True)
class RenderJob:
    """The settings shared by every summary of one `render` call."""

    templates: tuple[str, ...]
    formats: tuple[str, ...]
    output_dir: Path
    force: bool = False
    reference_doc: Path | None = None
    font: str | None = None
    strict: bool = False
    verify: bool = False
    parallel: bool = False  # write one briefing's formats in two processes (parallel.py)


@dataclass(frozen=True)
class Outcome:
    """What one summary rendered with one template gave: files, warnings, or error lines."""

    summary: Path
    template: str
    written: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    exit_code: int = EXIT_OK


def expand_summaries(paths: list[Path]) -> list[Path]:
    """Files as given, directories replaced by the summaries directly inside them, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUMMARY_SUFFIXES))
        else:
            found.append(path)
    return found


def render_one(summary: Path, template: str, job: RenderJob) -> Outcome:
    """Render one summary with one template; expected failures become an Outcome, not a raise."""
    from briefwright.api import RenderSettings, load_summary, render_to_files
    from briefwright.parallel import child_started_early

    warnings: list[str] = []
    settings = RenderSettings(
        formats=job.formats,
        output_dir=job.output_dir,
        force=job.force,
        reference_doc=job.reference_doc,
        font=job.font,
        strict=job.strict,
        verify=job.verify,
        warn=warnings.append,
    )
    early = child_started_early(job.formats) if job.parallel else contextlib.nullcontext()
    try:
        with early:
            written = render_to_files(load_summary(summary), template, settings)
    except BriefwrightError as exc:
        return Outcome(summary, template, (), tuple(warnings), tuple(exc.lines()), exc.exit_code)
    return Outcome(summary, template, tuple(written), tuple(warnings))


def _render_task(task: tuple[Path, str, RenderJob]) -> Outcome:
    return render_one(*task)


def run_jobs(paths: list[Path], job: RenderJob, *, jobs: int | None, quiet: bool) -> int:
    """Render every summary x template, print what was written, return the exit code."""
    summaries = expand_summaries(paths)
    if not summaries:
        where = ", ".join(str(path) for path in paths)
        click.echo(f"{where}: no summaries found (*.yaml, *.yml, *.json)", err=True)
        return EXIT_USAGE
    tasks = [(summary, template, job) for summary in summaries for template in job.templates]
    cores = jobs or os.cpu_count() or 1
    workers = min(cores, len(tasks))
    if len(tasks) == 1 and cores > 1:  # one briefing: its formats share the cores instead
        job = replace(job, parallel=True)
        tasks = [(summaries[0], job.templates[0], job)]
    show_progress = not quiet and len(tasks) >= PROGRESS_THRESHOLD and sys.stderr.isatty()
    failures: list[Outcome] = []
    for outcome in _progress(_outcomes(tasks, workers), len(tasks), show_progress):
        for warning in outcome.warnings:
            click.echo(f"warning: {warning}", err=True)
        if outcome.errors:
            failures.append(outcome)
        elif not quiet and not show_progress:
            for path in outcome.written:
                click.echo(str(path))
    for outcome in failures:
        for line in outcome.errors:
            click.echo(line if ":" in line else f"{outcome.summary}: {line}", err=True)
    if failures and len(tasks) > 1:
        click.echo(f"briefwright: {len(failures)} of {len(tasks)} renders failed", err=True)
    return max((outcome.exit_code for outcome in failures), default=EXIT_OK)


def _outcomes(tasks: list, workers: int) -> Iterator[Outcome]:
    # The first task renders here, so this process has imported the writers, registered the
    # fonts and compiled the templates; forked workers start with all of it (shared, not
    # copied) instead of each paying the start-up again.
    yield _render_task(tasks[0])
    # What the first render left (modules, fonts, templates) lives as long as the process: out
    # of the collector's sight, it is not traversed again for every briefing, and forked
    # workers do not copy the pages the collector would otherwise touch.
    gc.freeze()
    rest = tasks[1:]
    if workers <= 1 or len(rest) < 2:  # forking for one render costs more than it saves
        yield from map(_render_task, rest)
        return
    # only a batch pays for importing multiprocessing
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux"
    context = multiprocessing.get_context("fork" if fork else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # One briefing at a time: a render costs ~100 ms against well under 1 ms of passing it
        # to a worker, and larger chunks leave a worker idle at the end while another finishes.
        yield from pool.map(_render_task, rest)


def _progress(outcomes: Iterator[Outcome], total: int, show: bool) -> Iterator[Outcome]:
    if not show:
        yield from outcomes
        return
    with click.progressbar(outcomes, length=total, label="Rendering", file=sys.stderr) as bar:
        yield from bar
