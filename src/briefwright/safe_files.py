"""Read the files that data names, or that a user names: confined, regular, bounded.

A path written in a summary (or a theme, or a template) is data, and data never chooses what we
read: it resolves inside its own directory tree unless the user allows more. Whoever names the
file, only a regular file is read, never more than a stated number of bytes, and a FIFO, a
device or a pseudo-file (/proc) is refused with a message that says so and shows none of it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefwright.errors import EXIT_INVALID, BriefwrightError

_CHUNK = 1 << 20


class FileRefused(BriefwrightError):
    """A file that may not or cannot be read: `reason` says why, without its content."""

    exit_code = EXIT_INVALID

    def __init__(self, path: str | os.PathLike[str], reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class OutsideBase(FileRefused):
    """A path from data that leads outside the directory it must stay in."""


def confined(name: str, base: str | os.PathLike[str], *, allow_outside: bool = False) -> Path:
    """`name` (as written in data) resolved against the directory `base`.

    Refused unless it stays inside `base`'s tree: no absolute path, no `..` leading out, no
    symbolic link pointing out. `allow_outside` lifts the confinement (never the other rules).
    The result is the path as written, joined to `base`, for messages; open it with
    `read_bounded`, which follows it again.
    """
    if "\x00" in name:
        raise FileRefused(name, "the path holds a NUL character")
    path = Path(base) / name
    if allow_outside:
        return path
    if os.path.isabs(name):
        raise OutsideBase(name, "an absolute path leaves the directory of the file that names it")
    root = os.path.realpath(base)
    real = os.path.realpath(path)
    if os.path.commonpath([root, real]) != root:
        raise OutsideBase(name, "the path leads outside the directory of the file that names it")
    return path


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileRefused otherwise.

    The file is opened without blocking (a FIFO with no writer would hang a plain open), its
    type is taken from the open descriptor, and no more than limit + 1 bytes are ever read.
    A file that yields more bytes than its size says (/proc pseudo-files report 0) is refused.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as error:
        raise FileRefused(path, _os_reason(error)) from None
    try:
        info = os.fstat(descriptor)
        kind = _kind(info.st_mode)
        if kind:
            raise FileRefused(path, f"{kind}, not a regular file: refused")
        if info.st_size > limit:
            raise FileRefused(path, f"larger than the limit of {describe_size(limit)}")
        data = _read_up_to(descriptor, min(limit, info.st_size) + 1)
    except OSError as error:
        raise FileRefused(path, _os_reason(error)) from None
    finally:
        os.close(descriptor)
    if len(data) > info.st_size:
        raise FileRefused(path, "longer than its size says (a pseudo-file?): refused")
    return data


def describe_size(size: int) -> str:
    """A byte count for people: "5 MB", "512 KB", "120 bytes" (decimal units)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            return f"{size / scale:g} {unit}"
    return f"{size} bytes"


def _read_up_to(descriptor: int, count: int) -> bytes:
    parts: list[bytes] = []
    left = count
    while left > 0:
        try:
            chunk = os.read(descriptor, min(left, _CHUNK))
        except BlockingIOError:  # only special files block; a regular file never does
            raise OSError(errno.EAGAIN, "the file would block") from None
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def _os_reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.errno == errno.ENOENT:
        return "no such file"
    if isinstance(error, OSError) and error.errno == errno.EISDIR:
        return "a directory, not a regular file: refused"
    return f"cannot be read: {getattr(error, 'strerror', None) or error}"
