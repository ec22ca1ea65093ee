"""Dates a summary may hold (any year 1-9999) and SOURCE_DATE_EPOCH values that a file format
cannot carry: the writers clamp them (zip entries to 1980-2107, document dates to 9999) rather
than crash, and a SOURCE_DATE_EPOCH that reportlab itself cannot read is a clean error."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader

import briefwright
from briefwright.errors import BriefwrightError
from briefwright.writers.docx.archive import zip_date_time

BASE = {
    "title": "Dates",
    "source": {"title": "An article"},
    "summary": "Bottom line.",
    "key_points": ["A point."],
}


def _zip_dates(docx: bytes) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {info.date_time for info in archive.infolist()}


def _core_created(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        core = archive.read("docProps/core.xml").decode()
    return core.split("<dcterms:created", 1)[1].split(">", 1)[1].split("<", 1)[0]


@pytest.mark.parametrize(
    ("day", "zip_date", "created"),
    [
        ("2108-01-01", (2107, 12, 31, 23, 59, 58), "2108-01-01T00:00:00Z"),
        ("9999-12-31", (2107, 12, 31, 23, 59, 58), "9999-12-31T00:00:00Z"),
        ("1900-06-01", (1980, 1, 1, 0, 0, 0), "1900-06-01T00:00:00Z"),
    ],
)
def test_a_valid_date_beyond_what_zip_holds_renders(monkeypatch, day, zip_date, created):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    outputs = briefwright.render_bytes({**BASE, "date": day}, formats=("docx", "pdf"))
    assert _zip_dates(outputs["docx"]) == {zip_date}
    assert _core_created(outputs["docx"]) == created
    info = PdfReader(io.BytesIO(outputs["pdf"])).metadata
    assert info is not None and info["/CreationDate"].startswith(f"D:{day.replace('-', '')}")


def test_source_date_epoch_past_2107_is_clamped(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(10**14))  # the year 3170843
    outputs = briefwright.render_bytes(BASE, formats=("docx", "pdf"))
    assert _zip_dates(outputs["docx"]) == {(2107, 12, 31, 23, 59, 58)}
    assert _core_created(outputs["docx"]) == "9999-12-31T23:59:59Z"
    info = PdfReader(io.BytesIO(outputs["pdf"])).metadata
    assert info is not None and info["/CreationDate"].startswith("D:99991231235959")


@pytest.mark.parametrize("value", [str(10**20), "soon"])
def test_a_source_date_epoch_no_pdf_can_carry_is_a_clean_error(monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(BriefwrightError, match="SOURCE_DATE_EPOCH=.* cannot date a PDF"):
        briefwright.render_bytes(BASE, formats=("pdf",))


def test_zip_dates_stay_inside_the_dos_range():
    assert zip_date_time(-(10**12)) == (1980, 1, 1, 0, 0, 0)
    assert zip_date_time(10**15) == (2107, 12, 31, 23, 59, 58)
    assert zip_date_time(1747921558) == (2025, 5, 22, 13, 45, 58)
