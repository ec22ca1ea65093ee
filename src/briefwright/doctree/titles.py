"""How a long title is shortened for running headers and footers, the same in every format."""

from __future__ import annotations

SHORT_TITLE_MAX = 60  # characters a running header or footer has room for


def short_title(title: str) -> str:
    """A running-header title: the whole title if short, else the part before a colon or dash."""
    if len(title) <= SHORT_TITLE_MAX:
        return title
    for mark in (":", " \u2013 ", " \u2014 ", " - "):
        head = title.split(mark, 1)[0].strip()
        if head != title and len(head) <= SHORT_TITLE_MAX:
            return head
    return title[: SHORT_TITLE_MAX - 1].rsplit(" ", 1)[0] + "\u2026"
