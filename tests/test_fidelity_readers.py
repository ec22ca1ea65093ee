"""The reader layer: formats told by content, Markdown and text read in place, bad documents
refused with a reason, and the libraries for web pages and PDFs imported only when needed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT, SAMPLE

from briefwright.fidelity.readers import detect, read_article
from briefwright.safe_files import FileRefused

ARTICLES = ROOT / "tests" / "data" / "fidelity" / "articles"


@pytest.mark.parametrize(("suffix", "kind"), [("html", "html"), ("pdf", "pdf"), ("docx", "docx")])
def test_the_format_is_told_by_content_not_by_name(tmp_path, suffix, kind):
    disguised = tmp_path / "article.txt"
    shutil.copy(ARTICLES / f"lavrov-yerevan.{suffix}", disguised)
    article = read_article(disguised)
    assert article.kind == kind
    assert "Our relations with Armenia are based on a deep historical foundation" in " ".join(
        article.text.split()
    )


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xef\xbb\xbf  <!DOCTYPE html><p>x", "html"),
        (b"<!-- saved --><html><body>x", "html"),
        (b"%PDF-1.7\n", "pdf"),
        (b"Plain words <b>bold</b>", "text"),
    ],
)
def test_detect(head, kind):
    assert detect(head, "a.txt") == kind


def test_a_zip_that_is_not_a_word_file_is_refused(tmp_path):
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(FileRefused, match="a zip archive that is not a Word"):
        read_article(path)


def test_utf16_and_broken_utf8_are_refused_with_a_reason(tmp_path):
    (tmp_path / "a.txt").write_bytes("“x”".encode("utf-16"))
    with pytest.raises(FileRefused, match="UTF-16 text; save it as UTF-8"):
        read_article(tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"line\nbad \xff byte")
    with pytest.raises(FileRefused, match=r"not UTF-8 text \(byte 0xFF on line 2\)"):
        read_article(tmp_path / "b.txt")


def test_a_broken_pdf_is_refused_not_crashed(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer\n%%EOF")
    with pytest.raises(FileRefused, match="PDF"):
        read_article(tmp_path / "a.pdf")


def test_markdown_markup_between_quoted_words_is_removed_and_lines_kept(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Talks\nauthor: Jo Roe\ndate: 2025-01-02\n---\n# Heading\n\n"
        "Ann Lee said: “We **will not** [accept](http://x) `this`.”\n",
        encoding="utf-8",
    )
    article = read_article(tmp_path / "a.md")
    assert article.kind == "markdown"
    assert "“We will not accept this.”" in article.text
    offset = article.text.index("We will")
    assert article.places.at(offset).line == 8
    assert (article.metadata.title, article.metadata.author) == ("Talks", "Jo Roe")
    assert article.metadata.published == "2025-01-02"


def test_checking_a_text_source_imports_no_web_or_pdf_library():
    probe = (
        "import json, sys\nfrom briefwright.cli import main\n"
        "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "heavy = ('trafilatura', 'pdfminer', 'lxml')\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(SAMPLE)], capture_output=True, text=True, check=False
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
