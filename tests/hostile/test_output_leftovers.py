"""A process killed in the middle of a commit leaves temporary files: the next commit in that
directory removes those that are old, and nothing that is not ours or still in use."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from briefwright.output import MANIFEST_NAME, commit_outputs
from briefwright.output.commit import STALE_AFTER

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kills itself with SIGKILL")

# Commits two files, and is killed (SIGKILL, as by kill -9) when it moves the first into place.
KILLED_IN_COMMIT = """
import os, signal, sys
from pathlib import Path
from briefwright.output import commit_outputs

def killed(*args):
    os.kill(os.getpid(), signal.SIGKILL)

os.replace = killed
target = Path(sys.argv[1])
commit_outputs({target / "a.md": b"alpha", target / "a.pdf": b"%PDF"})
"""


def _killed_commit(directory) -> list[str]:
    script = textwrap.dedent(KILLED_IN_COMMIT)
    done = subprocess.run([sys.executable, "-c", script, str(directory)], check=False)
    assert done.returncode == -9
    return sorted(os.listdir(directory))


def test_temporary_files_of_a_killed_commit_are_removed_by_the_next(tmp_path):
    left = _killed_commit(tmp_path)
    starts = (".a.md.", ".a.pdf.", f".{MANIFEST_NAME}.")
    assert len(left) == 3 and all(name.startswith(starts) for name in left), left
    old = time.time() - STALE_AFTER - 60
    for name in left:
        os.utime(tmp_path / name, (old, old))
    commit_outputs({tmp_path / "b.md": b"beta"})
    assert sorted(os.listdir(tmp_path)) == [MANIFEST_NAME, "b.md"]


def test_recent_temporary_files_and_files_not_ours_stay(tmp_path):
    young = _killed_commit(tmp_path)
    foreign = [".notes.md.tmp", ".a.md.1234.bak", "draft.briefwright-tmp"]
    old = time.time() - STALE_AFTER - 60
    for name in foreign:
        (tmp_path / name).write_text("someone else's")
        os.utime(tmp_path / name, (old, old))
    commit_outputs({tmp_path / "b.md": b"beta"})
    assert sorted(os.listdir(tmp_path)) == sorted([*young, *foreign, MANIFEST_NAME, "b.md"])
