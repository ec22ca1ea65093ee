"""Handling markings: parsing, normalising, ordering and display, for every part of briefwright.

A marking belongs to a scheme, an ordered list of levels (lowest first): TLP 2.0 always, plus
at most one that a template declares with `marking_scheme`. A marking in no known scheme is
free text and compares only for equality. The summary, the release rule, the document's
metadata, every writer and the mail subject take markings from here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_MARKING_CHARS = 100
"""The longest marking: it is drawn on one line at the top and bottom of every page."""

TLP_LEVELS = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")
"""Traffic Light Protocol 2.0, lowest first."""

TLP_COLOURS = {"CLEAR": "#FFFFFF", "GREEN": "#33FF00", "AMBER": "#FFC000", "RED": "#FF2B2B"}
"""TLP 2.0 label colours, drawn on TLP_BACKGROUND; AMBER+STRICT takes AMBER's."""

TLP_BACKGROUND = "#000000"

_TLP_PREFIX = re.compile(r"^TLP\s*:\s*", re.IGNORECASE)
# TLP 2.0 renamed WHITE to CLEAR; a summary written for TLP 1.0 means the same thing
_TLP_ALIASES = {"WHITE": "CLEAR"}


def normalise(text: str) -> str:
    """The one spelling of a marking: whitespace folded, capitals, TLP as `TLP:AMBER+STRICT`.

    Never fails: "tlp: amber" -> "TLP:AMBER", " official  sensitive" -> "OFFICIAL SENSITIVE".
    """
    folded = " ".join(text.split()).upper()
    prefix = _TLP_PREFIX.match(folded)
    if prefix is None:
        return folded
    label = re.sub(r"\s*\+\s*", "+", folded[prefix.end() :])
    return f"TLP:{_TLP_ALIASES.get(label, label)}"


def check_marking(text: str) -> str:
    """`text` unchanged if it can be a marking; ValueError saying why not (for the loaders)."""
    if len(text) > MAX_MARKING_CHARS:
        raise ValueError(
            f"a marking is at most {MAX_MARKING_CHARS} characters (it is drawn on one line of "
            f"every page); this one has {len(text)}"
        )
    label = normalise(text)
    if label.startswith("TLP:") and label not in TLP_LEVELS:
        raise ValueError(f"{label!r} is not a TLP 2.0 label; use one of {', '.join(TLP_LEVELS)}")
    return text


@dataclass(frozen=True)
class Scheme:
    """An ordered list of markings, lowest first, e.g. OFFICIAL < OFFICIAL-SENSITIVE."""

    name: str
    levels: tuple[str, ...]  # normalised


TLP = Scheme("TLP 2.0", TLP_LEVELS)


@dataclass(frozen=True)
class Marking:
    """A normalised marking and the scheme that orders it (None: free text)."""

    label: str
    scheme: Scheme | None = None

    def __str__(self) -> str:
        return self.label

    def compare(self, other: Marking) -> int | None:
        """-1, 0 or 1 as self is lower than, equal to or higher than `other`; None if the two
        cannot be compared (different schemes, or free text that differs)."""
        if self.label == other.label:
            return 0
        if self.scheme is None or self.scheme != other.scheme:
            return None
        mine, theirs = self.scheme.levels.index(self.label), self.scheme.levels.index(other.label)
        return -1 if mine < theirs else 1

    def at_most(self, other: Marking) -> bool:
        """True when self is known to be no higher than `other`; False if incomparable."""
        order = self.compare(other)
        return order is not None and order <= 0

    @property
    def tlp_colour(self) -> str | None:
        """The TLP 2.0 label colour, or None for a marking of another scheme."""
        return tlp_colour(self.label)


class Markings:
    """The schemes one render knows: TLP 2.0 and the template's own, if it declares one."""

    def __init__(self, declared: Sequence[str] | None = None) -> None:
        self.schemes = [TLP]
        if declared:
            self.schemes.append(Scheme("marking_scheme", tuple(normalise(m) for m in declared)))

    def parse(self, text: str) -> Marking:
        """The marking `text` names, in the scheme that lists it, else as free text."""
        label = normalise(text)
        for scheme in self.schemes:
            if label in scheme.levels:
                return Marking(label, scheme)
        return Marking(label)

    def parse_optional(self, text: str | None) -> Marking | None:
        """parse(text), or None for no marking (None or blank)."""
        return self.parse(text) if text and text.strip() else None


def highest(markings: Iterable[Marking], ceiling: Marking) -> Marking:
    """The highest of `markings`, none of which is above `ceiling`; `ceiling` if there is no
    single highest (two that cannot be compared), because a marking too high is safe."""
    found: Marking | None = None
    for marking in markings:
        if found is None:
            found = marking
            continue
        order = marking.compare(found)
        if order is None:
            return ceiling
        found = marking if order > 0 else found
    return found if found is not None else ceiling


def tlp_colour_name(marking: str) -> str | None:
    """The name of a TLP 2.0 label's colour ("AMBER" for "tlp: amber+strict"), else None."""
    label = normalise(marking)
    if label not in TLP_LEVELS:
        return None
    return label.removeprefix("TLP:").split("+")[0]


def tlp_colour(marking: str) -> str | None:
    """The TLP 2.0 colour ("#FFC000") of a marking such as "TLP:AMBER" or "tlp: amber", else
    None."""
    name = tlp_colour_name(marking)
    return TLP_COLOURS[name] if name else None


def is_banner(marking: str) -> bool:
    """A marking that is drawn as a centred banner at the top and bottom of every page: any
    marking but a TLP label, which has its own coloured label."""
    return bool(marking.strip()) and tlp_colour(marking) is None


def portion_mark(marking: Marking | None, render_marking: Marking | None) -> str:
    """ "(TLP:CLEAR)" before a portion whose marking differs from the render's; else ""."""
    if marking is None or render_marking is None or marking.label == render_marking.label:
        return ""
    return f"({marking.label})"
