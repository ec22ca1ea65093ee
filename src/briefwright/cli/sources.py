"""Commands on the source article: check quotes against it, draft a summary from it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from briefwright.errors import EXIT_RENDER

_OUTSIDE_HELP = (
    "Let source.text name a file outside the summary's directory (an absolute path, `..`, "
    "a link leading out)."
)


@click.command()
@click.argument(
    "summaries", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True)
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report for people or for machines.",
)
@click.option("--allow-source-outside", is_flag=True, help=_OUTSIDE_HELP)
def check(summaries: tuple[Path, ...], output_format: str, allow_source_outside: bool) -> None:
    """Verify every quote of SUMMARY files (or directories of them; - for standard input)
    against their source.text.

    The article may be plain text, Markdown, a saved web page, a PDF or a Word file.

    Example: briefwright check samples/lavrov-yerevan-2025.yaml
    """
    from briefwright.cli.inputs import summary_inputs
    from briefwright.fidelity import check_summary, render_json, render_text
    from briefwright.pipeline.load import load

    inputs = summary_inputs(summaries, None)
    reports = [check_summary(load(item), allow_outside=allow_source_outside) for item in inputs]
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
    help="Write the draft summary here (and the schema beside it) instead of standard output.",
)
@click.option("--title", help="Title of the briefing (default: the document's title).")
@click.option("--force", is_flag=True, help="Replace a summary that was edited since.")
def draft(article: Path, output: Path | None, title: str | None, force: bool) -> None:
    """Draft a summary from ARTICLE: its quotes, dated events and placeholders to fill.

    ARTICLE may be plain text, Markdown, a saved web page (.html), a PDF or a Word file
    (.docx); the format is told from its content. The draft's first line points editors at
    summary.schema.json beside it, which -o writes too if it is not there yet.

    Example: briefwright draft seeds/lavrov-yerevan-visit-2025.txt -o samples/new.yaml
    """
    from briefwright.cli.terminal import say
    from briefwright.fidelity import draft_summary, source_text_path
    from briefwright.fidelity.readers import read_article
    from briefwright.summary.schema import SCHEMA_FILE, schema_text

    if output is not None:
        from briefwright.output import refuse_reserved

        refuse_reserved(output, "a summary")
    document = read_article(article)
    relative = source_text_path(article, output or Path.cwd() / "summary.yaml")
    drafted = draft_summary(
        document.text,
        relative,
        title=title,
        metadata=document.metadata,
        places=document.places,
    )
    drafted = f"# yaml-language-server: $schema={SCHEMA_FILE}\n{drafted}"
    if output is None:
        click.echo(drafted, nl=False)
        return
    from briefwright.output import commit_outputs

    files = {output: drafted.encode("utf-8")}
    schema_path = output.parent / SCHEMA_FILE
    if not os.path.lexists(schema_path):
        files[schema_path] = schema_text().encode("utf-8")
    for path in commit_outputs(files, force=force):
        say(f"wrote {path}")
