"""Several sources in one summary: `sources` with ids, items citing them with `source: ID`,
every mistake located, `source` alone unchanged, and the JSON Schema saying the same."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import ROOT, SAMPLE

from briefwright.errors import InvalidSummary
from briefwright.summary import load_summary, summary_json_schema, validate_data

TWO = ROOT / "tests" / "data" / "fidelity" / "two-sources.yaml"


def _data(**changes: object) -> dict:
    data = {
        "title": "T",
        "sources": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
        "summary": "S",
        "key_points": ["k"],
    }
    data.update(changes)
    return data


def _messages(data: dict) -> list[str]:
    with pytest.raises(InvalidSummary) as caught:
        validate_data(data)
    return [f"{i.location.field}: {i.message}" for i in caught.value.issues]


def test_the_first_of_several_sources_is_the_main_source():
    summary = load_summary(TWO).summary
    assert summary.source.id == "lavrov" and summary.source == summary.sources[0]
    assert [s.id for s in summary.source_list()] == ["lavrov", "border"]
    assert summary.source_number("border") == 2 and summary.source_number(None) is None
    assert [q.source for q in summary.quotes] == [None, "border", "border"]


def test_a_single_source_works_as_before():
    summary = load_summary(SAMPLE).summary
    assert summary.sources is None and summary.source_list() == [summary.source]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"sources": [{"title": "A"}]}, "sources[0]: a source in `sources` needs an `id`"),
        (
            {"sources": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]},
            "sources[1].id: id 'a' is already used by sources[0]",
        ),
        ({"source": {"title": "A"}}, "sources: give either `source` or `sources`, not both"),
        ({"quotes": [{"text": "x", "speaker": "y", "source": "c"}]}, "quotes[0].source: unknown"),
        ({"timeline": [{"date": "2025", "event": "e", "source": "aa"}]}, "did you mean 'a'?"),
        ({"key_points": [{"text": "k", "source": "z"}]}, "the sources are: a, b"),
        ({"implications": [{"text": "i", "source": "z"}]}, "implications[0].source: unknown"),
        ({"sources": [{"id": "a b", "title": "A"}]}, "sources[0].id: a source id is up to 40"),
        ({"sources": []}, "sources: needs at least 1 item"),
    ],
)
def test_source_mistakes_are_located(changes, expected):
    assert any(expected in message for message in _messages(_data(**changes)))


def test_an_error_in_the_first_source_is_reported_once():
    messages = _messages(_data(sources=[{"id": "a"}]))
    assert messages == ["sources[0].title: required field is missing"]


def test_neither_source_nor_sources_names_both():
    messages = _messages({"title": "T", "summary": "S", "key_points": ["k"]})
    assert messages == [
        "source: required field is missing: give `source` (the article) or `sources` (several)"
    ]


def test_citing_a_single_source_needs_its_id():
    data = {"title": "T", "source": {"title": "A"}, "summary": "S", "key_points": ["k"]}
    data["quotes"] = [{"text": "x", "speaker": "y", "source": "a"}]
    assert _messages(data) == [
        "quotes[0].source: unknown source 'a': give the source an `id` to cite it"
    ]
    data["source"]["id"] = "a"
    assert validate_data(data).summary.quotes[0].source == "a"


def test_the_json_schema_accepts_source_or_sources_and_refuses_neither():
    schema = summary_json_schema()
    as_json = json.loads(json.dumps(yaml.safe_load(TWO.read_text("utf-8")), default=str))
    jsonschema.validate(as_json, schema)
    jsonschema.validate(_data(), schema)
    neither = _data()
    del neither["sources"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(neither, schema)
    assert schema["$defs"]["Quote"]["properties"]["source"]["anyOf"][0]["pattern"]
