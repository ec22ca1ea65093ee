"""Dates in a language other than the house English, from Babel's CLDR data.

Partial dates are given as (year, month or None, day or None). A day reads as the language's
long date ("22 mai 2025", "22 мая 2025 г."), a month as month and year, a year as itself; a
range of two dates of the same precision uses CLDR's interval patterns ("20–21 mai 2025"),
and any other range joins its two ends with the language's fallback pattern.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Literal

from briefwright.i18n.tags import babel_locale

# Babel is imported in the functions: only a briefing in another language than the house
# English needs it, and its date module takes a while to import.

Point = tuple[int, int | None, int | None]  # (year, month, day)
_SKELETONS = {"day": "yMMMMd", "month": "yMMMM", "year": "y"}
_SHORT_MONTH = re.compile(r"(?<![ML])[ML]{3}(?![ML])")


def day_label(value: datetime.date, language: str) -> str:
    """A whole date as the language writes it in running text."""
    from babel.dates import format_skeleton

    return _no_break(format_skeleton(_SKELETONS["day"], value, locale=babel_locale(language)))


def point_label(point: Point, language: str) -> str:
    """A year, a month or a day."""
    from babel.dates import format_skeleton

    locale = babel_locale(language)
    skeleton = _SKELETONS[_precision(point)]
    return _no_break(format_skeleton(skeleton, _first_day(point), locale=locale))


def range_label(a: Point, b: Point, language: str) -> str:
    """From `a` to `b`, sharing what the two have in common where CLDR says how."""
    from babel.dates import format_interval

    locale = babel_locale(language)
    precision = _precision(a)
    if precision == "day" and _precision(b) == "day":
        label = _day_range(_first_day(a), _first_day(b), language) or _fallback(a, b, language)
    elif precision == _precision(b):
        start, end = _first_day(a), _first_day(b)
        label = format_interval(start, end, _SKELETONS[precision], locale=locale)
    else:
        label = _fallback(a, b, language)
    return _no_break(label)


def _no_break(label: str) -> str:
    """CLDR's narrow no-break space ("2025 г.") as a plain no-break space, which every
    font has and every writer keeps unbroken (the PDF's line breaking breaks at U+202F)."""
    return label.replace("\u202f", "\u00a0")


def _day_range(start: datetime.date, end: datetime.date, language: str) -> str | None:
    """CLDR's day-range pattern with whole month names, as a single date has them.

    CLDR has day ranges only with abbreviated months ("20 sept. – 2 oct. 2025"), and its
    rule for a wider request is to widen the month field, which Babel does not do.
    """
    from babel.dates import format_date

    locale = babel_locale(language)
    patterns = locale.interval_formats.get("yMMMd")
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    halves = patterns.get(field) if patterns else None
    if not halves or len(halves) != 2:
        return None
    first, second = (_SHORT_MONTH.sub("MMMM", half) for half in halves)
    return format_date(start, first, locale=locale) + format_date(end, second, locale=locale)


def _fallback(a: Point, b: Point, language: str) -> str:
    """Two dates of different precision, joined by the language's range pattern."""
    pattern = babel_locale(language).interval_formats.get(None) or "{0} \u2013 {1}"
    return pattern.format(point_label(a, language), point_label(b, language))


@dataclass(frozen=True)
class DateNames:
    """Month and weekday names for strftime-style formats: index 0 is January, Monday."""

    months: tuple[str, ...]
    months_short: tuple[str, ...]
    days: tuple[str, ...]
    days_short: tuple[str, ...]


@functools.lru_cache(maxsize=32)
def date_names(language: str, with_day: bool) -> DateNames:
    """The names `%B`, `%b`, `%A` and `%a` print; months take the form used beside a day
    number when the format has one ("22 мая") and the stand-alone form otherwise ("май")."""
    from babel.dates import get_day_names, get_month_names

    locale = babel_locale(language)
    context: Literal["format", "stand-alone"] = "format" if with_day else "stand-alone"
    wide, short = (
        get_month_names("wide", context, locale),
        get_month_names("abbreviated", context, locale),
    )
    days, days_short = (
        get_day_names("wide", "format", locale),
        get_day_names("abbreviated", "format", locale),
    )
    return DateNames(
        tuple(wide[m] for m in range(1, 13)),
        tuple(short[m] for m in range(1, 13)),
        tuple(days[d] for d in range(7)),
        tuple(days_short[d] for d in range(7)),
    )


def _precision(point: Point) -> str:
    return "day" if point[2] is not None else "month" if point[1] is not None else "year"


def _first_day(point: Point) -> datetime.date:
    return datetime.date(point[0], point[1] or 1, point[2] or 1)
