"""The prepared starting document in the per-user cache: same bytes from it, damage is a miss."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from docx_helpers import read, rich_document

from briefwright import cache
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx import package, write

OPTIONS = WriteOptions(timestamp=1747872000, version="0.test")
THEME = Theme(accent_color="#204060")  # a theme no other test prepares, so the entry is ours


@pytest.fixture
def entry() -> Path:
    """The cache entry of THEME's prepared document, made by a fresh build."""
    key = package._cache_key(THEME, None, "en")
    path = cache.subdir("docx") / key
    path.unlink(missing_ok=True)
    package._prepare.cache_clear()
    yield path
    package._prepare.cache_clear()


def fresh_write() -> bytes:
    """A write in what is, for the prepared documents, a new process."""
    package._prepare.cache_clear()
    return write(rich_document(), THEME, OPTIONS)


def test_a_write_from_the_cached_document_equals_one_from_a_fresh_build(entry):
    built = fresh_write()
    assert entry.exists()
    stored = entry.read_bytes()
    assert fresh_write() == built
    assert entry.read_bytes() == stored  # read, not rebuilt
    assert read(built).styles["Bottom Line Box"].element.find(".//{*}tblBorders") is not None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:100] + bytes([data[100] ^ 1]) + data[101:],  # one bit flipped
        lambda data: hashlib.sha1(b"{}").digest() + b"{}",  # intact, but not an entry at all
        lambda data: b"",
    ],
)
def test_a_damaged_cache_entry_is_rebuilt_not_an_error(entry, damage):
    built = fresh_write()
    stored = entry.read_bytes()
    entry.write_bytes(damage(stored))
    assert fresh_write() == built
    assert entry.read_bytes() == stored  # rebuilt and stored again
