"""Hints added to validation messages for mistakes people often make in a summary by hand."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace
from typing import Any

from briefwright.errors import Issue
from briefwright.summary.paths import parse_path

# 22/05/2025, 22.05.2025, 5-22-2025: day and month first, the year last
_DAY_MONTH_YEAR = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*")


def date_hint(value: object) -> str | None:
    """'did you mean 2025-05-22?' for a date written day/month/year (or month/day/year)."""
    match = _DAY_MONTH_YEAR.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    first, second, year = (int(part) for part in match.groups())
    readings = []
    for day, month, order in ((first, second, "day/month/year"), (second, first, "month/day/year")):
        try:
            readings.append((datetime.date(year, month, day).isoformat(), order))
        except ValueError:
            continue
    if not readings or (len(readings) == 2 and readings[0][0] == readings[1][0]):
        return f"did you mean {readings[0][0]}?" if readings else None
    if len(readings) == 1:
        return f"did you mean {readings[0][0]}?"
    (a, order_a), (b, order_b) = readings
    return f"did you mean {a} ({order_a}) or {b} ({order_b})?"


def with_hints(issues: list[Issue], data: Any) -> list[Issue]:
    """The issues, each with a hint added where the value it is about suggests one."""
    return [_hinted(issue, data) for issue in issues]


def _hinted(issue: Issue, data: Any) -> Issue:
    if not issue.location.field:
        return issue
    hint = date_hint(_value_at(data, issue.location.field))
    if hint is None:
        return issue
    return replace(issue, message=f"{issue.message} ({hint})")


def _value_at(data: Any, field: str) -> Any:
    value = data
    for part in parse_path(field):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return None
    return value
