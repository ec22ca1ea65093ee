"""What a template sees: the summary as plain data, as the release rule leaves it.

Portions above the template's `max_marking` and items whose `audiences` leave out its audience
are dropped before the template runs (templating/release.py), so no template, built-in or
written by a user, can show them. Dates stay dates (they print as "22 May 2025", or as the
summary's `language` writes them, and take `|date(...)`) with ready-made `_label` and `_iso`
strings beside them. Likelihood and confidence come as the terms written and as phrases in
the summary's language.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, assert_never

from briefwright.i18n.texts import confidence_label, likelihood_label
from briefwright.markings import Marking, portion_mark
from briefwright.summary.dates import format_date
from briefwright.summary.fields import LIKELIHOOD_RANGES
from briefwright.summary.validate import LoadedSummary
from briefwright.templating.filters import likelihood_range
from briefwright.templating.release import Portion, Release, release

if TYPE_CHECKING:
    from briefwright.summary.model import (
        Implication,
        KeyPoint,
        Quote,
        Recommendation,
        Source,
        Summary,
        TimelineEntry,
    )
    from briefwright.templating.discovery import ResolvedTemplate

    Item = KeyPoint | Quote | TimelineEntry | Implication | Recommendation

# Every name a template can use, with its meaning: `briefwright templates context` prints this,
# and a test checks that it matches what build_context really provides.
REFERENCE: dict[str, str] = {
    "title": "the briefing's title",
    "subtitle": "its subtitle, or None",
    "summary": "the bottom line up front: the highest version the template may release",
    "summary_marking": "the marking of that version, e.g. 'TLP:CLEAR' (None without markings)",
    "summary_portion_mark": "'(TLP:CLEAR)' when portion_marks is on and that version's marking "
    "differs from the briefing's, else ''",
    "date": "the briefing date (a date: prints as '22 May 2025', or use |date('%d/%m/%Y'))",
    "date_label": "the briefing date as text, '22 May 2025' ('' when there is none)",
    "date_iso": "the briefing date as YYYY-MM-DD ('' when there is none)",
    "author": "who prepared it (None if the template hides it: show_author = false)",
    "organization": "their organisation (None if hidden: show_organization = false)",
    "marking": "the briefing's marking: the highest of the portions it carries, e.g. "
    "'TLP:GREEN' (None when the summary has none)",
    "status": "'draft', 'final' or None",
    "draft": "true when status is draft",
    "version": "the briefing's version, e.g. '0.3', or None",
    "reference": "the office's document number, or None",
    "source": "the article: title, publisher, author, published (date), published_label, "
    "published_iso, url (with several sources, the first)",
    "sources": "every source, numbered: list of {number, id, title, publisher, author, "
    "published, published_label, published_iso, url}; one entry for a single `source`",
    "key_points": "list of {text, detail, priority, source_number, marking, portion_mark}, by "
    "priority (1 first) then file order",
    "quotes": "list of {text, speaker, role, date, date_label, context, source_number, marking, "
    "portion_mark, inline}; `inline` is true for a quote shorter than the template's "
    "inline_quote_words, to run in the text rather than as a block",
    "timeline": "list of {when, date_label, date_iso, start, end, label, event, significance, "
    "source_number, marking, portion_mark} in date order (where one date holds the other, as "
    "'May 2025' holds '3 May 2025', in the summary's order); `when` is the label if given, else "
    "the date as text ('20–21 May 2025')",
    "implications": "list of {text, actor, likelihood, likelihood_label, likelihood_range "
    "('55–80%'), confidence, confidence_label ('moderate confidence'), source_number, marking, "
    "portion_mark}; the _label fields are in the summary's language; an item's source_number is "
    "the number of the source it cites, or None",
    "recommendations": "list of {text, marking, portion_mark}",
    "tags": "list of strings",
    "counts": "items shown per section, e.g. counts.key_points",
    "more": "items per section left out by the template's limits, e.g. more.key_points",
    "likelihood_scale": "the ICD 203 scale: list of {term, label, range}",
    "template": "{name, audience, description} of the template being rendered",
    "verified": "true when the quotes were checked against the source text",
    "language": "the summary's language, a BCP 47 tag ('en', 'fr', 'ru'...): `_()` texts, dates "
    "and likelihood phrases follow it",
}


def build_context(
    template: ResolvedTemplate, summary: Summary | LoadedSummary, *, verified: bool = False
) -> dict[str, object]:
    """The template's variables for one summary, following the template's rules.

    ReleaseRefused when the template may not release a bottom line and a key point.
    """
    config = template.config
    released = release(template, summary)
    if isinstance(summary, LoadedSummary):
        summary = summary.summary
    language = summary.language
    sections = {name: _plain_section(summary, name, released) for name in released.sections}
    if "quotes" in sections:
        _mark_inline(sections["quotes"][0], config.get("inline_quote_words", 0))
    return {
        "title": summary.title,
        "subtitle": summary.subtitle,
        "summary": released.bottom_line,
        "summary_marking": _label(released.bottom_line_marking),
        "summary_portion_mark": _mark(released, released.bottom_line_marking),
        **_dated("date", summary.date, language),
        "author": summary.author if config.get("show_author", True) else None,
        "organization": summary.organization if config.get("show_organization", True) else None,
        "marking": _label(released.marking),
        "status": summary.status,
        "draft": summary.status == "draft",
        "version": summary.version,
        "reference": summary.reference,
        "source": _plain_source(summary.source, language),
        "sources": [
            {"number": number, "id": source.id, **_plain_source(source, language)}
            for number, source in enumerate(summary.source_list(), start=1)
        ],
        **{name: shown for name, (shown, _) in sections.items()},
        "tags": list(summary.tags),
        "counts": {name: len(shown) for name, (shown, _) in sections.items()},
        "more": {name: more for name, (_, more) in sections.items()},
        "likelihood_scale": [
            {
                "term": term,
                "label": likelihood_label(term, language),
                "range": likelihood_range(term, language),
            }
            for term in LIKELIHOOD_RANGES
        ],
        "template": {
            "name": template.name,
            "audience": template.audience,
            "description": template.description,
        },
        "verified": verified,
        "language": language,
    }


Plain = dict[str, object]


def _plain_section(summary: Summary, name: str, released: Release) -> tuple[list[Plain], int]:
    """(the items to show as plain data, how many the limit left out)."""
    shown, more = released.sections[name]
    return [_plain_portion(summary, name, portion, released) for portion in shown], more


def _mark_inline(quotes: list[Plain], below: int) -> None:
    """Mark each quote of fewer than `below` words as one to run in the text."""
    for quote in quotes:
        quote["inline"] = len(str(quote["text"]).split()) < below


def _plain_portion(summary: Summary, name: str, portion: Portion, released: Release) -> Plain:
    plain = _with_number(summary, name, portion.item, _plain(portion.item, summary.language))
    return {
        **plain,
        "marking": _label(portion.marking),
        "portion_mark": _mark(released, portion.marking),
    }


def _label(marking: Marking | None) -> str | None:
    return marking.label if marking else None


def _mark(released: Release, marking: Marking | None) -> str:
    return portion_mark(marking, released.marking) if released.portion_marks else ""


def _with_number(summary: Summary, name: str, item: Item, plain: Plain) -> Plain:
    """The item's data with the number of the source it cites: a quote or an event that cites
    none comes from the first (it is checked against it); other items then cite none."""
    cited = getattr(item, "source", None)
    if not hasattr(item, "source"):
        return plain
    number = summary.source_number(cited)
    if number is None and cited is None and name in ("quotes", "timeline"):
        number = 1
    return {**plain, "source_number": number}


def _plain_source(source: Source, language: str) -> Plain:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "author": source.author,
        **_dated("published", source.published, language),
        "url": source.url,
    }


def _dated(name: str, value: datetime.date | None, language: str) -> Plain:
    return {
        name: value,
        f"{name}_label": format_date(value, language=language) if value else "",
        f"{name}_iso": value.isoformat() if value else "",
    }


def _plain(item: Item, language: str) -> Plain:
    """An item as the dict a template sees."""
    # Imported here: building the models is most of the cost of importing them, and
    # `briefwright templates context` reads this module without ever building a context.
    from briefwright.summary.model import (
        Implication,
        KeyPoint,
        Quote,
        Recommendation,
        TimelineEntry,
    )

    if isinstance(item, KeyPoint):
        return {"text": item.text, "detail": item.detail, "priority": item.priority}
    if isinstance(item, Quote):
        return {
            "text": item.text,
            "speaker": item.speaker,
            "role": item.role,
            **_dated("date", item.date, language),
            "context": item.context,
        }
    if isinstance(item, TimelineEntry):
        date_label = item.date.label_in(language)
        return {
            "when": item.label or date_label,
            "date_label": date_label,
            "date_iso": item.date.iso,
            "start": item.date.start,
            "end": item.date.end,
            "label": item.label,
            "event": item.event,
            "significance": item.significance,
        }
    if isinstance(item, Implication):
        return {
            "text": item.text,
            "actor": item.actor,
            "likelihood": item.likelihood,
            "likelihood_label": likelihood_label(item.likelihood, language)
            if item.likelihood
            else None,
            "likelihood_range": likelihood_range(item.likelihood, language),
            "confidence": item.confidence,
            "confidence_label": confidence_label(item.confidence, language)
            if item.confidence
            else None,
        }
    if isinstance(item, Recommendation):
        return {"text": item.text}
    assert_never(item)
