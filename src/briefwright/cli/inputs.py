"""The summaries a command was given: files, directories of them, and `-` for standard input."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefwright.errors import EXIT_USAGE

if TYPE_CHECKING:
    from briefwright.summary import LoadedSummary

FROM_HELP = "Format of a summary read from standard input (-). [yaml, or json for a JSON object]"


def summary_inputs(
    paths: tuple[Path, ...], source_format: str | None
) -> list[Path | LoadedSummary]:
    """Directories expanded (see pipeline.plan.expand_summaries), `-` read from stdin once."""
    from briefwright.pipeline.plan import expand_summaries

    found = expand_summaries(paths)
    if not found:
        where = ", ".join(str(path) for path in paths)
        click.echo(f"{where}: no summaries found (*.yaml, *.yml, *.json)", err=True)
        raise SystemExit(EXIT_USAGE)
    return [_stdin(source_format) if str(path) == "-" else path for path in found]


def _stdin(source_format: str | None) -> LoadedSummary:
    from briefwright.summary.load import load_stdin

    return load_stdin(sys.stdin.buffer, format=source_format)


def input_name(summary: Path | LoadedSummary) -> str:
    """How messages name a summary: its path, or <stdin>."""
    from briefwright.summary.load import STDIN_NAME

    return str(summary) if isinstance(summary, Path) else STDIN_NAME
