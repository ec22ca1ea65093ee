"""Two renders into one directory at the same time (issue 5, promise 6).

Two processes (not threads: the lock is per process) render into the same output directory
at once. Both must succeed or one fail cleanly; every file left must be whole and exactly what
one single-process render makes, never a mix of two renders; the manifest stays valid JSON
listing every file.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

from briefwright import api
from briefwright.output import MANIFEST_NAME

SUMMARY = """\
title: {title}
date: 2025-05-22
source:
  title: An article
summary: The bottom line of {title}.
key_points:
  - First point of {title}.
timeline:
  - date: 2025-05-20
    event: Something happened to {title}.
"""
SUFFIXES = (".docx", ".pdf", ".md")


def _summary(path: Path, title: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SUMMARY.format(title=title), encoding="utf-8")
    return path


def _start(summary: Path, out: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "briefwright", "render", str(summary), "-o", str(out), "-q"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _together(*pairs: tuple[Path, Path]) -> list[tuple[int, str]]:
    """Start every render before waiting for any; (exit code, stderr) of each."""
    running = [_start(summary, out) for summary, out in pairs]
    results = []
    for process in running:
        _, stderr = process.communicate(timeout=120)
        results.append((process.returncode, stderr))
    return results


def _references(tmp_path: Path, *summaries: Path) -> list[dict[str, bytes]]:
    """What each summary renders to alone (in this process, each in its own directory)."""
    references = []
    for i, summary in enumerate(summaries):
        place = tmp_path / f"reference-{i}"
        api.render(summary, output_dir=place)
        references.append(_outputs(place, f"{summary.stem}.analyst"))
    return references


def _outputs(directory: Path, stem: str) -> dict[str, bytes]:
    return {suffix: (directory / f"{stem}{suffix}").read_bytes() for suffix in SUFFIXES}


def _assert_valid(files: dict[str, bytes]) -> None:
    import docx
    from pypdf import PdfReader

    assert docx.Document(io.BytesIO(files[".docx"])).paragraphs
    assert PdfReader(io.BytesIO(files[".pdf"])).pages[0].extract_text()
    files[".md"].decode("utf-8")


def _manifest(out: Path) -> dict[str, str]:
    """The manifest's files, each checked against the hash of the file now on disk."""
    files = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    for name, digest in files.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    return files


def _assert_no_leftovers(out: Path, expected: set[str]) -> None:
    assert {p.name for p in out.iterdir()} == expected | {MANIFEST_NAME}


def test_the_same_summary_twice_at_once(tmp_path):
    summary = _summary(tmp_path / "brief.yaml", "Same")
    [reference] = _references(tmp_path, summary)
    out = tmp_path / "out"
    for code, stderr in _together((summary, out), (summary, out)):
        assert (code, stderr) == (0, "")
    files = _outputs(out, "brief.analyst")
    assert files == reference
    _assert_valid(files)
    assert set(_manifest(out)) == {f"brief.analyst{s}" for s in SUFFIXES}
    _assert_no_leftovers(out, {f"brief.analyst{s}" for s in SUFFIXES})


def test_two_different_summaries_at_once(tmp_path):
    one, two = _summary(tmp_path / "one.yaml", "One"), _summary(tmp_path / "two.yaml", "Two")
    references = _references(tmp_path, one, two)
    out = tmp_path / "out"
    for code, stderr in _together((one, out), (two, out)):
        assert (code, stderr) == (0, "")
    names = {f"{stem}.analyst{s}" for stem in ("one", "two") for s in SUFFIXES}
    assert set(_manifest(out)) == names
    _assert_no_leftovers(out, names)
    for stem, reference in zip(("one", "two"), references, strict=True):
        files = _outputs(out, f"{stem}.analyst")
        assert files == reference
        _assert_valid(files)


def test_two_summaries_with_one_name_leave_one_whole_render(tmp_path):
    first = _summary(tmp_path / "a" / "brief.yaml", "Version A")
    second = _summary(tmp_path / "b" / "brief.yaml", "Version B")
    references = _references(tmp_path, first, second)
    out = tmp_path / "out"
    results = _together((first, out), (second, out))
    for code, stderr in results:
        # The later one either replaces what the earlier one wrote (it is in the manifest)
        # or, if it looked before that was recorded, refuses in one line.
        assert code == 0 or (code == 1 and len(stderr.splitlines()) == 1), stderr
        assert "Traceback" not in stderr
    assert any(code == 0 for code, _ in results)
    files = _outputs(out, "brief.analyst")
    assert files in references, "every file comes from the same single render"
    _assert_valid(files)
    manifest = _manifest(out)
    assert set(manifest) == {f"brief.analyst{s}" for s in SUFFIXES}
    _assert_no_leftovers(out, set(manifest))
