"""Plain data -> Summary, turning every pydantic error into a located, plain-English Issue."""

from __future__ import annotations

import difflib
import math
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic

from briefwright.errors import InvalidSummary, Issue, Location
from briefwright.markings import Markings
from briefwright.summary.model import Summary, _TextItem
from briefwright.summary.paths import (
    FieldPath,
    Positions,
    format_path,
    nearest_position,
    parse_path,
)
from briefwright.summary.portions import marking_problems
from briefwright.summary.raw import describe, quoted

MAX_ISSUES = 100
"""Most issues listed for one file; the rest are counted in a final line."""


@dataclass(frozen=True)
class LoadedSummary:
    """A validated summary, the file it came from, and where each of its fields was written."""

    summary: Summary
    path: Path | None = None
    positions: Positions = field(default_factory=dict, repr=False, compare=False)

    def locate(self, field_path: FieldPath | str) -> Location:
        """The Location of a field, given as ("quotes", 2, "speaker") or "quotes[2].speaker"."""
        return locate(self.path, self.positions, field_path)


def locate(file: Path | str | None, positions: Positions, field_path: FieldPath | str) -> Location:
    """Location of `field_path` in `file`, falling back to its nearest written ancestor."""
    path = parse_path(field_path) if isinstance(field_path, str) else tuple(field_path)
    line, column = nearest_position(positions, path) or (None, None)
    return Location(str(file) if file else None, line, column, format_path(path) or None)


def validate_data(
    data: Any, file: Path | str | None = None, positions: Positions | None = None
) -> LoadedSummary:
    """Validate summary data (e.g. a dict built in Python); InvalidSummary lists every issue."""
    positions = positions or {}
    try:
        summary = Summary.model_validate(data)
    except pydantic.ValidationError as error:
        errors = [e for e in error.errors(include_url=False) if not _from_sources(e, data)]
        raise invalid([_issue(e, file, positions) for e in errors], file) from None
    problems = _source_issues(summary, data)
    problems += marking_problems(summary, Markings(), strict=False)
    issues = [Issue(message, locate(file, positions, path)) for path, message in problems]
    if issues:
        raise invalid(issues, file)
    return LoadedSummary(summary, Path(file) if file else None, positions)


def _from_sources(error: Any, data: Any) -> bool:
    """An error in `source` that was copied from sources[0]: reported there already."""
    copied = isinstance(data, dict) and "source" not in data and "sources" in data
    return copied and tuple(error["loc"][:1]) == ("source",)


_CITING = ("key_points", "quotes", "timeline", "implications")


def _source_issues(summary: Summary, data: Any) -> list[tuple[FieldPath, str]]:
    """What the schema cannot say about sources: one of `source` and `sources`, an id on each
    listed source and no id twice, and every `source: ID` naming one of them."""
    found: list[tuple[FieldPath, str]] = []
    if summary.sources and isinstance(data, dict) and "source" in data:
        found.append((("sources",), "give either `source` or `sources`, not both"))
    seen: dict[str, int] = {}
    for index, source in enumerate(summary.sources or []):
        if source.id is None:
            found.append(
                (("sources", index), "a source in `sources` needs an `id` for items to cite")
            )
        elif source.id in seen:
            message = f"id {quoted(source.id)} is already used by sources[{seen[source.id]}]"
            found.append((("sources", index, "id"), message))
        else:
            seen[source.id] = index
    known = list(dict.fromkeys(s.id for s in summary.source_list() if s.id))
    for section in _CITING:
        for index, item in enumerate(getattr(summary, section)):
            if item.source is not None and item.source not in known:
                found.append(((section, index, "source"), _unknown_source(item.source, known)))
    return found


def _unknown_source(name: str, known: list[str]) -> str:
    if not known:
        return f"unknown source {quoted(name)}: give the source an `id` to cite it"
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown source {quoted(name)}{hint}; the sources are: {', '.join(known)}"


