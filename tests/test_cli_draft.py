"""`draft` on the command line: the schema line editors read, the schema beside the draft, and
--force for a draft that was edited since."""

from __future__ import annotations

import json

import jsonschema
import yaml
from click.testing import CliRunner
from conftest import SAMPLE

from briefwright.cli import main
from briefwright.summary import summary_json_schema

ARTICLE = SAMPLE.with_name("lavrov-yerevan-visit-2025.txt")


def _invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_draft_points_editors_at_the_schema_written_beside_it(tmp_path):
    result = _invoke("draft", ARTICLE, "-o", tmp_path / "d.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"wrote {tmp_path / 'd.yaml'}",
        f"wrote {tmp_path / 'summary.schema.json'}",
    ]
    first = (tmp_path / "d.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=summary.schema.json"
    schema = json.loads((tmp_path / "summary.schema.json").read_text(encoding="utf-8"))
    assert schema == summary_json_schema()
    data = yaml.safe_load((tmp_path / "d.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(data, default=str)))


def test_a_schema_already_there_is_left_alone(tmp_path):
    (tmp_path / "summary.schema.json").write_text("{}  // ours\n")
    result = _invoke("draft", ARTICLE, "-o", tmp_path / "d.yaml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "summary.schema.json").read_text() == "{}  // ours\n"


def test_a_draft_to_standard_output_has_the_schema_line_first(tmp_path):
    result = _invoke("draft", ARTICLE)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# yaml-language-server: $schema=summary.schema.json\n")


def test_an_edited_draft_is_replaced_only_with_force(tmp_path):
    target = tmp_path / "d.yaml"
    assert _invoke("draft", ARTICLE, "-o", target).exit_code == 0
    target.write_text(target.read_text(encoding="utf-8") + "# my notes\n", encoding="utf-8")
    refused = _invoke("draft", ARTICLE, "-o", target)
    assert refused.exit_code == 1
    assert "use --force to overwrite" in refused.stderr
    assert target.read_text(encoding="utf-8").endswith("# my notes\n")
    forced = _invoke("draft", ARTICLE, "-o", target, "--force")
    assert forced.exit_code == 0, forced.output
    assert not target.read_text(encoding="utf-8").endswith("# my notes\n")


def test_schema_writes_the_file_a_draft_points_at(tmp_path):
    result = _invoke("schema", "-o", tmp_path / "summary.schema.json")
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "summary.schema.json").read_text(encoding="utf-8"))
    assert written == summary_json_schema()
    printed = _invoke("schema")
    assert json.loads(printed.stdout) == written
