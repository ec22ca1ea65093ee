"""A summary file name is data: a CR/LF in it cannot crash `mail` or reach a header, and
control characters in names and template descriptions never reach the terminal raw."""

from __future__ import annotations

import email
import email.policy
import shutil

from click.testing import CliRunner
from conftest import SAMPLE

from briefwright.cli import main

ARTICLE = SAMPLE.with_name("lavrov-yerevan-visit-2025.txt")


def _invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _crlf_summary(tmp_path):
    path = tmp_path / "a\r\nBcc: x@evil.example\r\nb.yaml"
    shutil.copy(SAMPLE, path)
    shutil.copy(ARTICLE, tmp_path)
    return path


def test_mail_with_a_line_break_in_the_summary_name(tmp_path):
    summary = _crlf_summary(tmp_path)
    out = tmp_path / "out"
    result = _invoke(
        "mail", summary, "--attach", "pdf", "--to", "a@example.org", "-o", out / "m.eml"
    )
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes((out / "m.eml").read_bytes(), policy=email.policy.default)
    assert message["Bcc"] is None
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "a__Bcc: x@evil.example__b.analyst.pdf"


def test_render_names_outputs_without_the_control_characters(tmp_path):
    summary = _crlf_summary(tmp_path)
    result = _invoke("render", summary, "-f", "md", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").glob("*.md")] == [
        "a__Bcc: x@evil.example__b.analyst.md"
    ]
    assert "\r" not in result.stdout


def test_messages_show_control_characters_in_a_file_name_as_escapes(tmp_path):
    path = tmp_path / "bad\x1b[31mred\x07.yaml"
    path.write_text("title: [\n")
    result = _invoke("validate", path)
    assert result.exit_code == 3
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "bad\\x1b[31mred\\x07.yaml:2:1: not valid YAML" in result.stderr


def test_templates_listing_strips_escapes_and_bells_from_descriptions(tmp_path, monkeypatch):
    template = tmp_path / "templates" / "loud"
    template.mkdir(parents=True)
    (template / "template.toml").write_text(
        'extends = "analyst"\ndescription = "Plain \\u001b]0;pwned\\u0007 \\u001b[2Jcleared"\n'
    )
    monkeypatch.chdir(tmp_path)
    result = _invoke("templates")
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("loud")]
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Plain \\x1b]0;pwned\\x07 \\x1b[2Jcleared" in line


def test_a_message_of_several_lines_keeps_them_and_escapes_the_rest():
    from briefwright.cli.terminal import clean

    text = "template 'x\x1b[2J' not found\n  searched a\rb"
    assert clean(text, lines=True) == "template 'x\\x1b[2J' not found\n  searched a\\rb"
    assert clean(text) == "template 'x\\x1b[2J' not found\\n  searched a\\rb"


def test_an_unknown_template_lists_where_it_looked_line_by_line(tmp_path):
    result = _invoke("render", SAMPLE, "-t", "nope", "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "template 'nope' not found"
    assert all(line.startswith("  ") for line in lines[1:]) and len(lines) > 2
