"""`briefwright cache`: where the per-user cache is, what it holds, and emptying it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from briefwright.cache import Tally


@click.group()
def cache() -> None:
    """Show or clear the per-user cache of fonts, compiled templates and the DOCX start.

    Example: briefwright cache info
    """


@cache.command("info", short_help="Show where the cache is and what it holds.")
def cache_info() -> None:
    """Where the cache is, whether it is used (or why not), and its size by kind.

    Example: briefwright cache info
    """
    from briefwright.cache import KINDS, status
    from briefwright.cache.location import ENV_MAX_MB

    found = status()
    click.echo(f"location: {found.directory}")
    click.echo(f"in use: {'no: ' + found.reason_unused if found.reason_unused else 'yes'}")
    click.echo(f"limit: {_size(found.limit)} (set {ENV_MAX_MB} to change)")
    contents = found.contents
    if contents is None:
        click.echo("contents: not looked into")
        return
    rows = [(kind, contents.kinds[kind]) for kind in KINDS]
    for name, usage in [*rows, ("other versions", contents.other_versions)]:
        click.echo(f"  {name:<15}{_entries(usage.entries):>12}{_size(usage.size):>10}")
    total = contents.total()
    click.echo(f"total: {_entries(total.entries)}, {_size(total.size)}")
    _report_skipped(contents)


@cache.command("clear", short_help="Delete the cache entries briefwright made.")
def cache_clear() -> None:
    """Delete every cache entry briefwright made, for every version; nothing else.

    Files that are not briefwright's and symbolic links are left alone, and so is any
    directory another user could write, with a warning naming it. Deleting the cache only
    costs the next render some time.

    Example: briefwright cache clear
    """
    from briefwright.cache import KINDS, clear

    root, removed = clear()
    total = removed.total()
    if total.entries == 0:
        click.echo(f"nothing to remove in {root}")
    else:
        parts = [f"{kind} {removed.kinds[kind].entries}" for kind in KINDS]
        parts.append(f"other versions {removed.other_versions.entries}")
        what = f"{_entries(total.entries)} ({_size(total.size)})"
        click.echo(f"removed {what} from {root}: {', '.join(parts)}")
    _report_skipped(removed)


def _report_skipped(tally: Tally) -> None:
    for problem in tally.skipped:
        click.echo(f"warning: {problem.sentence('looking into')}", err=True)


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def _size(size: int) -> str:
    """A size in decimal units, as the limit is given in megabytes."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"
