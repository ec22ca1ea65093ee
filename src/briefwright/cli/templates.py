"""`briefwright templates`: list, scaffold and document templates."""

from __future__ import annotations

from pathlib import Path

import click


@click.group(invoke_without_command=True)
@click.pass_context
def templates(ctx: click.Context) -> None:
    """List every template found, where it lives and what it shadows.

    Example: briefwright templates
    """
    if ctx.invoked_subcommand is not None:
        return
    from briefwright.cli.terminal import say
    from briefwright.templating.discovery import list_templates

    # descriptions and paths are data: say() shows their control characters as escapes
    for listing in list_templates():
        status = f"  (shadowed by {listing.shadowed_by})" if listing.shadowed_by else ""
        say(f"{listing.name:<14} {listing.description}{status}")
        say(f"{'':<14} {listing.origin}: {listing.where}")
        for hidden in listing.shadows:
            say(f"{'':<14} shadows {hidden}")


@templates.command("new")
@click.argument("name")
@click.option("--from", "parent", default="analyst", show_default=True, help="Template to extend.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("templates"),
    show_default=True,
    help="Where to create the template directory.",
)
def templates_new(name: str, parent: str, directory: Path) -> None:
    """Create a template NAME that extends another, with its blocks ready to override.

    Example: briefwright templates new minister --from executive
    """
    from briefwright.cli.terminal import say
    from briefwright.templating.scaffold import scaffold_template

    path = scaffold_template(name, parent=parent, directory=directory)
    say(f"created {path}")
    say(f"edit {path / 'briefing.md.j2'}, then: briefwright render SUMMARY -t {name}")


@templates.command("context")
def templates_context() -> None:
    """Describe the names, filters and blocks a template can use.

    Example: briefwright templates context | less
    """
    from briefwright.templating.reference import template_context_reference

    click.echo(template_context_reference())
