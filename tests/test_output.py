"""All-or-nothing writes and the refusal to replace edited files (output.py)."""

import os
import stat

import pytest

from briefwright.errors import OutputError
from briefwright.output import MANIFEST_NAME, commit_outputs


def test_writes_every_file_with_normal_permissions(tmp_path):
    target = tmp_path / "out"
    written = commit_outputs({target / "a.md": b"alpha", target / "a.pdf": b"%PDF"})
    assert sorted(p.name for p in written) == ["a.md", "a.pdf"]
    assert (target / "a.md").read_bytes() == b"alpha"
    mode = stat.S_IMODE(os.stat(target / "a.md").st_mode)
    assert mode == 0o666 & ~_umask()
    assert sorted(os.listdir(target)) == [MANIFEST_NAME, "a.md", "a.pdf"]


def test_untouched_outputs_are_replaced_silently(tmp_path):
    path = tmp_path / "a.md"
    commit_outputs({path: b"first"})
    commit_outputs({path: b"second"})
    assert path.read_bytes() == b"second"


def test_edited_output_is_refused_and_kept(tmp_path):
    path, other = tmp_path / "a.docx", tmp_path / "a.md"
    commit_outputs({path: b"rendered", other: b"md"})
    path.write_bytes(b"polished by hand")
    with pytest.raises(OutputError, match=r"a\.docx.*--force"):
        commit_outputs({path: b"rendered again", other: b"md again"})
    assert path.read_bytes() == b"polished by hand"
    assert other.read_bytes() == b"md", "nothing lands when one file is refused"


def test_force_replaces_an_edited_output(tmp_path):
    path = tmp_path / "a.docx"
    commit_outputs({path: b"rendered"})
    path.write_bytes(b"polished by hand")
    commit_outputs({path: b"rendered again"}, force=True)
    assert path.read_bytes() == b"rendered again"


def test_a_file_briefwright_never_wrote_is_not_replaced(tmp_path):
    path = tmp_path / "report.md"
    path.write_bytes(b"someone else's notes")
    with pytest.raises(OutputError, match="report.md"):
        commit_outputs({path: b"briefing"})
    assert path.read_bytes() == b"someone else's notes"


def test_identical_content_is_not_a_conflict(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"same")
    commit_outputs({path: b"same"})
    assert path.read_bytes() == b"same"


def test_failure_while_writing_leaves_previous_outputs_and_no_temp_files(tmp_path, monkeypatch):
    first, second = tmp_path / "a.md", tmp_path / "a.pdf"
    commit_outputs({first: b"old md", second: b"old pdf"})
    real_fdopen = os.fdopen
    calls = []

    def failing_fdopen(fd, *args, **kwargs):
        calls.append(fd)
        if len(calls) == 2:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", failing_fdopen)
    with pytest.raises(OutputError, match="No space left on device"):
        commit_outputs({first: b"new md", second: b"new pdf"})
    assert first.read_bytes() == b"old md"
    assert second.read_bytes() == b"old pdf"
    assert sorted(os.listdir(tmp_path)) == [MANIFEST_NAME, "a.md", "a.pdf"]


def test_missing_parent_directory_is_created(tmp_path):
    path = tmp_path / "deep" / "er" / "a.md"
    commit_outputs({path: b"x"})
    assert path.read_bytes() == b"x"


def test_output_directory_that_is_a_file_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "briefings"
    blocker.write_text("not a directory")
    with pytest.raises(OutputError, match="cannot create output directory"):
        commit_outputs({blocker / "a.md": b"x"})
    assert blocker.read_text() == "not a directory"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
