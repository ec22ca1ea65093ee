"""The per-user cache only ever saves time: same outputs with it, without it, or with it broken."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE

SUFFIXES = ("docx", "pdf", "md")


def _render(out: Path, cache_env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFWRIGHT_")}
    env.update(cache_env)
    command = [sys.executable, "-m", "briefwright", "render", *args, "-o", str(out), "-q"]
    return subprocess.run(command, capture_output=True, text=True, env=env)


def _outputs(out: Path, stem: str) -> dict[str, bytes]:
    return {s: (out / f"{stem}.{s}").read_bytes() for s in SUFFIXES}


def test_cold_warm_and_no_cache_renders_are_byte_identical(tmp_path):
    cache_dir = {"BRIEFWRIGHT_CACHE_DIR": str(tmp_path / "cache")}
    runs = {
        "off": {"BRIEFWRIGHT_NO_CACHE": "1"},
        "cold": cache_dir,
        "warm": cache_dir,
    }
    results = {}
    for name, env in runs.items():
        done = _render(tmp_path / name, env, str(SAMPLE))
        assert done.returncode == 0, done.stderr
        results[name] = _outputs(tmp_path / name, "lavrov-yerevan-2025.analyst")
        if name == "off":
            assert not (tmp_path / "cache").exists()
    assert results["off"] == results["cold"] == results["warm"]
    kinds = {p.name for p in (tmp_path / "cache").iterdir() for p in p.iterdir()}
    assert {"templates", "docx"} <= kinds


def test_a_corrupt_cache_is_a_miss(tmp_path):
    cache = tmp_path / "cache"
    env = {"BRIEFWRIGHT_CACHE_DIR": str(cache)}
    assert _render(tmp_path / "first", env, str(SAMPLE)).returncode == 0
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries
    for number, entry in enumerate(entries):  # truncated, foreign, empty
        entry.write_bytes([entry.read_bytes()[:20], b"\x00garbage" * 50, b""][number % 3])
    done = _render(tmp_path / "again", env, str(SAMPLE))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    stem = "lavrov-yerevan-2025.analyst"
    assert _outputs(tmp_path / "again", stem) == _outputs(tmp_path / "first", stem)


def test_a_cache_that_cannot_be_made_changes_nothing(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    done = _render(tmp_path / "out", {"BRIEFWRIGHT_CACHE_DIR": str(blocker / "cache")}, str(SAMPLE))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "Lavrov" in (tmp_path / "out" / "lavrov-yerevan-2025.analyst.md").read_text()


@pytest.mark.parametrize("same_mtime", [False, True])
def test_an_edited_template_is_compiled_again(tmp_path, same_mtime):
    env = {"BRIEFWRIGHT_CACHE_DIR": str(tmp_path / "cache")}
    template = tmp_path / "mine"
    template.mkdir()
    (template / "template.toml").write_text('extends = "analyst"\n')
    entry = template / "briefing.md.j2"
    entry.write_text("::: title\n{{ title }}\n:::\n\nFirst version.\n")
    assert _render(tmp_path / "one", env, str(SAMPLE), "-t", str(template)).returncode == 0
    stat = entry.stat()
    entry.write_text("::: title\n{{ title }}\n:::\n\nSecond version.\n")
    if same_mtime:  # a checksum, not the time stamp, decides whether the cache is used
        os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    done = _render(tmp_path / "two", env, str(SAMPLE), "-t", str(template), "-f", "md")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "two" / "lavrov-yerevan-2025.mine.md").read_text()
    assert "Second version." in text
    assert "First version." not in text
