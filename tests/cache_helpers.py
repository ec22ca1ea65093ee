"""Point the per-user cache at a test's own directory, in this process or in a CLI process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefwright import cache
from briefwright.cache import store

CACHE_VARIABLES = ("BRIEFWRIGHT_CACHE_DIR", "BRIEFWRIGHT_NO_CACHE", "BRIEFWRIGHT_CACHE_MAX_MB")


def forget_cache_state() -> None:
    """What this process knows about the cache, as if it had just started."""
    cache.cache_dir.cache_clear()
    cache._store_for.cache_clear()
    store._warned = False


def use_cache(monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    """Set the cache variables to `env` (the others unset) and forget what was known."""
    for name in CACHE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    forget_cache_state()


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m briefwright ARGS` with only the given cache variables set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFWRIGHT_")}
    command = [sys.executable, "-m", "briefwright", *args]
    return subprocess.run(command, capture_output=True, text=True, env={**clean, **env})


def files_under(root: Path) -> list[Path]:
    """Every file under `root`, sorted."""
    return sorted(path for path in root.rglob("*") if path.is_file())
