"""Read a summary file (YAML or JSON by extension) into a validated, located Summary.

Every failure is an InvalidSummary whose issues each name file, line, column and field.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from briefwright.errors import InvalidSummary, Issue, Location
from briefwright.summary.json_source import json_to_data
from briefwright.summary.paths import Positions, SourceProblem, format_path
from briefwright.summary.validate import LoadedSummary, invalid, validate_data
from briefwright.summary.yaml_source import yaml_to_data

MAX_SUMMARY_BYTES = 2 * 1024 * 1024
"""Largest summary file accepted (2 MiB); a long article's summary is a few kilobytes."""

_PARSERS = {".yaml": yaml_to_data, ".yml": yaml_to_data, ".json": json_to_data}


def load_summary(path: str | os.PathLike[str]) -> LoadedSummary:
    """Read, parse and validate a summary file; InvalidSummary lists every issue found."""
    path = Path(path)
    text = _read_text(path)
    data, positions, problems = _parse(path, text)
    if not problems:
        return validate_data(data, path, positions)
    issues = [_issue(path, p) for p in problems]
    try:
        validate_data(data, path, positions)
    except InvalidSummary as error:
        # A value the reader refused was dropped; what validation says about it is noise.
        bad = [format_path(p.path) for p in problems]
        issues += [i for i in error.issues if not _under_any(i.location.field or "", bad)]
    raise invalid(issues, path)


def _under_any(field: str, paths: list[str]) -> bool:
    return any(field == p or field.startswith((p + ".", p + "[")) for p in paths)


def _fail(
    path: Path, message: str, line: int | None = None, column: int | None = None
) -> InvalidSummary:
    return InvalidSummary(f"{path}: {message}", [Issue(message, Location(str(path), line, column))])


def _read_text(path: Path) -> str:
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except (OSError, ValueError) as error:  # e.g. a name too long, or holding a NUL
        raise _fail(path, f"cannot be read: {getattr(error, 'strerror', None) or error}") from None
    if not exists:
        raise _fail(path, "no such file")
    if is_dir:
        raise _fail(path, "is a directory, not a summary file")
    if path.suffix.lower() not in _PARSERS:
        raise _fail(path, "unknown file type; a summary file ends in .yaml, .yml or .json")
    try:
        with path.open("rb") as stream:
            # Read one byte past the limit, so that endless files (/dev/zero, pipes) stop too.
            raw = stream.read(MAX_SUMMARY_BYTES + 1)
    except OSError as error:
        raise _fail(path, f"cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_SUMMARY_BYTES:
        raise _fail(path, f"larger than the limit of {MAX_SUMMARY_BYTES // 1024 // 1024} MiB")
    return _decode(path, raw)


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        message = f"not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8"
        raise _fail(path, message, line, column) from None


def _parse(path: Path, text: str) -> tuple[Any, Positions, list[SourceProblem]]:
    """Data, positions and the problems the reader could step over; raises on syntax errors."""
    try:
        data, positions, problems = _PARSERS[path.suffix.lower()](text)
    except SourceProblem as problem:
        raise invalid([_issue(path, problem)], path) from None
    if data is None and not problems:
        message = "the file is empty; a summary needs title, source, summary and key_points"
        raise _fail(path, message, 1, 1)
    return data, positions, problems


def _issue(path: Path, problem: SourceProblem) -> Issue:
    field = format_path(problem.path) or None
    return Issue(str(problem), Location(str(path), problem.line, problem.column, field))
