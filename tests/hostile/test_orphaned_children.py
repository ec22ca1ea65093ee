"""A child that renders for a parent that was killed works for nobody: it must die with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from briefwright.pipeline.executors import can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="children are forked on Linux only")

# The parent starts a child busy for a minute, says its pid, then waits to be killed.
EARLY_FORK = """
import functools, os, sys, time
from briefwright.pipeline.executors import EarlyForkExecutor

def busy(path):
    with open(path, "w") as handle:
        handle.write(str(os.getpid()))
    time.sleep(60)

executor = EarlyForkExecutor(warm_up=functools.partial(busy, sys.argv[1]))
time.sleep(60)
"""

POOL = """
import os, sys, time
from briefwright.pipeline.executors import process_pool

def busy(path):
    with open(path, "w") as handle:
        handle.write(str(os.getpid()))
    time.sleep(60)

pool = process_pool(2)
pool.submit(busy, sys.argv[1])
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its exit status waits


def _child_outlives_parent(script: str, tmp_path) -> bool:
    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script), str(pid_file)])
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text()):
            assert time.monotonic() < deadline, "the child never started"
            time.sleep(0.05)
        child = int(pid_file.read_text())
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        alive = _alive(child)
        if alive:
            os.kill(child, signal.SIGKILL)
        return alive
    finally:
        parent.kill()


def test_the_early_forked_writer_dies_with_its_parent(tmp_path):
    assert not _child_outlives_parent(EARLY_FORK, tmp_path)


def test_pool_workers_die_with_their_parent(tmp_path):
    assert not _child_outlives_parent(POOL, tmp_path)
