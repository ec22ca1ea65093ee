"""LibreOffice as a second reader of our DOCX files: convert to PDF, count pages, name fonts.

Tests that use it are skipped where `soffice` is not installed; in CI (.ci/run installs it and
sets CI) they fail instead.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def needs_soffice() -> None:
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing: .ci/run should have installed it")
        pytest.skip("LibreOffice (soffice) is not installed")


def docx_to_pdf(blob: bytes, work: Path) -> bytes:
    """The PDF LibreOffice makes of a DOCX, laid out by its own engine."""
    return docx_to_pdfs({"briefing": blob}, work)["briefing"]


def docx_to_pdfs(blobs: dict[str, bytes], work: Path) -> dict[str, bytes]:
    """The PDFs LibreOffice makes of several DOCX files (by name), in one run of it."""
    needs_soffice()
    work.mkdir(parents=True, exist_ok=True)
    sources = []
    for name, blob in blobs.items():
        sources.append(work / f"{name}.docx")
        sources[-1].write_bytes(blob)
    # a profile of its own, so a LibreOffice the user has open is neither used nor disturbed
    profile = (work / "profile").resolve().as_uri()
    command = [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(work), *map(str, sources)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    made = {}
    for name in blobs:
        target = work / f"{name}.pdf"
        assert target.exists(), f"LibreOffice made no PDF of {name}: {done.stdout}{done.stderr}"
        made[name] = target.read_bytes()
    return made


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def font_names(pdf: bytes) -> set[str]:
    """The base names of the fonts a PDF's pages use, without subset prefixes."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names
