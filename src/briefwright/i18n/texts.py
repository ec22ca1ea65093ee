"""The fixed texts briefwright itself writes, in a briefing's language.

Writers take their page furniture from `furniture_texts(meta.language)`, and the template
context its likelihood and confidence phrases from `likelihood_label` and `confidence_label`,
so every fixed text of a briefing passes through the catalogues. Messages use %(name)s
placeholders, as Jinja's `_()` does, so translators see one style.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from briefwright.i18n.catalogues import translations

_PLACEHOLDER = re.compile(r"%\((page|total)\)s")


@dataclass(frozen=True)
class FurnitureTexts:
    """Page furniture in one language: page numbers, the date line, draft and control words."""

    page_pattern: str  # "Page %(page)s of %(total)s"
    information_as_of: str  # "Information as of %(date)s"
    reference: str  # "Ref. %(reference)s"
    version: str  # "Version %(version)s"
    reference_keyword: str  # "Reference %(reference)s", for the PDF's Keywords
    draft: str  # "DRAFT", the watermark and banner
    contents: str  # "Contents", the heading of the contents list

    def page(self, page: int | str, total: int | str) -> str:
        """ "Page 3 of 5"."""
        return self.page_pattern % {"page": page, "total": total}

    def page_parts(self) -> list[str]:
        """The page line split around its numbers, e.g. ["Page ", "page", " of ", "total", ""]:
        the DOCX writer puts a field where each number goes."""
        return _PLACEHOLDER.split(self.page_pattern)

    def as_of(self, date_label: str) -> str:
        """ "Information as of 22 May 2025"."""
        return self.information_as_of % {"date": date_label}

    def control_parts(self, reference: str, version: str) -> list[str]:
        """Reference and version as a footer shows them: ["Ref. EAU-2025-117", "Version 0.3"]."""
        parts = [self.reference % {"reference": reference} if reference else ""]
        parts.append(self.version % {"version": version} if version else "")
        return [part for part in parts if part]


@functools.lru_cache(maxsize=32)
def furniture_texts(language: str) -> FurnitureTexts:
    """The page furniture's fixed texts in `language` (English where it has no catalogue)."""
    _ = translations(language).gettext
    return FurnitureTexts(
        # Translators: the page number in every page's footer, e.g. "Page 3 of 5".
        page_pattern=_("Page %(page)s of %(total)s"),
        # Translators: in the footer; the date is the briefing's, e.g. "22 May 2025".
        information_as_of=_("Information as of %(date)s"),
        # Translators: the office's document number in the footer, e.g. "Ref. EAU-2025-117".
        reference=_("Ref. %(reference)s"),
        version=_("Version %(version)s"),
        # Translators: in the PDF file's keywords, beside the marking.
        reference_keyword=_("Reference %(reference)s"),
        # Translators: watermark and banner of a draft, in capitals like a marking.
        draft=_("DRAFT"),
        # Translators: the heading of a briefing's table of contents.
        contents=_("Contents"),
    )


def likelihood_label(term: str, language: str) -> str:
    """An ICD 203 likelihood term ("likely") in `language`, in lower case."""
    return _likelihoods(translations(language).gettext).get(term, term)


def confidence_label(level: str, language: str) -> str:
    """ "moderate confidence" in `language`, for a confidence level ("moderate")."""
    return _confidences(translations(language).gettext).get(level, f"{level} confidence")


def percent_range(low: int, high: int, language: str) -> str:
    """A probability range: "55–80%" ("55–80 %" in French)."""
    _ = translations(language).gettext
    # Translators: an ICD 203 probability range, e.g. "55–80%"; mind the typography.
    return _("%(low)s\u2013%(high)s%%") % {"low": low, "high": high}


def conjunction(language: str) -> str:
    """The word `join_and` puts before the last item: "and"."""
    _ = translations(language).gettext
    # Translators: joins the last two items of a list: "a, b and c".
    return _("and")


def _likelihoods(_: Callable[[str], str]) -> dict[str, str]:
    return {
        # Translators: an ICD 203 likelihood term (1-5%), in lower case; templates capitalise
        # it, as they do the six others.
        "almost no chance": _("almost no chance"),
        "very unlikely": _("very unlikely"),
        "unlikely": _("unlikely"),
        "roughly even chance": _("roughly even chance"),
        "likely": _("likely"),
        "very likely": _("very likely"),
        "almost certain": _("almost certain"),
    }


def _confidences(_: Callable[[str], str]) -> dict[str, str]:
    return {
        # Translators: analytic confidence, in lower case, after a likelihood: "Likely
        # (55–80%), low confidence."; templates capitalise it when it stands alone.
        "low": _("low confidence"),
        "moderate": _("moderate confidence"),
        "high": _("high confidence"),
    }
