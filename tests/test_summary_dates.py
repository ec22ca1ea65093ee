"""DateSpec: parsing partial dates and ranges, their labels, bounds and chronological order."""

from __future__ import annotations

import datetime

import pytest

from briefwright.summary import DateSpec

D = datetime.date


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2025", "2025", "2025-01-01", "2025-12-31"),
        ("2025-05", "May 2025", "2025-05-01", "2025-05-31"),
        ("2024-02", "February 2024", "2024-02-01", "2024-02-29"),
        ("2025-05-20", "20 May 2025", "2025-05-20", "2025-05-20"),
        ("2025-05-20/2025-05-21", "20–21 May 2025", "2025-05-20", "2025-05-21"),
        ("2025-05-30/2025-06-02", "30 May – 2 June 2025", "2025-05-30", "2025-06-02"),
        ("2024-12-30/2025-01-02", "30 December 2024 – 2 January 2025", "2024-12-30", "2025-01-02"),
        ("2025-05/2025-06", "May–June 2025", "2025-05-01", "2025-06-30"),
        ("2024-12/2025-01", "December 2024 – January 2025", "2024-12-01", "2025-01-31"),
        ("2024/2025", "2024–2025", "2024-01-01", "2025-12-31"),
        ("2025-05/2025-06-03", "May 2025 – 3 June 2025", "2025-05-01", "2025-06-03"),
    ],
)
def test_parse_gives_label_and_bounds(text: str, label: str, start: str, end: str) -> None:
    spec = DateSpec.parse(text)
    assert (spec.label, spec.start, spec.end) == (
        label,
        D.fromisoformat(start),
        D.fromisoformat(end),
    )
    assert str(spec) == label
    assert spec.iso == text
    assert spec.is_range == ("/" in text)


def test_iso_normalises_spaces_around_the_range_sign() -> None:
    assert DateSpec.parse(" 2025-05-30 / 2025-06-02 ").iso == "2025-05-30/2025-06-02"


NOT_A_DATE = "expected a date YYYY, YYYY-MM, YYYY-MM-DD or a range START/END, got"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "2025-02-30 is not a real date: February 2025 has 28 days"),
        ("2025-13", "2025-13 is not a real date: months run from 01 to 12"),
        ("2025-00-10", "2025-00-10 is not a real date: months run from 01 to 12"),
        ("0000", "0000 is not a real date: there is no year 0"),
        ("2025-05-21/2025-05-20", "the range 2025-05-21/2025-05-20 ends before it starts"),
        ("2025-06/2025-05-31", "the range 2025-06/2025-05-31 ends before it starts"),
        ("May 2025", f"{NOT_A_DATE} 'May 2025'"),
        ("2025-5-1", f"{NOT_A_DATE} '2025-5-1'"),
        ("2025/", f"{NOT_A_DATE} '2025/'"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        DateSpec.parse(text)
    assert str(caught.value) == message


def test_leap_day_is_a_real_date_in_a_leap_year() -> None:
    assert DateSpec.parse("2024-02-29").label == "29 February 2024"


def test_sort_key_orders_chronologically_with_coarser_dates_after_their_first_day() -> None:
    texts = ["2025-06", "2024-12-25", "2025", "2025-01-01", "2025-05-20/2025-05-21", "2025-05-20"]
    ordered = sorted(texts, key=lambda t: DateSpec.parse(t).sort_key)
    assert ordered == [
        "2024-12-25",
        "2025-01-01",
        "2025",
        "2025-05-20",
        "2025-05-20/2025-05-21",
        "2025-06",
    ]
