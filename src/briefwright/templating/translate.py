"""Translations inside templates: `_()`, `gettext` and `ngettext` in the summary's language.

The environment is shared by every render of a template chain, so the language is not a
setting of the environment: each call reads the `language` of the render's own context.
"""

from __future__ import annotations

from jinja2 import pass_context
from jinja2.runtime import Context

from briefwright.i18n import HOUSE_LANGUAGE, parse_language, translations


def language_of(context: Context) -> str:
    """The render's language: the context's `language`, checked, or English."""
    value = context.get("language")
    return parse_language(value) if isinstance(value, str) else HOUSE_LANGUAGE


@pass_context
def gettext(context: Context, message: str) -> str:
    """The fixed text `message` in the render's language."""
    return translations(language_of(context)).gettext(str(message))


@pass_context
def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
    """The singular or plural text for `count`, by the render's language's plural rule."""
    return translations(language_of(context)).ngettext(str(singular), str(plural), int(count))
