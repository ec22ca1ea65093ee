"""The e-mail draft of a briefing: an RFC 5322 message that nothing here sends.

`build_message` makes the Markdown the text/plain body and the HTML its alternative, attaches the
rendered files and puts the handling marking in the subject. Sending is mail/smtp.py's job.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import errors as email_errors
from email import policy
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import PurePath

from briefwright.doctree.nodes import DocMeta
from briefwright.errors import UsageError
from briefwright.i18n.texts import furniture_texts

# The MIME type of each output format, for the caller that attaches rendered files.
MIME_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown",
    ".html": "text/html",
}
_MIME_TYPE = re.compile(r"[A-Za-z0-9][\w.+-]*/[A-Za-z0-9][\w.+-]*")
_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_HEADERS = HeaderRegistry()


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
    """The title on one line after the marking and draft status, e.g. "[TLP:AMBER] [DRAFT] Title".

    The marking is the render's, as DocMeta spells it, so the subject never claims less than the
    attached briefing carries.
    """
    title = " ".join(meta.title.split())
    draft = furniture_texts(meta.language).draft
    tags = [f"[{meta.marking}]" if meta.marking else "", f"[{draft}]" if meta.draft else ""]
    return " ".join(part for part in (*tags, title) if part)


def _address(value: str, role: str) -> Address:
    """One address, checked strictly; the domain in IDNA form so any SMTP server takes it."""
    try:
        header = _HEADERS("To", value)
        defects: tuple[object, ...] = header.defects
        addresses: tuple[Address, ...] = header.addresses  # type: ignore[attr-defined]  # an AddressHeader, which typeshed types as BaseHeader
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
