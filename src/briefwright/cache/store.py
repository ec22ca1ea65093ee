"""One cache directory as this process sees it: judged before its first use, then trusted or not.

The verdict is kept for the life of the process (a forked worker inherits it), so the checks
cost a few `lstat` calls once, and a refused cache gives one warning, not one per entry.
"""

from __future__ import annotations

import os
import threading
import warnings
from pathlib import Path

from briefwright.cache.entries import signing_key
from briefwright.cache.layout import KINDS
from briefwright.cache.location import Problem, judge, make
from briefwright.errors import CacheWarning

_warned = False  # one warning per process, whichever cache directory it was about


class Store:
    """The cache directory for this version, `root/VERSION`, and what is known about it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.root = directory.parent
        self.problem: Problem | None = None
        self._trusted: set[Path] = set()
        self._key: bytes | None = None
        self._key_sought = False
        self._trimmed = False
        self._lock = threading.Lock()

    def inspect(self) -> Problem | None:
        """Judge every level of the cache that exists, making none; the problem, if any."""
        with self._lock:
            self._inspect()
        return self.problem

    def kind_directory(self, kind: str) -> Path | None:
        """`directory/kind`, made if need be, if every level up to the root can be trusted."""
        path = self.directory / kind
        if self.problem is None and path in self._trusted:
            return path
        with self._lock:
            self._inspect()
            for level in (self.root, self.directory, path):
                if self.problem is not None or level in self._trusted:
                    continue
                try:
                    make(level)
                except OSError as exc:
                    self._refuse(Problem(level, f"cannot be made ({exc.strerror})"))
                else:
                    self._judge(level)
        return path if self.problem is None else None

    def signing_key(self) -> bytes | None:
        """This user's key for sealing entries, read (or made) once."""
        if not self._key_sought and self.problem is None:
            self._key_sought = True  # a key that cannot be had now will not be had later
            self._key = signing_key(self.directory)
        return self._key

    def should_trim(self) -> bool:
        """True the first time it is asked after an entry was added in this process."""
        with self._lock:
            first, self._trimmed = not self._trimmed, True
        return first

    def _inspect(self) -> None:
        levels = [self.root, self.directory, *(self.directory / kind for kind in KINDS)]
        for level in levels:
            if self.problem is not None:
                return
            if level not in self._trusted and os.path.lexists(level):
                self._judge(level)

    def _judge(self, level: Path) -> None:
        problem = judge(level)
        if problem is None:
            self._trusted.add(level)
        else:
            self._refuse(problem)

    def _refuse(self, problem: Problem) -> None:
        global _warned
        self.problem = problem
        if problem.warn and not _warned:
            _warned = True
            warnings.warn(str(problem), CacheWarning, stacklevel=2)
