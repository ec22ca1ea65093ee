"""`briefwright mail`: an email draft of a briefing, sent on request."""

from __future__ import annotations

import os
from pathlib import Path

import click

from briefwright.cli.options import echo_warnings, render_options, template_option
from briefwright.cli.terminal import say
from briefwright.mail import DEFAULT_ATTACH
from briefwright.pipeline.settings import DEFAULT_OUTPUT_DIR, RenderSettings


@click.command()
@click.argument("summary", type=click.Path(path_type=Path))
@template_option(multiple=False)
@click.option(
    "--attach",
    default=",".join(DEFAULT_ATTACH),
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
    help=f"The .eml file to write. [{DEFAULT_OUTPUT_DIR}/<summary>.<template>.eml]",
)
@click.option("--force", is_flag=True, help="Replace an .eml that was edited since.")
@render_options
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
@click.option(
    "--smtp-deadline",
    type=click.FloatRange(min=1, max=3600),
    default=60.0,
    show_default=True,
    envvar="BRIEFWRIGHT_SMTP_DEADLINE",
    help="Seconds the whole SMTP session may take. [$BRIEFWRIGHT_SMTP_DEADLINE]",
)
def mail(
    summary: Path,
    template: str,
    attach: str,
    recipients: tuple[str, ...],
    sender: str | None,
    output: Path | None,
    force: bool,
    reference_doc: Path | None,
    font: str | None,
    strict: bool,
    verify: bool,
    send: bool,
    smtp_host: str,
    smtp_port: int | None,
    smtp_security: str,
    smtp_user: str | None,
    smtp_deadline: float,
) -> None:
    """Write an email draft (.eml) of a briefing, with the chosen formats attached.

    The subject carries the marking ("[TLP:AMBER] Title"); the body is the briefing as plain
    text and HTML. Nothing touches the network unless --send is given.

    Example: briefwright mail samples/lavrov-yerevan-2025.yaml --attach pdf,docx --to a@b.org
    """
    from briefwright.mail.compose import MailRequest, SmtpSettings, compose_and_deliver
    from briefwright.output import refuse_reserved

    if output is not None:
        refuse_reserved(output, "a message")

    settings = RenderSettings(
        force=force, reference_doc=reference_doc, font=font, strict=strict, verify=verify
    )
    request = MailRequest(
        summary=summary,
        template=template,
        attach=tuple(fmt.strip() for fmt in attach.split(",") if fmt.strip()),
        settings=settings,
        recipients=recipients,
        sender=sender,
        output=output,
    )
    smtp = None
    if send:
        password = os.environ.get("BRIEFWRIGHT_SMTP_PASSWORD")
        if smtp_user and password is None:
            password = click.prompt(f"SMTP password for {smtp_user}", hide_input=True)
        smtp = SmtpSettings(
            smtp_host, smtp_port, smtp_security, smtp_user, password, deadline=smtp_deadline
        )
    warnings: list[str] = []
    try:
        result = compose_and_deliver(request, smtp, warn=warnings.append)
    finally:
        echo_warnings(warnings)
    say(str(result.eml_path))
    for address, reason in result.refused.items():
        click.echo(f"warning: {address} refused by the server: {reason}", err=True)
    if send:
        click.echo(f"sent to {len(result.accepted)} recipient(s) via {smtp_host}")
