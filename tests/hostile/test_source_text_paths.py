"""source.text is data: it may not read files outside the summary's directory tree, and no
message shows more of a file than the matched passage of an allowed source."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefwright.cli import main
from briefwright.fidelity import check_summary
from briefwright.summary import load_summary

SECRET = "hunter2-smtp-secret"


def _summary(folder: Path, text_path: str, quote: str = "We stay firm.") -> Path:
    path = folder / "s.yaml"
    path.write_text(
        "title: T\n"
        f"source: {{title: A, text: {text_path!r}}}\n"
        "summary: S\nkey_points: [k]\n"
        f"quotes:\n  - {{text: {quote!r}, speaker: Ann Lee}}\n",
        encoding="utf-8",
    )
    return path


def _codes(path: Path, **options: bool) -> list[str]:
    return [f.code for f in check_summary(load_summary(path), **options).findings]


def test_proc_environ_is_never_read_nor_printed(tmp_path):
    summary = _summary(tmp_path, "/proc/self/environ", "BRIEFWRIGHT_SMTP_PASSWORD")
    env = {**os.environ, "BRIEFWRIGHT_SMTP_PASSWORD": SECRET}
    for extra in ([], ["--allow-source-outside"]):
        done = subprocess.run(
            [sys.executable, "-m", "briefwright", "check", str(summary), *extra],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 1, done.stdout + done.stderr
        assert SECRET not in done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        assert "cannot read source text /proc/self/environ" in done.stdout


def test_an_absolute_path_is_refused_unless_allowed(tmp_path):
    article = tmp_path / "elsewhere" / "a.txt"
    article.parent.mkdir()
    article.write_text("Ann Lee said: “We stay firm.”\n", encoding="utf-8")
    (tmp_path / "here").mkdir()
    summary = _summary(tmp_path / "here", str(article))
    assert _codes(summary) == ["source-unreadable"]
    [finding] = check_summary(load_summary(summary)).findings
    assert "absolute path" in finding.message and "--allow-source-outside" in finding.message
    assert _codes(summary, allow_outside=True) == []


def test_dot_dot_out_of_the_summary_directory_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("Ann Lee said: “We stay firm.”\n", encoding="utf-8")
    (tmp_path / "here").mkdir()
    summary = _summary(tmp_path / "here", "../a.txt")
    [finding] = check_summary(load_summary(summary)).findings
    assert finding.code == "source-unreadable" and "leads outside" in finding.message
    assert _codes(summary, allow_outside=True) == []


def test_dot_dot_that_stays_inside_is_fine(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Ann Lee said: “We stay firm.”\n", encoding="utf-8")
    assert _codes(_summary(tmp_path, "sub/../a.txt")) == []


def test_a_symlink_leading_out_is_refused_and_one_inside_is_fine(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(f"Ann Lee said: “{SECRET}.”\n", encoding="utf-8")
    here = tmp_path / "here"
    here.mkdir()
    (here / "link.txt").symlink_to(outside)
    summary = _summary(here, "link.txt", "hunter2")
    result = CliRunner().invoke(main, ["check", str(summary)])
    assert result.exit_code == 1
    assert "leads outside" in result.output and SECRET not in result.output
    (here / "real.txt").write_text("Ann Lee said: “We stay firm.”\n", encoding="utf-8")
    (here / "inner.txt").symlink_to(here / "real.txt")
    assert _codes(_summary(here, "inner.txt")) == []


@pytest.mark.parametrize("name", ["/etc/passwd", "../../../../etc/passwd"])
def test_the_refusal_message_shows_no_content(tmp_path, name):
    result = CliRunner().invoke(main, ["check", str(_summary(tmp_path, name, "root"))])
    assert result.exit_code == 1
    assert "root:" not in result.output and "/bin/" not in result.output


def test_a_misquote_of_an_allowed_source_shows_only_the_matched_passage(tmp_path):
    article = "Ann Lee said: “We stay firm.”\n\n" + f"Unrelated: the password is {SECRET}.\n"
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(_summary(tmp_path, "a.txt", "We stay fixed."))])
    assert result.exit_code == 1
    assert "We stay firm" in result.output and SECRET not in result.output
