"""A summary path that is not a regular file (a FIFO named x.yaml, a device) is refused at
once with a located message; nothing waits for a writer or reads without end."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from briefwright.errors import EXIT_INVALID

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _briefwright(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "briefwright", *args]
    # the timeout is the test's verdict on a hang: a refusal takes well under a second
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=cwd)


def test_validate_refuses_a_fifo_named_like_a_summary(tmp_path):
    os.mkfifo(tmp_path / "x.yaml")
    result = _briefwright("validate", "x.yaml", cwd=tmp_path)
    assert result.returncode == EXIT_INVALID
    assert result.stderr == "x.yaml: a FIFO (named pipe), not a regular file: refused\n"


def test_render_refuses_a_fifo_and_writes_nothing(tmp_path):
    os.mkfifo(tmp_path / "x.yaml")
    result = _briefwright("render", "x.yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == EXIT_INVALID
    assert "x.yaml: a FIFO (named pipe), not a regular file: refused" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_fifo_in_a_directory_of_summaries_is_reported_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "x.yaml")
    result = _briefwright("validate", ".", cwd=tmp_path)
    assert result.returncode != 0
    assert "FIFO" in result.stderr
