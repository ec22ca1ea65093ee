"""Portion markings against the summary's marking: none higher, none that cannot be compared.

A portion is an item of a section or a version of the bottom line; one without a marking has
the summary's. Validation checks with TLP 2.0 alone and leaves two different free-text markings
for the render, which knows the template's `marking_scheme`; the render checks again, strictly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefwright.markings import Marking, Markings

if TYPE_CHECKING:
    from briefwright.summary.model import Summary
    from briefwright.summary.paths import FieldPath

SECTIONS = ("key_points", "quotes", "timeline", "implications", "recommendations")


def marked_portions(summary: Summary) -> Iterator[tuple[FieldPath, str | None]]:
    """(path of the portion, its own marking or None) for every version and item."""
    if not isinstance(summary.summary, str):
        for index, version in enumerate(summary.summary):
            yield ("summary", index), version.marking
    for section in SECTIONS:
        for index, item in enumerate(getattr(summary, section)):
            yield (section, index), item.marking


def marking_problems(
    summary: Summary, markings: Markings, *, strict: bool
) -> list[tuple[FieldPath, str]]:
    """(field path, message) for every portion marked above the summary or incomparable with it.

    Not `strict`, two different markings that are both free text pass: a template may declare
    the scheme that orders them.
    """
    whole = markings.parse_optional(summary.marking)
    found: list[tuple[FieldPath, str]] = []
    for path, text in marked_portions(summary):
        if text is None:
            continue
        portion = markings.parse(text)
        problem = _problem(portion, whole, strict=strict)
        if problem:
            found.append(((*path, "marking"), problem))
    found += _version_problems(summary, markings, whole)
    return found


def _problem(portion: Marking, whole: Marking | None, *, strict: bool) -> str | None:
    if whole is None:
        return (
            f"this portion is marked {portion} but the summary has no `marking`: give the "
            f"summary a marking at least as high"
        )
    order = portion.compare(whole)
    if order is not None:
        if order <= 0:
            return None
        return f"{portion} is above the summary's marking {whole}: raise that or lower this"
    if not strict and portion.scheme is None and whole.scheme is None:
        return None
    return (
        f"{portion} cannot be compared with the summary's marking {whole}: {_why(portion, whole)}"
    )


def _why(portion: Marking, whole: Marking) -> str:
    free = [m.label for m in (portion, whole) if m.scheme is None]
    if len(free) == 2:
        return (
            "neither is in a known marking scheme (TLP 2.0 or the template's marking_scheme), "
            "so only equal markings compare"
        )
    if free:
        return f"{free[0]} is in no known marking scheme (TLP 2.0 or the template's marking_scheme)"
    return "they belong to different marking schemes"


def _version_problems(
    summary: Summary, markings: Markings, whole: Marking | None
) -> list[tuple[FieldPath, str]]:
    """Two versions of the bottom line with the same marking: which one to show is unclear."""
    seen: dict[str | None, int] = {}
    found: list[tuple[FieldPath, str]] = []
    for index, version in enumerate(summary.bottom_lines()):
        marking = markings.parse_optional(version.marking) or whole
        label = marking.label if marking else None
        if label in seen:
            first = f"summary[{seen[label]}]"
            said = f"is also marked {label}" if label else "has no marking either"
            found.append((("summary", index), f"{first} {said}: give each version its own marking"))
        else:
            seen[label] = index
    return found
