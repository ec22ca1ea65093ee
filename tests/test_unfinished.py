"""A draft is not a finished briefing: its TODO placeholders and a source.text that names no
file are warnings, located by file and line, in validate and render; --strict makes them errors."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from conftest import SAMPLE

from briefwright.cli import main
from briefwright.errors import EXIT_INVALID

ARTICLE = SAMPLE.with_name("lavrov-yerevan-visit-2025.txt")

DRAFTISH = """\
title: T
source:
  title: S
  text: missing.txt
summary: "TODO: the bottom line up front."
key_points:
  - Real point
  - text: Another
    detail: TODO
quotes:
  - text: "We stay."
    speaker: "TODO"
"""


def _invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_validate_warns_on_each_placeholder_and_the_missing_article(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(DRAFTISH, encoding="utf-8")
    result = _invoke("validate", path)
    assert result.exit_code == 0
    assert result.stdout == f"{path}: ok\n"
    assert result.stderr.splitlines() == [
        f"warning: {path}:4:3: source.text: no such file: missing.txt; "
        "`check` and --verify cannot compare quotes",
        f"warning: {path}:5:1: summary: a TODO placeholder is left in; write it or remove it",
        f"warning: {path}:9:5: key_points[1].detail: a TODO placeholder is left in; "
        "write it or remove it",
        f"warning: {path}:12:5: quotes[0].speaker: a TODO placeholder is left in; "
        "write it or remove it",
    ]


def test_strict_makes_them_errors_in_validate_and_render(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(DRAFTISH, encoding="utf-8")
    validated = _invoke("validate", path, "--strict")
    assert validated.exit_code == EXIT_INVALID
    assert f"{path}:5:1: summary: a TODO placeholder" in validated.stderr
    assert "warning" not in validated.stderr
    rendered = _invoke("render", path, "--strict", "-o", tmp_path / "out")
    assert rendered.exit_code == EXIT_INVALID
    assert f"{path}:12:5: quotes[0].speaker: a TODO placeholder" in rendered.stderr
    assert not (tmp_path / "out").exists()


def test_render_warns_and_still_writes(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(DRAFTISH, encoding="utf-8")
    result = _invoke("render", path, "-f", "md", "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert result.stderr.count("warning: ") == 4
    assert (tmp_path / "out" / "d.analyst.md").is_file()


def test_a_finished_summary_gets_no_warning(tmp_path):
    shutil.copy(SAMPLE, tmp_path)
    shutil.copy(ARTICLE, tmp_path)
    result = _invoke("validate", tmp_path / SAMPLE.name)
    assert (result.exit_code, result.stderr) == (0, "")


def test_the_word_todo_inside_a_sentence_is_not_a_placeholder(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "title: The minister's TODO list\nsource: {title: S}\nsummary: x\nkey_points: [k]\n"
    )
    result = _invoke("validate", path)
    assert (result.exit_code, result.stderr) == (0, "")
