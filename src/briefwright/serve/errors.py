"""Errors as HTTP answers: a status code and JSON with the same located messages as the CLI."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from briefwright.errors import BriefwrightError, Issue, UsageError


class ApiError(Exception):
    """An answer other than success: its status, a message, and the problems behind it."""

    def __init__(
        self,
        status: int,
        message: str,
        issues: tuple[Issue, ...] | list[Issue] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.issues = tuple(issues)
        self.headers = headers or {}

    def response(self) -> JSONResponse:
        """The error as its JSON answer."""
        body = {
            "status": self.status,
            "error": self.message,
            "problems": [problem(issue) for issue in self.issues],
        }
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def problem(issue: Issue) -> dict[str, Any]:
    """One issue as JSON: where it is, what is wrong, and the line the CLI would print."""
    where = issue.location
    return {
        "line": where.line,
        "column": where.column,
        "field": where.field,
        "message": issue.message,
        "severity": issue.severity,
        "text": str(issue),
    }


def from_library(error: BriefwrightError) -> ApiError:
    """The status of an expected failure: 400 for the request's options, else 422.

    Template names are checked before a render starts, so a template error here is one this
    summary caused (a budget spent, an output too large), as is a writer's or a misquote.
    """
    issues = error.issues or (Issue(str(error)),)
    return ApiError(400 if isinstance(error, UsageError) else 422, str(error), issues)
