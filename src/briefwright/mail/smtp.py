"""Delivering a built message over SMTP, with one clear line for every way that can fail."""

from __future__ import annotations

import base64
import copy
import ipaddress
import smtplib
import socket
import ssl
from email.message import EmailMessage

from briefwright.errors import EXIT_RENDER, BriefwrightError, UsageError

SECURITY_MODES = ("starttls", "ssl", "none")


class SendError(BriefwrightError):
    """The SMTP server could not be reached or did not accept the message."""

    exit_code = EXIT_RENDER


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
