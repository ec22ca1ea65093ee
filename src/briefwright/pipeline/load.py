"""The first step: a summary from a path, a mapping, YAML/JSON text or an already loaded one.

Files are read by summary.load_summary; this module adds the other shapes a caller may hold, so
that every entry point accepts all of them. Every failure is an InvalidSummary with located issues.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeAlias

from briefwright.errors import InvalidSummary, Issue, Location, UsageError

if TYPE_CHECKING:
    from briefwright.summary import LoadedSummary, Summary
    from briefwright.summary.paths import SourceProblem

SummarySource: TypeAlias = "str | os.PathLike[str] | Mapping[str, Any] | Summary | LoadedSummary"
"""What every entry point accepts as a summary: a file, plain data, or a loaded summary."""

TEXT_FORMATS = ("yaml", "json")


def load(source: SummarySource) -> LoadedSummary:
    """Read and validate `source` into a LoadedSummary; one already loaded comes back as it is."""
    from briefwright.summary import LoadedSummary, Summary, load_summary, validate_data

    if isinstance(source, LoadedSummary):
        return source
    if isinstance(source, Summary):
        return LoadedSummary(source)
    if isinstance(source, Mapping):
        return validate_data(dict(source))
    if isinstance(source, str | os.PathLike):
        return load_summary(source)
    raise TypeError(
        "a summary is a path to a YAML or JSON file, a mapping, or what load_summary returns; "
        f"got {type(source).__name__}"
    )


def parse_text(text: str, *, format: str = "yaml", name: str = "<string>") -> LoadedSummary:
    """Parse and validate summary text; issues are located as `name:line:column: field`.

    The result has no path: output files are named after its title, and a relative
    source.text is read from the working directory.
    """
    from briefwright.summary import MAX_SUMMARY_BYTES, validate_data
    from briefwright.summary.paths import SourceProblem, format_path
    from briefwright.summary.validate import invalid

    if not isinstance(text, str):
        raise TypeError(f"summary text is a str, not {type(text).__name__}; decode it first")
    parser = _parser(format)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_SUMMARY_BYTES:
        raise _failure(name, f"larger than the limit of {MAX_SUMMARY_BYTES // 1024 // 1024} MiB")
    try:
        data, positions, problems = parser(text.removeprefix("\ufeff"))
    except SourceProblem as problem:
        raise invalid([_issue(name, problem)], name) from None
    if data is None and not problems:
        message = "the text is empty; a summary needs title, source, summary and key_points"
        raise _failure(name, message, 1, 1)
    if not problems:
        return replace(validate_data(data, name, positions), path=None)
    issues = [_issue(name, problem) for problem in problems]
    try:
        validate_data(data, name, positions)
    except InvalidSummary as error:
        # As for files: what validation says about a value the reader refused is noise.
        refused = [format_path(problem.path) for problem in problems]
        issues += [i for i in error.issues if not _under_any(i.location.field or "", refused)]
    raise invalid(issues, name)


def _parser(format: str) -> Any:
    from briefwright.summary.json_source import json_to_data
    from briefwright.summary.yaml_source import yaml_to_data

    parsers = {"yaml": yaml_to_data, "yml": yaml_to_data, "json": json_to_data}
    try:
        return parsers[format.lower()]
    except (KeyError, AttributeError):
        raise UsageError(f"unknown summary format {format!r}; use 'yaml' or 'json'") from None


def _under_any(field: str, paths: list[str]) -> bool:
    return any(field == p or field.startswith((p + ".", p + "[")) for p in paths)


def _issue(name: str, problem: SourceProblem) -> Issue:
    from briefwright.summary.paths import format_path

    field = format_path(problem.path) or None
    return Issue(str(problem), Location(name, problem.line, problem.column, field))


def _failure(
    name: str, message: str, line: int | None = None, column: int | None = None
) -> InvalidSummary:
    return InvalidSummary(f"{name}: {message}", [Issue(message, Location(name, line, column))])
