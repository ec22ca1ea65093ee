"""E-mail drafts: parsed back with the stdlib, subject, body parts and attachments must survive."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

import pytest

from briefwright.doctree.nodes import DocMeta
from briefwright.errors import UsageError
from briefwright.mail.message import MIME_TYPES, build_message, subject_line

TITLE = "Лавров в Ереване — ə"
MARKDOWN = "TLP:AMBER\n\n# " + TITLE + "\n\n" + "A long line ə ş ğ ı İ Երևան. " * 60 + "\n"
HTML = '<!DOCTYPE html>\n<html lang="en"><body><p>Ереван &amp; ə</p></body></html>\n'
PDF = b"%PDF-1.7\n" + bytes(range(256)) + b"\r\n\x00 end"
DOCX = b"PK\x03\x04" + os.urandom(2048)
PDF_NAME = "Лавров-Ереван ə.pdf"
DOCX_NAME = "lavrov-yerevan.docx"
WHEN = datetime(2025, 5, 22, 9, 30, tzinfo=timezone(timedelta(hours=4)))


def make(meta: DocMeta | None = None, **overrides):
    args = dict(
        meta=meta or DocMeta(title=TITLE, marking="TLP:AMBER"),
        markdown_text=MARKDOWN,
        html_text=HTML,
        attachments=[(PDF_NAME, PDF, MIME_TYPES[".pdf"]), (DOCX_NAME, DOCX, MIME_TYPES[".docx"])],
        to=["Desk <desk@example.org>", "Иван Петров <ivan@example.org>"],
        sender="Policy Unit <unit@example.org>",
        date=WHEN,
    )
    args.update(overrides)
    return build_message(**args)


def reparse(msg):
    return BytesParser(policy=policy.default).parsebytes(msg.as_bytes())


def test_raw_message_is_seven_bit_with_crlf_lines():
    raw = make().as_bytes()
    assert raw.isascii()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_subject_carries_the_marking_and_the_non_ascii_title():
    raw = make().as_bytes()
    assert b"=?utf-8?" in raw.split(b"\r\n\r\n")[0]  # RFC 2047 encoded words in the header
    assert reparse(make())["Subject"] == f"[TLP:AMBER] {TITLE}"


def test_subject_without_marking_is_the_title():
    assert reparse(make(DocMeta(title=TITLE)))["Subject"] == TITLE


def test_subject_is_one_line_and_tlp_label_canonical():
    meta = DocMeta(title="Line one\r\nBcc: evil@example.org", marking="tlp:amber+strict")
    parsed = reparse(make(meta))
    assert parsed["Subject"] == "[TLP:AMBER+STRICT] Line one Bcc: evil@example.org"
    assert parsed["Bcc"] is None
    assert subject_line(DocMeta(title="T", marking="OFFICIAL")) == "[OFFICIAL] T"
    assert subject_line(DocMeta(title="T", marking="tlp: amber")) == "[TLP:AMBER] T"


def test_subject_says_draft_after_the_marking():
    assert subject_line(DocMeta(title="T", marking="TLP:GREEN", status="draft")) == (
        "[TLP:GREEN] [DRAFT] T"
    )
    assert subject_line(DocMeta(title="T", status="draft")) == "[DRAFT] T"
    assert subject_line(DocMeta(title="T", status="final")) == "T"


def test_structure_alternative_then_attachments():
    parsed = reparse(make())
    assert parsed.get_content_type() == "multipart/mixed"
    parts = list(parsed.iter_parts())
    assert [p.get_content_type() for p in parts] == [
        "multipart/alternative",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    alternative = [p.get_content_type() for p in parts[0].iter_parts()]
    assert alternative == ["text/plain", "text/html"]


def test_both_body_parts_round_trip():
    parsed = reparse(make())
    plain = parsed.get_body(preferencelist=("plain",))
    html = parsed.get_body(preferencelist=("html",))
    # MIME text travels with CRLF line ends; the parser hands them back as they came.
    assert plain.get_content().replace("\r\n", "\n") == MARKDOWN
    assert html.get_content().replace("\r\n", "\n") == HTML
    assert plain.get_content_charset() == html.get_content_charset() == "utf-8"


def test_attachments_round_trip_bytes_and_file_names():
    raw = make().as_bytes()
    # RFC 2231: the non-ASCII name percent-encoded, split into numbered continuations
    assert re.search(rb"filename\*0\*=utf-8''%D0%9B", raw)
    attachments = list(reparse(make()).iter_attachments())
    assert [(a.get_filename(), a.get_content()) for a in attachments] == [
        (PDF_NAME, PDF),
        (DOCX_NAME, DOCX),
    ]
    assert all(a.get_content_disposition() == "attachment" for a in attachments)


def test_markdown_and_html_attachments_keep_their_types():
    msg = make(attachments=[("b.md", MARKDOWN.encode(), "text/markdown")])
    (attachment,) = reparse(msg).iter_attachments()
    assert attachment.get_content_type() == "text/markdown"
    assert attachment.get_payload(decode=True) == MARKDOWN.encode()


def test_attachment_name_keeps_only_the_last_component():
    msg = make(attachments=[("../../etc/brief.pdf", PDF, "application/pdf")])
    (attachment,) = reparse(msg).iter_attachments()
    assert attachment.get_filename() == "brief.pdf"


def test_without_attachments_the_message_is_the_alternative():
    parsed = reparse(make(attachments=[]))
    assert parsed.get_content_type() == "multipart/alternative"
    assert list(parsed.iter_attachments()) == []


def test_draft_headers_date_and_message_id():
    parsed = reparse(make())
    assert parsed["X-Unsent"] == "1"
    assert parsedate_to_datetime(parsed["Date"]) == WHEN
    assert parsed["Message-ID"].startswith("<") and parsed["Message-ID"].endswith("@example.org>")
    assert parsed["Content-Language"] == "en"
    assert parsed["MIME-Version"] == "1.0"


def test_addresses_round_trip_with_non_ascii_names():
    parsed = reparse(make())
    assert [(a.display_name, a.addr_spec) for a in parsed["To"].addresses] == [
        ("Desk", "desk@example.org"),
        ("Иван Петров", "ivan@example.org"),
    ]
    assert parsed["From"].addresses[0].addr_spec == "unit@example.org"


def test_idn_domain_becomes_punycode():
    parsed = reparse(make(to=["info@ереван.am"]))
    assert parsed["To"].addresses[0].domain == "xn--80adia6bo.am"


def test_draft_may_have_no_sender_or_recipient():
    parsed = reparse(make(to=[], sender=None, date=None))
    assert parsed["From"] is None and parsed["To"] is None
    assert parsed["Message-ID"].endswith("@briefwright.invalid>")
    assert abs(parsedate_to_datetime(parsed["Date"]) - datetime.now(UTC)) < timedelta(minutes=5)


def test_naive_date_is_utc():
    parsed = reparse(make(date=datetime(2025, 5, 22, 12, 0)))
    assert parsedate_to_datetime(parsed["Date"]) == datetime(2025, 5, 22, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "bad",
    [
        "not an address",
        "x@",
        "a@b, c@d.org",
        "a@b.org, c@d.org",
        "<>",
        "a@b\nBcc: x@y",
        "ивaн@x.org",
    ],
)
def test_bad_recipient_is_a_usage_error(bad):
    with pytest.raises(UsageError, match="recipient"):
        make(to=[bad])


def test_bad_sender_and_mime_type_are_usage_errors():
    with pytest.raises(UsageError, match="sender"):
        make(sender="@nowhere")
    with pytest.raises(UsageError, match="MIME type"):
        make(attachments=[("a.pdf", PDF, "pdf")])
    with pytest.raises(UsageError, match="no file name"):
        make(attachments=[("../", PDF, "application/pdf")])
