"""The release rule: what a template may carry of a summary, and the marking that results.

Before any template runs, every portion above the template's `max_marking` (or that cannot be
compared with it) is left out, then every item whose `audiences` leave out the template's
audience, then what the template's limits cap. If no bottom line or no key point is left, the
render is refused. The render's marking is the highest marking of the portions it carries.
A summary without a marking releases everything, as it always has.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefwright.errors import Issue, ReleaseRefused
from briefwright.markings import Marking, Markings, highest
from briefwright.summary.chronology import chronological
from briefwright.summary.portions import SECTIONS, marking_problems
from briefwright.summary.validate import LoadedSummary, invalid

if TYPE_CHECKING:
    from briefwright.summary.model import (
        Implication,
        KeyPoint,
        Quote,
        Recommendation,
        Summary,
        TimelineEntry,
    )
    from briefwright.summary.paths import FieldPath
    from briefwright.templating.discovery import ResolvedTemplate

    Item = KeyPoint | Quote | TimelineEntry | Implication | Recommendation


@dataclass(frozen=True)
class Portion:
    """An item a render carries, with its marking: its own, or else the summary's."""

    item: Item
    marking: Marking | None


@dataclass(frozen=True)
class Release:
    """What one template may carry of one summary."""

    bottom_line: str
    bottom_line_marking: Marking | None
    sections: dict[str, tuple[list[Portion], int]]  # shown, and how many the limits left out
    marking: Marking | None  # the render's: the highest of the portions carried
    portion_marks: bool


def release(template: ResolvedTemplate, summary: Summary | LoadedSummary) -> Release:
    """Apply the release rule; InvalidSummary or ReleaseRefused when it cannot be applied."""
    loaded = summary if isinstance(summary, LoadedSummary) else LoadedSummary(summary)
    config = template.config
    markings = Markings(config.get("marking_scheme"))
    problems = marking_problems(loaded.summary, markings, strict=True)
    if problems:
        issues = [Issue(message, loaded.locate(path)) for path, message in problems]
        raise invalid(issues, loaded.path)
    rule = _Rule(template, loaded, markings)
    versions = [v for v in rule.versions() if rule.cleared(v[1])]
    sections = {name: rule.section(name) for name in SECTIONS}
    refusals = rule.refusals(versions)
    if refusals:
        what = f"{loaded.path or 'summary'}: template {template.name!r} may not release it"
        raise ReleaseRefused(what, refusals)
    text, top = max(versions, key=functools.cmp_to_key(_by_marking))
    carried = [top, *(p.marking for shown, _ in sections.values() for p in shown)]
    whole = rule.whole
    marking = highest((m for m in carried if m is not None), whole) if whole else None
    return Release(text, top, sections, marking, config.get("portion_marks", False))


def visible(item: Item, audience: str) -> bool:
    """Items without `audiences` go everywhere; others only to the audiences they list."""
    return item.audiences is None or audience.casefold() in {a.casefold() for a in item.audiences}


class _Rule:
    """One template's release rule over one summary."""

    def __init__(self, template: ResolvedTemplate, loaded: LoadedSummary, markings: Markings):
        self.template, self.loaded, self.markings = template, loaded, markings
        self.whole = markings.parse_optional(loaded.summary.marking)
        limit = template.config.get("max_marking")
        # a summary without a marking releases everything, as it always has
        self.limit = markings.parse_optional(limit) if self.whole else None
        self.ordered = _ordered(loaded.summary)

    def marking_of(self, own: str | None) -> Marking | None:
        return self.markings.parse_optional(own) or self.whole

    def cleared(self, marking: Marking | None) -> bool:
        """Fail closed: a marking that cannot be compared with the limit is not cleared."""
        return self.limit is None or (marking is not None and marking.at_most(self.limit))

    def versions(self) -> list[tuple[str, Marking | None]]:
        return [(v.text, self.marking_of(v.marking)) for v in self.loaded.summary.bottom_lines()]

    def section(self, name: str) -> tuple[list[Portion], int]:
        items = self._for_audience(name)
        kept = [portion for portion in items if self.cleared(portion.marking)]
        cap = self.template.config.get("limits", {}).get(name)
        shown = kept if cap is None else kept[:cap]
        return shown, len(kept) - len(shown)

    def _for_audience(self, name: str) -> list[Portion]:
        audience = self.template.audience
        return [
            Portion(item, self.marking_of(item.marking))
            for item in self.ordered[name]
            if visible(item, audience)
        ]

    def refusals(self, versions: Sequence[object]) -> list[Issue]:
        """Why the render is refused: no bottom line or no key point left by the release.

        A template's own limits (key_points = 0) or audience may leave none; only the release
        refuses.
        """
        found = []
        if not versions:
            blocked = [m for _, m in self.versions() if m is not None]
            found.append(self._refusal(("summary",), blocked))
        candidates = self._for_audience("key_points")
        if candidates and not any(self.cleared(p.marking) for p in candidates):
            blocked = [p.marking for p in candidates if p.marking is not None]
            found.append(self._refusal(("key_points",), blocked))
        return found

    def _refusal(self, path: FieldPath, blocked: list[Marking]) -> Issue:
        assert self.limit is not None  # only a limit leaves nothing
        limit = self.limit.label
        labels = ", ".join(dict.fromkeys(m.label for m in blocked))
        notes = [self._why(m) for m in _unique(blocked)]
        if path == ("summary",):
            what, fix = "the bottom line", _add_version(limit)
            if isinstance(self.loaded.summary.summary, str):
                notes.insert(0, "the summary's marking")
        else:
            what, fix = "every key point", f"mark at least one key point {limit} (marking: {limit})"
            if any(k.marking is None for k in self.loaded.summary.key_points):
                notes.insert(0, "a key point without a marking has the summary's")
        said = "; ".join(note for note in notes if note)
        message = (
            f"template {self.template.name!r} releases nothing above {limit}, but {what} is "
            f"marked {labels}{f' ({said})' if said else ''}: {fix}"
        )
        return Issue(message, self.loaded.locate(path))

    def _why(self, marking: Marking) -> str:
        """Why `marking` cannot be compared with the limit, or "" when it can."""
        limit = self.limit
        assert limit is not None
        if marking.compare(limit) is not None:
            return ""
        if limit.scheme is None:
            return f"max_marking {limit} is in no known marking scheme, so only {limit} is cleared"
        if marking.scheme is None:
            return f"{marking} is in no known marking scheme, so it cannot be compared with {limit}"
        return f"{marking} and {limit} belong to different marking schemes"


def _add_version(limit: str) -> str:
    example = f"[{{text: ..., marking: {limit}}}, {{text: ...}}]"
    return f"give `summary` a version marked {limit}, e.g. summary: {example}"


def _unique(markings: list[Marking]) -> list[Marking]:
    return list({m.label: m for m in markings}.values())


def _by_marking(a: tuple[str, Marking | None], b: tuple[str, Marking | None]) -> int:
    """Versions by marking, lowest first; validation has made them comparable and distinct."""
    if a[1] is None or b[1] is None:
        return 0
    return a[1].compare(b[1]) or 0


def _ordered(summary: Summary) -> dict[str, Sequence[Item]]:
    # sorted() is stable, so ties keep the order of the summary file.
    key_points = sorted(summary.key_points, key=lambda k: (k.priority is None, k.priority or 0))
    timeline = chronological(summary.timeline, lambda entry: entry.date)
    return {
        "key_points": key_points,
        "quotes": summary.quotes,
        "timeline": timeline,
        "implications": summary.implications,
        "recommendations": summary.recommendations,
    }