def invalid(issues: list[Issue], file: Path | str | None) -> InvalidSummary:
    """One InvalidSummary carrying `issues` sorted by line (unlocated ones last).

    At most MAX_ISSUES are listed, then one line counting the rest: a file with thousands of
    broken items needs the first ones fixed, not a screen flood.
    """

    def order(issue: Issue) -> tuple[float, float]:
        where = issue.location
        return (where.line or math.inf, where.column or math.inf)

    ordered = sorted(issues, key=order)
    if len(ordered) > MAX_ISSUES:
        rest = len(ordered) - MAX_ISSUES
        more = Issue(f"... and {rest} more problems", Location(str(file) if file else None))
        ordered = [*ordered[:MAX_ISSUES], more]
    count = f"{len(issues)} problem{'s' if len(issues) != 1 else ''}"
    return InvalidSummary(f"{file or 'summary'}: {count}", ordered)


def _issue(error: Any, file: Path | str | None, positions: Positions) -> Issue:
    path: FieldPath = tuple(error["loc"])
    if path[:1] == ("summary",) and path[1:2] in (("text",), ("versions",)):
        path = ("summary", *path[2:])  # the name of the form of `summary`, not a field
    return Issue(_message(error, path), locate(file, positions, path))


def _message(error: Any, path: FieldPath) -> str:
    kind, ctx, got = error["type"], error.get("ctx", {}), describe(error.get("input"))
    if kind == "missing" and path == ("source",):
        return "required field is missing: give `source` (the article) or `sources` (several)"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return _unknown_field(path)
    if kind == "value_error":
        return str(ctx["error"])
    if path == ("summary",) and kind in ("string_type", "list_type"):
        return f"expected text, or a list of versions each with text and marking, got {got}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _expected_mapping(path, got)
    if kind in ("too_short", "string_too_short") and isinstance(error.get("input"), str):
        return "must not be empty"
    if kind == "too_short":
        return _too_short(path, ctx.get("min_length", 1))
    simple = {
        "string_type": f"expected text, got {got}",
        "list_type": f"expected a list, got {got}",
        "greater_than_equal": f"must be at least {ctx.get('ge')}",
        "less_than_equal": f"must be at most {ctx.get('le')}",
    }
    return simple.get(kind, error["msg"])


def _expected_mapping(path: FieldPath, got: str) -> str:
    if not path:
        return f"expected a mapping of summary fields (title, source, summary, ...), got {got}"
    if path[:1] == ("summary",) and len(path) == 2:
        return f"expected a version with text and marking, got {got}"
    model = _model_at(path)
    if model is not None and issubclass(model, _TextItem):
        return f"expected text or a mapping with 'text', got {got}"
    return f"expected a mapping of fields, got {got}"


def _too_short(path: FieldPath, minimum: int) -> str:
    if path and path[-1] == "audiences":
        return "needs at least one audience (leave the field out to show the item to everyone)"
    if path and path[-1] == "key_points":
        return "needs at least one key point"
    if path == ("summary",):
        return "needs the bottom line: as text, or at least one version {text, marking}"
    return f"needs at least {minimum} item{'s' if minimum != 1 else ''}"


def _unknown_field(path: FieldPath) -> str:
    name = str(path[-1])
    model = _model_at(path[:-1])
    allowed = list(model.model_fields) if model else []
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    listed = f"; allowed here: {', '.join(allowed)}" if allowed and not close else ""
    return f"unknown field {quoted(name)}{hint}{listed}"


def _model_at(path: FieldPath) -> type[pydantic.BaseModel] | None:
    """The model class that validates the mapping at `path` (list indexes are skipped)."""
    model: type[pydantic.BaseModel] | None = Summary
    for part in path:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        model = _find_model(info.annotation) if info else None
    return model


def _find_model(annotation: Any) -> type[pydantic.BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    if typing.get_origin(annotation) is typing.Annotated:
        return _find_model(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found is not None:
                return found
    return None
