"""Commands on summaries: render them, validate them, describe their format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefwright.errors import EXIT_INVALID
from briefwright.writers import DEFAULT_FORMATS, WRITERS


@click.command()
@click.argument("summaries", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-t",
    "--template",
    "templates",
    multiple=True,
    metavar="NAME|DIR",
    help="Template by name or directory; repeat for several audiences. [analyst]",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(WRITERS)),
    help="Output format; repeat for several. [docx, pdf, md]",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("briefings"),
    show_default=True,
    help="Where to write the files.",
)
@click.option("--force", is_flag=True, help="Replace outputs even if they were edited since.")
@click.option(
    "--reference-doc",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A .docx whose styles and page set-up the DOCX output uses.",
)
@click.option("--font", metavar="FAMILY", help="Font family for the PDF and DOCX.")
@click.option("--strict", is_flag=True, help="Fail when a character cannot be drawn.")
@click.option("--verify", is_flag=True, help="Check every quote against source.text first.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to use: summaries are shared among them, and a single briefing writes "
    "its PDF in a second one. [number of CPUs]",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def render(
    summaries,
    templates,
    formats,
    output_dir,
    force,
    reference_doc,
    font,
    strict,
    verify,
    jobs,
    quiet,
) -> None:
    """Render SUMMARY files (or directories of them) into briefings.

    Example: briefwright render samples/lavrov-yerevan-2025.yaml -t executive -f pdf
    """
    from briefwright.api import DEFAULT_TEMPLATE
    from briefwright.batch import RenderJob, run_jobs

    job = RenderJob(
        templates=templates or (DEFAULT_TEMPLATE,),
        formats=formats or DEFAULT_FORMATS,
        output_dir=output_dir,
        force=force,
        reference_doc=reference_doc,
        font=font,
        strict=strict,
        verify=verify,
    )
    exit_code = run_jobs(list(summaries), job, jobs=jobs, quiet=quiet)
    sys.exit(exit_code)


@click.command()
@click.argument("summaries", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(summaries) -> None:
    """Check SUMMARY files against the summary format and print every problem found.

    Example: briefwright validate samples/*.yaml
    """
    from briefwright.api import validate as validate_files

    issues = validate_files(summaries)
    for issue in issues:
        click.echo(str(issue), err=True)
    if issues:
        sys.exit(EXIT_INVALID)
    for path in summaries:
        click.echo(f"{path}: ok")


@click.command()
def schema() -> None:
    """Print the JSON Schema of the summary format, for editors.

    Example: briefwright schema > summary.schema.json
    """
    import json

    from briefwright.summary import summary_json_schema

    click.echo(json.dumps(summary_json_schema(), indent=2, ensure_ascii=False))
