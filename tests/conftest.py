"""Shared paths and read-back helpers: outputs are checked by reading them, never by size."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "lavrov-yerevan-2025.yaml"
SHARED_TOOLS = ROOT.parent / "shared" / "tools"

# The tests, and the CLI processes they start, keep their cache apart from the user's.
os.environ["BRIEFWRIGHT_CACHE_DIR"] = tempfile.mkdtemp(prefix="briefwright-test-cache-")


def pdf_pages_text(data: bytes) -> list[str]:
    """The extracted text of each page of a PDF."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def pdf_page_drawing(page) -> str:
    """A pypdf page's drawing operators, with those of the forms it shows (header, footer)."""
    drawing = [page.get_contents().get_data()]
    forms = page["/Resources"].get("/XObject", {})
    for form in forms.values():
        form = form.get_object()
        if form.get("/Subtype") == "/Form":
            drawing.append(form.get_data())
    return b"\n".join(drawing).decode("latin-1")


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph of a DOCX, in order, tables excluded."""
    import docx

    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs]


def docx_all_text(data: bytes) -> str:
    """All body text of a DOCX, paragraphs and table cells, in document order."""
    import docx

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    return "\n".join(
        "".join(t.text or "" for t in p.iter(f"{{{_W}}}t")) for p in body.iter(f"{{{_W}}}p")
    )


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def squash(text: str) -> str:
    """Whitespace folded to single spaces, for comparing text across line wrapping."""
    return " ".join(text.split())


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ from the current output (review the diff before committing)",
    )


@pytest.fixture
def golden(request):
    """Compare text with tests/golden/NAME, or rewrite it under --update-goldens."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, actual: str) -> None:
        path = ROOT / "tests" / "golden" / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.is_file(), f"no golden {path}; run pytest --update-goldens and review it"
        assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"

    return check
