"""Timeline dates of varying precision: a year, a month, a day, or a range START/END of those."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import astuple, dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

from briefwright.i18n.dates import DateNames, date_names, day_label, point_label, range_label
from briefwright.i18n.tags import HOUSE_LANGUAGE
from briefwright.summary.raw import describe, quoted

# English names, not calendar.month_name: that one follows the process locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ENGLISH = DateNames(MONTHS, tuple(m[:3] for m in MONTHS), DAYS, tuple(d[:3] for d in DAYS))
DEFAULT_DATE_FORMAT = "%-d %B %Y"
_DIRECTIVE = re.compile(r"%(-?)(.)")
_DAY_CODE = re.compile(r"%-?d")
_POINT = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_DATE_SPEC = re.compile(rf"^({_POINT})(?:\s*/\s*({_POINT}))?$")
DATE_SPEC_PATTERN = rf"^{_POINT}(\s*/\s*{_POINT})?$"
_DASH = "\u2013"  # en dash, the typographic range sign


@dataclass(frozen=True, order=True)
class _Point:
    """One partial date: year, optional month, optional day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> _Point:
        parts = [int(p) for p in text.split("-")]
        point = cls(*parts)
        if point.year < 1:
            raise ValueError(f"{text} is not a real date: there is no year 0")
        if point.month is not None and not 1 <= point.month <= 12:
            raise ValueError(f"{text} is not a real date: months run from 01 to 12")
        if point.day is not None and point.month is not None:
            last = calendar.monthrange(point.year, point.month)[1]
            if not 1 <= point.day <= last:
                name = MONTHS[point.month - 1]
                raise ValueError(f"{text} is not a real date: {name} {point.year} has {last} days")
        return point

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> datetime.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)

    @property
    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def label(self) -> str:
        return " ".join(str(p) for p in (self.day, self._month_name, self.year) if p)

    @property
    def _month_name(self) -> str | None:
        return MONTHS[self.month - 1] if self.month else None


def _range_label(a: _Point, b: _Point) -> str:
    """'20–21 May 2025', 'May–June 2025', '30 May – 2 June 2025', '2024–2025'."""
    same_shape = (a.month is None) == (b.month is None) and (a.day is None) == (b.day is None)
    if same_shape and a.year == b.year:
        if a.day is not None and a.month == b.month:
            return f"{a.day}{_DASH}{b.day} {a._month_name} {a.year}"
        if a.day is None and a.month is not None:
            return f"{a._month_name}{_DASH}{b._month_name} {a.year}"
        if a.day is not None:
            return f"{a.day} {a._month_name} {_DASH} {b.day} {b._month_name} {a.year}"
    if same_shape and a.month is None:
        return f"{a.year}{_DASH}{b.year}"
    return f"{a.label} {_DASH} {b.label}"


@dataclass(frozen=True)
class DateSpec:
    """A timeline date: YYYY, YYYY-MM, YYYY-MM-DD, or START/END of those.

    `start` is the first day covered and `end` the last, so "2025-05" runs from 1 to 31 May.
    `sort_key` orders entries chronologically; `label` is the English display text (`label_in`
    gives it in another language) and `iso` the normalised input ("2025-05-20/2025-05-21").
    `str()` gives the label.
    """

    begin: _Point
    finish: _Point | None = None

    @classmethod
    def parse(cls, text: str) -> DateSpec:
        """Read a date specification; ValueError with a plain message if it is not one."""
        match = _DATE_SPEC.match(text.strip())
        if not match:
            expected = "expected a date YYYY, YYYY-MM, YYYY-MM-DD or a range START/END"
            raise ValueError(f"{expected}, got {quoted(text)}")
        begin = _Point.parse(match.group(1))
        finish = _Point.parse(match.group(2)) if match.group(2) else None
        if finish is not None and finish.first < begin.first:
            raise ValueError(f"the range {text.strip()} ends before it starts")
        return cls(begin, finish)

    @property
    def start(self) -> datetime.date:
        return self.begin.first

    @property
    def end(self) -> datetime.date:
        return (self.finish or self.begin).last

    @property
    def is_range(self) -> bool:
        return self.finish is not None

    @property
    def sort_key(self) -> tuple[datetime.date, datetime.date]:
        return (self.start, self.end)

    @property
    def iso(self) -> str:
        return self.begin.iso + (f"/{self.finish.iso}" if self.finish else "")

    @property
    def label(self) -> str:
        return _range_label(self.begin, self.finish) if self.finish else self.begin.label

    def label_in(self, language: str) -> str:
        """The display text in `language` (a BCP 47 tag); "en" gives `label`."""
        if language == HOUSE_LANGUAGE:
            return self.label
        begin = astuple(self.begin)
        if self.finish is None:
            return point_label(begin, language)
        return range_label(begin, astuple(self.finish), language)

    def __str__(self) -> str:
        return self.label

    @classmethod
    def _validate(cls, value: Any) -> DateSpec:
        if isinstance(value, DateSpec):
            return value
        if isinstance(value, str):  # a RawScalar keeps the text as written, e.g. "2025"
            return cls.parse(str(value))
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return cls.parse(value.isoformat())
        if isinstance(value, int) and not isinstance(value, bool):
            return cls.parse(f"{value:04d}")
        raise ValueError(f"expected a date like 2025, 2025-05 or 2025-05-20, got {describe(value)}")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda d: d.iso),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": DATE_SPEC_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ]
        }


def format_date(
    value: datetime.date, fmt: str | None = None, language: str = HOUSE_LANGUAGE
) -> str:
    """strftime-style formatting in `language` on every platform; `%-d` drops the leading zero.

    Without `fmt`, the language's usual long date: "22 May 2025" in English, "22 mai 2025".
    """
    if fmt is None and language != HOUSE_LANGUAGE:
        return day_label(value, language)
    fmt = fmt or DEFAULT_DATE_FORMAT
    names = _names(language, with_day=bool(_DAY_CODE.search(fmt)))

    def one(match: re.Match) -> str:
        bare, code = match.group(1) == "-", match.group(2)
        if code in "dmj":
            number = {"d": value.day, "m": value.month, "j": value.timetuple().tm_yday}[code]
            return str(number) if bare else f"{number:0{3 if code == 'j' else 2}d}"
        table = {
            "Y": str(value.year),
            "y": f"{value.year % 100:02d}",
            "B": names.months[value.month - 1],
            "b": names.months_short[value.month - 1],
            "A": names.days[value.weekday()],
            "a": names.days_short[value.weekday()],
            "%": "%",
        }
        if code not in table:
            raise ValueError(f"date format {fmt!r}: %{code} is not supported")
        return table[code]

    return _DIRECTIVE.sub(one, fmt)


def _names(language: str, *, with_day: bool) -> DateNames:
    if language == HOUSE_LANGUAGE:
        return _ENGLISH
    return date_names(language, with_day)
