"""Project defaults in briefwright.toml: the file over built-in defaults, the environment over
the file, the command line over both; every mistake in the file located by line."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from briefwright.cli import main
from briefwright.errors import EXIT_USAGE

ARTICLE = SAMPLE.with_name("lavrov-yerevan-visit-2025.txt")

PROJECT = """\
[render]
formats = ["md"]
templates = ["executive"]

[mail]
attach = ["pdf", "docx"]
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copy(SAMPLE, tmp_path / "x.yaml")
    shutil.copy(ARTICLE, tmp_path)
    (tmp_path / "briefwright.toml").write_text(PROJECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("BRIEFWRIGHT_CONFIG", "BRIEFWRIGHT_RENDER_FORMATS", "BRIEFWRIGHT_RENDER_FONT"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def _invoke(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def _written(project):
    return sorted(p.name for p in (project / "briefings").iterdir() if not p.name.startswith("."))


def test_a_bare_render_takes_formats_and_templates_from_the_file(project):
    result = _invoke("render", "x.yaml")
    assert result.exit_code == 0, result.output
    assert _written(project) == ["x.executive.md"]


def test_the_command_line_wins_over_the_file(project):
    result = _invoke("render", "x.yaml", "-f", "pdf")
    assert result.exit_code == 0, result.output
    assert _written(project) == ["x.executive.pdf"]


def test_the_environment_wins_over_the_file(project):
    result = _invoke("render", "x.yaml", env={"BRIEFWRIGHT_RENDER_FORMATS": "html"})
    assert result.exit_code == 0, result.output
    assert _written(project) == ["x.executive.html"]


def test_config_names_another_file_and_paths_in_it_are_its_own(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("team")
    (elsewhere / "team.toml").write_text('[render]\noutput = "out"\nformats = "md"\n')
    for how in (["--config", elsewhere / "team.toml"], []):
        env = {} if how else {"BRIEFWRIGHT_CONFIG": str(elsewhere / "team.toml")}
        result = _invoke(*how, "render", "x.yaml", "-t", "analyst", env=env)
        assert result.exit_code == 0, result.output
        assert result.stdout == f"{elsewhere / 'out' / 'x.analyst.md'}\n"


def test_unknown_keys_and_wrong_values_are_located(project):
    (project / "briefwright.toml").write_text(
        '[render]\nformats = ["md"]\nfromats = ["pdf"]\njobs = 0\n\n[mial]\nto = "x"\n'
    )
    result = _invoke("render", "x.yaml")
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.splitlines() == [
        "briefwright.toml:3: render.fromats: unknown setting; did you mean 'formats'?",
        "briefwright.toml:4: render.jobs: expected a whole number of processes, 1 or more, got 0",
        "briefwright.toml:6: mial: unknown table; did you mean 'mail'?",
    ]
    assert not (project / "briefings").exists()


def test_broken_toml_is_located(project):
    (project / "briefwright.toml").write_text("[render]\nformats = [md]\n")
    result = _invoke("validate", "x.yaml")
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.startswith("briefwright.toml:2:12: not valid TOML: ")


def test_config_shows_each_setting_and_where_it_came_from(project):
    result = _invoke("config", env={"BRIEFWRIGHT_RENDER_FONT": "DejaVu Serif"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# configuration file: briefwright.toml"
    assert 'formats = ["md"]  # briefwright.toml:2' in lines
    assert 'templates = ["executive"]  # briefwright.toml:3' in lines
    assert 'font = "DejaVu Serif"  # $BRIEFWRIGHT_RENDER_FONT' in lines
    assert 'output = "briefings"  # default' in lines
    assert 'attach = "pdf,docx"  # briefwright.toml:6' in lines


def test_mail_takes_its_table(project):
    result = _invoke("mail", "x.yaml", "-o", "m.eml")
    assert result.exit_code == 0, result.output
    message = (project / "m.eml").read_text(encoding="utf-8", errors="replace")
    assert 'filename="x.analyst.pdf"' in message and 'filename="x.analyst.docx"' in message


def test_shell_completion_offers_template_names_and_formats(project):
    env = {
        "_BRIEFWRIGHT_COMPLETE": "bash_complete",
        "COMP_WORDS": "briefwright render x.yaml -t ex",
        "COMP_CWORD": "4",
    }
    result = CliRunner().invoke(main, [], env=env, prog_name="briefwright")
    assert "plain,executive" in result.output.splitlines()
    env.update(COMP_WORDS="briefwright render x.yaml -f p", COMP_CWORD="4")
    result = CliRunner().invoke(main, [], env=env, prog_name="briefwright")
    assert "plain,pdf" in result.output.splitlines()
