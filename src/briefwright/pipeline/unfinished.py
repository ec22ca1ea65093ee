"""What makes a valid summary an unfinished one: a draft's TODO placeholders left in, a
source.text that names no file, a language briefwright has no translations for. Each is a
located warning; strict settings make them errors.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefwright.errors import InvalidSummary, Issue
from briefwright.i18n import catalogue_languages, has_catalogue

if TYPE_CHECKING:
    from briefwright.summary import LoadedSummary
    from briefwright.summary.paths import FieldPath

# The drafter's placeholders all begin so: "TODO", "TODO: the bottom line...".
_PLACEHOLDER = re.compile(r"\s*TODO\b")
_TODO = "a TODO placeholder is left in; write it or remove it"


def unfinished(loaded: LoadedSummary) -> list[Issue]:
    """Every placeholder and every missing source.text, in the order they are written."""
    issues = [
        Issue(_TODO, loaded.locate(path), "warning")
        for path in _placeholders(loaded.summary.model_dump(exclude_none=True), ())
    ]
    issues += _missing_sources(loaded)
    issues += _untranslated(loaded)
    return sorted(issues, key=lambda i: (i.location.line or 0, i.location.column or 0))


def check_finished(loaded: LoadedSummary, *, strict: bool, warn: Callable[[str], None]) -> None:
    """Pass each unfinished part to `warn` as `file:line:col: field: message`; strict: raise."""
    issues = unfinished(loaded)
    if strict and issues:
        name = str(loaded.path) if loaded.path else "the summary"
        errors = [replace(issue, severity="error") for issue in issues]
        raise InvalidSummary(f"{name}: unfinished (--strict)", errors)
    for issue in issues:
        warn(str(issue))


def _placeholders(value: Any, path: FieldPath) -> list[FieldPath]:
    if isinstance(value, str):
        return [path] if _PLACEHOLDER.match(value) else []
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return []
    found: list[FieldPath] = []
    for key, item in items:
        found += _placeholders(item, (*path, key))
    return found


def _missing_sources(loaded: LoadedSummary) -> list[Issue]:
    summary = loaded.summary
    base = loaded.path.parent if loaded.path else Path.cwd()
    listed = summary.sources is not None
    issues = []
    for number, source in enumerate(summary.source_list()):
        if source.text is None:
            continue
        reason = _not_a_file(base / source.text)
        if reason:
            where = ("sources", number, "text") if listed else ("source", "text")
            message = f"{reason}: {source.text}; `check` and --verify cannot compare quotes"
            issues.append(Issue(message, loaded.locate(where), "warning"))
    return issues


def _untranslated(loaded: LoadedSummary) -> list[Issue]:
    language = loaded.summary.language
    if has_catalogue(language):
        return []
    known = ", ".join(catalogue_languages())
    message = (
        f"briefwright has no translations for {language!r} (it has {known}): headings and "
        "page furniture stay in English; dates follow the language"
    )
    return [Issue(message, loaded.locate(("language",)), "warning")]


def _not_a_file(path: Path) -> str | None:
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return "no such file"
    return None if stat.S_ISREG(mode) else "not a regular file"
