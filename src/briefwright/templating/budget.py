"""What one render may spend: characters, items, loop turns, number sizes and seconds.

A template from someone else runs in the sandbox, which decides what it may touch; this decides
how much it may make. Every operation that builds a string, a list or a number asks the budget
first (or, when the size is known only after, at once after); every loop turn and guarded call
checks the clock. Budgets live in a context variable, so renders in several threads of one
process each have their own, and no signal is needed to stop one.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import ItemsView, KeysView, ValuesView
from contextvars import ContextVar
from dataclasses import dataclass, field

from jinja2.exceptions import SecurityError

MAX_STRING = 5_000_000
"""Characters one string may hold: as many as a whole briefing's Markdown."""
MAX_CHARACTERS = 50_000_000
"""Characters all the strings one render builds may hold together."""
MAX_ITEMS = 1_000_000
"""Items all the lists one render builds may hold together."""
MAX_RANGE = 100_000
"""Items all the `range()` calls of one render may produce."""
MAX_ITERATIONS = 1_000_000
"""Turns all the `{% for %}` loops of one render may take."""
MAX_INT_BITS = 100_000
"""Bits a whole number made by `*` or `**` may have (about 30,000 digits)."""
RENDER_SECONDS = 10.0
"""Wall-clock time one render may take."""

_CURRENT: ContextVar[Budget | None] = ContextVar("briefwright_render_budget", default=None)


@dataclass
class Budget:
    """What is left to one render; `charge_*` and `tick` raise SecurityError once it is spent."""

    seconds: float = RENDER_SECONDS
    characters: int = MAX_CHARACTERS
    items: int = MAX_ITEMS
    ranged: int = MAX_RANGE
    iterations: int = MAX_ITERATIONS
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise SecurityError(
                f"the template ran for more than {self.seconds:g} seconds; stopped"
                " (a loop that never ends?)"
            )

    def tick(self) -> None:
        """One turn of a loop."""
        self.iterations -= 1
        if self.iterations < 0:
            raise SecurityError(f"more than {MAX_ITERATIONS:,} loop turns in one render; stopped")
        self.check_time()

    def charge_text(self, characters: int) -> None:
        """A string of `characters` is about to be (or was just) built."""
        if characters > MAX_STRING:
            refuse_string()
        self.characters -= characters
        if self.characters < 0:
            raise SecurityError(
                f"the template built more than {MAX_CHARACTERS:,} characters of text; stopped"
            )

    def charge_items(self, items: int) -> None:
        """A list or tuple of `items` is about to be (or was just) built."""
        self.items -= items
        if self.items < 0:
            raise SecurityError(f"the template built lists of more than {MAX_ITEMS:,} items")

    def charge_range(self, items: int) -> None:
        self.ranged -= items
        if self.ranged < 0:
            raise SecurityError(f"range() budget of {MAX_RANGE} items per render exhausted")


def start(seconds: float | None = None) -> Budget:
    """A fresh budget for the render about to run in this thread (or task)."""
    budget = Budget(RENDER_SECONDS if seconds is None else seconds)
    _CURRENT.set(budget)
    return budget


def current() -> Budget:
    """The budget of the render running here (one is started if none was)."""
    return _CURRENT.get() or start()


def refuse_string() -> None:
    raise SecurityError(f"refused: that would make a string of over {MAX_STRING:,} characters")


def check_int(value: object) -> None:
    """Refuse a whole number larger than MAX_INT_BITS."""
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise SecurityError(f"refused: a number of more than {MAX_INT_BITS:,} bits")


def charge_result(value: object) -> None:
    """Count what an operation just built against the render's budget."""
    if isinstance(value, str | bytes):
        current().charge_text(len(value))
    elif isinstance(value, list | tuple | dict | set | frozenset):
        current().charge_items(len(value))
    else:
        check_int(value)


def text_size(value: object, limit: int = MAX_STRING) -> int:
    """About how many characters str(value) would have; counting stops once past `limit`.

    Containers are walked without building their text, so `[big] * 1000` is measured, not
    made; a value of any other kind is short when printed.
    """
    total, pending = 0, [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset | KeysView | ValuesView | ItemsView):
            total += 2 + 2 * len(item)
            pending.extend(item)
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 2  # a digit holds more than three bits
        elif isinstance(item, float | bool | datetime.date) or item is None:
            total += 32
        else:
            total += len(repr(type(item))) + 32  # our namespace, a macro, a cycler...
    return total
