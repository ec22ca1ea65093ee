"""The cache is used only if it is this user's alone, and an entry only if this user sealed it."""

from __future__ import annotations

import os
import shutil
import stat
import warnings
from pathlib import Path

import pytest
from cache_helpers import files_under, forget_cache_state, use_cache

from briefwright import cache
from briefwright.cache import entries
from briefwright.errors import CacheWarning
from briefwright.version import __version__

KEY = "0123456789abcdef" * 4
DATA = b"parsed once, read many times"


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """A cache root of this test's own, made by the cache itself; forgotten afterwards."""
    path = tmp_path / "cache"
    use_cache(monkeypatch, BRIEFWRIGHT_CACHE_DIR=str(path))
    yield path
    forget_cache_state()


def as_new_process() -> None:
    forget_cache_state()


def read_warning(read: bool = True) -> tuple[bytes | None, list[warnings.WarningMessage]]:
    """A read from the cache twice as a new process, and the warnings it gave."""
    as_new_process()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = cache.read("fonts", KEY)
        cache.write("docx", KEY, DATA)
        second = cache.read("fonts", KEY)
    assert first == second
    return first, caught


@pytest.mark.parametrize("umask", [0o022, 0o000, 0o077])
def test_every_directory_made_is_private_and_every_file_too(tmp_path, monkeypatch, umask):
    root = tmp_path / "a" / "b" / "cache"
    use_cache(monkeypatch, BRIEFWRIGHT_CACHE_DIR=str(root))
    previous = os.umask(umask)
    try:
        cache.write("fonts", KEY, DATA)
    finally:
        os.umask(previous)
        forget_cache_state()
    version = root / __version__
    for level in (tmp_path / "a", tmp_path / "a" / "b", root, version, version / "fonts"):
        assert stat.S_IMODE(level.stat().st_mode) == 0o700, level
    assert files_under(root) == [version / "fonts" / KEY, version / "signing-key"]
    for path in files_under(root):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert cache.read("fonts", KEY) == DATA


@pytest.mark.parametrize("where", ["root", "version", "kind"])
@pytest.mark.parametrize(("mode", "who"), [(0o757, "other users"), (0o770, "its group")])
def test_a_level_others_can_write_turns_the_cache_off_with_one_warning(root, where, mode, who):
    cache.write("fonts", KEY, DATA)
    level = {"root": root, "version": root / __version__, "kind": root / __version__ / "fonts"}
    level[where].chmod(mode)
    found, caught = read_warning()
    assert found is None
    assert [(w.category, str(w.message)) for w in caught] == [
        (
            CacheWarning,
            f"cache directory {level[where]} is writable by {who}; not using it"
            f" (chmod 700 {level[where]} or set BRIEFWRIGHT_CACHE_DIR)",
        )
    ]
    assert not (root / __version__ / "docx").exists()  # nothing written either
    level[where].chmod(0o700)
    assert read_warning() == (DATA, [])


def test_a_root_that_is_a_symbolic_link_is_refused(tmp_path, monkeypatch):
    real = tmp_path / "real"
    use_cache(monkeypatch, BRIEFWRIGHT_CACHE_DIR=str(real))
    cache.write("fonts", KEY, DATA)
    link = tmp_path / "link"
    link.symlink_to(real)
    use_cache(monkeypatch, BRIEFWRIGHT_CACHE_DIR=str(link))
    found, caught = read_warning()
    forget_cache_state()
    assert found is None
    assert [str(w.message) for w in caught] == [
        f"cache directory {link} is a symbolic link to {real}; not using it"
        " (set BRIEFWRIGHT_CACHE_DIR to a real directory)"
    ]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
@pytest.mark.parametrize("where", ["root", "kind", "entry"])
def test_a_directory_or_entry_of_another_user_is_not_used(root, where):
    cache.write("fonts", KEY, DATA)
    level = {"root": root, "kind": root / __version__ / "fonts"}
    level["entry"] = level["kind"] / KEY
    os.chown(level[where], 65534, 65534)
    found, caught = read_warning()
    assert found is None
    if where == "entry":  # not a risk to the directory: a miss, no warning
        assert caught == []
    else:
        assert [str(w.message) for w in caught] == [
            f"cache directory {level[where]} is owned by another user (uid 65534); not using it"
            " (set BRIEFWRIGHT_CACHE_DIR to a directory of your own)"
        ]
    os.chown(level[where], 0, 0)
    assert read_warning() == (DATA, [])


