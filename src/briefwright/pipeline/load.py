"""The first step: a summary from a path, a mapping, YAML/JSON text or an already loaded one.

Files are read by summary.load_summary; this module adds the other shapes a caller may hold, so
that every entry point accepts all of them. Every failure is an InvalidSummary with located issues.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

from briefwright.errors import InvalidSummary, Issue, Location, UsageError

if TYPE_CHECKING:
    from briefwright.summary import LoadedSummary, Summary

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
    from briefwright.summary import MAX_SUMMARY_BYTES
    from briefwright.summary.load import load_text

    if not isinstance(text, str):
        raise TypeError(f"summary text is a str, not {type(text).__name__}; decode it first")
    if not isinstance(format, str) or format.lower() not in ("yaml", "yml", "json"):
        raise UsageError(f"unknown summary format {format!r}; use 'yaml' or 'json'")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_SUMMARY_BYTES:
        raise _failure(name, f"larger than the limit of {MAX_SUMMARY_BYTES // 1024 // 1024} MiB")
    return load_text(text, name=name, parser=format)


def _failure(
    name: str, message: str, line: int | None = None, column: int | None = None
) -> InvalidSummary:
    return InvalidSummary(f"{name}: {message}", [Issue(message, Location(name, line, column))])
