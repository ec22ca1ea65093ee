"""Every expected failure is a BriefwrightError with a location and an exit code.

Anything that is not a BriefwrightError is a bug and is allowed to show a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_RENDER = 1
EXIT_USAGE = 2
EXIT_INVALID = 3


@dataclass(frozen=True)
class Location:
    """Where an issue sits: a file, a 1-based line and column, and a field path."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def prefix(self) -> str:
        parts = []
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)


@dataclass(frozen=True)
class Issue:
    """One problem found in an input, printed as `file:line:col: field: message`."""

    message: str
    location: Location = Location()
    severity: str = "error"

    def __str__(self) -> str:
        prefix = self.location.prefix()
        return f"{prefix}: {self.message}" if prefix else self.message


class BriefwrightError(Exception):
    """Base class of the failures a user can cause and fix."""

    exit_code = EXIT_RENDER

    def __init__(self, message: str, issues: list[Issue] | tuple[Issue, ...] = ()):
        super().__init__(message)
        self.issues = tuple(issues)

    def lines(self) -> list[str]:
        """The lines to print: one per issue, or the message alone."""
        return [str(issue) for issue in self.issues] or [str(self)]


class InvalidSummary(BriefwrightError):
    """The summary file cannot be read or does not follow the schema."""

    exit_code = EXIT_INVALID


class TemplateError(BriefwrightError):
    """A template cannot be found, loaded or rendered."""

    exit_code = EXIT_RENDER


class ReleaseRefused(BriefwrightError):
    """A template may not release enough of a summary for a briefing: nothing is written."""

    exit_code = EXIT_RENDER


class RenderError(BriefwrightError):
    """A writer could not produce its format."""

    exit_code = EXIT_RENDER


class OutputError(BriefwrightError):
    """Outputs could not be written, or writing would destroy a user's edits."""

    exit_code = EXIT_RENDER


class UsageError(BriefwrightError):
    """The command was called with arguments that do not fit."""

    exit_code = EXIT_USAGE


class CacheError(BriefwrightError):
    """The cache cannot be cleared: it is not safely ours to change."""

    exit_code = EXIT_RENDER


class BriefwrightWarning(UserWarning):
    """Base class of what the library reports through Python's `warnings` module."""


class CacheWarning(BriefwrightWarning):
    """The per-user cache is not used because it cannot be trusted; output is unchanged."""
