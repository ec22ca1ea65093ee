"""BCP 47 language tags: checked against Babel's locale data and written in canonical case."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

HOUSE_LANGUAGE = "en"
"""The language the fixed texts are written in, and whose dates keep the house style."""

LANGUAGE_TAG_PATTERN = "[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*"
"""The shape of a language tag; parse_language also asks Babel whether it knows it."""
_TAG = re.compile(LANGUAGE_TAG_PATTERN)
_EXAMPLES = "e.g. 'en', 'fr', 'ru' or 'fr-CA'"


@functools.lru_cache(maxsize=256)
def parse_language(tag: str) -> str:
    """`tag` in canonical case ("fr-CA", "zh-Hant-TW"); ValueError unless Babel knows it."""
    text = tag.strip()
    if "_" in text and _TAG.fullmatch(text.replace("_", "-")):
        hint = text.replace("_", "-")
        raise ValueError(f"language tags join their parts with '-', not '_': write {hint!r}")
    if not _TAG.fullmatch(text):
        raise ValueError(f"{text!r} is not a BCP 47 language tag ({_EXAMPLES})")
    canonical = _canonical_case(text)
    if canonical == HOUSE_LANGUAGE:
        return canonical  # known without asking Babel, which English briefings never import
    if canonical.split("-")[0] in ("und", "mul", "zxx"):
        raise ValueError(f"{text!r} names no language; give the one the briefing is written in")
    from babel import UnknownLocaleError

    try:
        babel_locale(canonical)
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"unknown language tag {text!r} ({_EXAMPLES})") from None
    return canonical


@functools.lru_cache(maxsize=64)
def babel_locale(tag: str) -> Locale:
    """Babel's Locale for a tag that parse_language accepted."""
    from babel import Locale

    return Locale.parse(tag, sep="-")


def _canonical_case(tag: str) -> str:
    """BCP 47's conventional case: language lower, Script title, REGION upper, rest lower."""
    first, *rest = tag.split("-")
    parts = [first.lower()]
    for part in rest:
        if len(part) == 4 and part.isalpha():
            parts.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            parts.append(part.upper())
        else:
            parts.append(part.lower())
    return "-".join(parts)
