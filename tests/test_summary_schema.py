"""The JSON Schema: valid for editors, accepts the valid fixtures, refuses what we refuse."""

from __future__ import annotations

import datetime
import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from briefwright.api import validate
from briefwright.summary import load_summary, summary_json_schema

DATA = Path(__file__).parent / "data" / "summaries"
# yaml11-strings.yaml relies on YAML 1.1 scalars (title: 2025) staying text; an editor
# reading YAML 1.2 sees numbers there, so it is checked through its validated model only.
EDITOR_VIEW = sorted(p for p in (DATA / "valid").iterdir() if p.name != "yaml11-strings.yaml")
MINIMAL = {"title": "T", "source": {"title": "S"}, "summary": "x", "key_points": ["k"]}


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = summary_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _as_editor_sees_it(path: Path) -> Any:
    """The file's data as a JSON-based editor sees it: dates are strings."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    return json.loads(json.dumps(data, default=_iso))


def _iso(value: object) -> str:
    assert isinstance(value, datetime.date)
    return value.isoformat()


@pytest.mark.parametrize("path", EDITOR_VIEW, ids=lambda p: p.name)
def test_schema_accepts_valid_fixtures(path: Path) -> None:
    _validator().validate(_as_editor_sees_it(path))


@pytest.mark.parametrize("path", sorted((DATA / "valid").iterdir()), ids=lambda p: p.name)
def test_schema_accepts_every_validated_summary(path: Path) -> None:
    dumped = load_summary(path).summary.model_dump(mode="json", exclude_none=True)
    _validator().validate(dumped)


@pytest.mark.parametrize(
    "change",
    [
        {"titel": "T"},
        {"title": None},
        {"key_points": []},
        {"source": {"title": "S", "url": "javascript:alert(1)"}},
        {"implications": [{"text": "i", "likelihood": "probable"}]},
        {"implications": [{"text": "i", "confidence": "medium"}]},
        {"timeline": [{"date": "2025-5", "event": "e"}]},
        {"key_points": [{"text": "k", "audiences": []}]},
        {"schema_version": 2},
    ],
    ids=repr,
)
def test_schema_refuses_what_briefwright_refuses(change: dict) -> None:
    data = {**MINIMAL, **change}
    assert list(_validator().iter_errors(data))


def test_every_field_has_a_description() -> None:
    schema = summary_json_schema()
    models = {"Summary": schema, **schema["$defs"]}
    missing = [
        f"{model}.{name}"
        for model, definition in models.items()
        for name, field in definition["properties"].items()
        if not field.get("description")
    ]
    assert missing == []


def test_audiences_and_priority_are_documented() -> None:
    defs = summary_json_schema()["$defs"]
    for model in ("KeyPoint", "Quote", "TimelineEntry", "Implication", "Recommendation"):
        assert "audience" in defs[model]["properties"]["audiences"]["description"]
    assert "most important" in defs["KeyPoint"]["properties"]["priority"]["description"]


def test_bare_strings_are_allowed_where_the_format_allows_them() -> None:
    properties = summary_json_schema()["properties"]
    for name in ("key_points", "implications", "recommendations"):
        assert {"type": "string", "minLength": 1, "pattern": r"\S"} in properties[name]["items"][
            "anyOf"
        ]
    assert "anyOf" not in properties["quotes"]["items"]


def test_each_call_returns_a_fresh_copy() -> None:
    summary_json_schema()["properties"].clear()
    assert "title" in summary_json_schema()["properties"]


def test_schema_names_its_draft_and_the_format() -> None:
    schema = summary_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/summary-1.json")
    assert "schema_version 1" in schema["$comment"]
    assert schema["title"] == "briefwright summary"
    assert schema["required"] == ["title", "summary", "key_points"]
    assert schema["anyOf"] == [{"required": ["source"]}, {"required": ["sources"]}]


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({"key_points": [{"text": "k", "priority": 0}]}, False),
        ({"key_points": [{"text": "k", "priority": 1001}]}, False),
        ({"key_points": [{"text": "k", "priority": 1000}]}, True),
        ({"implications": [{"text": "i", "likelihood": "lIkElY"}]}, True),
        ({"implications": [{"text": "i", "likelihood": " Very   Likely "}]}, True),
        ({"implications": [{"text": "i", "likelihood": "likelyish"}]}, False),
        ({"implications": [{"text": "i", "confidence": "MoDeRaTe"}]}, True),
        ({"title": "   "}, False),
        ({"title": "  T  "}, True),
        ({"key_points": ["  "]}, False),
    ],
    ids=repr,
)
def test_schema_and_validate_agree_on_bounds_case_and_blank_text(
    tmp_path: Path, change: dict, valid: bool
) -> None:
    data = {**MINIMAL, **change}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert validate(path) == [] if valid else validate(path) != []
    assert (
        not list(_validator().iter_errors(data)) if valid else list(_validator().iter_errors(data))
    )


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates stay text, as JSON has no dates."""


_EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# What JSON Schema cannot say, each with why (the README lists them too). A file here must
# still disagree, so that the list stays true.
SCHEMA_CANNOT = {
    "alias.yaml": "YAML aliases are refused by briefwright; the editor expands them",
    "merge-key.yaml": "YAML merge keys (<<) are refused by briefwright; the editor merges them",
    "duplicate-key.yaml": "a key written twice; the editor keeps the last value",
    "json-duplicate-key.json": "a key written twice; the editor keeps the last value",
    "xml-forbidden.yaml": "characters XML cannot hold (U+FFFE, lone surrogates) in text",
    "json-xml-forbidden.json": "characters XML cannot hold (U+FFFE, lone surrogates) in text",
    "yaml11-strings.yaml": "YAML 1.1 plain scalars (title: 2025, yes) are text to briefwright",
    "marking-order.yaml": "a portion marked above the summary: markings are ordered by scheme",
    "marked-portion-unmarked-summary.yaml": "a marked portion needs a marked summary",
    "bad-language.yaml": "a language tag of the right shape that names no known language",
}


def _schema_verdict(path: Path) -> bool:
    """True if the schema accepts the file as an editor reads it; a file the editor cannot
    read at all (bad syntax, not UTF-8, a tag it cannot build) is refused as well."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text, _EditorLoader)
    except (ValueError, yaml.YAMLError):
        return False
    return not list(_validator().iter_errors(data))


FIXTURES = sorted(p for p in DATA.glob("*/*") if p.suffix != ".expected")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_gives_validates_verdict_on_every_fixture(path: Path) -> None:
    by_validate = validate(path) == []
    assert by_validate == (path.parent.name == "valid")
    if path.name in SCHEMA_CANNOT:
        assert _schema_verdict(path) != by_validate, "no longer an exception: drop it"
    else:
        assert _schema_verdict(path) == by_validate
