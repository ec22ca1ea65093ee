"""Commands on summaries: render them, validate them, describe their format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefwright.cli.options import render_options, template_option
from briefwright.errors import EXIT_INVALID
from briefwright.pipeline.settings import (
    DEFAULT_FORMATS,
    DEFAULT_OUTPUT_DIR,
    DEFAULT_TEMPLATE,
    RenderSettings,
)
from briefwright.writers import WRITERS


@click.command()
@click.argument("summaries", nargs=-1, required=True, type=click.Path(path_type=Path))
@template_option(multiple=True)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(WRITERS)),
    help=f"Output format; repeat for several. [{', '.join(DEFAULT_FORMATS)}]",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUTPUT_DIR,
    show_default=True,
    help="Where to write the files.",
)
@click.option("--force", is_flag=True, help="Replace outputs even if they were edited since.")
@render_options
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
    summaries: tuple[Path, ...],
    templates: tuple[str, ...],
    formats: tuple[str, ...],
    output_dir: Path,
    force: bool,
    reference_doc: Path | None,
    font: str | None,
    strict: bool,
    verify: bool,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Render SUMMARY files (or directories of them) into briefings.

    Example: briefwright render samples/lavrov-yerevan-2025.yaml -t executive -f pdf
    """
    from briefwright.cli.batch import run_render

    settings = RenderSettings(
        formats=formats or DEFAULT_FORMATS,
        output_dir=output_dir,
        force=force,
        reference_doc=reference_doc,
        font=font,
        strict=strict,
        verify=verify,
    )
    templates = templates or (DEFAULT_TEMPLATE,)
    sys.exit(run_render(list(summaries), templates, settings, jobs=jobs, quiet=quiet))


@click.command()
@click.argument("summaries", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(summaries: tuple[Path, ...]) -> None:
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
