"""What is already in an output directory: the manifest, and the files a commit would replace.

Both are read without trusting them: a FIFO or a device where a briefing or the manifest should
be is refused with a message instead of hanging or filling memory, and nothing is read whole
that could be large.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from pathlib import Path

from briefwright.errors import OutputError
from briefwright.safe_files import FileRefused, read_bounded

MAX_MANIFEST_BYTES = 16 * 1000 * 1000
"""Largest manifest read: about 150,000 entries, far more than any directory of briefings."""


def read_manifest(path: Path) -> dict[str, str]:
    """The manifest's name -> hash entries; empty if there is none or it cannot be understood.

    A manifest that is not a regular file, or is too large, stops the commit: replacing it
    silently would forget what the real one protects.
    """
    if not os.path.lexists(path):
        return {}
    try:
        raw = read_bounded(path, MAX_MANIFEST_BYTES)
    except FileRefused as error:
        raise OutputError(f"{path}: {error.reason}; move it away to write here") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(v, str)}


def existing_digest(path: Path, *, read: bool = True) -> str | None:
    """The SHA-256 of the regular file at `path`; None if nothing is there.

    OutputError if something other than a regular file is there (a directory, a FIFO, a
    device), or it cannot be read. With `read` false only that check is made.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.EISDIR:
            raise OutputError(f"{path}: a directory is in the way of an output") from None
        raise OutputError(f"{path}: cannot read existing file: {error.strerror}") from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise OutputError(f"{path}: not a regular file; refusing to replace it")
        if not read:
            return ""
        try:
            return hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as error:
            raise OutputError(f"{path}: cannot read existing file: {error.strerror}") from None
