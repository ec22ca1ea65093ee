"""Renders from summary text in memory, and templates looked up only where a caller says."""

from __future__ import annotations

import pytest
from conftest import SAMPLE

import briefwright
from briefwright.errors import InvalidSummary, TemplateError
from briefwright.pipeline.memory import SummaryText, render_text, warm_up
from briefwright.pipeline.settings import RenderSettings
from briefwright.templating.discovery import builtin_templates_dir, resolve_template

TEXT = SAMPLE.read_text(encoding="utf-8")


def test_render_text_names_files_as_render_does_and_gives_its_bytes():
    settings = RenderSettings(formats=("md", "html"))
    outcome = render_text(SummaryText(TEXT, name="desk/x.yaml"), ("executive", "analyst"), settings)
    assert outcome.error is None
    names = [name for name, _ in outcome.files]
    assert names == ["x.executive.md", "x.executive.html", "x.analyst.md", "x.analyst.html"]
    expected = briefwright.render_bytes(SAMPLE, formats="md", template="analyst")["md"]
    assert dict(outcome.files)["x.analyst.md"] == expected


def test_render_text_gives_back_the_located_error():
    text = TEXT.replace("date: 2025-05-22", "date: 2025-13-22", 1)
    outcome = render_text(SummaryText(text, name="s.yaml"), ("analyst",), RenderSettings())
    assert isinstance(outcome.error, InvalidSummary)
    line = TEXT.splitlines().index("date: 2025-05-22") + 1
    assert outcome.error.lines()[0].startswith(f"s.yaml:{line}:1: date: ")
    assert outcome.files == ()


def test_warm_up_reports_a_template_that_fails_instead_of_raising(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "template.toml").write_text('extends = "analyst"\n')
    (broken / "briefing.md.j2").write_text("{{ no_such_name }}\n")
    settings = RenderSettings(formats=("md",), template_path=(tmp_path,))
    errors = warm_up(("analyst", "broken"), settings)
    assert len(errors) == 1 and isinstance(errors[0], TemplateError)


def _template(root, name, marker):
    directory = root / name
    directory.mkdir(parents=True)
    (directory / "template.toml").write_text('extends = "base"\n')
    (directory / "briefing.md.j2").write_text(f"# {marker}\n")


def test_a_fixed_search_path_ignores_the_working_directory(tmp_path, monkeypatch):
    _template(tmp_path / "templates", "executive", "from the working directory")
    monkeypatch.chdir(tmp_path)
    assert resolve_template("executive").chain[0] == tmp_path / "templates" / "executive"
    offered = tmp_path / "offered"
    offered.mkdir()
    builtin = builtin_templates_dir() / "executive"
    assert resolve_template("executive", roots=(offered,)).chain[0] == builtin
    _template(offered, "minister", "configured")
    assert resolve_template("minister", roots=(offered,)).chain[0] == offered / "minister"


def test_a_fixed_search_path_takes_names_not_paths(tmp_path):
    _template(tmp_path, "mine", "mine")
    with pytest.raises(TemplateError, match="not a template name"):
        resolve_template(str(tmp_path / "mine"), roots=())
    with pytest.raises(TemplateError, match="not found"):
        resolve_template("mine", roots=())
