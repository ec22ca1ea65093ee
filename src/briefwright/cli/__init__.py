"""The `briefwright` command: options in, api calls out, errors to messages and exit codes.

Each command imports what it needs when it runs, so `--help` and `validate` stay light. The
commands live in the modules beside this one, grouped by what they work on.
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click

from briefwright.errors import BriefwrightError
from briefwright.version import __version__


def _fail(exc: BriefwrightError) -> NoReturn:
    for line in exc.lines():
        click.echo(line if ":" in line else f"briefwright: {line}", err=True)
    sys.exit(exc.exit_code)


class BriefwrightGroup(click.Group):
    """A click group that reports expected failures as located one-line messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefwrightError as exc:
            _fail(exc)


@click.group(cls=BriefwrightGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefwright")
def main() -> None:
    """Turn a structured summary of an article into a briefing: DOCX, PDF and Markdown.

    Example: briefwright render samples/lavrov-yerevan-2025.yaml
    """


def _register() -> None:
    from briefwright.cli import mail, render, sources, templates

    for command in (
        render.render,
        render.validate,
        render.schema,
        templates.templates,
        sources.check,
        sources.draft,
        mail.mail,
    ):
        main.add_command(command)


_register()
