"""E-mail drafts of a briefing, and delivering them over SMTP.

`build_message` makes an RFC 5322 message: the Markdown as text/plain and the HTML as its
alternative, the rendered files attached, the handling marking in the subject. Nothing here
touches the network until `send_message` is called.
"""

from __future__ import annotations

import base64
import copy
import ipaddress
import re
import smtplib
import socket
import ssl
from datetime import UTC, datetime
from email import errors as email_errors
from email import policy
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import PurePath

from briefwright.doctree.nodes import DocMeta
from briefwright.errors import EXIT_RENDER, BriefwrightError, UsageError
from briefwright.writers.html import TLP_COLOURS

# The MIME type of each output format, for the caller that attaches rendered files.
MIME_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown",
    ".html": "text/html",
}
SECURITY_MODES = ("starttls", "ssl", "none")
_MIME_TYPE = re.compile(r"[A-Za-z0-9][\w.+-]*/[A-Za-z0-9][\w.+-]*")
_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_HEADERS = HeaderRegistry()


class SendError(BriefwrightError):
    """The SMTP server could not be reached or did not accept the message."""

    exit_code = EXIT_RENDER


def build_message(
    *,
    meta: DocMeta,
    markdown_text: str,
    html_text: str,
    attachments: list[tuple[str, bytes, str]],
    to: list[str],
    sender: str | None,
    date: datetime | None = None,
) -> EmailMessage:
    """An unsent e-mail of the briefing: multipart/alternative body, then the attachments.

    `attachments` holds (file name, bytes, MIME type); only the last path component of a name
    is kept. A naive `date` is taken as UTC; None means now. With attachments the message is
    multipart/mixed holding the alternative and the files; without, multipart/alternative.
    "X-Unsent: 1" makes Outlook and others open the .eml as a draft to edit and send.
    """
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = subject_line(meta)
    sender_address = _address(sender, "sender") if sender else None
    if sender_address:
        msg["From"] = [sender_address]
    if to:
        msg["To"] = [_address(value, "recipient") for value in to]
    msg["Date"] = format_datetime(_aware(date or datetime.now(UTC)))
    # An explicit domain: make_msgid would otherwise look up this host's name in the DNS.
    msg["Message-ID"] = make_msgid(
        domain=sender_address.domain if sender_address else "briefwright.invalid"
    )
    msg["X-Unsent"] = "1"
    # Quoted-printable keeps every line short and 7-bit, whatever the text and the relay.
    msg.set_content(markdown_text, subtype="plain", cte="quoted-printable")
    msg.add_alternative(html_text, subtype="html", cte="quoted-printable")
    for filename, data, mimetype in attachments:
        maintype, subtype = _split_mime_type(mimetype)
        name = PurePath(filename.replace("\\", "/")).name
        if name in ("", ".", ".."):
            raise UsageError(f"attachment {filename!r} has no file name")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    # Set last: building the multipart moves every Content-* header into the first part.
    if _LANG_TAG.fullmatch(meta.language):
        msg["Content-Language"] = meta.language
    return msg


def subject_line(meta: DocMeta) -> str:
    """The title on one line, after the marking in brackets, e.g. "[TLP:AMBER] Title"."""
    title = " ".join(meta.title.split())
    marking = " ".join(meta.marking.split())
    if marking.upper() in TLP_COLOURS:
        marking = marking.upper()
    return f"[{marking}] {title}" if marking else title


def _address(value: str, role: str) -> Address:
    """One address, checked strictly; the domain in IDNA form so any SMTP server takes it."""
    try:
        header = _HEADERS("To", value)
        defects, addresses = header.defects, header.addresses
    except (ValueError, IndexError, email_errors.HeaderParseError):
        # The stdlib address parser raises IndexError on some malformed input, e.g. "x@".
        defects, addresses = ("unparseable",), ()
    if defects or len(addresses) != 1 or not addresses[0].username or not addresses[0].domain:
        raise UsageError(f"{role} {value!r} is not one e-mail address like name@example.org")
    address = addresses[0]
    if not address.username.isascii():
        raise UsageError(f"{role} {value!r}: non-ASCII mailbox names are not supported")
    try:
        domain = address.domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise UsageError(f"{role} {value!r}: the domain is not a valid host name") from None
    return Address(address.display_name, address.username, domain)


def _aware(date: datetime) -> datetime:
    return date if date.tzinfo else date.replace(tzinfo=UTC)


