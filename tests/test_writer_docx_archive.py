"""The DOCX writer's own zip writer: what Python's zipfile writes, in one pass."""

from __future__ import annotations

import io
import zipfile

from briefwright.writers.docx.archive import deflate, zip_bytes

MEMBERS = {
    "[Content_Types].xml": b"<Types/>",
    "word/document.xml": b"<w:document>" + "Հայաստան ə ş ğ ı İ ".encode() * 200 + b"</w:document>",
    "word/media/\u0433\u0440\u0430\u0444\u0438\u043a.png": bytes(range(256)) * 4,  # not ASCII
    "empty.xml": b"",
}
DATE = (2025, 5, 22, 13, 45, 58)


def test_the_archive_is_byte_for_byte_what_zipfile_writes():
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in MEMBERS.items():
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    ours = zip_bytes([deflate(name, data) for name, data in MEMBERS.items()], DATE)
    assert ours == expected.getvalue()


def test_the_archive_reads_back_with_names_contents_and_dates():
    ours = zip_bytes([deflate(name, data) for name, data in MEMBERS.items()], DATE)
    with zipfile.ZipFile(io.BytesIO(ours)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == list(MEMBERS)
        assert {name: archive.read(name) for name in MEMBERS} == MEMBERS
        assert {info.date_time for info in archive.infolist()} == {DATE}
