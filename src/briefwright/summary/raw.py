"""Values as read from a file: YAML plain scalars that keep their text, and naming a value."""

from __future__ import annotations

import datetime
from typing import Any


class RawScalar(str):
    """A YAML plain scalar that YAML 1.1 resolves to a non-text value.

    The string is the exact text written; `value` is what YAML made of it (int, float, bool,
    date). Text fields use the string, other fields use `value`.
    """

    value: Any

    def __new__(cls, text: str, value: Any) -> RawScalar:
        self = super().__new__(cls, text)
        self.value = value
        return self


def unwrap(value: Any) -> Any:
    """The YAML value of a RawScalar; anything else unchanged."""
    return value.value if isinstance(value, RawScalar) else value


def describe(value: Any) -> str:
    """Name a wrong input for an error message: 'a list', 'the number 3', 'text "no"'."""
    value = unwrap(value) if not isinstance(value, RawScalar) else str(value)
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return "a number" if len(repr(value)) > 30 else f"the number {value!r}"
    if isinstance(value, str):
        return f"text {quoted(value)}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def quoted(text: str, limit: int = 40) -> str:
    """`text` quoted for a message, cut to `limit` characters so one line stays one line."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")
