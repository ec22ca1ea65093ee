"""Commands on summaries: render them, validate them, describe their format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefwright.cli.inputs import FROM_HELP, input_name, summary_inputs
from briefwright.cli.options import render_options, template_option
from briefwright.cli.terminal import say, tell
from briefwright.errors import EXIT_INVALID
from briefwright.pipeline.settings import (
    DEFAULT_FORMATS,
    DEFAULT_OUTPUT_DIR,
    DEFAULT_TEMPLATE,
    RenderSettings,
    normalise_formats,
)
from briefwright.writers import WRITERS

SUMMARIES = click.argument(
    "summaries", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True)
)
FROM = click.option(
    "--from", "source_format", type=click.Choice(["yaml", "json"], case_sensitive=False),
    help=FROM_HELP,
)  # fmt: skip


@click.command()
@SUMMARIES
@template_option(multiple=True)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(WRITERS), case_sensitive=False),
    help=f"Output format; repeat for several. [{', '.join(DEFAULT_FORMATS)}]",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path, allow_dash=True),
    default=DEFAULT_OUTPUT_DIR,
    show_default=True,
    help="Where to write the files; '-': one format's bytes to standard output.",
)
@click.option("--force", is_flag=True, help="Replace outputs even if they were edited since.")
@render_options
@click.option(
    "--names",
    type=click.Choice(["error", "unique"]),
    default="error",
    show_default=True,
    help="Two inputs that would write the same file: refuse, or add a suffix from their paths.",
)
@FROM
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to use (at most the number of CPUs): summaries are shared among them, and "
    "a single briefing writes its PDF in a second one. [number of CPUs]",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also print how long each step took.")
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
    names: str,
    source_format: str | None,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Render SUMMARY files (or directories of them; - for standard input) into briefings.

    Example: briefwright render samples/lavrov-yerevan-2025.yaml -t executive -f pdf
    """
    from briefwright.cli.batch import Listing, run_render

    settings = RenderSettings(
        formats=normalise_formats(formats or DEFAULT_FORMATS),
        output_dir=output_dir,
        force=force,
        reference_doc=reference_doc,
        font=font,
        strict=strict,
        verify=verify,
    )
    inputs = summary_inputs(summaries, source_format)
    templates = templates or (DEFAULT_TEMPLATE,)
    listing = Listing(quiet=quiet, verbose=verbose and not quiet)
    sys.exit(run_render(inputs, templates, settings, jobs=jobs, listing=listing, names=names))


@click.command()
@SUMMARIES
@FROM
@click.option("--strict", is_flag=True, help="A draft's TODO or a missing source is an error.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def validate(
    summaries: tuple[Path, ...], source_format: str | None, strict: bool, quiet: bool
) -> None:
    """Check SUMMARY files (or directories of them; - for standard input) and print every
    problem found; TODO placeholders and a missing source.text are warnings.

    Example: briefwright validate samples/*.yaml
    """
    from briefwright.errors import BriefwrightError, Issue
    from briefwright.pipeline.load import load
    from briefwright.pipeline.unfinished import check_finished

    inputs = summary_inputs(summaries, source_format)
    issues: list[Issue] = []
    warnings: list[str] = []
    for summary in inputs:
        try:
            check_finished(load(summary), strict=strict, warn=warnings.append)
        except BriefwrightError as exc:
            issues.extend(exc.issues or [Issue(str(exc))])
    for issue in issues:
        tell(str(issue))
    if not quiet:
        for message in warnings:
            tell(f"warning: {message}")
    if issues:
        sys.exit(EXIT_INVALID)
    if not quiet:
        for summary in inputs:
            say(f"{input_name(summary)}: ok")


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file (replaced only if briefwright wrote it) instead.",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the summary format, for editors.

    Example: briefwright schema -o summary.schema.json
    """
    from briefwright.summary.schema import schema_text

    if output is None:
        click.echo(schema_text(), nl=False)
        return
    from briefwright.output import commit_outputs

    commit_outputs({output: schema_text().encode("utf-8")})
    say(f"wrote {output}")
