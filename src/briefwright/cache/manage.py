"""Keeping the cache within its size, and what `cache info` and `cache clear` find and remove."""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from briefwright.cache.layout import KINDS, Entry, survey
from briefwright.cache.location import Problem

# a temporary file this young may be another process's entry being written
_IN_FLIGHT = 3600.0


@dataclass
class Usage:
    """How many entries, and how many bytes they take."""

    entries: int = 0
    size: int = 0

    def add(self, entry: Entry) -> None:
        self.entries += 1
        self.size += entry.size


@dataclass
class Tally:
    """Entries of this version by kind, and those of other versions together."""

    kinds: dict[str, Usage] = field(default_factory=lambda: {kind: Usage() for kind in KINDS})
    other_versions: Usage = field(default_factory=Usage)
    version_directories: int = 0
    skipped: list[Problem] = field(default_factory=list)

    def total(self) -> Usage:
        usages = [*self.kinds.values(), self.other_versions]
        return Usage(sum(u.entries for u in usages), sum(u.size for u in usages))


def trim(root: Path, limit: int) -> int:
    """Delete the least recently used entries under `root` until the rest fit in `limit`
    bytes; the number of bytes freed."""
    entries = survey(root).entries
    now = time.time()
    excess = sum(entry.size for entry in entries) - limit
    freed = 0
    for entry in sorted(entries, key=lambda entry: entry.used):
        if freed >= excess:
            break
        if entry.path.name.startswith(".") and now - entry.used < _IN_FLIGHT:
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            freed += entry.size
    return freed


def tally(root: Path, version: str) -> Tally:
    """What the cache under `root` holds, this `version`'s entries by kind."""
    found = survey(root)
    counted = Tally(version_directories=len(found.versions), skipped=found.skipped)
    for entry in found.entries:
        usage = counted.kinds[entry.kind] if entry.version == version else counted.other_versions
        usage.add(entry)
    return counted


def clear(root: Path, version: str) -> Tally:
    """Delete every entry of ours under `root`, then the directories left empty; what went."""
    found = survey(root)
    removed = Tally(skipped=found.skipped)
    for entry in found.entries:
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        usage = removed.kinds[entry.kind] if entry.version == version else removed.other_versions
        usage.add(entry)
    for key in found.keys:
        with contextlib.suppress(OSError):
            os.unlink(key)
    for directory in found.kind_directories:
        with contextlib.suppress(OSError):  # it holds what is not ours
            os.rmdir(directory)
    for directory in found.versions:
        with contextlib.suppress(OSError):
            os.rmdir(directory)
            removed.version_directories += 1
    return removed
