"""What every writer receives besides the tree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

EARLIEST_FILE_TIME = -62135596800  # 0001-01-01 00:00:00 UTC
LATEST_FILE_TIME = 253402300799  # 9999-12-31 23:59:59 UTC: no document date format goes further


def _ignore(message: str) -> None:
    pass


@dataclass(frozen=True)
class PagesFound:
    """What a paged writer's layout found: how many pages, and the page of each top-level
    heading (empty unless the document has a contents list)."""

    total: int
    headings: tuple[int, ...] = ()


def _ignore_pages(pages: PagesFound) -> None:
    pass


def file_time(timestamp: int) -> int:
    """`timestamp` within the years 1-9999, the most any document format can hold.

    A summary date is always in range; SOURCE_DATE_EPOCH may not be, and a file dated at the
    nearest end of the range is better than no file.
    """
    return min(max(timestamp, EARLIEST_FILE_TIME), LATEST_FILE_TIME)


@dataclass(frozen=True)
class WriteOptions:
    """Per-render settings that are not part of the theme.

    `timestamp` is the fixed creation time written into files (seconds since the epoch), so the
    same input gives byte-identical output; the pipeline derives it from the briefing date or
    SOURCE_DATE_EPOCH. Writers clamp it to what their format holds (`file_time`).
    `page_count`, when the caller knows it, is the number of pages the PDF layout of this tree
    has; a format that stores a page count (the DOCX's "Page X of Y") stores that one.
    """

    reference_doc: Path | None = None
    strict: bool = False
    timestamp: int = 0
    version: str = ""
    warn: Callable[[str], None] = field(default=_ignore)
    # where a paged writer (the PDF's) tells what its layout found: the DOCX written beside it
    # stores the same page count and contents page numbers
    pages_found: Callable[[PagesFound], None] = field(default=_ignore_pages)
    page_count: int | None = None
