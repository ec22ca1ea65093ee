"""Field paths: tuples like ("quotes", 2, "speaker") and their printed form quotes[2].speaker."""

from __future__ import annotations

import re

from briefwright.summary.raw import quoted

FieldPath = tuple[str | int, ...]
# Where each field of a loaded file starts, as 1-based (line, column); the key for mapping
# entries, the item itself for list items.
Positions = dict[FieldPath, tuple[int, int]]

_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def format_path(path: FieldPath) -> str:
    """Print a field path the way users write it: `quotes[2].speaker` (list indexes from 0)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def parse_path(text: str) -> FieldPath:
    """Read `quotes[2].speaker` back into ("quotes", 2, "speaker")."""
    parts: list[str | int] = []
    for match in _PART.finditer(text):
        index, name = match.groups()
        parts.append(int(index) if index is not None else name)
    return tuple(parts)


def duplicate_key(key: str, first: tuple[int, int], again: tuple[int, int]) -> str:
    """The message for a key written twice in one mapping, naming where it first appeared."""
    where = f"on line {first[0]}" if first[0] != again[0] else f"at column {first[1]}"
    return f"duplicate key {quoted(key)} (first {where})"


def nearest_position(positions: Positions, path: FieldPath) -> tuple[int, int] | None:
    """The position of `path`, or of its closest ancestor (a missing field sits in its parent)."""
    for end in range(len(path), -1, -1):
        found = positions.get(path[:end])
        if found is not None:
            return found
    return None


class SourceProblem(Exception):
    """A problem found while reading a summary file, at a 1-based line and column."""

    def __init__(self, message: str, line: int, column: int, path: FieldPath = ()):
        super().__init__(message)
        self.line, self.column, self.path = line, column, path
