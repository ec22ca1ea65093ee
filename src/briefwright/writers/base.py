"""What every writer receives besides the tree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


def _ignore(message: str) -> None:
    pass


@dataclass(frozen=True)
class WriteOptions:
    """Per-render settings that are not part of the theme.

    `timestamp` is the fixed creation time written into files (seconds since the epoch), so the
    same input gives byte-identical output; the pipeline derives it from the briefing date or
    SOURCE_DATE_EPOCH.
    """

    reference_doc: Path | None = None
    strict: bool = False
    timestamp: int = 0
    version: str = ""
    warn: Callable[[str], None] = field(default=_ignore)
