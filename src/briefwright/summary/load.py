"""Read a summary (a YAML or JSON file, or text from standard input) into a validated Summary.

Every failure is an InvalidSummary whose issues each name file, line, column and field; text
from standard input is named `<stdin>`. Files are read as safe_files reads every file: regular
files only (a FIFO named x.yaml is refused, not waited on), never more than the size limit.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from briefwright.errors import InvalidSummary, Issue, Location, UsageError
from briefwright.safe_files import FileRefused, read_bounded
from briefwright.summary.hints import with_hints
from briefwright.summary.json_source import json_to_data
from briefwright.summary.paths import Positions, SourceProblem, format_path
from briefwright.summary.validate import LoadedSummary, invalid, validate_data
from briefwright.summary.yaml_source import yaml_to_data

MAX_SUMMARY_BYTES = 2 * 1024 * 1024
"""Largest summary accepted (2 MiB); a long article's summary is a few kilobytes."""
STDIN_NAME = "<stdin>"
"""How a summary read from standard input is named in messages."""

Parser = Callable[[str], tuple[Any, Positions, list[SourceProblem]]]
_PARSERS: dict[str, Parser] = {"yaml": yaml_to_data, "yml": yaml_to_data, "json": json_to_data}
_LIMIT = f"larger than the limit of {MAX_SUMMARY_BYTES // 1024 // 1024} MiB"


def load_summary(path: str | os.PathLike[str], *, format: str | None = None) -> LoadedSummary:
    """Read, parse and validate a summary file; InvalidSummary lists every issue found.

    The format is told by the extension (.yaml, .yml, .json) unless `format` names it.
    """
    path = Path(path)
    parser = _parser(format) if format else _PARSERS.get(path.suffix.lower().lstrip("."))
    text = _read_text(path)
    if parser is None:
        raise _fail(path, "unknown file type; a summary file ends in .yaml, .yml or .json")
    return load_text(text, name=str(path), parser=parser, path=path)


def load_stdin(stream: BinaryIO, *, format: str | None = None) -> LoadedSummary:
    """Read a summary from a byte stream (standard input), located as `<stdin>:line:col`.

    YAML, unless the text is a JSON object or `format` says which.
    """
    raw = stream.read(MAX_SUMMARY_BYTES + 1)
    if len(raw) > MAX_SUMMARY_BYTES:
        raise _fail(STDIN_NAME, _LIMIT)
    text = _decode(STDIN_NAME, raw)
    return load_text(text, name=STDIN_NAME, parser=_parser(format) if format else None)


def load_text(
    text: str,
    *,
    name: str,
    parser: Parser | str | None = None,
    path: Path | None = None,
) -> LoadedSummary:
    """Parse and validate summary text; issues are located in `name`.

    `parser` is a format name or a parser; None: JSON if the text is a JSON object, else YAML.
    `path` is the file the text came from (None: no file, outputs are named after the title).
    """
    if parser is None:
        data, positions, problems = _sniffed(name, text)
    else:
        chosen = _parser(parser) if isinstance(parser, str) else parser
        data, positions, problems = _parse(name, chosen, text.removeprefix("\ufeff"))
    if data is None and not problems:
        what = "file" if path is not None else "text"
        message = f"the {what} is empty; a summary needs title, source, summary and key_points"
        raise _fail(name, message, 1, 1)
    issues = [_issue(name, p) for p in problems]
    try:
        loaded = validate_data(data, name, positions)
    except InvalidSummary as error:
        # A value the reader refused was dropped; what validation says about it is noise.
        bad = [format_path(p.path) for p in problems]
        issues += [i for i in error.issues if not _under_any(i.location.field or "", bad)]
        raise invalid(with_hints(issues, data), name) from None
    if issues:
        raise invalid(issues, name)
    return LoadedSummary(loaded.summary, path, loaded.positions)


def _sniffed(name: str, text: str) -> tuple[Any, Positions, list[SourceProblem]]:
    """JSON if the text is a JSON object (JSON errors are then YAML's to report), else YAML."""
    text = text.removeprefix("\ufeff")
    if text.lstrip().startswith("{"):
        try:
            data, positions, problems = json_to_data(text)
        except SourceProblem:
            pass
        else:
            if isinstance(data, dict):
                return data, positions, problems
    return _parse(name, yaml_to_data, text)


def _parser(format: str) -> Parser:
    try:
        return _PARSERS[format.lower()]
    except (KeyError, AttributeError):
        raise UsageError(f"unknown summary format {format!r}; use 'yaml' or 'json'") from None


def _under_any(field: str, paths: list[str]) -> bool:
    return any(field == p or field.startswith((p + ".", p + "[")) for p in paths)


def _fail(
    name: Path | str, message: str, line: int | None = None, column: int | None = None
) -> InvalidSummary:
    return InvalidSummary(f"{name}: {message}", [Issue(message, Location(str(name), line, column))])


def _read_text(path: Path) -> str:
    try:
        size = os.stat(path).st_size
    except (FileNotFoundError, ValueError):  # no file can have a NUL in its name
        raise _fail(path, "no such file") from None
    except OSError as error:  # e.g. a name too long
        raise _fail(path, f"cannot be read: {error.strerror or error}") from None
    if os.path.isdir(path):
        raise _fail(path, "is a directory, not a summary file")
    if size > MAX_SUMMARY_BYTES:
        raise _fail(path, _LIMIT)
    try:
        raw = read_bounded(path, MAX_SUMMARY_BYTES)
    except FileRefused as error:
        raise _fail(path, error.reason) from None
    return _decode(str(path), raw)


def _decode(name: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        message = f"not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8"
        raise _fail(name, message, line, column) from None


def _parse(name: str, parser: Parser, text: str) -> tuple[Any, Positions, list[SourceProblem]]:
    """Data, positions and the problems the reader could step over; raises on syntax errors."""
    try:
        return parser(text)
    except SourceProblem as problem:
        raise invalid([_issue(name, problem)], name) from None


def _issue(name: str, problem: SourceProblem) -> Issue:
    field = format_path(problem.path) or None
    return Issue(str(problem), Location(name, problem.line, problem.column, field))
