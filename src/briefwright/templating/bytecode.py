"""Compiled templates kept in the user's cache, so a new process does not compile them again.

Jinja keys each entry by the template's name and file and checks the source's checksum before
using it, so an edited template is always compiled afresh. A cache that cannot be read or
written is skipped: it only ever saves time.
"""

from __future__ import annotations

import contextlib

from jinja2.bccache import Bucket, FileSystemBytecodeCache

from briefwright import cache


class QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, with every failure to read or write it taken as a cache miss."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or foreign file is a miss, whatever it raises
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache() -> QuietBytecodeCache | None:
    """The cache for compiled templates, or None when caching is off."""
    directory = cache.subdir("templates")
    return QuietBytecodeCache(str(directory)) if directory is not None else None
