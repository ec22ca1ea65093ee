"""The gettext catalogues shipped in the package, one per language, and finding a tag's one.

Only catalogues that exist are ever opened: a tag picks among the directories present, so no
text from a summary or a template becomes part of a path.
"""

from __future__ import annotations

import functools
import gettext
import re
from pathlib import Path

from briefwright.i18n.tags import HOUSE_LANGUAGE, LANGUAGE_TAG_PATTERN

DOMAIN = "briefwright"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
_TAG = re.compile(LANGUAGE_TAG_PATTERN)


@functools.cache
def catalogue_languages() -> tuple[str, ...]:
    """The catalogue names present, e.g. ("en", "fr", "ru"), sorted."""
    if not LOCALE_DIR.is_dir():
        return ()
    found = (p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(sorted(found))


def catalogue_for(language: str) -> str | None:
    """The catalogue serving `language` ("fr" for "fr-CA"), or None when there is none."""
    available = catalogue_languages()
    for name in _candidates(language):
        if name in available:
            return name
    return None


def has_catalogue(language: str) -> bool:
    """True when the fixed texts exist in `language` (English always does: it is the source)."""
    return catalogue_for(language) is not None or _base(language) == HOUSE_LANGUAGE


@functools.lru_cache(maxsize=32)
def translations(language: str) -> gettext.NullTranslations:
    """The translations of the fixed texts into `language`; the English originals if none."""
    name = catalogue_for(language)
    if name is None:
        return gettext.NullTranslations()
    with (LOCALE_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _candidates(language: str) -> list[str]:
    """Catalogue names for a tag, most specific first: zh_Hant_TW, zh_TW, zh_Hant, zh.

    None for what is not shaped like a tag: a hand-made DocMeta may carry anything, and its
    writers then fall back to English rather than fail. Babel is not needed for this.
    """
    if not _TAG.fullmatch(language):
        return []
    lang, *rest = language.split("-")
    lang = lang.lower()
    script = next((p.title() for p in rest if len(p) == 4 and p.isalpha()), None)
    territory = next((p.upper() for p in rest if len(p) == 2 and p.isalpha()), None)
    names = [
        "_".join(p for p in (lang, script, territory) if p),
        "_".join(p for p in (lang, territory) if p),
        "_".join(p for p in (lang, script) if p),
        lang,
    ]
    return list(dict.fromkeys(names))


def _base(language: str) -> str:
    return language.split("-")[0].lower()
