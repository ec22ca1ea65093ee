"""The `briefwright` command: options in, api calls out, errors to messages and exit codes.

Each command imports what it needs when it runs, so `--help` and `validate` stay light. The
commands live in the modules beside this one, grouped by what they work on.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterator
from typing import Any, NoReturn, TextIO

import click

from briefwright.errors import BriefwrightError, BriefwrightWarning
from briefwright.version import __version__

# commands that may fork workers: the cache is judged before they do, so its warning is given once
_FORKING = ("render", "mail")


def _fail(exc: BriefwrightError) -> NoReturn:
    for line in exc.lines():
        click.echo(line if ":" in line else f"briefwright: {line}", err=True)
    sys.exit(exc.exit_code)


class BriefwrightGroup(click.Group):
    """A click group that reports expected failures as located one-line messages."""

    def invoke(self, ctx: click.Context) -> Any:
        with _warnings_as_lines():
            try:
                return super().invoke(ctx)
            except BriefwrightError as exc:
                _fail(exc)


@contextlib.contextmanager
def _warnings_as_lines() -> Iterator[None]:
    """Within, the library's warnings print as one `warning: ...` line; others as Python does."""
    with warnings.catch_warnings():
        python_show = warnings.showwarning

        def show(
            message: Warning | str,
            category: type[Warning],
            filename: str,
            lineno: int,
            file: TextIO | None = None,
            line: str | None = None,
        ) -> None:
            if issubclass(category, BriefwrightWarning):
                click.echo(f"warning: {message}", err=True)
            else:
                python_show(message, category, filename, lineno, file, line)

        warnings.showwarning = show  # the documented hook; catch_warnings puts it back
        yield


@click.group(cls=BriefwrightGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefwright")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Turn a structured summary of an article into a briefing: DOCX, PDF and Markdown.

    Example: briefwright render samples/lavrov-yerevan-2025.yaml
    """
    if ctx.invoked_subcommand in _FORKING:
        from briefwright import cache

        cache.check()


def _register() -> None:
    from briefwright.cli import cache, mail, render, serve, sources, templates

    for command in (
        render.render,
        render.validate,
        render.schema,
        templates.templates,
        sources.check,
        sources.draft,
        mail.mail,
        cache.cache,
        serve.serve,
    ):
        main.add_command(command)


_register()
