"""`briefwright mail`: the .eml draft, and delivery to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

from click.testing import CliRunner
from conftest import SAMPLE
from test_mail_smtp import smtp_server  # noqa: F401 - the loopback server fixture

from briefwright.cli import main

TITLE = "Lavrov in Yerevan: Moscow Courts Armenia as Ties with Baku Sour"


def _parse(data: bytes):
    return BytesParser(policy=policy.default).parsebytes(data)


def _rendered(tmp_path, fmt: str) -> bytes:
    out = tmp_path / "rendered"
    result = CliRunner().invoke(main, ["render", str(SAMPLE), "-f", fmt, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return (out / f"lavrov-yerevan-2025.analyst.{fmt}").read_bytes()


def test_mail_writes_a_draft_with_marking_bodies_and_attachments(tmp_path):
    eml = tmp_path / "briefing.eml"
    args = ["mail", str(SAMPLE), "--attach", "pdf,docx", "--to", "desk@example.org"]
    result = CliRunner().invoke(main, [*args, "--from", "analyst@example.org", "-o", str(eml)])
    assert result.exit_code == 0, result.output
    message = _parse(eml.read_bytes())
    assert message["Subject"].strip() == f"[TLP:AMBER] {TITLE}"
    assert message["X-Unsent"] == "1"
    body = message.get_body(("plain",)).get_content()
    assert body.startswith("**TLP:AMBER**") and TITLE in body
    assert TITLE in message.get_body(("html",)).get_content()
    attachments = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    assert attachments == {
        "lavrov-yerevan-2025.analyst.pdf": _rendered(tmp_path, "pdf"),
        "lavrov-yerevan-2025.analyst.docx": _rendered(tmp_path, "docx"),
    }


def test_mail_refuses_an_unknown_attachment_format(tmp_path):
    result = CliRunner().invoke(main, ["mail", str(SAMPLE), "--attach", "odt", "-o", "x.eml"])
    assert result.exit_code == 2
    assert "odt" in result.output and "Traceback" not in result.output


def test_mail_send_delivers_the_same_message_over_smtp(tmp_path, smtp_server):  # noqa: F811
    port, inbox = smtp_server()
    eml = tmp_path / "briefing.eml"
    args = ["mail", str(SAMPLE), "--to", "desk@example.org", "--from", "analyst@example.org"]
    args += ["-o", str(eml), "--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(port)]
    result = CliRunner().invoke(main, [*args, "--smtp-security", "none"])
    assert result.exit_code == 0, result.output
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["desk@example.org"]
    received = _parse(envelope.original_content)
    assert received["Subject"].strip() == f"[TLP:AMBER] {TITLE}"
    (attachment,) = received.iter_attachments()
    assert attachment.get_content() == _rendered(tmp_path, "pdf")