def _split_mime_type(mimetype: str) -> tuple[str, str]:
    if not _MIME_TYPE.fullmatch(mimetype):
        raise UsageError(f"{mimetype!r} is not a MIME type like application/pdf")
    maintype, subtype = mimetype.lower().split("/")
    return maintype, subtype


# --- sending ------------------------------------------------------------------------------


def send_message(
    msg: EmailMessage,
    *,
    host: str,
    port: int,
    security: str = "starttls",
    user: str | None = None,
    password: str | None = None,
    timeout: float = 30.0,
    context: ssl.SSLContext | None = None,
) -> dict[str, str]:
    """Deliver the message over SMTP; return the recipients the server refused, with its reply.

    `security` is "starttls", "ssl" (implicit TLS) or "none". The password is sent only over
    TLS, or in the clear to a loopback host. `context` replaces the default TLS context that
    verifies the server's certificate against the system's trust store. The draft marker
    X-Unsent is dropped from what is sent. Failures raise SendError with a one-line message.
    """
    _check_sendable(msg, host, security, user, password)
    outgoing = copy.deepcopy(msg)
    del outgoing["X-Unsent"]  # recipients' clients would open the mail as a draft
    where = f"{host}:{port}"
    try:
        with _connect(host, port, security, timeout, context) as smtp:
            if user:
                _login(smtp, user, password or "")
            refused = smtp.send_message(outgoing)
    except OSError as exc:  # smtplib.SMTPException, ssl.SSLError and socket errors alike
        raise SendError(f"{where}: {_describe(exc, user, timeout)}") from None
    return {address: _reply(code, text) for address, (code, text) in refused.items()}


def _check_sendable(
    msg: EmailMessage, host: str, security: str, user: str | None, password: str | None
) -> None:
    if security not in SECURITY_MODES:
        raise UsageError(f"unknown SMTP security {security!r}; use one of {SECURITY_MODES}")
    if not msg["From"]:
        raise UsageError("cannot send: the message has no sender (From)")
    if not any(msg.get_all(name) for name in ("To", "Cc", "Bcc")):
        raise UsageError("cannot send: the message has no recipient")
    if user and password is None:
        raise UsageError(f"cannot log in as {user!r}: no password given")
    if user and security == "none" and not _is_loopback(host):
        raise UsageError(
            f"refusing to send the password to {host} unencrypted; use starttls or ssl"
        )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _connect(
    host: str, port: int, security: str, timeout: float, context: ssl.SSLContext | None
) -> smtplib.SMTP:
    if security == "ssl":
        tls = context or ssl.create_default_context()
        return smtplib.SMTP_SSL(host, port, timeout=timeout, context=tls)
    smtp = smtplib.SMTP(host, port, timeout=timeout)
    if security == "starttls":
        try:
            smtp.starttls(context=context or ssl.create_default_context())
        except BaseException:
            smtp.close()
            raise
    return smtp


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    if (user + password).isascii():
        smtp.login(user, password)
        return
    # smtplib encodes credentials as ASCII; AUTH PLAIN (RFC 4616) carries UTF-8, so send it here.
    smtp.ehlo_or_helo_if_needed()
    if "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
        raise smtplib.SMTPNotSupportedError(
            "AUTH PLAIN, needed for a non-ASCII user or password, not supported by server."
        )
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _describe(exc: OSError, user: str | None, timeout: float) -> str:
    """One line for the user; the most specific exception classes come first."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"authentication failed for user {user!r}: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return _one_line(str(exc))  # e.g. "STARTTLS extension not supported by server."
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = (f"{a} ({_reply(code, text)})" for a, (code, text) in exc.recipients.items())
        return "every recipient was refused: " + "; ".join(refused)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"sender {exc.sender!r} refused: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"the server refused: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        # smtplib turns a read timeout into a disconnect; the cause tells them apart.
        if isinstance(exc.__context__, TimeoutError):
            return f"no answer within {timeout:g} seconds"
        return "the server closed the connection unexpectedly"
    if isinstance(exc, smtplib.SMTPException):
        return f"SMTP error: {_one_line(str(exc))}"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (no SMTP server listening there?)"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve the host name ({exc.strerror})"
    if isinstance(exc, TimeoutError):
        return f"no answer within {timeout:g} seconds"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the server's TLS certificate is not trusted: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):
        hint = " (the port may expect starttls)" if exc.reason == "WRONG_VERSION_NUMBER" else ""
        return f"TLS failed: {exc.reason or _one_line(str(exc))}{hint}"
    return f"cannot connect: {exc.strerror or _one_line(str(exc))}"


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return _one_line(f"{code} {text}")


def _one_line(text: str) -> str:
    return " ".join(text.split())
