"""Timeline order: by date, except where one date holds the other, which keeps the author's order.

"May 2025" covers every day of May, so it is neither before nor after "3 May 2025": the
author's order of the two stands. Between dates that do not hold one another, the earlier
start goes first. That is a partial order (an entry is due before another when it starts and
ends earlier); the timeline is the linear extension that takes, at each step, the entry the
author wrote first among those nothing is still due before.

Choosing costs up to one pass over the pending dates per entry (when every date holds the next,
as nested ranges do), so a timeline longer than MAX_ORDERED is ordered by start and end alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import TypeVar

from briefwright.summary.dates import DateSpec

T = TypeVar("T")
MAX_ORDERED = 1000
"""Longest timeline ordered as above; a longer one is sorted by start, then end date."""
_Bucket = list[int]  # the author's positions of the entries that share one date


def chronological(items: Sequence[T], date: Callable[[T], DateSpec]) -> list[T]:
    """`items` in timeline order (see the module's docstring); equal dates keep their order."""
    if len(items) > MAX_ORDERED:
        return sorted(items, key=lambda item: date(item).sort_key)
    buckets: dict[tuple[datetime.date, datetime.date], _Bucket] = {}
    for position, item in enumerate(items):
        spec = date(item)
        buckets.setdefault((spec.start, spec.end), []).append(position)
    # distinct dates by start, each with its entries; a bucket is emptied front first
    pending = sorted(buckets.items())
    order: list[int] = []
    while pending:
        chosen = _first_free(pending)
        order.append(pending[chosen][1].pop(0))
        if not pending[chosen][1]:
            del pending[chosen]
    return [items[position] for position in order]


def _first_free(pending: list[tuple[tuple[datetime.date, datetime.date], _Bucket]]) -> int:
    """Which bucket holds the author's earliest entry that no other pending entry is due before.

    A date is due before another when it starts and ends earlier. Scanning by start, once a
    start lies past the earliest end seen, that entry and all after it have something due
    before them, so only the head of the list is read.
    """
    best, best_at = -1, 0
    earliest_end: datetime.date | None = None  # over the dates starting before the current one
    seen_end: datetime.date | None = None  # over every date scanned so far
    previous_start: datetime.date | None = None
    for at, ((start, end), bucket) in enumerate(pending):
        if seen_end is not None and start > seen_end:
            break
        if start != previous_start:
            earliest_end, previous_start = seen_end, start
        if (earliest_end is None or end <= earliest_end) and (best < 0 or bucket[0] < best):
            best, best_at = bucket[0], at
        seen_end = end if seen_end is None else min(seen_end, end)
    return best_at
