"""`briefwright mail`: render a briefing, wrap it in an email draft, optionally send it.

The message itself is built by mail.py; this module decides what goes in it and where the
.eml is written, through the same all-or-nothing output path as every other file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from briefwright.errors import UsageError

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class MailRequest:
    summary: Path
    template: str = "analyst"
    attach: tuple[str, ...] = ("pdf",)
    recipients: tuple[str, ...] = ()
    sender: str | None = None
    output: Path | None = None
    force: bool = False


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int | None
    security: str
    user: str | None
    password: str | None


@dataclass(frozen=True)
class MailResult:
    eml_path: Path
    accepted: tuple[str, ...] = ()
    refused: dict[str, str] = field(default_factory=dict)


def compose_and_deliver(request: MailRequest, smtp: SmtpSettings | None) -> MailResult:
    """Render, build the message, write the .eml, and send it when SMTP settings are given."""
    from briefwright.api import RenderSettings, load_summary, render_bytes
    from briefwright.mail.message import MIME_TYPES, build_message
    from briefwright.mail.smtp import send_message
    from briefwright.output import commit_outputs
    from briefwright.writers import writer_info

    unknown = [fmt for fmt in request.attach if fmt not in ("pdf", "docx", "md", "html")]
    if unknown:
        raise UsageError(f"cannot attach format '{unknown[0]}' (choose from pdf, docx, md, html)")
    loaded = load_summary(request.summary)
    formats = tuple(dict.fromkeys(("md", "html", *request.attach)))
    rendered = render_bytes(loaded, request.template, RenderSettings(formats=formats))
    stem = f"{request.summary.stem}.{rendered.template}"
    attachments = [
        (
            f"{stem}{writer_info(fmt).suffix}",
            rendered.outputs[fmt],
            MIME_TYPES[writer_info(fmt).suffix],
        )
        for fmt in request.attach
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
    eml_path = request.output or Path("briefings") / f"{stem}.eml"
    commit_outputs({eml_path: message.as_bytes()}, force=request.force)
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
    )
    accepted = tuple(addr for addr in request.recipients if addr not in refused)
    return MailResult(eml_path, accepted, refused)
