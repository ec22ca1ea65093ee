"""`briefwright config`: every setting render and mail would use here, and where it came from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from briefwright.config import Config


@click.command()
@click.pass_context
def config(ctx: click.Context) -> None:
    """Show the effective settings of render and mail and where each comes from: the command
    line's defaults, briefwright.toml (or --config, $BRIEFWRIGHT_CONFIG), or the environment.

    Example: briefwright --config team.toml config
    """
    from briefwright.cli.terminal import say
    from briefwright.config import CONTEXT_KEY, TABLES

    parent = ctx.parent
    assert parent is not None and isinstance(parent.command, click.Group)
    loaded: Config = parent.meta[CONTEXT_KEY]
    say(f"# configuration file: {loaded.path or 'none (no briefwright.toml here)'}")
    for table, settings in TABLES.items():
        command = parent.command.commands[table]
        sub = command.make_context(table, [], parent=parent, resilient_parsing=True)
        say(f"[{table}]")
        for key, setting in settings.items():
            value = sub.params.get(setting.option)
            origin = _origin(sub, command, setting.option, table, loaded)
            say(f"{key} = {_shown(value)}  # {origin}")


def _origin(
    ctx: click.Context, command: click.Command, name: str, table: str, loaded: Config
) -> str:
    source = ctx.get_parameter_source(name)
    if source is click.core.ParameterSource.ENVIRONMENT:
        param = next(p for p in command.params if p.name == name)
        envvar = param.envvar or f"{ctx.auto_envvar_prefix}_{name.upper()}"
        return f"${envvar}"
    if source is click.core.ParameterSource.DEFAULT_MAP:
        return loaded.where(table, name)
    return "default"


def _shown(value: Any) -> str:
    if value is None or value == ():
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    return f'"{value}"'
