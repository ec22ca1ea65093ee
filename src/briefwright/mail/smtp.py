"""Delivering a built message over SMTP, with one clear line for every way that can fail.

A server may be slow or hostile: the whole session has a deadline (a watchdog thread shuts the
socket when it passes, so one byte every few seconds cannot keep it alive), and each reply is
read with a cap on its lines and bytes (a server streaming `220-` lines cannot fill memory).
"""

from __future__ import annotations

import base64
import contextlib
import copy
import smtplib
import socket
import ssl
import threading
from email.message import EmailMessage
from types import TracebackType
from typing import Any

from briefwright.errors import EXIT_RENDER, BriefwrightError, UsageError
from briefwright.hosts import is_loopback

SECURITY_MODES = ("starttls", "ssl", "none")
DEFAULT_DEADLINE = 60.0
"""Seconds the whole SMTP session may take, connecting to the last reply."""
MAX_REPLY_LINES = 100
"""Lines one server reply may have (a real EHLO reply has about a dozen)."""
MAX_REPLY_BYTES = 65_536
"""Bytes one server reply may have."""


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
    deadline: float = DEFAULT_DEADLINE,
) -> dict[str, str]:
    """Deliver the message over SMTP; return the recipients the server refused, with its reply.

    `security` is "starttls", "ssl" (implicit TLS) or "none". The password is sent only over
    TLS, or in the clear to a loopback host. `context` replaces the default TLS context that
    verifies the server's certificate against the system's trust store. The draft marker
    X-Unsent is dropped from what is sent. `timeout` bounds each wait for the server, `deadline`
    the whole session. Failures raise SendError with a one-line message.
    """
    _check_sendable(msg, host, security, user, password)
    outgoing = copy.deepcopy(msg)
    del outgoing["X-Unsent"]  # recipients' clients would open the mail as a draft
    where = f"{host}:{port}"
    timeout = min(timeout, deadline)
    tls = (context or ssl.create_default_context()) if security != "none" else None
    with _Watchdog(deadline) as watchdog:
        try:
            with _connect(host, port, security, timeout, tls, watchdog) as smtp:  # QUIT at the end
                if user:
                    _login(smtp, user, password or "")
                refused = smtp.send_message(outgoing)
        except OSError as exc:  # smtplib.SMTPException, ssl.SSLError and socket errors alike
            watchdog.close()
            if watchdog.expired:
                message = f"the SMTP session took more than {deadline:g} seconds; stopped"
                raise SendError(f"{where}: {message}") from None
            raise SendError(f"{where}: {_describe(exc, user, timeout)}") from None
    return {address: _reply(code, text) for address, (code, text) in refused.items()}


class ReplyTooLong(OSError):
    """A server reply past MAX_REPLY_LINES or MAX_REPLY_BYTES (smtplib closes on OSError)."""


class _CappedReply:
    """The server's side of the connection, read with a cap on the reply being read."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.lines = self.size = 0

    def readline(self, limit: int = -1) -> bytes:
        self.lines += 1
        if self.lines > MAX_REPLY_LINES:
            raise ReplyTooLong(f"the server's reply ran past {MAX_REPLY_LINES} lines; stopped")
        line: bytes = self.stream.readline(limit)
        self.size += len(line)
        if self.size > MAX_REPLY_BYTES:
            raise ReplyTooLong(f"the server's reply ran past {MAX_REPLY_BYTES:,} bytes; stopped")
        return line

    def close(self) -> None:
        self.stream.close()


class _Bounded(smtplib.SMTP):
    """smtplib's client, watched by a _Watchdog, each reply read through a _CappedReply."""

    def __init__(self, *args: Any, watchdog: _Watchdog, **kwargs: Any) -> None:
        watchdog.smtp = self  # before connecting: the greeting is read while constructing
        super().__init__(*args, **kwargs)

    def getreply(self) -> tuple[int, bytes]:
        """Read one reply as smtplib does, within MAX_REPLY_LINES and MAX_REPLY_BYTES."""
        if self.file is None and self.sock is not None:
            self.file = _CappedReply(self.sock.makefile("rb"))
        if isinstance(self.file, _CappedReply):
            self.file.lines = self.file.size = 0
        return super().getreply()


class _BoundedSSL(_Bounded, smtplib.SMTP_SSL):
    """The implicit-TLS client with capped replies."""


class _Watchdog:
    """Shuts the client's socket once `seconds` have passed, whatever it is waiting for.

    A socket's timeout restarts with every byte received, so it cannot bound a whole session;
    shutting the socket from this thread ends any read or write under way at once (no signal,
    so it works in any thread).
    """

    def __init__(self, seconds: float) -> None:
        self.smtp: smtplib.SMTP | None = None  # set by the client it watches, once made
        self.seconds = seconds
        self.expired = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="smtp-deadline", daemon=True)

    def __enter__(self) -> _Watchdog:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._done.set()
        self._thread.join()

    def _watch(self) -> None:
        if self._done.wait(self.seconds):
            return
        self.expired = True
        while not self._done.is_set():  # until the session gives up (a socket may come later)
            sock = self.smtp.sock if self.smtp is not None else None
            if sock is not None:
                with contextlib.suppress(OSError):
                    # the plain socket's shutdown: an SSL socket's own would drop its TLS state
                    # under the reading thread
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
            self._done.wait(0.05)

    def close(self) -> None:
        """Close the watched client's connection, if it was made."""
        if self.smtp is not None:
            self.smtp.close()


def _connect(
    host: str,
    port: int,
    security: str,
    timeout: float,
    tls: ssl.SSLContext | None,
    watchdog: _Watchdog,
) -> smtplib.SMTP:
    if security == "ssl":
        return _BoundedSSL(host, port, timeout=timeout, context=tls, watchdog=watchdog)
    smtp = _Bounded(host, port, timeout=timeout, watchdog=watchdog)
    if tls is not None:
        smtp.starttls(context=tls)  # on failure the caller closes it through the watchdog
    return smtp


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
    if user and security == "none" and not is_loopback(host):
        raise UsageError(
            f"refusing to send the password to {host} unencrypted; use starttls or ssl"
        )


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
        # smtplib turns a read timeout or a reply past our caps into a disconnect
        if isinstance(exc.__context__, ReplyTooLong):
            return str(exc.__context__)
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
