"""Compiled templates kept in the user's cache, so a new process does not compile them again.

What Jinja compiles is plain Python code, run outside the sandbox's reach: the sandbox checks
what a template asks for while it runs, not the code it was compiled to. Loading an entry also
unpickles and unmarshals it. So a forged entry would run anything as this user, and nothing
found in the cache reaches Jinja unless the cache trusts its directory and its seal (see
briefwright/cache/entries.py). A damaged or foreign entry is a miss and is compiled again.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from briefwright import cache

KIND = "templates"
# Raised whenever the environment compiles differently (how finalize is called, extensions):
# code compiled for the old environment must not be loaded into the new one.
COMPILED_FOR = 2


class SealedBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache kept in briefwright's cache, where every entry is sealed."""

    def load_bytecode(self, bucket: Bucket) -> None:
        data = cache.read(KIND, entry_key(bucket))
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # sealed by us, yet it does not load (another Python?): a miss
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        cache.write(KIND, entry_key(bucket), bucket.bytecode_to_string())


def entry_key(bucket: Bucket) -> str:
    """A digest of what the compiled code depends on: the template's name and file (Jinja's
    `bucket.key`), its source text (`bucket.checksum`), Jinja, and the code generator of
    sandbox.py, which compiles `~` and loops to budgeted calls (code compiled by an older one
    would run unmeasured); COMPILED_FOR tells apart environments that compile differently for
    reasons outside sandbox.py; the version of briefwright names the directory. Never a time
    stamp: an edit that keeps the file's time is still seen."""
    made_of = (
        f"{jinja2.__version__}\0{COMPILED_FOR}\0{_compiler()}\0{bucket.key}\0{bucket.checksum}"
    )
    return hashlib.sha256(made_of.encode()).hexdigest()


@functools.cache
def _compiler() -> str:
    """A digest of the module holding the code generator templates are compiled with."""
    return hashlib.sha256((Path(__file__).parent / "sandbox.py").read_bytes()).hexdigest()


def bytecode_cache() -> SealedBytecodeCache | None:
    """The cache for compiled templates, or None when caching is off or refused."""
    return SealedBytecodeCache() if cache.subdir(KIND) is not None else None
