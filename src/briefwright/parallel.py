"""Write the formats of one briefing on two cores: the PDF in a forked child, the rest here.

A single render is mostly importing libraries, and reportlab does not depend on pydantic,
Jinja2 or python-docx. A child forked before the summary is even loaded imports reportlab and
the PDF writer's fonts while this process loads the summary and builds the tree; it then gets
the tree through a pipe, writes the PDF while this process writes the other formats, and sends
the bytes (or the writer's error and warnings) back. The wall time becomes the slower of the two
halves instead of their sum. Files are still committed here, all or nothing.

Only where fork is safe and cheap (Linux), and only inside `pdf_child_started_early`: a library
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

SIDE_FORMAT = "pdf"  # the slowest writer, with the heaviest library to import

_early_child: contextvars.ContextVar[_Child | None] = contextvars.ContextVar(
    "briefwright_early_pdf_child", default=None
)


def can_split(formats: tuple[str, ...]) -> bool:
    """Whether writing `formats` in two processes can save time here."""
    return (
        sys.platform == "linux"
        and hasattr(os, "fork")
        and SIDE_FORMAT in formats
        and len(formats) > 1
        and (os.cpu_count() or 1) > 1
    )


@contextlib.contextmanager
def pdf_child_started_early(formats: tuple[str, ...]) -> Iterator[None]:
    """Within this block, a render of `formats` writes its PDF in a child forked right now."""
    child = _Child.start() if can_split(formats) else None
    token = _early_child.set(child)
    try:
        yield
    finally:
        _early_child.reset(token)
        if child is not None:
            child.stop()


def write_formats(doc, theme, options, formats: tuple[str, ...]) -> dict:
    """Every format's bytes, in the order asked; the PDF in the early child if there is one."""
    child = _early_child.get()
    if child is None or child.used or SIDE_FORMAT not in formats:
        return {fmt: get_writer(fmt)(doc, theme, options) for fmt in formats}
    child.send(doc, theme, options)
    here = {fmt: get_writer(fmt)(doc, theme, options) for fmt in formats if fmt != SIDE_FORMAT}
    here[SIDE_FORMAT] = child.result(options.warn)
    return {fmt: here[fmt] for fmt in formats}


class _Child:
    """The forked PDF writer, seen from the parent: a pipe each way and a process to reap."""

    def __init__(self, pid: int, jobs: int, results: int):
        self.pid = pid
        self.jobs = jobs
        self.results = results
        self.used = False
        self.reaped = False

    @classmethod
    def start(cls) -> _Child:
        job_reader, job_writer = os.pipe()
        result_reader, result_writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(job_writer)
            os.close(result_reader)
            _serve(job_reader, result_writer)  # never returns
        os.close(job_reader)
        os.close(result_writer)
        return cls(pid, job_writer, result_reader)

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
            raise RuntimeError(f"the {SIDE_FORMAT.upper()} writer process ended without a result")
        kind, value, warnings = pickle.loads(payload)
        for message in warnings:
            warn(message)
        if kind == "error":
            raise value
        if kind == "crash":
            raise RuntimeError(f"the {SIDE_FORMAT.upper()} writer failed:\n{value}")
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


def _serve(jobs: int, results: int) -> None:
    """The child: get ready, wait for the tree, write the PDF, send it back, exit."""
    code = 1
    try:
        _get_ready()
        with os.fdopen(jobs, "rb") as stream:
            job = stream.read()
        if job:  # an empty job: the parent gave up before it had a tree
            doc, theme, options = pickle.loads(job)
            warnings: list[str] = []
            result = _write_side(doc, theme, replace(options, warn=warnings.append), warnings)
            with os.fdopen(results, "wb") as stream:
                stream.write(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
        code = 0
    finally:
        # never return into the caller's code, never run its exit handlers
        os._exit(code)


def _get_ready() -> None:
    """Import the writer and load the bundled fonts now, while the parent is still busy."""
    with contextlib.suppress(Exception):  # whatever fails here fails again, reported, later
        get_writer(SIDE_FORMAT)
        from briefwright.fonts import BUNDLED_FAMILY, load_family

        load_family(BUNDLED_FAMILY)


def _write_side(doc, theme, options, warnings: list[str]) -> tuple:
    try:
        return ("ok", get_writer(SIDE_FORMAT)(doc, theme, options), warnings)
    except BriefwrightError as exc:
        return ("error", exc, warnings)
    except BaseException:  # a bug: report it in the parent as the serial path would
        return ("crash", traceback.format_exc(), warnings)
