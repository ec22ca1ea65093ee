"""The `briefwright` command: options in, api calls out, errors to messages and exit codes.

Each command imports what it needs when it runs, so `--help` and `validate` stay light.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from briefwright import __version__
from briefwright.errors import EXIT_INVALID, EXIT_RENDER, BriefwrightError

FORMAT_NAMES = ("docx", "pdf", "md", "html")


def _fail(exc: BriefwrightError) -> None:
    for line in exc.lines():
        click.echo(line if ":" in line else f"briefwright: {line}", err=True)
    sys.exit(exc.exit_code)


class BriefwrightGroup(click.Group):
    """A click group that reports expected failures as located one-line messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BriefwrightError as exc:
            _fail(exc)


@click.group(cls=BriefwrightGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefwright")
def main() -> None:
    """Turn a structured summary of an article into a briefing: DOCX, PDF and Markdown.

    Example: briefwright render samples/lavrov-yerevan-2025.yaml
    """


@main.command()
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
    type=click.Choice(FORMAT_NAMES),
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
    help="Worker processes for many summaries. [number of CPUs]",
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
    from briefwright.batch import RenderJob, run_jobs

    job = RenderJob(
        templates=templates or ("analyst",),
        formats=formats or ("docx", "pdf", "md"),
        output_dir=output_dir,
        force=force,
        reference_doc=reference_doc,
        font=font,
        strict=strict,
        verify=verify,
    )
    exit_code = run_jobs(list(summaries), job, jobs=jobs, quiet=quiet)
    sys.exit(exit_code)


@main.command()
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


@main.command()
def schema() -> None:
    """Print the JSON Schema of the summary format, for editors.

    Example: briefwright schema > summary.schema.json
    """
    import json

    from briefwright.summary import summary_json_schema

    click.echo(json.dumps(summary_json_schema(), indent=2, ensure_ascii=False))


@main.group(invoke_without_command=True)
@click.pass_context
def templates(ctx: click.Context) -> None:
    """List every template found, where it lives and what it shadows.

    Example: briefwright templates
    """
    if ctx.invoked_subcommand is not None:
        return
    from briefwright.templates import list_templates

    for listing in list_templates():
        status = f"  (shadowed by {listing.shadowed_by})" if listing.shadowed_by else ""
        click.echo(f"{listing.name:<14} {listing.description}{status}")
        click.echo(f"{'':<14} {listing.origin}: {listing.where}")
        for hidden in listing.shadows:
            click.echo(f"{'':<14} shadows {hidden}")


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
def templates_new(name, parent, directory) -> None:
    """Create a template NAME that extends another, with its blocks ready to override.

    Example: briefwright templates new minister --from executive
    """
    from briefwright.templates import scaffold_template

    path = scaffold_template(name, parent=parent, directory=directory)
    click.echo(f"created {path}")
    click.echo(f"edit {path / 'briefing.md.j2'}, then: briefwright render SUMMARY -t {name}")


@templates.command("context")
def templates_context() -> None:
    """Describe the names, filters and blocks a template can use.

    Example: briefwright templates context | less
    """
    from briefwright.rendering import template_context_reference

    click.echo(template_context_reference())


@main.command()
@click.argument("summaries", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report for people or for machines.",
)
def check(summaries, output_format) -> None:
    """Verify every quote of SUMMARY files against their source.text.

    Example: briefwright check samples/lavrov-yerevan-2025.yaml
    """
    from briefwright.api import load_summary
    from briefwright.fidelity import check_summary, render_json, render_text

    reports = [check_summary(load_summary(path)) for path in summaries]
    render = render_json if output_format == "json" else render_text
    click.echo(render(reports), nl=False)
    if any(report.errors for report in reports):
        sys.exit(EXIT_RENDER)


@main.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft summary here instead of standard output.",
)
@click.option("--title", help="Title of the briefing (default: the article's first line).")
def draft(article, output, title) -> None:
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


@main.command()
@click.argument("summary", type=click.Path(path_type=Path))
@click.option(
    "-t",
    "--template",
    default="analyst",
    show_default=True,
    metavar="NAME|DIR",
    help="Template by name or directory.",
)
@click.option(
    "--attach",
    default="pdf",
    show_default=True,
    metavar="FORMATS",
    help="Comma-separated formats to attach, e.g. pdf,docx; '' for none.",
)
@click.option("--to", "recipients", multiple=True, metavar="ADDR", help="Recipient; repeatable.")
@click.option(
    "--from",
    "sender",
    metavar="ADDR",
    envvar="BRIEFWRIGHT_MAIL_FROM",
    help="Sender address. [$BRIEFWRIGHT_MAIL_FROM]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .eml file to write. [briefings/<summary>.<template>.eml]",
)
@click.option("--force", is_flag=True, help="Replace an .eml that was edited since.")
@click.option("--send", is_flag=True, help="Also deliver the message over SMTP.")
@click.option(
    "--smtp-host",
    envvar="BRIEFWRIGHT_SMTP_HOST",
    default="localhost",
    show_default=True,
    help="SMTP server. [$BRIEFWRIGHT_SMTP_HOST]",
)
@click.option(
    "--smtp-port",
    envvar="BRIEFWRIGHT_SMTP_PORT",
    type=int,
    help="SMTP port. [587 starttls, 465 ssl, 25 none; $BRIEFWRIGHT_SMTP_PORT]",
)
@click.option(
    "--smtp-security",
    type=click.Choice(["starttls", "ssl", "none"]),
    default="starttls",
    show_default=True,
    help="How to secure the connection.",
)
@click.option(
    "--smtp-user",
    envvar="BRIEFWRIGHT_SMTP_USER",
    help="Login; the password comes from $BRIEFWRIGHT_SMTP_PASSWORD or a prompt.",
)
def mail(
    summary,
    template,
    attach,
    recipients,
    sender,
    output,
    force,
    send,
    smtp_host,
    smtp_port,
    smtp_security,
    smtp_user,
) -> None:
    """Write an email draft (.eml) of a briefing, with the chosen formats attached.

    The subject carries the marking ("[TLP:AMBER] Title"); the body is the briefing as plain
    text and HTML. Nothing touches the network unless --send is given.

    Example: briefwright mail samples/lavrov-yerevan-2025.yaml --attach pdf,docx --to a@b.org
    """
    from briefwright.mailing import MailRequest, SmtpSettings, compose_and_deliver

    request = MailRequest(
        summary=summary,
        template=template,
        attach=tuple(fmt.strip() for fmt in attach.split(",") if fmt.strip()),
        recipients=recipients,
        sender=sender,
        output=output,
        force=force,
    )
    smtp = None
    if send:
        password = os.environ.get("BRIEFWRIGHT_SMTP_PASSWORD")
        if smtp_user and password is None:
            password = click.prompt(f"SMTP password for {smtp_user}", hide_input=True)
        smtp = SmtpSettings(smtp_host, smtp_port, smtp_security, smtp_user, password)
    result = compose_and_deliver(request, smtp)
    click.echo(str(result.eml_path))
    for address, reason in result.refused.items():
        click.echo(f"warning: {address} refused by the server: {reason}", err=True)
    if send:
        click.echo(f"sent to {len(result.accepted)} recipient(s) via {smtp_host}")
