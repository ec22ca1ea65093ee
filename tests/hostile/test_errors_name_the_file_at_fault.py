"""A message names the file at fault: a template's or theme's problem is reported against the
template or the theme (never against the summary being rendered), and a PDF layout failure
names the content and the theme's sizes rather than reportlab's objects."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE
from measured import assert_clean, run_measured

from briefwright.errors import EXIT_RENDER


def _template(folder: Path, files: dict[str, str] | None = None) -> Path:
    template = folder / "third-party"
    template.mkdir(exist_ok=True)
    (template / "template.toml").write_text("")
    for name, text in (files or {}).items():
        (template / name).write_text(text)
    return template


def _render(folder: Path, template: Path, *formats: str) -> str:
    args = ["render", str(SAMPLE), "-t", str(template), "-o", "out"]
    for fmt in formats:
        args += ["-f", fmt]
    run = run_measured(args, cwd=folder, timeout=120)
    assert_clean(run, EXIT_RENDER)
    assert str(SAMPLE) not in run.err and SAMPLE.name not in run.err.split(":", 1)[0]
    return run.err


def test_a_template_without_its_briefing_file_is_named(tmp_path):
    template = _template(tmp_path)
    err = _render(tmp_path, template, "md")
    assert err.startswith(f"{template}: template 'third-party' has no briefing.md.j2")


def test_a_template_whose_output_runs_away_is_named(tmp_path):
    body = "{% for i in range(90000) %}{{ title }}{{ title }}{% endfor %}"
    template = _template(tmp_path, {"briefing.md.j2": body})
    err = _render(tmp_path, template, "md")
    # the path as the user would type it: relative to the working directory
    assert err.startswith("third-party/briefing.md.j2: template 'third-party' produced more")


def test_a_theme_problem_is_named_at_its_line(tmp_path):
    template = _template(tmp_path, {"theme.toml": "accent_color = '#000000'\nbase_size = 0\n"})
    err = _render(tmp_path, template, "md")
    assert err.startswith(f"{template / 'theme.toml'}:2: base_size: expected a number from 4")


def test_a_template_that_is_no_directory_is_named(tmp_path):
    missing = tmp_path / "nowhere" / "x"
    err = _render(tmp_path, missing, "md")
    assert err.startswith(f"{missing}: not a usable template directory: not a directory")


def test_a_pdf_layout_failure_names_the_content_and_the_theme(tmp_path):
    theme = "\n".join(
        ["base_size = 72", "line_spacing = 3"]
        + [f"margin_{side}_mm = 60" for side in ("top", "bottom", "left", "right")]
    )
    template = _template(tmp_path, {"theme.toml": theme + "\n"})
    (template / "template.toml").write_text('extends = "analyst"\n')
    err = _render(tmp_path, template, "pdf")
    assert err.startswith("PDF layout ") and "a boxed block (a bottom line" in err
    assert "the theme's sizes (text 72 pt, line spacing 3" in err
    assert "Flowable" not in err and " at 0x" not in err
