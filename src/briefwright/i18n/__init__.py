"""Languages: the BCP 47 tag a summary names, its gettext catalogue and its date formats.

A summary's `language` decides every fixed text of a briefing (template headings, page
furniture, likelihood phrases) and how dates read. The texts come from the gettext catalogues
in `locale/<lang>/LC_MESSAGES/briefwright.mo`; dates come from Babel's CLDR data, except in
plain `en`, which keeps the house style "22 May 2025".
"""

from __future__ import annotations

from briefwright.i18n.catalogues import (
    DOMAIN,
    LOCALE_DIR,
    catalogue_languages,
    has_catalogue,
    translations,
)
from briefwright.i18n.tags import HOUSE_LANGUAGE, babel_locale, parse_language

__all__ = [
    "DOMAIN",
    "HOUSE_LANGUAGE",
    "LOCALE_DIR",
    "babel_locale",
    "catalogue_languages",
    "has_catalogue",
    "parse_language",
    "translations",
]
