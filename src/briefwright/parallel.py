"""Write one briefing on two cores: its heaviest format in a forked child, the rest here.

A single render is mostly importing libraries, and reportlab and python-docx do not depend on
pydantic or Jinja2. A child forked before the summary is even loaded imports the PDF writer (or,
with no PDF asked for, the DOCX writer) while this process loads the summary and builds the
tree; it then gets the tree through a pipe, writes its format while this process writes the
others, and sends the bytes (or the writer's error and warnings) back. The wall time becomes the
slower of the two halves instead of their sum. Files are still committed here, all or nothing.

Only where fork is safe and cheap (Linux), and only inside `child_started_early`: a library
caller's process may run threads, which fork does not carry over.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Iterator
from dataclasses import replace

from briefwright.errors import BriefwrightError
from briefwright.writers import get_writer

# the writers with a heavy library to import, slowest first; the child takes the first asked for
SIDE_FORMATS = ("pdf", "docx")

_early_child: contextvars.ContextVar[_Child | None] = contextvars.ContextVar(
    "briefwright_early_child", default=None
)


def side_format(formats: tuple[str, ...]) -> str | None:
    """The format a child would write for `formats`, or None if a split saves nothing here.

    Whether there is a second core to use is the caller's decision (`render -j`).
    """
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return None
    return next((fmt for fmt in SIDE_FORMATS if fmt in formats), None)


@contextlib.contextmanager
def child_started_early(formats: tuple[str, ...]) -> Iterator[None]:
    """Within this block, a render of `formats` writes one of them in a child forked now."""
    side = side_format(formats)
    child = _Child.start(side) if side else None
    token = _early_child.set(child)
    try:
        yield
    finally:
        _early_child.reset(token)
        if child is not None:
            child.stop()


def write_formats(doc, theme, options, formats: tuple[str, ...]) -> dict:
    """Every format's bytes, in the order asked; one of them in the early child if there is one."""
    child = _early_child.get()
    if child is None or child.used or child.format not in formats:
        return {fmt: get_writer(fmt)(doc, theme, options) for fmt in formats}
    child.send(doc, theme, options)
    here = {fmt: get_writer(fmt)(doc, theme, options) for fmt in formats if fmt != child.format}
    here[child.format] = child.result(options.warn)
    return {fmt: here[fmt] for fmt in formats}


class _Child:
    """A forked writer, seen from the parent: a pipe each way and a process to reap."""

    def __init__(self, fmt: str, pid: int, jobs: int, results: int):
        self.format = fmt
        self.pid = pid
        self.jobs = jobs
        self.results = results
        self.used = False
        self.reaped = False

    @classmethod
    def start(cls, fmt: str) -> _Child:
        job_reader, job_writer = os.pipe()
        result_reader, result_writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(job_writer)
            os.close(result_reader)
            _serve(fmt, job_reader, result_writer)  # never returns
        os.close(job_reader)
        os.close(result_writer)
        return cls(fmt, pid, job_writer, result_reader)

    def send(self, doc, theme, options) -> None:
        self.used = True
        job = pickle.dumps((doc, theme, replace(options, warn=None)), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(self.jobs, "wb") as stream:
            self.jobs = -1
            stream.write(job)

    def result(self, warn) -> bytes:
        with os.fdopen(self.results, "rb") as stream:
            self.results = -1
            payload = stream.read()
        self._reap()
        if not payload:
            raise RuntimeError(f"the {self.format.upper()} writer process ended without a result")
        kind, value, warnings = pickle.loads(payload)
        for message in warnings:
            warn(message)
        if kind == "error":
            raise value
        if kind == "crash":
            raise RuntimeError(f"the {self.format.upper()} writer failed:\n{value}")
        return value

    def stop(self) -> None:
        """Make sure the child is gone, whatever happened here (an error, Ctrl-C, no PDF)."""
        for fd in (self.jobs, self.results):
            if fd >= 0:
                os.close(fd)
        self.jobs = self.results = -1
        if not self.reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _reap(self) -> None:
        if not self.reaped:
            os.waitpid(self.pid, 0)
            self.reaped = True


def _serve(fmt: str, jobs: int, results: int) -> None:
    """The child: get ready, wait for the tree, write `fmt`, send it back, exit."""
    code = 1
    try:
        _get_ready(fmt)
        with os.fdopen(jobs, "rb") as stream:
            job = stream.read()
        if job:  # an empty job: the parent gave up before it had a tree
            doc, theme, options = pickle.loads(job)
            warnings: list[str] = []
            options = replace(options, warn=warnings.append)
            result = _write_side(fmt, doc, theme, options, warnings)
            with os.fdopen(results, "wb") as stream:
                stream.write(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
        code = 0
    finally:
        # never return into the caller's code, never run its exit handlers
        os._exit(code)


def _get_ready(fmt: str) -> None:
    """Import the writer (and the PDF's bundled fonts) now, while the parent is still busy."""
    with contextlib.suppress(Exception):  # whatever fails here fails again, reported, later
        get_writer(fmt)
        if fmt == "pdf":
            from briefwright.writers.pdf.fonts import BUNDLED_FAMILY, load_family

            load_family(BUNDLED_FAMILY)


def _write_side(fmt: str, doc, theme, options, warnings: list[str]) -> tuple:
    try:
        return ("ok", get_writer(fmt)(doc, theme, options), warnings)
    except BriefwrightError as exc:
        return ("error", exc, warnings)
    except BaseException:  # a bug: report it in the parent as the serial path would
        return ("crash", traceback.format_exc(), warnings)
