"""A mail server that trickles one byte every so often, or streams `220-` lines for ever: the
session's deadline and the cap on a reply stop `mail --send` with a clear message and exit 1,
in bounded memory. The servers here are tiny, on 127.0.0.1, in a thread of the test."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from email.message import EmailMessage

import pytest
from conftest import SAMPLE
from measured import assert_clean, run_measured

from briefwright.errors import EXIT_RENDER
from briefwright.mail.smtp import MAX_REPLY_LINES, SendError, send_message

Behaviour = Callable[[socket.socket, threading.Event], None]


@contextlib.contextmanager
def server(behaviour: Behaviour) -> Iterator[int]:
    """A server on 127.0.0.1 that treats each connection with `behaviour`; yields its port."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection, contextlib.suppress(OSError):
                behaviour(connection, stop)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=10)
        listener.close()


def trickle(connection: socket.socket, stop: threading.Event) -> None:
    """A greeting that never ends: one byte every tenth of a second."""
    connection.sendall(b"220")
    while not stop.wait(0.1):
        connection.sendall(b"-")


def endless_lines(connection: socket.socket, stop: threading.Event) -> None:
    """A multi-line greeting whose last line never comes."""
    line = b"220-" + b"x" * 70 + b"\r\n"
    while not stop.is_set():
        connection.sendall(line * 100)


def slow_after_hello(connection: socket.socket, stop: threading.Event) -> None:
    """A prompt greeting, then a reply to EHLO that trickles."""
    connection.sendall(b"220 ready\r\n")
    connection.recv(1000)
    connection.sendall(b"250-")
    while not stop.wait(0.1):
        connection.sendall(b"x")


def silent(connection: socket.socket, stop: threading.Event) -> None:
    """Accepts, then says nothing at all (a TLS handshake waits for it)."""
    stop.wait(30)


def _message() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "S"
    message.set_content("body")
    return message


@pytest.mark.parametrize(
    ("behaviour", "security"),
    [(trickle, "none"), (slow_after_hello, "none"), (silent, "ssl")],
)
def test_the_whole_session_has_a_deadline(behaviour, security):
    with server(behaviour) as port, pytest.raises(SendError) as caught:
        send_message(_message(), host="127.0.0.1", port=port, security=security, deadline=1.0)
    assert str(caught.value).startswith(f"127.0.0.1:{port}: ")
    assert str(caught.value).endswith("the SMTP session took more than 1 seconds; stopped")


def test_a_reply_that_never_ends_is_cut_off():
    with server(endless_lines) as port, pytest.raises(SendError) as caught:
        send_message(_message(), host="127.0.0.1", port=port, security="none")
    assert str(caught.value) == (
        f"127.0.0.1:{port}: the server's reply ran past {MAX_REPLY_LINES} lines; stopped"
    )


@pytest.mark.parametrize(
    ("behaviour", "expected"),
    [
        (trickle, "took more than 2 seconds; stopped"),
        (endless_lines, f"reply ran past {MAX_REPLY_LINES} lines; stopped"),
    ],
)
def test_mail_send_stops_cleanly(tmp_path, behaviour, expected):
    with server(behaviour) as port:
        args = ["mail", str(SAMPLE), "--to", "b@example.org", "--from", "a@example.org"]
        args += ["-o", "draft.eml", "--send", "--smtp-host", "127.0.0.1"]
        args += ["--smtp-port", str(port), "--smtp-security", "none", "--smtp-deadline", "2"]
        run = run_measured(args, cwd=tmp_path, timeout=60)
    assert_clean(run, EXIT_RENDER)
    assert f"127.0.0.1:{port}: " in run.err and expected in run.err
