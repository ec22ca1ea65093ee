"""A per-user cache of work that costs the same in every process: parsed fonts, compiled templates.

A single render is mostly start-up, so what one process parsed or compiled is kept for the next.
The cache is an optimisation only: every entry is checked against what it was made from, and a
cache that is missing, unreadable, unwritable or corrupt is skipped without a word, never an
error. It lives in the platform's cache directory (`~/.cache/briefwright` on Linux) under the
briefwright version, so an upgrade never reads an older layout.

    BRIEFWRIGHT_CACHE_DIR=/some/dir   put it elsewhere
    BRIEFWRIGHT_NO_CACHE=1            neither read nor write it
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path

from briefwright.version import __version__


@functools.cache
def cache_dir() -> Path | None:
    """The directory for this version's cache entries, or None when caching is off."""
    if os.environ.get("BRIEFWRIGHT_NO_CACHE"):
        return None
    chosen = os.environ.get("BRIEFWRIGHT_CACHE_DIR")
    if chosen:
        root = Path(chosen)
    else:
        import platformdirs

        root = platformdirs.user_cache_path("briefwright", appauthor=False)
    return root / __version__


def subdir(name: str) -> Path | None:
    """`cache_dir()/name`, created if need be; None when caching is off or it cannot be made."""
    base = cache_dir()
    if base is None:
        return None
    path = base / name
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def read(name: str, key: str) -> bytes | None:
    """The bytes stored under `name/key`, or None if there are none."""
    directory = subdir(name)
    if directory is None:
        return None
    try:
        return (directory / key).read_bytes()
    except OSError:
        return None


def write(name: str, key: str, data: bytes) -> None:
    """Store `data` under `name/key` atomically, so a reader never sees half an entry."""
    directory = subdir(name)
    if directory is None:
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{key}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, directory / key)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
