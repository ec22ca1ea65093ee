"""Nothing POSIX-only is needed to render: with fcntl unimportable (as on Windows), every
format is still written, and the output lock falls back to filelock."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import SAMPLE, pdf_pages_text, squash

WITHOUT_FCNTL = """
import sys
sys.modules["fcntl"] = None  # import fcntl now raises ImportError, as on Windows
from briefwright.cli import main
main(sys.argv[1:])
"""


def _run_without_fcntl(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", textwrap.dedent(WITHOUT_FCNTL), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_render_without_fcntl_writes_every_format(tmp_path):
    result = _run_without_fcntl("render", str(SAMPLE), "-o", str(tmp_path), "-j", "1")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    pdf = (tmp_path / "lavrov-yerevan-2025.analyst.pdf").read_bytes()
    assert "Lavrov in Yerevan" in squash(pdf_pages_text(pdf)[0])
    markdown = (tmp_path / "lavrov-yerevan-2025.analyst.md").read_text(encoding="utf-8")
    assert "# Lavrov in Yerevan: Moscow Courts Armenia as Ties with Baku Sour" in markdown


def test_the_lock_without_fcntl_leaves_no_lock_held(tmp_path):
    for _ in range(2):  # a lock file left held would make the second render wait, then fail
        result = _run_without_fcntl("render", str(SAMPLE), "-f", "md", "-o", str(tmp_path))
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "lavrov-yerevan-2025.analyst.md").is_file()
