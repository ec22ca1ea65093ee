"""A per-user cache of work that costs the same in every process: fonts, templates, the DOCX start.

A single render is mostly start-up, so what one process parsed or compiled is kept for the next.
The cache is an optimisation only: a missing, unreadable, unwritable or damaged entry is a miss,
never an error, and output bytes are the same with or without it. It lives in the platform's
cache directory (`~/.cache/briefwright` on Linux), one directory per briefwright version:

    BRIEFWRIGHT_CACHE_DIR=/some/dir   put it elsewhere
    BRIEFWRIGHT_NO_CACHE=1            neither read nor write it
    BRIEFWRIGHT_CACHE_MAX_MB=50       trim it to this size, least recently used entries first

Compiled templates are run as code, so the cache is used only if every directory from the root
down is a real directory of this user's that nobody else can write (else: one CacheWarning, and
no cache), each directory made is mode 0700, and each entry is sealed with a key only this user
can read (entries.py says what that adds).
"""

from __future__ import annotations

import contextlib
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from briefwright.cache import manage
from briefwright.cache.entries import read_entry, seal, touch, unseal, write_entry
from briefwright.cache.layout import KINDS, entry_name
from briefwright.cache.location import ENV_OFF, Problem, chosen_root, is_off, judge, max_bytes
from briefwright.cache.manage import Tally
from briefwright.cache.store import Store
from briefwright.errors import CacheError
from briefwright.version import __version__

__all__ = ["KINDS", "Status", "Tally", "cache_dir", "check", "clear", "read", "status", "write"]


@functools.cache
def cache_dir() -> Path | None:
    """The directory for this version's entries (it may not exist yet), or None when off."""
    return None if is_off() else chosen_root() / __version__


def check() -> Problem | None:
    """Judge the cache directory now, warning once if it cannot be trusted; the problem if any.

    A program that forks workers calls this first, so that they inherit one verdict.
    """
    store = _store()
    return store.inspect() if store is not None else None


def subdir(name: str) -> Path | None:
    """`cache_dir()/name`, made if need be; None when caching is off, refused or out of reach."""
    store = _store()
    return store.kind_directory(_kind(name)) if store is not None else None


def read(name: str, key: str) -> bytes | None:
    """The bytes stored under `name/key` (name: one of KINDS), or None if there are none."""
    place = _place(name, key)
    if place is None:
        return None
    _, path, signing_key = place
    data = read_entry(path)
    payload = unseal(signing_key, _label(name, path), data) if data is not None else None
    if payload is not None:
        touch(path)
    return payload


def write(name: str, key: str, data: bytes) -> None:
    """Store `data` under `name/key` (name: one of KINDS); a failure only loses the entry."""
    place = _place(name, key)
    if place is None:
        return
    store, path, signing_key = place
    if write_entry(path, seal(signing_key, _label(name, path), data)) and store.should_trim():
        with contextlib.suppress(OSError):
            manage.trim(store.root, max_bytes())


@dataclass(frozen=True)
class Status:
    """Where the cache is, whether it is used (or why not), its limit and what it holds."""

    directory: Path
    reason_unused: str
    limit: int
    contents: Tally | None  # None: the root cannot be trusted, so it was not looked into


def status() -> Status:
    """What `briefwright cache info` shows; gives no warning, changes nothing."""
    directory = chosen_root() / __version__
    levels = [directory.parent, directory, *(directory / kind for kind in KINDS)]
    problem = _first_problem(levels)
    reason = f"{ENV_OFF} is set" if is_off() else str(problem) if problem else ""
    trusted = _first_problem([directory.parent]) is None
    contents = manage.tally(directory.parent, __version__) if trusted else None
    return Status(directory, reason, max_bytes(), contents)


def clear() -> tuple[Path, Tally]:
    """Delete every cache entry of ours, for every version; the root and what was removed.

    Raises CacheError, deleting nothing, if the root is not a directory this user can trust.
    """
    root = chosen_root()
    if not os.path.lexists(root):
        return root, Tally()
    problem = judge(root)
    if problem is not None:
        raise CacheError(problem.sentence("clearing"))
    return root, manage.clear(root, __version__)


def _first_problem(levels: list[Path]) -> Problem | None:
    """The first of `levels` that exists and cannot be trusted, judged as it is now."""
    return next((p for p in map(judge, filter(os.path.lexists, levels)) if p), None)


def _store() -> Store | None:
    directory = cache_dir()
    return _store_for(directory) if directory is not None else None


@functools.cache
def _store_for(directory: Path) -> Store:
    return Store(directory)


def _place(name: str, key: str) -> tuple[Store, Path, bytes] | None:
    """The store, the entry's path and the signing key, or None if the cache is not to be used."""
    kind = _kind(name)
    store = _store()
    directory = store.kind_directory(kind) if store is not None else None
    signing_key = store.signing_key() if store is not None else None
    if store is None or directory is None or signing_key is None:
        return None
    return store, directory / entry_name(key), signing_key


def _kind(name: str) -> str:
    if name not in KINDS:  # a caller's mistake, not a cache failure
        raise ValueError(f"unknown cache kind {name!r}; expected one of {', '.join(KINDS)}")
    return name


def _label(kind: str, path: Path) -> str:
    """What an entry is for, bound into its seal so it cannot be moved to another name."""
    return f"{__version__}/{kind}/{path.name}"
