"""The command line, run in-process: exit codes, what is printed, what is written."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE, pdf_pages_text

from briefwright.cli import main
from briefwright.version import __version__


@pytest.fixture
def runner():
    return CliRunner()


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"briefwright, version {__version__}\n"


@pytest.mark.parametrize(
    "command",
    [[], ["render"], ["validate"], ["schema"], ["templates"], ["check"], ["draft"], ["config"]],
)
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example: briefwright" in result.output


def test_render_writes_three_formats_and_prints_their_paths(runner, tmp_path):
    result = runner.invoke(main, ["render", str(SAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == [
        "lavrov-yerevan-2025.analyst.docx",
        "lavrov-yerevan-2025.analyst.md",
        "lavrov-yerevan-2025.analyst.pdf",
    ]
    assert sorted(result.output.split()) == sorted(str(tmp_path / name) for name in names)


def test_render_one_format_for_several_templates(runner, tmp_path):
    args = ["render", str(SAMPLE), "-o", str(tmp_path), "-f", "pdf", "-t", "executive"]
    result = runner.invoke(main, [*args, "-t", "public"])
    assert result.exit_code == 0, result.output
    executive = (tmp_path / "lavrov-yerevan-2025.executive.pdf").read_bytes()
    public = (tmp_path / "lavrov-yerevan-2025.public.pdf").read_bytes()
    assert len(pdf_pages_text(executive)) == 1
    assert "TLP:AMBER" not in "".join(pdf_pages_text(public))


def test_default_output_directory_is_briefings(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["render", str(SAMPLE), "-f", "md"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "briefings" / "lavrov-yerevan-2025.analyst.md").is_file()


def test_invalid_summary_exits_3_with_a_located_error_and_writes_nothing(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: A title\nsource:\n  title: S\nsumary: typo\nkey_points: [x]\n")
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", str(bad), "-o", str(out)])
    assert result.exit_code == 3
    assert f"{bad}:4:1: sumary:" in result.output
    assert "did you mean 'summary'" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_one_bad_summary_does_not_stop_the_others(runner, tmp_path):
    good = tmp_path / "good.yaml"
    shutil.copy(SAMPLE, good)
    good.write_text(SAMPLE.read_text().replace("text: ../seeds/", f"text: {ROOT}/seeds/"))
    (tmp_path / "broken.yaml").write_text("title: [unclosed\n")
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", str(tmp_path), "-o", str(out), "-f", "md", "-j", "1"])
    assert result.exit_code == 3
    assert "broken.yaml:" in result.output
    assert "1 of 2 renders failed" in result.output
    assert (out / "good.analyst.md").is_file()


def test_unknown_template_is_a_one_line_error(runner, tmp_path):
    result = runner.invoke(main, ["render", str(SAMPLE), "-o", str(tmp_path), "-t", "analyts"])
    assert result.exit_code == 1
    assert "analyst" in result.output
    assert "Traceback" not in result.output


def test_edited_docx_is_refused_then_replaced_with_force(runner, tmp_path):
    args = ["render", str(SAMPLE), "-o", str(tmp_path), "-f", "docx"]
    assert runner.invoke(main, args).exit_code == 0
    docx_path = tmp_path / "lavrov-yerevan-2025.analyst.docx"
    _edit_docx(docx_path)
    edited = docx_path.read_bytes()
    refused = runner.invoke(main, args)
    assert refused.exit_code == 1
    assert str(docx_path) in refused.output and "--force" in refused.output
    assert docx_path.read_bytes() == edited
    forced = runner.invoke(main, [*args, "--force"])
    assert forced.exit_code == 0
    assert docx_path.read_bytes() != edited


def _edit_docx(path):
    import docx

    document = docx.Document(str(path))
    document.add_paragraph("An analyst's note added in Word.")
    document.save(str(path))


def test_validate_reports_ok_and_errors(runner, tmp_path):
    ok = runner.invoke(main, ["validate", str(SAMPLE)])
    assert ok.exit_code == 0
    assert ok.output == f"{SAMPLE}: ok\n"
    missing = runner.invoke(main, ["validate", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 3
    assert "nope.yaml" in missing.output


def test_schema_is_json_with_the_contract_fields(runner):
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert {"title", "summary", "key_points"} <= set(schema["required"])
    assert schema["anyOf"] == [{"required": ["source"]}, {"required": ["sources"]}]
    assert "timeline" in schema["properties"]


def test_templates_lists_the_built_ins(runner):
    result = runner.invoke(main, ["templates"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.splitlines() if not line.startswith(" ")}
    assert {"analyst", "executive", "public", "brief-note"} <= listed


def test_templates_new_scaffolds_a_template_that_renders(runner, tmp_path):
    result = runner.invoke(main, ["templates", "new", "minister", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rendered = runner.invoke(
        main,
        ["render", str(SAMPLE), "-t", str(tmp_path / "minister"), "-f", "md", "-o", str(tmp_path)],
    )
    assert rendered.exit_code == 0, rendered.output
    assert (tmp_path / "lavrov-yerevan-2025.minister.md").is_file()


def test_check_passes_on_the_sample(runner):
    result = runner.invoke(main, ["check", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_check_catches_a_misquote(runner, tmp_path):
    altered = tmp_path / "altered.yaml"
    text = SAMPLE.read_text().replace("text: lavrov", f"text: {ROOT}/seeds/lavrov")
    altered.write_text(text.replace("a very direct answer, no.", "a very direct answer."))
    args = ["check", str(altered), "--format", "json"]
    refused = runner.invoke(main, args)
    assert refused.exit_code == 1
    assert json.loads(refused.output)["summaries"][0]["issues"][0]["code"] == "source-unreadable"
    result = runner.invoke(main, [*args, "--allow-source-outside"])
    assert result.exit_code == 1
    [issue] = json.loads(result.output)["summaries"][0]["issues"]
    assert issue["code"] == "quote-mismatch"


def test_draft_writes_a_summary_that_names_its_source(runner, tmp_path):
    article = ROOT / "seeds" / "lavrov-yerevan-visit-2025.txt"
    out = tmp_path / "draft.yaml"
    result = runner.invoke(main, ["draft", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Our relations with Armenia are based on" in out.read_text()


def test_render_verify_states_the_check_and_refuses_a_misquote(runner, tmp_path):
    result = runner.invoke(
        main, ["render", str(SAMPLE), "--verify", "-f", "md", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "lavrov-yerevan-2025.analyst.md").read_text(encoding="utf-8")
    assert "Quotations checked against the source text" in text
    misquote = ROOT / "tests" / "data" / "fidelity" / "misquote.yaml"
    out = tmp_path / "refused"
    refused = runner.invoke(main, ["render", str(misquote), "--verify", "-o", str(out)])
    assert refused.exit_code == 1
    assert "quotes[0].text: quote is not in the source" in refused.output
    assert not out.exists()
