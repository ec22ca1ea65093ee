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


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def _emoji_summary(tmp_path) -> str:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        f'title: "{TITLE}"', "title: Talks \U0001f91d"
    )
    text = text.replace("text: ../seeds/", f"text: {SAMPLE.parents[1]}/seeds/")
    path = tmp_path / "emoji.yaml"
    path.write_text(text, encoding="utf-8")
    article = SAMPLE.with_name("lavrov-yerevan-visit-2025.txt")
    (tmp_path / article.name).write_bytes(article.read_bytes())
    return str(path)


def test_mail_shows_the_same_warnings_as_render(tmp_path):
    summary = _emoji_summary(tmp_path)
    mailed = _invoke("mail", summary, "-o", str(tmp_path / "m.eml"))
    rendered = _invoke(
        "render", summary, "-f", "md", "-f", "html", "-f", "pdf", "-o", str(tmp_path)
    )
    assert mailed.exit_code == rendered.exit_code == 0, mailed.output
    warnings = [line for line in mailed.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings and all("U+1F91D" in line for line in warnings)
    assert warnings == rendered.stderr.splitlines()


def test_mail_strict_refuses_what_cannot_be_drawn_and_writes_nothing(tmp_path):
    eml = tmp_path / "m.eml"
    result = _invoke("mail", _emoji_summary(tmp_path), "--strict", "-o", str(eml))
    assert result.exit_code == 1
    assert "U+1F91D" in result.stderr and not eml.exists()


def test_mail_verify_refuses_a_misquote(tmp_path):
    misquote = SAMPLE.parents[1] / "tests" / "data" / "fidelity" / "misquote.yaml"
    eml = tmp_path / "m.eml"
    result = _invoke("mail", str(misquote), "--verify", "-o", str(eml))
    assert result.exit_code == 1
    assert "quotes[0].text: quote is not in the source" in result.stderr
    assert not eml.exists()


def test_mail_font_and_reference_doc_reach_the_attachments_as_in_render(tmp_path):
    reference = tmp_path / "house.docx"
    reference.write_bytes(_rendered(tmp_path, "docx"))
    options = ["--reference-doc", str(reference)]
    eml = tmp_path / "m.eml"
    mailed = _invoke("mail", str(SAMPLE), "--attach", "docx", *options, "-o", str(eml))
    assert mailed.exit_code == 0, mailed.output
    (attachment,) = _parse(eml.read_bytes()).iter_attachments()
    out = tmp_path / "styled"
    _invoke("render", str(SAMPLE), "-f", "docx", *options, "-o", str(out), "-q")
    assert attachment.get_content() == (out / "lavrov-yerevan-2025.analyst.docx").read_bytes()
    unknown = ["--font", "No Such Family"]
    mailed = _invoke("mail", str(SAMPLE), *unknown, "-o", str(eml), "--force")
    rendered = _invoke("render", str(SAMPLE), "-f", "pdf", *unknown, "-o", str(out))
    assert mailed.exit_code == rendered.exit_code == 1
    # render names the summary of a batch; mail has only one
    assert mailed.stderr.startswith("briefwright: font family 'No Such Family' is not installed")
    assert rendered.stderr == mailed.stderr.replace("briefwright", str(SAMPLE), 1)


def test_mail_writes_beside_render_s_outputs_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _invoke("mail", str(SAMPLE), "-t", "executive")
    assert result.exit_code == 0, result.output
    assert result.stdout == "briefings/lavrov-yerevan-2025.executive.eml\n"
    message = _parse((tmp_path / "briefings" / "lavrov-yerevan-2025.executive.eml").read_bytes())
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "lavrov-yerevan-2025.executive.pdf"
