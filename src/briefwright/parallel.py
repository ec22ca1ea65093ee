"""Write the formats of one briefing on two cores: the PDF in a forked child, the rest here.

A single render is mostly importing libraries, and reportlab and python-docx do not depend on each
other. After the tree is built, a child forked from this process imports reportlab and writes
the PDF while this process imports python-docx and writes the other formats, so the wall time is
the slower of the two halves instead of their sum. The child only sends bytes (or the writer's
error) back; files are still committed here, all or nothing.

Only where fork is safe and cheap (Linux), and only when asked: a library caller's process may
run threads, which fork does not carry over.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import traceback
from dataclasses import replace

from briefwright.errors import BriefwrightError
from briefwright.writers import get_writer

SIDE_FORMAT = "pdf"  # the slowest writer, with the heaviest library to import


def can_split(formats: tuple[str, ...]) -> bool:
    """Whether writing `formats` in two processes can save time here."""
    return (
        sys.platform == "linux"
        and hasattr(os, "fork")
        and SIDE_FORMAT in formats
        and len(formats) > 1
        and (os.cpu_count() or 1) > 1
    )


def write_formats(doc, theme, options, formats: tuple[str, ...], *, split: bool) -> dict:
    """Every format's bytes, in the order asked; the PDF in a child process when `split`."""
    if not (split and can_split(formats)):
        return {fmt: get_writer(fmt)(doc, theme, options) for fmt in formats}
    child = _fork_writer(doc, theme, options)
    try:
        here = {fmt: get_writer(fmt)(doc, theme, options) for fmt in formats if fmt != SIDE_FORMAT}
        side = child.result(options.warn)
    finally:
        child.stop()
    here[SIDE_FORMAT] = side
    return {fmt: here[fmt] for fmt in formats}


class _Child:
    def __init__(self, pid: int, reader: int):
        self.pid = pid
        self.reader = reader
        self.reaped = False

    def result(self, warn) -> bytes:
        with os.fdopen(self.reader, "rb") as stream:
            payload = stream.read()
        self.reader = -1
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
        """Make sure the child is gone, whatever happened here (an error, Ctrl-C)."""
        if self.reader >= 0:
            os.close(self.reader)
            self.reader = -1
        if not self.reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _reap(self) -> None:
        if not self.reaped:
            os.waitpid(self.pid, 0)
            self.reaped = True


def _fork_writer(doc, theme, options) -> _Child:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return _Child(pid, reader)
    # the child: never return into the caller's code, never run its exit handlers
    code = 1
    try:
        os.close(reader)
        warnings: list[str] = []
        result = _write_side(doc, theme, replace(options, warn=warnings.append), warnings)
        with os.fdopen(writer, "wb") as stream:
            stream.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        code = 0
    finally:
        os._exit(code)


def _write_side(doc, theme, options, warnings: list[str]) -> tuple:
    try:
        return ("ok", get_writer(SIDE_FORMAT)(doc, theme, options), warnings)
    except BriefwrightError as exc:
        return ("error", exc, warnings)
    except BaseException:  # a bug: report it in the parent as the serial path would
        return ("crash", traceback.format_exc(), warnings)
