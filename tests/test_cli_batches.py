"""A batch never loses output: every path is known before anything is written, two inputs
that would write one file are refused (or renamed on request), and a directory of summaries
holds only summaries as far as render, validate and check are concerned."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from briefwright.cli import main
from briefwright.errors import EXIT_USAGE
from briefwright.output import MANIFEST_NAME

ARTICLE = SAMPLE.with_name("lavrov-yerevan-visit-2025.txt")


def _summary(directory, name, title):
    """The sample under another name and title, with its article beside it."""
    directory.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("title: ", f"title: {title!r} #", 1)
    (directory / name).write_text(text, encoding="utf-8")
    shutil.copy(ARTICLE, directory / ARTICLE.name)
    return directory / name


def _invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _visible(directory):
    return sorted(p.name for p in directory.iterdir() if not p.name.startswith("."))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_summaries_with_one_name_are_refused_and_nothing_is_written(tmp_path, jobs):
    first = _summary(tmp_path / "ca", "x.yaml", "First")
    second = _summary(tmp_path / "cb", "x.yaml", "Second")
    out = tmp_path / "out"
    result = _invoke("render", first, second, "-f", "md", "-f", "pdf", "-o", out, "-j", jobs)
    assert result.exit_code == EXIT_USAGE
    assert f"{first} and {second} would both write {out / 'x.analyst.md'}" in result.stderr
    assert "--names unique" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_names_unique_keeps_both_with_a_suffix_from_their_directories(tmp_path, jobs):
    first = _summary(tmp_path / "ca", "x.yaml", "First")
    second = _summary(tmp_path / "cb", "x.yaml", "Second")
    third = _summary(tmp_path / "cb", "y.yaml", "Third")
    out = tmp_path / "out"
    args = ["render", first, second, third, "-f", "md", "-o", out, "--names", "unique"]
    result = _invoke(*args, "-j", jobs)
    assert result.exit_code == 0, result.output
    assert _visible(out) == ["x-ca.analyst.md", "x-cb.analyst.md", "y.analyst.md"]
    assert "# First" in (out / "x-ca.analyst.md").read_text(encoding="utf-8")
    assert "# Second" in (out / "x-cb.analyst.md").read_text(encoding="utf-8")
    assert result.stdout.splitlines() == [str(out / n) for n in _visible(out)]


def test_yaml_beside_json_of_the_same_name(tmp_path):
    first = _summary(tmp_path, "x.yaml", "From YAML")
    loaded = _invoke("validate", first)
    assert loaded.exit_code == 0
    import json

    import yaml

    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["title"] = "From JSON"
    (tmp_path / "x.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    out = tmp_path / "out"
    refused = _invoke("render", tmp_path, "-f", "md", "-o", out)
    assert refused.exit_code == EXIT_USAGE
    assert "x.json and" in refused.stderr and "x.yaml would both write" in refused.stderr
    renamed = _invoke("render", tmp_path, "-f", "md", "-o", out, "--names", "unique")
    assert renamed.exit_code == 0, renamed.output
    assert _visible(out) == ["x-json.analyst.md", "x-yaml.analyst.md"]
    assert "# From JSON" in (out / "x-json.analyst.md").read_text(encoding="utf-8")


def test_one_file_named_twice_is_rendered_once(tmp_path):
    summary = _summary(tmp_path, "x.yaml", "Once")
    result = _invoke("render", summary, tmp_path, "-f", "md", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(tmp_path / "out" / "x.analyst.md")]


def test_rendering_a_directory_into_itself_twice(tmp_path):
    _summary(tmp_path, "x.yaml", "Here")
    for _ in range(2):
        result = _invoke("render", tmp_path, "-o", tmp_path, "-f", "md", "-f", "html")
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
    assert MANIFEST_NAME in {p.name for p in tmp_path.iterdir()}
    assert _visible(tmp_path) == [ARTICLE.name, "x.analyst.html", "x.analyst.md", "x.yaml"]


def test_draft_then_render_the_drafts_directory(tmp_path):
    drafts = tmp_path / "drafts"
    drafted = _invoke("draft", ARTICLE, "-o", drafts / "d.yaml")
    assert drafted.exit_code == 0, drafted.output
    # the schema beside the draft, for editors, is not a summary
    assert (drafts / "summary.schema.json").is_file()
    for _ in range(2):
        result = _invoke("render", drafts, "-o", drafts, "-f", "md")
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == [str(drafts / "d.analyst.md")]
        assert "TODO placeholder" in result.stderr


def test_validate_and_check_take_directories_like_render(tmp_path):
    _summary(tmp_path, "a.yaml", "A")
    _summary(tmp_path, "b.yaml", "B")
    (tmp_path / "notes.txt").write_text("not a summary")
    validated = _invoke("validate", tmp_path)
    assert validated.exit_code == 0, validated.output
    assert validated.stdout.splitlines() == [
        f"{tmp_path / 'a.yaml'}: ok",
        f"{tmp_path / 'b.yaml'}: ok",
    ]
    checked = _invoke("check", tmp_path)
    assert checked.exit_code == 0, checked.output
    assert "a.yaml" in checked.stdout and "b.yaml" in checked.stdout


def test_a_directory_without_summaries_is_a_usage_error(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / MANIFEST_NAME).write_text("{}")
    result = _invoke("render", tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_USAGE
    assert "no summaries found" in result.stderr
