"""`briefwright mail`: render a briefing, wrap it in an email draft, optionally send it.

The briefing comes from the same pipeline and settings as `render` (pipeline/steps.py); the
message itself is built by message.py; the .eml is written through the same all-or-nothing
output path as every other file, beside the rendered files by default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefwright.mail import DEFAULT_ATTACH
from briefwright.pipeline.settings import DEFAULT_TEMPLATE, RenderSettings, normalise_formats

if TYPE_CHECKING:
    from email.message import EmailMessage

    from briefwright.pipeline.load import SummarySource
    from briefwright.pipeline.steps import Rendered

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
BODY_FORMATS = ("md", "html")  # the text/plain body and its text/html alternative


@dataclass(frozen=True)
class MailRequest:
    """What to render and attach, to whom, and where the .eml goes.

    `settings` are render's; their formats are set here (the bodies plus the attachments), their
    output_dir and force apply to the .eml.
    """

    summary: SummarySource
    template: str = DEFAULT_TEMPLATE
    attach: tuple[str, ...] = DEFAULT_ATTACH
    settings: RenderSettings = RenderSettings()
    recipients: tuple[str, ...] = ()
    sender: str | None = None
    output: Path | None = None  # default: <output_dir>/<summary>.<template>.eml


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int | None
    security: str
    user: str | None
    password: str | None
    deadline: float = 60.0  # seconds for the whole session (mail.smtp.DEFAULT_DEADLINE)


@dataclass(frozen=True)
class MailResult:
    eml_path: Path
    accepted: tuple[str, ...] = ()
    refused: dict[str, str] = field(default_factory=dict)


def _ignore(message: str) -> None:
    pass


def compose_message(
    request: MailRequest, *, warn: Callable[[str], None] = _ignore
) -> tuple[EmailMessage, Rendered]:
    """Render the briefing and build its message; nothing is written or sent."""
    import datetime as dt

    from briefwright.mail.message import MIME_TYPES, build_message
    from briefwright.pipeline.steps import render_document
    from briefwright.writers import writer_info

    attach = normalise_formats(request.attach) if request.attach else ()
    formats = tuple(dict.fromkeys((*BODY_FORMATS, *attach)))
    settings = replace(request.settings, formats=formats)
    rendered = render_document(request.summary, request.template, settings, warn=warn)
    attachments = [
        (rendered.file_name(fmt), rendered.outputs[fmt], MIME_TYPES[writer_info(fmt).suffix])
        for fmt in attach
    ]
    message = build_message(
        meta=rendered.document.meta,
        markdown_text=rendered.outputs["md"].decode("utf-8"),
        html_text=rendered.outputs["html"].decode("utf-8"),
        attachments=attachments,
        to=list(request.recipients),
        sender=request.sender,
        date=dt.datetime.now(dt.UTC),
    )
    return message, rendered


def compose_and_deliver(
    request: MailRequest,
    smtp: SmtpSettings | None,
    *,
    warn: Callable[[str], None] = _ignore,
) -> MailResult:
    """Render, build the message, write the .eml, and send it when SMTP settings are given."""
    from briefwright.mail.smtp import send_message
    from briefwright.output import commit_outputs

    message, rendered = compose_message(request, warn=warn)
    settings = request.settings
    eml_path = request.output or settings.output_dir / f"{rendered.stem}.eml"
    commit_outputs({eml_path: message.as_bytes()}, force=settings.force)
    if smtp is None:
        return MailResult(eml_path)
    port = smtp.port or DEFAULT_PORTS[smtp.security]
    refused = send_message(
        message,
        host=smtp.host,
        port=port,
        security=smtp.security,
        user=smtp.user,
        password=smtp.password,
        deadline=smtp.deadline,
    )
    accepted = tuple(addr for addr in request.recipients if addr not in refused)
    return MailResult(eml_path, accepted, refused)
