"""Articles that are not regular files of a sane size (devices, FIFOs, pseudo-files, huge
files) are refused at once with a clear message, as `draft` arguments and as source.text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefwright.cli import main
from briefwright.errors import EXIT_INVALID
from briefwright.fidelity import check_summary
from briefwright.fidelity.readers import MAX_ARTICLE_BYTES, MAX_TEXT_CHARS
from briefwright.summary import load_summary


def _summary(folder: Path, text_path: str) -> Path:
    path = folder / "s.yaml"
    path.write_text(
        f"title: T\nsource: {{title: A, text: {text_path!r}}}\nsummary: S\nkey_points: [k]\n"
        "quotes:\n  - {text: 'We stay firm.', speaker: Ann Lee}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    os.mkfifo(path)  # nothing ever writes to it: a plain open() would wait forever
    return path


def test_draft_refuses_dev_zero():
    result = CliRunner().invoke(main, ["draft", "/dev/zero"])
    assert result.exit_code == EXIT_INVALID
    assert "/dev/zero: a character device, not a regular file" in result.output


def test_draft_refuses_a_fifo_without_waiting(fifo):
    result = CliRunner().invoke(main, ["draft", str(fifo)])
    assert result.exit_code == EXIT_INVALID
    assert "a FIFO (named pipe), not a regular file" in result.output


def test_draft_refuses_a_huge_file_from_its_size(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:  # sparse: no disk space, and never read
        stream.truncate(MAX_ARTICLE_BYTES * 10)
    result = CliRunner().invoke(main, ["draft", str(huge)])
    assert result.exit_code == EXIT_INVALID
    assert "larger than the limit of 50 MB" in result.output


def test_draft_refuses_plain_text_past_the_text_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (MAX_TEXT_CHARS // 5 + 1))
    result = CliRunner().invoke(main, ["draft", str(big)])
    assert result.exit_code == EXIT_INVALID
    assert "larger than the limit of 5 MB of text" in result.output


def test_a_fifo_as_source_text_is_refused_without_waiting(tmp_path, fifo):
    [finding] = check_summary(load_summary(_summary(tmp_path, fifo.name))).findings
    assert finding.code == "source-unreadable"
    assert "a FIFO (named pipe), not a regular file" in finding.message


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/dev/zero", "a character device, not a regular file"),
        ("/proc/self/status", "longer than its size says"),
        ("/", "a directory"),
    ],
)
def test_special_files_as_source_text_are_refused_even_when_allowed_outside(tmp_path, name, reason):
    loaded = load_summary(_summary(tmp_path, name))
    [finding] = check_summary(loaded, allow_outside=True).findings
    assert finding.code == "source-unreadable" and reason in finding.message


def test_a_directory_inside_is_refused(tmp_path):
    (tmp_path / "folder").mkdir()
    [finding] = check_summary(load_summary(_summary(tmp_path, "folder"))).findings
    assert "a directory" in finding.message


def test_a_word_file_hiding_a_huge_body_is_refused_before_it_is_unpacked(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as stream:  # 60 MB of spaces, 60 KB packed
            for _ in range(60):
                stream.write(b" " * 1_000_000)
    assert bomb.stat().st_size < 1_000_000
    result = CliRunner().invoke(main, ["draft", str(bomb)])
    assert result.exit_code == EXIT_INVALID
    assert "not a usable .docx: word/document.xml is larger than 50,000,000 bytes" in result.output


def test_a_huge_web_page_is_refused(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(b"<!DOCTYPE html><p>" + b"x " * 10_500_000)
    result = CliRunner().invoke(main, ["draft", str(page)])
    assert result.exit_code == EXIT_INVALID
    assert "a web page larger than 20 MB" in result.output