def test_the_warning_is_given_once_per_process_whatever_the_directory(tmp_path, monkeypatch):
    for name in ("one", "two"):
        (tmp_path / name).mkdir(mode=0o777)
        (tmp_path / name).chmod(0o777)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        use_cache(monkeypatch, BRIEFWRIGHT_CACHE_DIR=str(tmp_path / "one"))
        assert cache.read("fonts", KEY) is None
        monkeypatch.setenv("BRIEFWRIGHT_CACHE_DIR", str(tmp_path / "two"))
        cache.cache_dir.cache_clear()
        assert cache.read("templates", KEY) is None
        assert cache.check() is not None
    forget_cache_state()
    assert len(caught) == 1


def test_an_entry_sealed_with_another_key_is_a_miss(root):
    cache.write("fonts", KEY, DATA)
    path = root / __version__ / "fonts" / KEY
    label = f"{__version__}/fonts/{KEY}"
    path.write_bytes(entries.seal(os.urandom(32), label, b"forged"))
    assert read_warning() == (None, [])
    path.write_bytes(b"forged")  # not sealed at all
    assert read_warning() == (None, [])
    key = (root / __version__ / "signing-key").read_bytes()
    path.write_bytes(entries.seal(key, label, b"genuine"))  # the control: this user's seal
    assert read_warning() == (b"genuine", [])


def test_an_entry_moved_to_another_name_or_kind_is_a_miss(root):
    cache.write("fonts", KEY, DATA)
    sealed = (root / __version__ / "fonts" / KEY).read_bytes()
    other = "fedcba9876543210" * 4
    (root / __version__ / "fonts" / other).write_bytes(sealed)
    cache.write("docx", other, b"")
    (root / __version__ / "docx" / KEY).write_bytes(sealed)
    as_new_process()
    assert cache.read("fonts", other) is None
    assert cache.read("docx", KEY) is None
    assert cache.read("fonts", KEY) == DATA


def test_an_entry_that_is_a_symbolic_link_is_not_followed(root, tmp_path):
    cache.write("fonts", KEY, DATA)
    path = root / __version__ / "fonts" / KEY
    outside = tmp_path / "outside"
    path.rename(outside)
    path.symlink_to(outside)
    assert read_warning() == (None, [])
    path.unlink()
    shutil.copy(outside, path)
    assert read_warning() == (DATA, [])


@pytest.mark.parametrize("spoil", ["readable", "short", "link"])
def test_a_key_that_cannot_be_trusted_is_replaced_and_old_entries_are_misses(root, tmp_path, spoil):
    cache.write("fonts", KEY, DATA)
    key_file = root / __version__ / "signing-key"
    old_key = key_file.read_bytes()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(old_key)
    if spoil == "readable":
        key_file.chmod(0o644)
    elif spoil == "short":
        key_file.write_bytes(old_key[:16])
    else:
        key_file.unlink()
        key_file.symlink_to(elsewhere)
    assert read_warning() == (None, [])
    assert not key_file.is_symlink()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_bytes() != old_key
    assert elsewhere.read_bytes() == old_key  # a link is replaced, never written through
    cache.write("fonts", KEY, DATA)
    assert read_warning() == (DATA, [])


def test_a_kind_that_is_not_the_caches_is_a_programming_error(root):
    with pytest.raises(ValueError, match="unknown cache kind '../x'"):
        cache.read("../x", KEY)


def test_a_key_that_is_not_a_hex_digest_becomes_one(root):
    cache.write("fonts", "../../etc/passwd", DATA)
    (entry,) = (root / __version__ / "fonts").iterdir()
    assert len(entry.name) == 64 and set(entry.name) <= set("0123456789abcdef")
    assert cache.read("fonts", "../../etc/passwd") == DATA
