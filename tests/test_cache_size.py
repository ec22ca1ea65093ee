"""The cache is trimmed to its size cap, least recently used first, when a process adds to it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from cache_helpers import files_under, forget_cache_state, use_cache

from briefwright import cache
from briefwright.cache import entries, location, manage
from briefwright.version import __version__

SEAL = len(entries.MAGIC) + 32  # what sealing adds to each entry
HOUR = 3600


def key(letter: str) -> str:
    return letter * 40


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "cache"
    use_cache(monkeypatch, BRIEFWRIGHT_CACHE_DIR=str(path))
    yield path
    forget_cache_state()


def test_the_least_recently_used_go_first_and_a_read_counts_as_use(root, monkeypatch):
    fonts = root / __version__ / "fonts"
    for number, letter in enumerate("abc"):
        cache.write("fonts", key(letter), bytes(400))
        age(fonts / key(letter), (10 - number) * HOUR)  # a is the oldest, then b, then c
    # a new process, allowed two entries' worth, reads a and adds d
    use_cache(monkeypatch, BRIEFWRIGHT_CACHE_DIR=str(root), BRIEFWRIGHT_CACHE_MAX_MB="0.001")
    assert cache.read("fonts", key("a")) == bytes(400)
    cache.write("fonts", key("d"), bytes(400))
    assert sorted(p.name for p in fonts.iterdir()) == [key("a"), key("d")]
    # trimming costs a walk of the cache, so a process does it once, at its first new entry
    cache.write("fonts", key("e"), bytes(400))
    assert sorted(p.name for p in fonts.iterdir()) == [key("a"), key("d"), key("e")]


def test_a_read_does_not_touch_an_entry_used_within_the_hour(root):
    cache.write("fonts", key("a"), b"x")
    path = root / __version__ / "fonts" / key("a")
    age(path, 10 * 60)
    before = path.stat().st_mtime
    assert cache.read("fonts", key("a")) == b"x"
    assert path.stat().st_mtime == before


def test_trim_counts_every_version_and_spares_what_is_not_ours(root):
    cache.write("docx", key("a"), bytes(1000))
    old = root / "0.0.9" / "fonts"
    old.mkdir(parents=True, mode=0o700)
    (old / key("b")).write_bytes(bytes(1000 + SEAL))
    age(old / key("b"), 100 * HOUR)
    mine = root / __version__ / "docx"
    (mine / "notes.txt").write_bytes(bytes(5000))  # not a name the cache gives
    not_a_version = root / "2024" / "fonts"
    not_a_version.mkdir(parents=True)
    (not_a_version / key("c")).write_bytes(bytes(5000))
    (mine / f".{key('d')}.abc123.tmp").write_bytes(bytes(1000))  # another process writing
    stale = mine / f".{key('e')}.abc123.tmp"  # a write that was killed long ago
    stale.write_bytes(bytes(1000))
    age(stale, 30 * HOUR)
    age(mine / key("a"), 1 * HOUR)
    freed = manage.trim(root, 2100)  # all four come to 4104 bytes
    assert freed == 1000 + SEAL + 1000
    assert [p.relative_to(root).as_posix() for p in files_under(root)] == sorted(
        [
            "2024/fonts/" + key("c"),
            f"{__version__}/docx/.{key('d')}.abc123.tmp",
            f"{__version__}/docx/{key('a')}",
            f"{__version__}/docx/notes.txt",
            f"{__version__}/signing-key",
        ]
    )


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("", 50_000_000), ("10", 10_000_000), ("0.5", 500_000), ("0", 0), ("lots", 50_000_000),
     ("-3", 50_000_000), ("nan", 50_000_000)],
)  # fmt: skip
def test_the_cap_is_50_mb_unless_set(monkeypatch, setting, expected):
    monkeypatch.setenv("BRIEFWRIGHT_CACHE_MAX_MB", setting)
    assert location.max_bytes() == expected
