"""Field types shared by the summary models: text, dates, likelihood, confidence, URLs, language.

Each type is an `Annotated` pydantic type whose validator gives a plain-English message. YAML
scalars arrive as `RawScalar` (see raw.py): a field that expects text takes the exact text the
user wrote, so `no`, `10:30`, `1.10` or `2025` stay text; other fields take the YAML value.
"""

from __future__ import annotations

import datetime
import difflib
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from briefwright.i18n.tags import LANGUAGE_TAG_PATTERN, parse_language
from briefwright.summary.dates import DateSpec
from briefwright.summary.raw import RawScalar, describe, quoted, unwrap

LIKELIHOOD_RANGES: dict[str, tuple[int, int]] = {
    "almost no chance": (1, 5),
    "very unlikely": (5, 20),
    "unlikely": (20, 45),
    "roughly even chance": (45, 55),
    "likely": (55, 80),
    "very likely": (80, 95),
    "almost certain": (95, 99),
}
"""ICD 203 expressions of likelihood and their probability ranges in percent."""

CONFIDENCE_LEVELS = ("low", "moderate", "high")

MAX_TEXT_CHARS = 50_000
"""The longest one text field may be (about 8,000 words): a bottom line, a key point's detail
or a timeline event longer than that is not a briefing, and laying it out would take minutes."""

# Characters that XML 1.0 (and so DOCX) cannot hold: C0 controls except tab, LF and CR,
# surrogates (only reachable through escapes) and the two non-characters U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_characters(text: str) -> str:
    """Refuse characters that no document format can hold (XML forbids them)."""
    bad = _FORBIDDEN.search(text)
    if bad:
        raise ValueError(
            f"contains the character U+{ord(bad.group()):04X}, which documents cannot hold"
        )
    return text


def _to_text(value: Any) -> Any:
    if isinstance(value, str):
        if len(value) > MAX_TEXT_CHARS:
            raise ValueError(
                f"is {len(value):,} characters long; the limit for one field is {MAX_TEXT_CHARS:,}"
            )
        return check_characters(str(value)).strip()
    return value  # pydantic reports the wrong type


def _to_date(value: Any) -> Any:
    if isinstance(value, RawScalar):
        # Judge the text written, so that YAML's lenient 2025-5-2 is refused like "2025-5-2".
        value = value.value if isinstance(value.value, datetime.datetime) else str(value)
    if isinstance(value, datetime.datetime):
        raise ValueError(f"expected a date YYYY-MM-DD without a time, got {value.isoformat()}")
    if isinstance(value, datetime.date) or value is None:
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        return DateSpec.parse(value).start
    raise ValueError(f"expected a date YYYY-MM-DD, got {describe(value)}")


def _to_whole_number(value: Any) -> Any:
    value = unwrap(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"expected a whole number, got {describe(value)}")


def _to_likelihood(value: str) -> str:
    term = " ".join(value.lower().split())
    if term in LIKELIHOOD_RANGES:
        return term
    terms = list(LIKELIHOOD_RANGES)
    close = difflib.get_close_matches(term, terms, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ValueError(f"unknown likelihood {quoted(value)}{hint}; use one of: {', '.join(terms)}")


def _to_confidence(value: str) -> str:
    level = value.lower()
    if level in CONFIDENCE_LEVELS:
        return level
    raise ValueError(
        f"unknown confidence {quoted(value)}; use one of: {', '.join(CONFIDENCE_LEVELS)}"
    )


def _to_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"expected an http:// or https:// address, got {quoted(value)}")
    if any(c.isspace() for c in value):
        raise ValueError("a web address cannot contain spaces")
    return value


def _to_schema_version(value: Any) -> Any:
    value = unwrap(value)
    if value is None or (value == 1 and not isinstance(value, bool)):
        return value
    raise ValueError(f"this briefwright reads schema version 1, got {describe(value)}")


def _case_variants(words: tuple[str, ...] | list[str]) -> list[str]:
    return list(dict.fromkeys(v for w in words for v in (w, w.capitalize(), w.title(), w.upper())))


Text = Annotated[str, BeforeValidator(_to_text), Field(min_length=1, max_length=MAX_TEXT_CHARS)]
Date = Annotated[datetime.date, BeforeValidator(_to_date)]
WholeNumber = Annotated[int, BeforeValidator(_to_whole_number)]
Likelihood = Annotated[
    str,
    AfterValidator(_to_likelihood),
    BeforeValidator(_to_text),
    WithJsonSchema({"type": "string", "enum": _case_variants(list(LIKELIHOOD_RANGES))}),
]
Confidence = Annotated[
    str,
    AfterValidator(_to_confidence),
    BeforeValidator(_to_text),
    WithJsonSchema({"type": "string", "enum": _case_variants(CONFIDENCE_LEVELS)}),
]
Url = Annotated[
    str,
    AfterValidator(_to_url),
    BeforeValidator(_to_text),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}),
]
SchemaVersion = Annotated[
    int, BeforeValidator(_to_schema_version), WithJsonSchema({"type": "integer", "const": 1})
]
LanguageTag = Annotated[
    str,
    AfterValidator(parse_language),
    BeforeValidator(_to_text),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": f"^{LANGUAGE_TAG_PATTERN}$",
            "examples": ["en", "fr", "ru", "fr-CA"],
        }
    ),
]
