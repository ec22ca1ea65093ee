"""Sending over SMTP to a real server on 127.0.0.1 (aiosmtpd), and the one-line errors."""

from __future__ import annotations

import socket
from email import policy
from email.parser import BytesParser

import pytest
from test_mail import DOCX, DOCX_NAME, HTML, MARKDOWN, PDF, PDF_NAME, TITLE, make

from briefwright.errors import UsageError
from briefwright.mail import SendError, send_message

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402


class Inbox:
    """An aiosmtpd handler that keeps every envelope it receives."""

    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def check_password(server, session, envelope, mechanism, auth_data):
    good = isinstance(auth_data, LoginPassword) and auth_data == (b"analyst", "s3cret ə".encode())
    return AuthResult(success=good, handled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """Start a server on a free loopback port; yields (port, inbox); takes server options."""
    controllers = []

    def start(**options):
        inbox = Inbox()
        port = free_port()
        controller = aiosmtpd_controller.Controller(
            inbox, hostname="127.0.0.1", port=port, **options
        )
        controller.start()
        controllers.append(controller)
        return port, inbox

    yield start
    for controller in controllers:
        controller.stop()


def send(port: int, msg=None, **options):
    options = {"security": "none", "user": None, "password": None, "timeout": 10} | options
    return send_message(msg or make(), host="127.0.0.1", port=port, **options)


def test_round_trip_parts_and_attachments(smtp_server):
    port, inbox = smtp_server()
    assert send(port) == {}
    (envelope,) = inbox.envelopes
    assert envelope.mail_from == "unit@example.org"
    assert envelope.rcpt_tos == ["desk@example.org", "ivan@example.org"]
    received = BytesParser(policy=policy.default).parsebytes(envelope.content)
    assert received["Subject"] == f"[TLP:AMBER] {TITLE}"
    assert received["X-Unsent"] is None  # a sent mail must not open as a draft
    plain = received.get_body(preferencelist=("plain",)).get_content()
    html = received.get_body(preferencelist=("html",)).get_content()
    assert plain.replace("\r\n", "\n") == MARKDOWN and html.replace("\r\n", "\n") == HTML
    attachments = [(a.get_filename(), a.get_content()) for a in received.iter_attachments()]
    assert attachments == [(PDF_NAME, PDF), (DOCX_NAME, DOCX)]


def test_the_draft_itself_keeps_its_marker(smtp_server):
    port, _ = smtp_server()
    msg = make()
    send(port, msg)
    assert msg["X-Unsent"] == "1"


def test_login_then_send(smtp_server):
    port, inbox = smtp_server(authenticator=check_password, auth_require_tls=False)
    send(port, user="analyst", password="s3cret ə")  # non-ASCII: smtplib alone cannot do it
    assert len(inbox.envelopes) == 1


def test_ascii_login_uses_smtplib(smtp_server):
    def accept(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data == (b"analyst", b"plain"), handled=False)

    port, inbox = smtp_server(authenticator=accept, auth_require_tls=False)
    send(port, user="analyst", password="plain")
    assert len(inbox.envelopes) == 1


def test_wrong_password_is_one_line(smtp_server):
    port, inbox = smtp_server(authenticator=check_password, auth_require_tls=False)
    with pytest.raises(SendError) as caught:
        send(port, user="analyst", password="wrong")
    message = str(caught.value)
    assert message.startswith(f"127.0.0.1:{port}: authentication failed for user 'analyst': 535")
    assert "\n" not in message and not inbox.envelopes


def test_wrong_non_ascii_password_is_one_line(smtp_server):
    port, _ = smtp_server(authenticator=check_password, auth_require_tls=False)
    with pytest.raises(SendError, match="authentication failed for user 'analyst': 535"):
        send(port, user="analyst", password="wrong ə")


def test_login_when_server_offers_no_auth(smtp_server):
    port, _ = smtp_server()
    with pytest.raises(SendError, match="does not support this: SMTP AUTH"):
        send(port, user="analyst", password="x")


def test_some_recipients_refused_are_returned(smtp_server):
    port, inbox = smtp_server()
    refused = send(port, make(to=["desk@example.org", "nobody@example.org"]))
    assert refused == {"nobody@example.org": "550 5.1.1 No such user here"}
    assert inbox.envelopes[0].rcpt_tos == ["desk@example.org"]


def test_all_recipients_refused(smtp_server):
    port, _ = smtp_server()
    with pytest.raises(SendError, match="every recipient was refused: nobody@example.org"):
        send(port, make(to=["nobody@example.org"]))


def test_starttls_not_offered(smtp_server):
    port, _ = smtp_server()
    with pytest.raises(SendError, match="does not support this: STARTTLS"):
        send(port, security="starttls")


def test_connection_refused_is_one_line():
    port = free_port()  # nothing listens there once the probe socket is closed
    with pytest.raises(SendError) as caught:
        send(port)
    assert str(caught.value) == (
        f"127.0.0.1:{port}: connection refused (no SMTP server listening there?)"
    )


def test_implicit_tls_against_a_plain_server_fails_cleanly(smtp_server):
    port, _ = smtp_server()
    with pytest.raises(SendError, match=f"^127.0.0.1:{port}: "):
        send(port, security="ssl", timeout=5)


def test_no_password_over_plain_text_to_a_remote_host():
    with pytest.raises(UsageError, match="unencrypted"):
        send_message(
            make(), host="smtp.example.org", port=25, security="none", user="u", password="p"
        )


@pytest.mark.parametrize(
    ("overrides", "options", "expected"),
    [
        ({"sender": None}, {}, "no sender"),
        ({"to": []}, {}, "no recipient"),
        ({}, {"security": "tls"}, "unknown SMTP security"),
        ({}, {"user": "u", "password": None}, "no password"),
    ],
)
def test_unsendable_is_a_usage_error_before_any_connection(overrides, options, expected):
    with pytest.raises(UsageError, match=expected):
        send(free_port(), make(**overrides), **options)
