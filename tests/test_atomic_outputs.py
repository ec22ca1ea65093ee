"""All or nothing per summary, and never over an edited briefing (issue 5, promises 1 and 2).

Every case renders once so that outputs exist, then makes the second render fail in one way
(a writer raising, disk full, a read-only or impossible directory, a file moved into place
failing) and checks the first render's files are byte-identical, no temporary file is left,
and the command says what went wrong in one line.
"""

from __future__ import annotations

import ctypes
import importlib
import io
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefwright import writers
from briefwright.cli import main
from briefwright.errors import RenderError
from briefwright.output import MANIFEST_NAME

SUMMARY = """\
title: {title}
date: 2025-05-22
marking: "TLP:AMBER"
source:
  title: An article about a visit
summary: The bottom line of {title}.
key_points:
  - First point.
  - text: Second point.
    detail: With some detail.
timeline:
  - date: 2025-05-20
    event: The visit begins.
"""
NAMES = ["brief.analyst.docx", "brief.analyst.md", "brief.analyst.pdf"]


def _summary(directory: Path, title: str = "Version one") -> Path:
    path = directory / "brief.yaml"
    path.write_text(SUMMARY.format(title=title), encoding="utf-8")
    return path


def _snapshot(directory: Path) -> dict[str, bytes]:
    """Every file in the directory (hidden ones too) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def _cli(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "briefwright", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, **kwargs)


def _assert_one_line_failure(stderr: str, *expected: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    for part in expected:
        assert part in lines[0], stderr


@pytest.fixture
def rendered(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """A summary, its output directory after a first render, and that directory's snapshot."""
    out = tmp_path / "out"
    result = _cli(["render", str(_summary(tmp_path)), "-o", str(out)])
    assert result.returncode == 0, result.stderr
    before = _snapshot(out)
    assert sorted(before) == sorted([*NAMES, MANIFEST_NAME])
    _summary(tmp_path, "Version two")  # the next render would change every file
    return tmp_path / "brief.yaml", out, before


def test_a_writer_that_raises_leaves_every_output_as_it_was(rendered, monkeypatch):
    summary, out, before = rendered
    pdf_writer = importlib.import_module(writers.writer_info("pdf").module)
    real_write = pdf_writer.write

    def failing_write(doc, theme, options):
        real_write(doc, theme, options)  # do the work, then fail as a writer bug would
        raise RenderError("pdf writer failed half way")

    monkeypatch.setattr(pdf_writer, "write", failing_write)
    result = CliRunner().invoke(main, ["render", str(summary), "-o", str(out)])
    assert result.exit_code == 1
    _assert_one_line_failure(result.stderr, "pdf writer failed half way")
    assert _snapshot(out) == before


def test_a_failed_move_into_place_puts_back_the_files_already_moved(rendered, monkeypatch):
    summary, out, before = rendered
    real_replace, calls = os.replace, []

    def second_replace_fails(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_replace_fails)
    result = CliRunner().invoke(main, ["render", str(summary), "-o", str(out)])
    monkeypatch.undo()
    assert result.exit_code == 1
    _assert_one_line_failure(result.stderr, str(out), "Input/output error")
    assert _snapshot(out) == before


def test_ctrl_c_while_moving_into_place_leaves_every_output_as_it_was(rendered, monkeypatch):
    summary, out, before = rendered
    real_replace, calls = os.replace, []

    def interrupted_on_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted_on_second)
    result = CliRunner().invoke(main, ["render", str(summary), "-o", str(out)])
    monkeypatch.undo()
    assert result.exit_code == 1  # click's "Aborted!"
    assert _snapshot(out) == before


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so write() fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("limit", [0, 6000, 30_000], ids=["nothing", "md fits", "docx fits"])
def test_disk_full_gives_one_line_and_keeps_the_old_outputs(rendered, limit):
    summary, out, before = rendered
    result = _cli(["render", str(summary), "-o", str(out)], preexec_fn=_file_size_limit(limit))
    assert result.returncode == 1
    _assert_one_line_failure(result.stderr, str(out), "File too large")
    assert _snapshot(out) == before


def _without_root_file_powers() -> None:
    # Tests run as root, which writes anywhere; take away the capabilities that let it ignore
    # file permissions (DAC override, DAC read search, fowner) for the child and its exec.
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_read_only_output_directory_gives_one_line_and_keeps_the_old_outputs(rendered):
    summary, out, before = rendered
    out.chmod(0o555)
    try:
        preexec = _without_root_file_powers if os.geteuid() == 0 else None
        result = _cli(["render", str(summary), "-o", str(out)], preexec_fn=preexec)
    finally:
        out.chmod(0o755)
    assert result.returncode == 1
    _assert_one_line_failure(result.stderr, str(out), "not writable")
    assert _snapshot(out) == before


def test_output_directory_under_a_file_gives_one_line(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a directory should be")
    result = _cli(["render", str(_summary(tmp_path)), "-o", str(blocker / "out")])
    assert result.returncode == 1
    _assert_one_line_failure(result.stderr, str(blocker / "out"), "Not a directory")
    assert blocker.read_text() == "a file where a directory should be"
    assert sorted(os.listdir(tmp_path)) == ["brief.yaml", "not-a-dir"]


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_written_files_get_the_permissions_of_the_umask(tmp_path, umask):
    out = tmp_path / "out"
    result = _cli(
        ["render", str(_summary(tmp_path)), "-o", str(out)], preexec_fn=lambda: os.umask(umask)
    )
    assert result.returncode == 0, result.stderr
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()}
    assert modes == dict.fromkeys([*NAMES, MANIFEST_NAME], 0o666 & ~umask)


def _edit_docx(path: Path) -> None:
    import docx

    document = docx.Document(str(path))
    document.add_paragraph("An analyst's note added in Word.")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def test_an_edited_docx_is_refused_by_name_and_kept_until_forced(tmp_path):
    summary, out = _summary(tmp_path), tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["render", str(summary), "-o", str(out)]).exit_code == 0
    fresh = _snapshot(out)
    docx_path = out / "brief.analyst.docx"
    _edit_docx(docx_path)
    edited = _snapshot(out)
    assert edited[docx_path.name] != fresh[docx_path.name]

    refused = runner.invoke(main, ["render", str(summary), "-o", str(out)])
    assert refused.exit_code == 1
    _assert_one_line_failure(refused.stderr, str(docx_path), "--force")
    assert _snapshot(out) == edited

    forced = runner.invoke(main, ["render", str(summary), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert _snapshot(out) == fresh


def test_untouched_outputs_are_replaced_without_a_word(rendered):
    summary, out, before = rendered
    result = _cli(["render", str(summary), "-o", str(out), "-q"])
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "")
    after = _snapshot(out)
    assert all(after[name] != before[name] for name in NAMES)
    assert sorted(after) == sorted(before)
