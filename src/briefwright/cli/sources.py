"""Commands on the source article: check quotes against it, draft a summary from it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefwright.errors import EXIT_RENDER


@click.command()
@click.argument("summaries", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report for people or for machines.",
)
def check(summaries: tuple[Path, ...], output_format: str) -> None:
    """Verify every quote of SUMMARY files against their source.text.

    Example: briefwright check samples/lavrov-yerevan-2025.yaml
    """
    from briefwright.fidelity import check_summary, render_json, render_text
    from briefwright.pipeline.load import load

    reports = [check_summary(load(path)) for path in summaries]
    render = render_json if output_format == "json" else render_text
    click.echo(render(reports), nl=False)
    if any(report.errors for report in reports):
        sys.exit(EXIT_RENDER)


@click.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft summary here instead of standard output.",
)
@click.option("--title", help="Title of the briefing (default: the article's first line).")
def draft(article: Path, output: Path | None, title: str | None) -> None:
    """Draft a summary from ARTICLE: its quotes, dated events and placeholders to fill.

    Example: briefwright draft seeds/lavrov-yerevan-visit-2025.txt -o samples/new.yaml
    """
    from briefwright.fidelity import draft_summary, source_text_path

    text = _read_article(article)
    relative = source_text_path(article, output or Path.cwd() / "summary.yaml")
    drafted = draft_summary(text, relative, title=title)
    if output is None:
        click.echo(drafted, nl=False)
        return
    from briefwright.output import commit_outputs

    commit_outputs({output: drafted.encode("utf-8")})
    click.echo(f"wrote {output}")


def _read_article(path: Path) -> str:
    from briefwright.errors import InvalidSummary
    from briefwright.fidelity import MAX_SOURCE_BYTES

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidSummary(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise InvalidSummary(f"{path}: larger than the {MAX_SOURCE_BYTES // 1024} KiB limit")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidSummary(f"{path}: not UTF-8 text (byte {exc.start})") from None
