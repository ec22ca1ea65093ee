"""Pipes: a summary from standard input, one briefing's bytes to standard output, paths on
standard output whenever it is not a terminal, and -q / -v as promised."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import SAMPLE, pdf_pages_text, squash

from briefwright.errors import EXIT_INVALID, EXIT_USAGE

ARTICLE = SAMPLE.with_name("lavrov-yerevan-visit-2025.txt")
TITLE = "Lavrov in Yerevan: Moscow Courts Armenia as Ties with Baku Sour"


def _briefwright(*args, stdin=b"", cwd=None, **kwargs):
    command = [sys.executable, "-m", "briefwright", *map(str, args)]
    return subprocess.run(
        command, input=stdin, capture_output=True, cwd=cwd, timeout=120, check=False, **kwargs
    )


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "html"])
def test_stdin_in_stdout_out_gives_the_bytes_of_a_file_render(tmp_path, fmt):
    piped = _briefwright(
        "render", "-", "-f", fmt, "-o", "-", stdin=SAMPLE.read_bytes(), cwd=SAMPLE.parent
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == b""
    filed = _briefwright("render", SAMPLE, "-f", fmt, "-o", tmp_path)
    assert filed.returncode == 0, filed.stderr
    assert piped.stdout == (tmp_path / f"lavrov-yerevan-2025.analyst.{fmt}").read_bytes()
    assert not (SAMPLE.parent / "-").exists()


def test_pdf_through_a_pipe_is_a_readable_briefing(tmp_path):
    piped = _briefwright(
        "render", "-", "-f", "PDF", "-o", "-", stdin=SAMPLE.read_bytes(), cwd=SAMPLE.parent
    )
    assert piped.returncode == 0, piped.stderr
    assert TITLE.split(":")[0] in squash(pdf_pages_text(piped.stdout)[0])


def test_a_json_object_on_stdin_is_read_as_json(tmp_path):
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    text = json.dumps(data, default=str, ensure_ascii=False).encode("utf-8")
    shutil.copy(ARTICLE, tmp_path)
    piped = _briefwright("render", "-", "-f", "md", "-o", "-", stdin=text, cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr
    assert f"# {TITLE}" in piped.stdout.decode("utf-8")


def test_stdin_errors_are_located_in_stdin(tmp_path):
    broken = b"title: T\nsource: {title: S}\nsummary: x\nkey_points: []\n"
    result = _briefwright("validate", "-", stdin=broken, cwd=tmp_path)
    assert result.returncode == EXIT_INVALID
    assert result.stderr.decode().startswith("<stdin>:4:1: key_points:")
    as_json = _briefwright("validate", "-", "--from", "json", stdin=b"title: T\n", cwd=tmp_path)
    assert as_json.returncode == EXIT_INVALID
    assert as_json.stderr.decode().startswith("<stdin>:1:1: not valid JSON")


def test_stdout_takes_exactly_one_briefing(tmp_path):
    three = _briefwright("render", SAMPLE, "-o", "-", cwd=tmp_path)
    assert three.returncode == EXIT_USAGE
    assert b"-o - writes one format of one summary with one template" in three.stderr
    assert three.stdout == b""
    two = _briefwright(
        "render", SAMPLE, "-f", "md", "-t", "analyst", "-t", "executive", "-o", "-", cwd=tmp_path
    )
    assert two.returncode == EXIT_USAGE
    assert list(tmp_path.iterdir()) == []


def _many(tmp_path, count=4):
    many = tmp_path / "many"
    many.mkdir()
    shutil.copy(ARTICLE, many)
    for i in range(count):
        shutil.copy(SAMPLE, many / f"s{i}.yaml")
    return many


def test_render_many_piped_from_a_terminal_prints_the_paths(tmp_path):
    """`briefwright render many/ | cat` typed at a terminal: stderr is the terminal, stdout a
    pipe; the paths still go to stdout, the progress bar to the terminal."""
    pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX")
    many = _many(tmp_path)
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "briefwright",
                "render",
                str(many),
                "-f",
                "md",
                "-o",
                str(tmp_path / "out"),
            ],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=120,
            check=False,
        )
        os.close(terminal)
        terminal = -1
        shown = _read_all(controller)
    finally:
        if terminal >= 0:
            os.close(terminal)
        os.close(controller)
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [
        str(tmp_path / "out" / f"s{i}.analyst.md") for i in range(4)
    ]
    assert "Rendering" in shown


def _read_all(controller: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal's other end is closed: all was read
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def test_quiet_prints_nothing_for_a_summary_with_warnings(tmp_path):
    drafts = tmp_path / "drafts"
    drafted = _briefwright("draft", ARTICLE, "-o", drafts / "d.yaml")
    assert drafted.returncode == 0, drafted.stderr
    loud = _briefwright("render", drafts / "d.yaml", "-f", "md", "-o", tmp_path / "out")
    assert loud.returncode == 0 and b"warning: " in loud.stderr
    quiet = _briefwright("render", drafts / "d.yaml", "-f", "md", "-o", tmp_path / "out", "-q")
    assert quiet.returncode == 0
    assert (quiet.stdout, quiet.stderr) == (b"", b"")


def test_quiet_still_prints_errors(tmp_path):
    (tmp_path / "bad.yaml").write_text("title: [\n")
    result = _briefwright("render", tmp_path / "bad.yaml", "-q", "-o", tmp_path / "out")
    assert result.returncode == EXIT_INVALID
    assert b"bad.yaml:2:1: not valid YAML" in result.stderr


def test_verbose_adds_the_time_of_each_step(tmp_path):
    result = _briefwright("render", SAMPLE, "-f", "md", "-f", "pdf", "-o", tmp_path, "-v")
    assert result.returncode == 0, result.stderr
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith(f"{SAMPLE} (analyst): load ")
    for step in ("template", "markdown and tree", "write", "pdf", "md", "commit"):
        assert f"{step} " in line
