"""Options shared by the commands that render (`render`, `mail`), so both offer the same ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from briefwright.pipeline.settings import DEFAULT_TEMPLATE

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

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
            shell_complete=complete_templates,
            help=f"{_TEMPLATE_HELP}; repeat for several audiences. [{DEFAULT_TEMPLATE}]",
        )
    return click.option(
        "-t",
        "--template",
        default=DEFAULT_TEMPLATE,
        show_default=True,
        metavar="NAME|DIR",
        shell_complete=complete_templates,
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
        click.option(
            "--strict",
            is_flag=True,
            help="Fail when a character cannot be drawn or a draft's TODO or source is left.",
        ),
        click.option("--verify", is_flag=True, help="Check every quote against source.text first."),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def echo_warnings(warnings: list[str] | tuple[str, ...]) -> None:
    """Each warning on its own line of standard error."""
    from briefwright.cli.terminal import tell

    for message in warnings:
        tell(f"warning: {message}")


def complete_templates(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Shell completion for -t: the templates found, with their descriptions."""
    from click.shell_completion import CompletionItem

    from briefwright.cli.terminal import clean
    from briefwright.templating.discovery import list_templates

    seen: dict[str, str] = {}
    for listing in list_templates():
        if listing.name.startswith(incomplete) and listing.shadowed_by is None:
            seen.setdefault(listing.name, clean(listing.description))
    return [CompletionItem(name, help=help_text or None) for name, help_text in seen.items()]
