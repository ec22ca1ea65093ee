"""Mistakes people make writing a summary by hand get a message that says what to write."""

from __future__ import annotations

import pytest

from briefwright.errors import InvalidSummary
from briefwright.summary.hints import date_hint
from briefwright.summary.load import load_text

VALID = "source: {title: S}\nsummary: x\nkey_points: [k]\n"


def _lines(text: str, name: str = "s.yaml") -> list[str]:
    with pytest.raises(InvalidSummary) as raised:
        load_text(text, name=name, parser="yaml")
    return [str(issue) for issue in raised.value.issues]


def test_an_unquoted_colon_in_a_value_says_how_to_quote_it():
    (line,) = _lines("title: Meeting: the outcome\n" + VALID)
    assert line == (
        "s.yaml:1:15: not valid YAML: mapping values are not allowed in this context; a value "
        "holding ': ' must be put in quotes: title: \"Meeting: the outcome\""
    )


def test_the_quoting_hint_escapes_what_the_value_holds():
    (line,) = _lines('title: T\nsummary: a "b": c\nsource: {title: S}\nkey_points: [k]\n')
    assert line.endswith('must be put in quotes: summary: "a \\"b\\": c"')


def test_a_day_month_year_date_gets_its_iso_form():
    lines = _lines("title: T\ndate: 22/05/2025\n" + VALID)
    assert lines == [
        "s.yaml:2:1: date: expected a date YYYY-MM-DD, got text '22/05/2025' "
        "(did you mean 2025-05-22?)"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("22/05/2025", "did you mean 2025-05-22?"),
        ("5/22/2025", "did you mean 2025-05-22?"),
        ("03.04.2025", "did you mean 2025-04-03 (day/month/year) or 2025-03-04 (month/day/year)?"),
        ("07/07/2025", "did you mean 2025-07-07?"),
        ("31/31/2025", None),
        ("2025-05-22", None),
        (20250522, None),
    ],
)
def test_date_hint(written, hint):
    assert date_hint(written) == hint


def test_a_timeline_date_gets_the_hint_too():
    text = "title: T\n" + VALID + "timeline:\n  - date: 22.05.2025\n    event: e\n"
    (line,) = _lines(text)
    assert line.startswith("s.yaml:6:5: timeline[0].date:")
    assert line.endswith("(did you mean 2025-05-22?)")
