"""Property: any text a document can hold survives loading literally, from YAML and from JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefwright.errors import InvalidSummary
from briefwright.summary import load_summary

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MINIMAL = {"title": "T", "source": {"title": "S"}, "summary": "x", "key_points": ["k"]}
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
holdable = st.text(min_size=1).filter(lambda t: t.strip() and not FORBIDDEN.search(t))


def _dump(data: dict, suffix: str) -> str:
    if suffix == ".json":
        return json.dumps(data, ensure_ascii=False)
    # Double quotes, because PyYAML writes U+0085 and U+2028 raw into plain scalars, where
    # YAML itself reads them as line breaks.
    return yaml.safe_dump(data, allow_unicode=True, default_style='"')


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@SETTINGS
@given(text=holdable)
@example(text="* # | <b> & {{ 7*7 }} <font color=red> <img src=x>")
@example(text="no")
@example(text="10:30")
@example(text="Հայաստան Azərbaycan ə ş ğ ı İ العربية 🙂 e\u0301")
def test_any_holdable_text_loads_literally(tmp_path: Path, suffix: str, text: str) -> None:
    path = tmp_path / f"s{suffix}"
    data = {**MINIMAL, "title": text, "tags": [text], "key_points": [{"text": text}]}
    path.write_text(_dump(data, suffix), encoding="utf-8")
    summary = load_summary(path).summary
    assert summary.title == summary.tags[0] == summary.key_points[0].text == text.strip()


@SETTINGS
@given(
    before=st.text(max_size=5),
    bad=st.sampled_from(["\x00", "\x01", "\x08", "\x0b", "\x1b", "\ud800", "\udfff", "\ufffe"]),
)
def test_forbidden_characters_in_json_escapes_are_one_located_issue(
    tmp_path: Path, before: str, bad: str
) -> None:
    path = tmp_path / "s.json"
    # ensure_ascii writes every character as an escape, as a JSON exporter may.
    path.write_text(json.dumps({**MINIMAL, "summary": before + bad + "x"}), encoding="utf-8")
    with pytest.raises(InvalidSummary) as caught:
        load_summary(path)
    [issue] = caught.value.issues
    assert issue.location.field == "summary" and issue.location.line == 1
    assert "which documents cannot hold" in issue.message
