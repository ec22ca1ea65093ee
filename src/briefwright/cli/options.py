"""Options shared by the commands that render (`render`, `mail`), so both offer the same ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from briefwright.pipeline.settings import DEFAULT_TEMPLATE

F = TypeVar("F", bound=Callable[..., Any])

_TEMPLATE_HELP = "Template by name or directory"


def template_option(*, multiple: bool) -> Callable[[F], F]:
    """-t/--template: one template, or (for render) one per audience."""
    if multiple:
        return click.option(
            "-t",
            "--template",
            "templates",
            multiple=True,
            metavar="NAME|DIR",
            help=f"{_TEMPLATE_HELP}; repeat for several audiences. [{DEFAULT_TEMPLATE}]",
        )
    return click.option(
        "-t",
        "--template",
        default=DEFAULT_TEMPLATE,
        show_default=True,
        metavar="NAME|DIR",
        help=f"{_TEMPLATE_HELP}.",
    )


def render_options(function: F) -> F:
    """--reference-doc, --font, --strict and --verify: how the briefing itself is made."""
    decorators = [
        click.option(
            "--reference-doc",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="A .docx whose styles and page set-up the DOCX output uses.",
        ),
        click.option("--font", metavar="FAMILY", help="Font family for the PDF and DOCX."),
        click.option("--strict", is_flag=True, help="Fail when a character cannot be drawn."),
        click.option("--verify", is_flag=True, help="Check every quote against source.text first."),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def echo_warnings(warnings: list[str] | tuple[str, ...]) -> None:
    """Each warning on its own line of standard error."""
    for message in warnings:
        click.echo(f"warning: {message}", err=True)
