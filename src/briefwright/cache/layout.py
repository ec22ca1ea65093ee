"""The cache's layout, ROOT/VERSION/KIND/ENTRY, and a walk that finds only what is ours.

Eviction, `cache info` and `cache clear` all go through `survey`, which never follows a
symbolic link and passes over any directory that `location.judge` would not trust, so they
cannot be led to count or delete anything outside the cache.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefwright.cache.entries import KEY_FILE
from briefwright.cache.location import Problem, judge

KINDS = ("templates", "fonts", "docx")
# a briefwright version (0.1.0, 1.2.dev3+gabc); "2024" or "photos" never looks like one
_VERSION = re.compile(r"\d+\.\d+[0-9A-Za-z.+!_-]*")
_KEY = re.compile(r"[0-9a-f]{16,128}")
# an entry, a temporary file left by a process that was killed mid-write, or an entry of
# the template cache's earlier layout
_OURS = re.compile(r"[0-9a-f]{16,128}|\.[0-9a-f]{16,128}\.\w+\.tmp|__jinja2_[0-9a-f]{40}\.cache")
# the signing key, or a temporary one left behind
_KEY_FILE = re.compile(rf"{KEY_FILE}|\.key\.\w+\.tmp")


def entry_name(key: str) -> str:
    """The file name for `key`: the key itself if it is a hex digest, else a digest of it."""
    return key if _KEY.fullmatch(key) else hashlib.sha256(key.encode()).hexdigest()


def is_version(name: str) -> bool:
    """Whether a directory called `name` under the root can be a version directory of ours."""
    return bool(_VERSION.fullmatch(name))


@dataclass(frozen=True)
class Entry:
    """One file of ours in the cache."""

    path: Path
    version: str
    kind: str
    size: int
    used: float  # its modification time: when it was last written or (roughly) read


@dataclass
class Survey:
    """What the cache root holds: our entries, our key files, and what was passed over."""

    entries: list[Entry] = field(default_factory=list)
    keys: list[Path] = field(default_factory=list)
    versions: list[Path] = field(default_factory=list)
    kind_directories: list[Path] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)


def survey(root: Path) -> Survey:
    """Every entry of ours under `root`, for every version; untrusted directories skipped."""
    found = Survey()
    for version in _subdirectories(root, is_version, found):
        found.versions.append(version)
        found.keys.extend(_files(version, _KEY_FILE))
        for kind in _subdirectories(version, KINDS.__contains__, found):
            found.kind_directories.append(kind)
            found.entries.extend(_entries(kind, version.name))
    return found


def _subdirectories(parent: Path, wanted: Callable[[str], bool], found: Survey) -> Iterator[Path]:
    """The trusted directories in `parent` whose names `wanted` accepts."""
    try:
        names = sorted(os.listdir(parent))
    except OSError:
        return
    for name in names:
        if not wanted(name):
            continue
        path = parent / name
        problem = judge(path)
        if problem is None:
            yield path
        elif problem.warn:
            found.skipped.append(problem)


def _entries(kind: Path, version: str) -> Iterator[Entry]:
    for path, info in _regular_files(kind, _OURS):
        yield Entry(path, version, kind.name, info.st_size, info.st_mtime)


def _files(directory: Path, pattern: re.Pattern[str]) -> list[Path]:
    return [path for path, _ in _regular_files(directory, pattern)]


def _regular_files(
    directory: Path, pattern: re.Pattern[str]
) -> Iterator[tuple[Path, os.stat_result]]:
    """The regular files (never links) in `directory` whose names match `pattern`."""
    try:
        items = list(os.scandir(directory))
    except OSError:
        return
    for item in items:
        if not pattern.fullmatch(item.name):
            continue
        try:
            info = item.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            yield Path(item.path), info
