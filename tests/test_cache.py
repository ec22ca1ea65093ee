"""The per-user cache only ever saves time: same outputs with it, without it, or with it broken."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, pdf_pages_text

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


def _copy_sample(directory: Path, name: str) -> None:
    """The sample under another name, its seed path made absolute."""
    seeds = SAMPLE.parent.parent / "seeds"
    text = SAMPLE.read_text(encoding="utf-8").replace("../seeds/", f"{seeds}/")
    directory.mkdir(exist_ok=True)
    (directory / f"{name}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("mode", "who"), [(0o777, "other users"), (0o770, "its group")])
def test_a_cache_others_can_write_is_refused_once_and_the_bytes_are_the_same(tmp_path, mode, who):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    formats = ("-f", "pdf", "-f", "docx")
    off = _render(tmp_path / "off", {"BRIEFWRIGHT_NO_CACHE": "1"}, str(SAMPLE), *formats)
    assert off.returncode == 0, off.stderr
    refused = _render(
        tmp_path / "refused", {"BRIEFWRIGHT_CACHE_DIR": str(shared)}, str(SAMPLE), *formats
    )
    assert refused.returncode == 0, refused.stderr
    assert refused.stderr == (
        f"warning: cache directory {shared} is writable by {who}; not using it"
        f" (chmod 700 {shared} or set BRIEFWRIGHT_CACHE_DIR)\n"
    )
    assert list(shared.iterdir()) == []
    stem = "lavrov-yerevan-2025.analyst"
    for suffix in ("pdf", "docx"):
        made = (tmp_path / "refused" / f"{stem}.{suffix}").read_bytes()
        assert made == (tmp_path / "off" / f"{stem}.{suffix}").read_bytes(), suffix
    assert "Lavrov" in pdf_pages_text((tmp_path / "refused" / f"{stem}.pdf").read_bytes())[0]


def test_a_batch_on_several_processes_warns_once(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    for name in ("one", "two", "three"):
        _copy_sample(tmp_path / "in", name)
    env = {"BRIEFWRIGHT_CACHE_DIR": str(shared)}
    done = _render(tmp_path / "out", env, str(tmp_path / "in"), "-j", "2", "-f", "md", "-f", "pdf")
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("warning: cache directory") == 1
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 3
