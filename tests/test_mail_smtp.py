"""Sending over SMTP to a real server on 127.0.0.1 (aiosmtpd), and the one-line errors."""

from __future__ import annotations

import socket
import ssl
from datetime import UTC, datetime, timedelta
from email import policy
from email.parser import BytesParser
from ipaddress import ip_address

import pytest
from test_mail import DOCX, DOCX_NAME, HTML, MARKDOWN, PDF, PDF_NAME, TITLE, make

from briefwright.errors import UsageError
from briefwright.mail.smtp import SendError, send_message

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
    with pytest.raises(SendError, match="SMTP AUTH extension not supported by server"):
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
    with pytest.raises(
        SendError, match=f"^127.0.0.1:{port}: STARTTLS extension not supported by server.$"
    ):
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
    with pytest.raises(SendError, match=f"^127.0.0.1:{port}: TLS failed: .*starttls"):
        send(port, security="ssl", timeout=5)


def test_silent_server_times_out_in_one_line():
    with socket.socket() as silent:  # accepts the connection, never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        with pytest.raises(SendError) as caught:
            send(port, timeout=0.3)
    assert str(caught.value) == f"127.0.0.1:{port}: no answer within 0.3 seconds"


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


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: (server context, client context trusting it)."""
    cert_pem, key_pem = self_signed_certificate()
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert_pem)
    (folder / "key.pem").write_bytes(key_pem)
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    client = ssl.create_default_context(cafile=str(folder / "cert.pem"))
    return server, client


def self_signed_certificate() -> tuple[bytes, bytes]:
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    addresses = x509.SubjectAlternativeName([x509.IPAddress(ip_address("127.0.0.1"))])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(addresses, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def test_starttls_then_login_then_send(smtp_server, tls):
    server_context, client_context = tls
    port, inbox = smtp_server(
        tls_context=server_context, require_starttls=True, authenticator=check_password
    )
    send(port, security="starttls", context=client_context, user="analyst", password="s3cret ə")
    received = BytesParser(policy=policy.default).parsebytes(inbox.envelopes[0].content)
    assert [a.get_content() for a in received.iter_attachments()] == [PDF, DOCX]


def test_untrusted_certificate_is_one_line(smtp_server, tls):
    server_context, _ = tls
    port, inbox = smtp_server(tls_context=server_context, require_starttls=True)
    with pytest.raises(SendError, match="TLS certificate is not trusted: self.signed") as caught:
        send(port, security="starttls")  # the default context checks the system's trust store
    assert "\n" not in str(caught.value) and not inbox.envelopes


def test_implicit_tls(smtp_server, tls):
    server_context, client_context = tls
    port, inbox = smtp_server(ssl_context=server_context)
    send(port, security="ssl", context=client_context)
    assert len(inbox.envelopes) == 1
