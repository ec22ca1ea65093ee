"""An article's file name is data in a drafted summary: a line break in it cannot end the
header comment and write YAML of its own."""

from __future__ import annotations

import yaml

from briefwright.fidelity import draft_summary


def test_a_line_break_in_the_file_name_stays_in_the_comment():
    name = 'a\nmarking: "TLP:RED"\n#.txt'
    drafted = draft_summary("Ann Lee said: “We stay.”\n", name)
    data = yaml.safe_load(drafted)
    assert "marking" not in data
    assert data["source"]["text"] == name
    assert drafted.splitlines()[0].startswith('# Draft summary of a\\nmarking: \\"TLP:RED\\"')
