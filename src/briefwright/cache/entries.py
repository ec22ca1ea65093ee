"""Cache entries on disk: each one sealed with an HMAC under a key only this user can read.

The directory checks (location.py) keep other users out of the cache. The seal is the second
line: an entry's bytes reach a loader (Jinja's pickle and marshal, which run what they load, or
marshal and zip for the fonts and DOCX) only if a process holding this user's key wrote them for
this very name, kind and version. So an entry copied in on its own (from another machine, a
backup, a shared CI cache) or moved to another name is compiled or built afresh, and a damaged
file is a miss before any loader sees it. The key sits beside the entries, so it does not help
against a whole directory copied wholesale, nor against code already running as this user.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import secrets
import stat
import tempfile
import time
from pathlib import Path

KEY_FILE = "signing-key"
MAGIC = b"briefwright-cache 1\n"
_KEY_SIZE = 32
_MAC = "sha256"
_MAC_SIZE = 32
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_OPEN |= getattr(os, "O_NONBLOCK", 0)  # a FIFO in the way must not hang the reader
# a read entry's time stamp is what eviction ranks by; refreshing it at most hourly keeps a
# warm render from writing to the disk
TOUCH_AFTER = 3600.0


def signing_key(directory: Path) -> bytes | None:
    """This user's key in `directory`, made now if there is none; None if it cannot be had."""
    path = directory / KEY_FILE
    key = _read_private(path, _KEY_SIZE)
    if key is not None:
        return key
    made = secrets.token_bytes(_KEY_SIZE)
    try:
        temporary = _write_temporary(directory, "key", made)
    except OSError:
        return None
    try:
        if os.path.lexists(path):  # a key we cannot trust (mode, owner, size): replace it
            os.replace(temporary, path)
            return made
        os.link(temporary, path)  # never replaces the key another process has just made
        return made
    except FileExistsError:
        return _read_private(path, _KEY_SIZE)
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def seal(key: bytes, label: str, payload: bytes) -> bytes:
    """The bytes to store for `payload` under `label` (what the entry is for)."""
    mac = hmac.new(key, label.encode() + b"\0" + payload, _MAC).digest()
    return MAGIC + mac + payload


def unseal(key: bytes, label: str, data: bytes) -> bytes | None:
    """The payload of a sealed entry, or None unless it was sealed with `key` for `label`."""
    start = len(MAGIC) + _MAC_SIZE
    if len(data) < start or not data.startswith(MAGIC):
        return None
    payload = data[start:]
    expected = hmac.new(key, label.encode() + b"\0" + payload, _MAC).digest()
    return payload if hmac.compare_digest(expected, data[len(MAGIC) : start]) else None


def read_entry(path: Path) -> bytes | None:
    """The bytes of the entry at `path`: a regular file of this user's, not a link; else None."""
    return _read_private(path, None)


def touch(path: Path) -> None:
    """Mark the entry at `path` as used now, if it was last marked a while ago."""
    with contextlib.suppress(OSError):
        if time.time() - os.lstat(path).st_mtime > TOUCH_AFTER:
            os.utime(path, follow_symlinks=False)


def write_entry(path: Path, data: bytes) -> bool:
    """Store `data` at `path` atomically, so a reader never sees half an entry."""
    try:
        temporary = _write_temporary(path.parent, path.name, data)
    except OSError:
        return False
    try:
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


def _write_temporary(directory: Path, name: str, data: bytes) -> str:
    """A new file (mode 0600) holding `data` beside where it will go, named as ours."""
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def _read_private(path: Path, size: int | None) -> bytes | None:
    """The bytes of a regular file this user owns (of exactly `size` bytes, and readable by
    nobody else, when `size` is given), or None."""
    try:
        handle = os.open(path, _OPEN)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        try:
            info = os.fstat(handle)
            if not _is_own_file(info) or (size is not None and not _is_key(info, size)):
                return None
            data = stream.read()
        except OSError:
            return None
    return data if size is None or len(data) == size else None


def _is_own_file(info: os.stat_result) -> bool:
    own = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
    return stat.S_ISREG(info.st_mode) and own


def _is_key(info: os.stat_result, size: int) -> bool:
    return info.st_size == size and not info.st_mode & 0o077
