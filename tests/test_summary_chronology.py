"""Timeline order: by start date, with the author's order kept where one date holds the other."""

from __future__ import annotations

import pytest
from conftest import SAMPLE

from briefwright import load_summary
from briefwright.summary import chronology
from briefwright.summary.chronology import chronological
from briefwright.summary.dates import DateSpec


def _ordered(*texts: str) -> list[str]:
    return [spec.iso for spec in chronological([DateSpec.parse(t) for t in texts], lambda s: s)]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # a month holds its days: whichever the author wrote first stays first
        (["2025-05-03", "2025-05"], ["2025-05-03", "2025-05"]),
        (["2025-05", "2025-05-03"], ["2025-05", "2025-05-03"]),
        # a year holds its months, a range its days
        (["2025-02", "2025"], ["2025-02", "2025"]),
        (["2025-05-21", "2025-05-20/2025-05-22"], ["2025-05-21", "2025-05-20/2025-05-22"]),
        # dates that do not hold one another go by start, whatever the author's order
        (["2025-06", "2025-05-03", "2024"], ["2024", "2025-05-03", "2025-06"]),
        (["2025-05-09", "2025-05-03", "2025-05"], ["2025-05-03", "2025-05-09", "2025-05"]),
        # equal dates keep their order
        (["2025-05", "2025-05-01", "2025-05"], ["2025-05", "2025-05-01", "2025-05"]),
    ],
)
def test_timeline_order(written: list[str], shown: list[str]) -> None:
    assert _ordered(*written) == shown


def test_a_month_among_days_of_other_months_sits_by_its_own_start() -> None:
    written = ["2025-06-02", "2025-05", "2025-04-30", "2025-05-03"]
    assert _ordered(*written) == ["2025-04-30", "2025-05", "2025-05-03", "2025-06-02"]


def test_a_very_long_timeline_is_sorted_by_start_and_end(monkeypatch) -> None:
    monkeypatch.setattr(chronology, "MAX_ORDERED", 2)
    assert _ordered("2025-05-03", "2025-05", "2024") == ["2024", "2025-05", "2025-05-03"]


def test_the_sample_keeps_its_day_before_the_month_it_falls_in() -> None:
    timeline = load_summary(SAMPLE).summary.timeline
    events = [entry.date.iso for entry in chronological(timeline, lambda e: e.date)]
    assert events.index("2025-05-03") < events.index("2025-05")
