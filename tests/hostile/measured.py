"""Run briefwright in a child process and measure what hostile input costs it.

The child gets a hard address-space limit, so a regression fails its test instead of taking the
machine down; its peak resident memory (its own or its writers' children's, whichever is
larger) comes from wait4, as /usr/bin/time -v reports it.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

ADDRESS_SPACE = 4 << 30  # a hard stop far above the memory the tests allow
PEAK_ALLOWED_MB = 300


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    peak_mb: float
    timed_out: bool

    @property
    def text(self) -> str:
        return self.out + self.err


def _limit() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_measured(
    args: list[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    code: str | None = None,
) -> Run:
    """`python -m briefwright ARGS` (or `python -c CODE ARGS`) in `cwd`, measured."""
    command = [sys.executable, *(["-c", code] if code else ["-m", "briefwright"]), *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=_limit,
            start_new_session=True,  # its writer children are stopped with it on a timeout
        )
        timer = threading.Timer(timeout, os.killpg, (process.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timed_out = not timer.is_alive()
            timer.cancel()
            with contextlib.suppress(ProcessLookupError):  # nothing of it may outlive the test
                os.killpg(process.pid, signal.SIGKILL)
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
        out.seek(0)
        err.seek(0)
        return Run(
            code=process.returncode,
            out=out.read().decode("utf-8", "replace"),
            err=err.read().decode("utf-8", "replace"),
            peak_mb=usage.ru_maxrss / 1024,
            timed_out=timed_out,
        )


def assert_clean(run: Run, code: int) -> None:
    """Finished in time, with `code`, no traceback, and within the memory allowed."""
    assert not run.timed_out, "still running at its time limit"
    assert run.code == code, run.text
    assert "Traceback" not in run.text, run.text
    assert run.peak_mb < PEAK_ALLOWED_MB, f"peak memory {run.peak_mb:.0f} MB"
