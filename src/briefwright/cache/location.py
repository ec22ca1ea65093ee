"""Where the per-user cache lives, how big it may grow, and whether a directory there is ours.

A cache directory is trusted only if it is a real directory (not a symbolic link), owned by the
user running briefwright and writable by nobody else: compiled templates found there are run as
Python code, so whoever can write there could run code as this user.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

ENV_DIR = "BRIEFWRIGHT_CACHE_DIR"
ENV_OFF = "BRIEFWRIGHT_NO_CACHE"
ENV_MAX_MB = "BRIEFWRIGHT_CACHE_MAX_MB"
DEFAULT_MAX_MB = 50
PRIVATE = 0o700  # the mode of every directory the cache makes


@dataclass(frozen=True)
class Problem:
    """Why a cache directory is not used; `warn` when it is a risk, not just out of reach."""

    directory: Path
    reason: str
    hint: str = ""
    warn: bool = False

    def __str__(self) -> str:
        return self.sentence("using")

    def sentence(self, doing: str) -> str:
        """The problem as one line: what is wrong, what briefwright is not `doing`, the fix."""
        hint = f" ({self.hint})" if self.hint else ""
        return f"cache directory {self.directory} {self.reason}; not {doing} it{hint}"


def is_off() -> bool:
    """Whether the user turned the cache off."""
    return bool(os.environ.get(ENV_OFF))


def chosen_root() -> Path:
    """The cache root: BRIEFWRIGHT_CACHE_DIR, or the platform's per-user cache directory."""
    chosen = os.environ.get(ENV_DIR)
    if chosen:
        return Path(os.path.abspath(chosen))
    import platformdirs  # only when needed: it costs an import to commands that never cache

    return platformdirs.user_cache_path("briefwright", appauthor=False)


def max_bytes() -> int:
    """The size the cache is trimmed to: BRIEFWRIGHT_CACHE_MAX_MB megabytes, 50 by default."""
    text = os.environ.get(ENV_MAX_MB, "").strip()
    try:
        megabytes = float(text) if text else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    if not megabytes >= 0:  # also catches NaN
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1_000_000)


def make(path: Path) -> None:
    """Make `path` and any missing parents, each with mode 0700; raise OSError if it cannot be.

    A level that appears meanwhile (another process made it) is left as it is: the caller
    judges every level it will trust.
    """
    missing = []
    level = path
    while not os.path.lexists(level) and level != level.parent:
        missing.append(level)
        level = level.parent
    for level in reversed(missing):
        try:
            os.mkdir(level, PRIVATE)
        except FileExistsError:
            continue
        os.chmod(level, PRIVATE)  # mkdir's mode is filtered by the umask, which may be odd


def judge(path: Path) -> Problem | None:
    """Why `path` cannot be trusted as a cache directory, or None if it can."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return Problem(path, f"cannot be read ({exc.strerror})")
    if stat.S_ISLNK(info.st_mode):
        return Problem(path, _link_reason(path), f"set {ENV_DIR} to a real directory", warn=True)
    if not stat.S_ISDIR(info.st_mode):
        return Problem(path, "is not a directory")
    if not hasattr(os, "geteuid"):  # Windows: permissions are ACLs, not mode bits
        return None
    if info.st_uid != os.geteuid():
        hint = f"set {ENV_DIR} to a directory of your own"
        return Problem(path, f"is owned by another user (uid {info.st_uid})", hint, warn=True)
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        who = "other users" if info.st_mode & stat.S_IWOTH else "its group"
        hint = f"chmod 700 {path} or set {ENV_DIR}"
        return Problem(path, f"is writable by {who}", hint, warn=True)
    return None


def _link_reason(path: Path) -> str:
    try:
        return f"is a symbolic link to {os.readlink(path)}"
    except OSError:
        return "is a symbolic link"
