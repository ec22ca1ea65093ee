"""The manifest, the lock and our temporary files are briefwright's: no output may take their
names, so that a message cannot be left as a temporary file or a manifest list itself."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from briefwright.cli import main
from briefwright.errors import EXIT_USAGE, UsageError
from briefwright.output import MANIFEST_NAME, commit_outputs


def test_mail_cannot_write_over_the_manifest_even_with_force(tmp_path):
    (tmp_path / "x.md").write_text("old")
    commit_outputs({tmp_path / "x.md": b"mine"}, force=True)
    before = (tmp_path / MANIFEST_NAME).read_bytes()
    target = tmp_path / MANIFEST_NAME
    result = CliRunner().invoke(main, ["mail", str(SAMPLE), "-o", str(target), "--force"])
    assert result.exit_code == EXIT_USAGE, result.output
    assert "is a name briefwright keeps for itself" in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST_NAME, "x.md"]
    assert list(json.loads(before)["files"]) == ["x.md"]


@pytest.mark.parametrize(
    "name",
    [
        MANIFEST_NAME,
        ".briefwright.lock",
        ".a.md.x1y2.briefwright-tmp",
        ".a.md.1.ab.briefwright-bak",
    ],
)
def test_no_output_may_take_a_reserved_name(tmp_path, name):
    with pytest.raises(UsageError, match="keeps for itself"):
        commit_outputs({tmp_path / "a.md": b"a", tmp_path / name: b"b"})
    assert list(tmp_path.iterdir()) == []


def test_a_summary_named_like_the_manifest_is_refused_before_rendering(tmp_path):
    summary = tmp_path / MANIFEST_NAME
    summary.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(summary), "-o", str(out)])
    assert result.exit_code == EXIT_USAGE, result.output
    assert "keeps for itself" in result.stderr
    assert not out.exists()
