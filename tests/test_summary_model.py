"""The models through validate_data: the Python-side entry used for dicts built in code."""

from __future__ import annotations

import datetime

import pydantic
import pytest

from briefwright.errors import InvalidSummary
from briefwright.summary import LIKELIHOOD_RANGES, DateSpec, Summary, validate_data

MINIMAL = {
    "title": "T",
    "source": {"title": "S"},
    "summary": "Bottom line.",
    "key_points": ["One point."],
}


def _with(**fields: object) -> dict:
    return {**MINIMAL, **fields}


def _lines(data: object, **kwargs: object) -> list[str]:
    with pytest.raises(InvalidSummary) as caught:
        validate_data(data, **kwargs)
    return caught.value.lines()


def test_minimal_summary_has_empty_lists_and_no_optional_values() -> None:
    summary = validate_data(MINIMAL).summary
    assert isinstance(summary, Summary)
    assert (summary.quotes, summary.timeline, summary.implications, summary.tags) == (
        [],
        [],
        [],
        [],
    )
    assert summary.date is None and summary.schema_version is None and summary.marking is None


def test_bare_strings_become_items_with_text() -> None:
    summary = validate_data(
        _with(key_points=["a", {"text": "b"}], implications=["i"], recommendations=["r"])
    ).summary
    assert [k.text for k in summary.key_points] == ["a", "b"]
    assert summary.implications[0].text == "i" and summary.implications[0].likelihood is None
    assert summary.recommendations[0].text == "r" and summary.recommendations[0].audiences is None


def test_audiences_and_priority_are_kept() -> None:
    point = {"text": "p", "priority": 2, "audiences": ["executive", "analyst"]}
    quote = {"text": "q", "speaker": "s", "audiences": ["public"]}
    entry = {"date": "2025-05", "event": "e", "audiences": ["analyst"]}
    summary = validate_data(_with(key_points=[point], quotes=[quote], timeline=[entry])).summary
    assert summary.key_points[0].priority == 2
    assert summary.key_points[0].audiences == ["executive", "analyst"]
    assert summary.quotes[0].audiences == ["public"]
    assert summary.timeline[0].audiences == ["analyst"]


@pytest.mark.parametrize("term", list(LIKELIHOOD_RANGES))
def test_every_icd_203_term_is_accepted_in_any_case(term: str) -> None:
    for written in (term, term.upper(), term.title(), "  " + term.replace(" ", "  ")):
        implication = {"text": "i", "likelihood": written, "confidence": "Moderate"}
        loaded = validate_data(_with(implications=[implication])).summary.implications[0]
        assert (loaded.likelihood, loaded.confidence) == (term, "moderate")


def test_likelihood_ranges_follow_icd_203() -> None:
    assert LIKELIHOOD_RANGES == {
        "almost no chance": (1, 5),
        "very unlikely": (5, 20),
        "unlikely": (20, 45),
        "roughly even chance": (45, 55),
        "likely": (55, 80),
        "very likely": (80, 95),
        "almost certain": (95, 99),
    }


def test_dates_accept_python_values() -> None:
    entries = [{"date": datetime.date(2025, 5, 20), "event": "d"}, {"date": 2024, "event": "y"}]
    summary = validate_data(_with(date=datetime.date(2025, 5, 23), timeline=entries)).summary
    assert summary.date == datetime.date(2025, 5, 23)
    assert [e.date for e in summary.timeline] == [
        DateSpec.parse("2025-05-20"),
        DateSpec.parse("2024"),
    ]
    assert summary.model_dump(mode="json")["timeline"][1]["date"] == "2024"


def test_text_is_stripped_but_otherwise_literal() -> None:
    title = "  * # | <b> & {{ 7*7 }}\n"
    assert validate_data(_with(title=title)).summary.title == "* # | <b> & {{ 7*7 }}"


def test_models_are_frozen() -> None:
    summary = validate_data(MINIMAL).summary
    with pytest.raises(pydantic.ValidationError):
        summary.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("url", ["https://example.org/a?b=c", "HTTP://EXAMPLE.ORG"])
def test_http_urls_are_accepted(url: str) -> None:
    assert validate_data(_with(source={"title": "S", "url": url})).summary.source.url == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mailto:a@b.org", "expected an http:// or https:// address, got 'mailto:a@b.org'"),
        ("file:///etc/passwd", "expected an http:// or https:// address, got 'file:///etc/passwd'"),
        ("https://", "expected an http:// or https:// address, got 'https://'"),
        ("https://a.org/x y", "a web address cannot contain spaces"),
    ],
)
def test_other_urls_are_refused(url: str, message: str) -> None:
    assert _lines(_with(source={"title": "S", "url": url})) == [f"source.url: {message}"]


def test_issues_without_a_file_name_only_the_field() -> None:
    data = {"source": {"title": "S"}, "summary": "x", "key_points": ["k"], "schema_version": True}
    assert _lines(data) == [
        "schema_version: this briefwright reads schema version 1, got the boolean true",
        "title: required field is missing",
    ]


def test_issues_name_the_file_when_given() -> None:
    lines = _lines(_with(key_points=[]), file="from-code.yaml")
    assert lines == ["from-code.yaml: key_points: needs at least one key point"]


def test_top_level_must_be_a_mapping() -> None:
    assert _lines(["a"]) == [
        "expected a mapping of summary fields (title, source, summary, ...), got a list"
    ]


def test_positions_given_with_data_locate_issues() -> None:
    positions = {(): (1, 1), ("title",): (3, 1)}
    lines = _lines(_with(title=["x"]), file="f.yaml", positions=positions)
    assert lines == ["f.yaml:3:1: title: expected text, got a list"]


def test_a_flood_of_issues_is_cut_after_the_first_hundred() -> None:
    lines = _lines(_with(tags=[["x"]] * 250), file="f.yaml")
    assert len(lines) == 101
    assert lines[0] == "f.yaml: tags[0]: expected text, got a list"
    assert lines[99] == "f.yaml: tags[99]: expected text, got a list"
    assert lines[100] == "f.yaml: ... and 150 more problems"
