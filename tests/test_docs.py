"""The README cannot drift from the tool: its commands, the CI script and the CLI agree."""

from __future__ import annotations

import re

from conftest import ROOT, pdf_pages_text, squash

from briefwright.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _first_code_block(text: str) -> list[str]:
    block = re.search(r"```sh\n(.*?)```", text, re.DOTALL)
    assert block, "the README starts with a shell block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_exactly_two_commands():
    setup, tests = _first_code_block(README)
    assert setup == "pip install -e . && briefwright render samples/lavrov-yerevan-2025.yaml"
    assert "pytest" in tests and "[test]" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    _, tests = _first_code_block(README)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_every_command_is_documented_in_the_readme():
    for name, command in main.commands.items():
        assert f"`briefwright {name}" in README, f"README does not show `briefwright {name}`"
        assert command.help and "Example: briefwright" in command.help
        for sub in getattr(command, "commands", {}):
            assert f"`briefwright {name} {sub}" in README


def test_readme_picture_exists_and_is_a_png():
    picture = re.search(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert picture
    assert (ROOT / picture.group(1)).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_readme_names_the_sample_and_its_seed():
    assert (ROOT / "samples" / "lavrov-yerevan-2025.yaml").is_file()
    assert (ROOT / "seeds" / "lavrov-yerevan-visit-2025.txt").is_file()


def test_readme_check_transcript_is_real_output(monkeypatch):
    from click.testing import CliRunner

    block = re.search(r"\$ briefwright check (\S+)\n(.*?)\$ echo \$\?\n(\d+)\n", README, re.DOTALL)
    assert block, "README shows `briefwright check` with its output and exit code"
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", block.group(1)])
    assert result.output == block.group(2)
    assert result.exit_code == int(block.group(3))


def _files(directory) -> set[str]:
    return {str(p.relative_to(directory)) for p in directory.rglob("*")}


def test_readme_python_examples_run(tmp_path, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
    assert len(blocks) == 2, "README shows the Python API in two blocks: in memory, then files"
    (tmp_path / "samples").mkdir()
    sample = ROOT / "samples" / "lavrov-yerevan-2025.yaml"
    text = sample.read_text(encoding="utf-8").replace("../seeds/", f"{ROOT}/seeds/")
    (tmp_path / "samples" / sample.name).write_text(text, encoding="utf-8")
    article = sample.with_name("lavrov-yerevan-visit-2025.txt")
    (tmp_path / "samples" / article.name).write_bytes(article.read_bytes())
    monkeypatch.chdir(tmp_path)
    before = _files(tmp_path)
    namespace: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)
    assert _files(tmp_path) == before, "the in-memory example writes nothing"
    pages = pdf_pages_text(namespace["pdf"])
    assert "Grain corridor talks resume" in squash(pages[0])
    assert namespace["summary"].summary.key_points[0].text.startswith("Both delegations")
    assert namespace["problems"] == []
    exec(compile(blocks[1], "README.md", "exec"), namespace)
    names = ["lavrov-yerevan-2025.executive.pdf", "lavrov-yerevan-2025.executive.docx"]
    assert [str(p) for p in namespace["paths"]] == [f"briefings/{name}" for name in names]
    assert _files(tmp_path) - before == {"briefings", *(f"briefings/{n}" for n in names)} | {
        "briefings/.briefwright-manifest.json"
    }
    assert namespace["message"].startswith("draft.yaml:2:1: not valid YAML")
