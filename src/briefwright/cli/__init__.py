"""The `briefwright` command: options in, api calls out, errors to messages and exit codes.

Each command imports what it needs when it runs, so `--help` and `validate` stay light. The
commands live in the modules beside this one, grouped by what they work on.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from briefwright.errors import BriefwrightError, BriefwrightWarning
from briefwright.version import __version__

# commands that may fork workers: the cache is judged before they do, so its warning is given once
_FORKING = ("render", "mail")


def _fail(exc: BriefwrightError) -> NoReturn:
    from briefwright.cli.terminal import error_line, tell

    for line in exc.lines():
        tell(error_line(line, "briefwright"))
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
                from briefwright.cli.terminal import tell

                tell(f"warning: {message}")
            else:
                python_show(message, category, filename, lineno, file, line)

        warnings.showwarning = show  # the documented hook; catch_warnings puts it back
        yield


@click.group(
    cls=BriefwrightGroup,
    context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "BRIEFWRIGHT"},
)
@click.version_option(__version__, prog_name="briefwright")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="BRIEFWRIGHT_CONFIG",
    help="Project defaults to use. [./briefwright.toml if there is one; $BRIEFWRIGHT_CONFIG]",
)
@click.pass_context
def main(ctx: click.Context, config_file: Path | None) -> None:
    """Turn a structured summary of an article into a briefing: DOCX, PDF and Markdown.

    Options left out come from $BRIEFWRIGHT_<COMMAND>_<OPTION>, then from briefwright.toml.

    Example: briefwright render samples/lavrov-yerevan-2025.yaml
    """
    from briefwright.config import CONTEXT_KEY, find_config, load_config

    config = load_config(find_config(config_file))
    ctx.meta[CONTEXT_KEY] = config
    # click gives the command line precedence, then the environment, then this map
    ctx.default_map = {table: dict(values) for table, values in config.values.items()}
    if ctx.invoked_subcommand in _FORKING:
        from briefwright import cache

        cache.check()


def _register() -> None:
    from briefwright.cli import cache, config, mail, render, serve, sources, templates

    for command in (
        render.render,
        render.validate,
        render.schema,
        templates.templates,
        sources.check,
        sources.draft,
        mail.mail,
        cache.cache,
        config.config,
        serve.serve,
    ):
        main.add_command(command)


_register()
