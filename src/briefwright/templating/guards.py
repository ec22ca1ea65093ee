"""Checks on what a template's operations would build, made before they build it.

Each check measures the result an operation would have (a string's length, a list's items, a
number's bits) from its operands, refuses it past the limits of templating/budget.py, and
charges it to the render's budget. What only the operation itself can tell is counted at once
after it (budget.charge_result).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedFormatter

from briefwright.templating.budget import (
    MAX_INT_BITS,
    MAX_STRING,
    Budget,
    current,
    refuse_string,
    text_size,
)

MAX_ARGUMENT = 10_000
"""Largest width, count, precision or exponent a string or number operation may take."""
_NUMBER = re.compile(r"\d+")
_PERCENT_NUMBER = re.compile(r"%[^a-zA-Z%]*")


def check_text(characters: int) -> None:
    """A string of `characters` is about to be built: refuse it or charge it."""
    current().charge_text(characters)


def joined(parts: Sequence[object]) -> str:
    """`a ~ b ~ c`: the parts as text, joined, measured before they are."""
    check_text(sum(text_size(part) for part in parts))
    return "".join(map(str, parts))


def guard_call(obj: object, args: tuple[object, ...]) -> None:
    """Before a method of a str, bytes or int is called with `args`."""
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str | bytes | int):
        return
    name = getattr(obj, "__name__", "")  # a method of a str, bytes or int always has one
    if any(isinstance(a, int) and abs(a) > MAX_ARGUMENT for a in args):
        raise SecurityError(f"refused: {name}() with an argument over {MAX_ARGUMENT}")
    if not isinstance(owner, str | bytes):
        return
    if name == "replace" and len(args) >= 2:
        check_text(replaced_size(str(owner), str(args[0]), str(args[1])))
    elif name == "join" and args:
        items = list(args[0]) if isinstance(args[0], Iterable) else []
        check_text(len(owner) * len(items) + sum(text_size(item) for item in items))
    elif name == "expandtabs":
        width = args[0] if args and isinstance(args[0], int) else 8
        tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
        check_text(len(owner) + tabs * width)


def replaced_size(text: str, old: str, new: str) -> int:
    """How long `text.replace(old, new)` would be, at most."""
    hits = len(text) + 1 if not old else text.count(old)
    return len(text) + hits * max(len(new) - len(old), 0)


def guard_binop(operator: str, left: object, right: object) -> None:
    """Before `left OPERATOR right` is computed."""
    budget = current()
    if operator == "+":
        _guard_plus(budget, left, right)
    elif operator == "*":
        _guard_times(budget, left, right)
    elif operator == "**":
        _guard_power(left, right)
    elif operator == "%" and isinstance(left, str):
        _guard_percent(left, right)


def _guard_plus(budget: Budget, left: object, right: object) -> None:
    if isinstance(left, str | bytes) and isinstance(right, str | bytes):
        budget.charge_text(len(left) + len(right))
    elif isinstance(left, list | tuple) and isinstance(right, list | tuple):
        budget.charge_items(len(left) + len(right))


def _guard_times(budget: Budget, left: object, right: object) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            _refuse_number()
        return
    sized, count = (left, right) if isinstance(right, int) else (right, left)
    if not isinstance(count, int):
        return
    if isinstance(sized, str | bytes):
        budget.charge_text(len(sized) * max(count, 0))
    elif isinstance(sized, list | tuple):
        budget.charge_items(len(sized) * max(count, 0))


def _guard_power(base: object, exponent: object) -> None:
    if isinstance(exponent, int | float) and abs(exponent) > MAX_ARGUMENT:
        raise SecurityError(f"refused: an exponent over {MAX_ARGUMENT}")
    if not (isinstance(base, int) and isinstance(exponent, int) and exponent > 0):
        return
    if max(base.bit_length(), 1) * exponent > MAX_INT_BITS:
        _refuse_number()


def _refuse_number() -> None:
    raise SecurityError(f"refused: a number of more than {MAX_INT_BITS:,} bits")


def _guard_percent(template: str, values: object) -> None:
    """`"%5s" % x`: at most the template, every width or precision, and every value's text."""
    numbers = [int(n) for spec in _PERCENT_NUMBER.findall(template) for n in _NUMBER.findall(spec)]
    if any(n > MAX_ARGUMENT for n in numbers):
        raise SecurityError("refused: a format string with a width or precision that large")
    given = values if isinstance(values, tuple) else (values,)
    if "*" in template and any(isinstance(v, int) and abs(v) > MAX_ARGUMENT for v in given):
        raise SecurityError("refused: a format string with a width or precision that large")
    starred = template.count("*") * MAX_ARGUMENT  # a width given as a value
    check_text(len(template) + sum(numbers) + starred + text_size(values))


class BoundedFormatter(SandboxedFormatter):
    """str.format for templates: each field's width and text measured before it is made."""

    def __init__(self, environment: Any) -> None:
        super().__init__(environment)
        self.made = 0

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion in ("r", "a", "s") and text_size(value) > MAX_STRING:
            refuse_string()
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        widths = [int(n) for n in _NUMBER.findall(format_spec)]
        if any(n > MAX_ARGUMENT for n in widths):
            raise SecurityError("refused: a format string with a width or precision that large")
        self.made += sum(widths) + text_size(value)
        if self.made > MAX_STRING:
            refuse_string()
        current().check_time()
        return super().format_field(value, format_spec)


def bounded_format(environment: Any, text: str, name: str) -> Any:
    """str.format or str.format_map of `text`, through a BoundedFormatter."""

    def formatted(*args: Any, **kwargs: Any) -> str:
        if name == "format_map":
            if kwargs or len(args) != 1 or not isinstance(args[0], Mapping):
                raise TypeError("format_map() takes exactly one mapping")
            kwargs = dict(args[0])
            args = ()
        result = BoundedFormatter(environment).vformat(text, args, kwargs)
        check_text(len(result))
        return type(text)(result)

    return formatted


class Counted:
    """An iterable whose every item is a loop turn charged to the render's budget."""

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self._items = items

    def __len__(self) -> int:  # loop.length and loop.last use it when the items have one
        return len(self._items)  # type: ignore[arg-type] # TypeError when they have none

    def __iter__(self) -> Iterator[Any]:
        budget = current()
        for item in self._items:
            budget.tick()
            yield item
