"""The marking is shown once at the top of the Markdown and of the mail body, not twice."""

from __future__ import annotations

import email
import email.policy

from click.testing import CliRunner
from conftest import SAMPLE

from briefwright.cli import main


def _head(text: str) -> str:
    """The top of a briefing: everything before its first section heading."""
    return text.split("\n## ", 1)[0]


def test_the_markdown_shows_the_marking_once_at_the_top(tmp_path):
    result = CliRunner().invoke(main, ["render", str(SAMPLE), "-f", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "lavrov-yerevan-2025.analyst.md").read_text(encoding="utf-8")
    assert markdown.startswith("**TLP:AMBER**\n")
    assert _head(markdown).count("TLP:AMBER") == 1


def test_the_mail_body_shows_the_marking_once_at_the_top(tmp_path):
    eml = tmp_path / "m.eml"
    result = CliRunner().invoke(main, ["mail", str(SAMPLE), "-o", str(eml), "--attach", ""])
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    body = message.get_body(("plain",)).get_content()
    assert _head(body).count("TLP:AMBER") == 1
