"""The gettext catalogues: compiled as written, complete, and listing every fixed text used."""

from __future__ import annotations

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from conftest import ROOT

from briefwright.i18n import LOCALE_DIR, catalogue_languages, has_catalogue
from briefwright.i18n.texts import confidence_label, likelihood_label
from briefwright.summary.fields import CONFIDENCE_LEVELS, LIKELIHOOD_RANGES

LANGUAGES = ("en", "fr", "ru")
TRANSLATED = ("fr", "ru")


def _po(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "briefwright.po").open("rb") as handle:
        return read_po(handle, locale=language)


def _pot():
    with (LOCALE_DIR / "briefwright.pot").open("rb") as handle:
        return read_po(handle)


def _translations(catalog) -> dict[object, object]:
    # A plural message's id and string are sequences (a list when read from a .mo), and
    # pybabel compiles an untranslated plural as its own ids: the same as no translation.
    found = {_hashable(m.id): _hashable(m.string) for m in catalog if m.id and not m.fuzzy}
    return {key: value for key, value in found.items() if any(value) and value != key}


def _hashable(value):
    return value if isinstance(value, str) else tuple(value)


def test_the_package_ships_english_french_and_russian():
    assert set(LANGUAGES) <= set(catalogue_languages())
    assert all(has_catalogue(tag) for tag in ("en", "fr", "fr-CA", "ru", "ru-RU", "en-US"))
    assert not has_catalogue("de")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_compiled_catalogue_matches_its_source(language):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "briefwright.mo").open("rb") as handle:
        compiled = read_mo(handle)
    assert _translations(compiled) == _translations(_po(language)), (
        "run: pybabel compile -d src/briefwright/locale -D briefwright"
    )


def test_the_template_lists_exactly_the_fixed_texts_of_code_and_templates():
    source = ROOT / "src" / "briefwright"
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    used = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(source, method_map, options_map)
    }
    listed = {m.id if isinstance(m.id, str) else m.id[0] for m in _pot() if m.id}
    assert used == listed, "run the pybabel extract and update commands of the README"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_has_every_message_of_the_template(language):
    listed = {m.id for m in _pot() if m.id}
    assert {m.id for m in _po(language) if m.id} == listed


@pytest.mark.parametrize("language", TRANSLATED)
def test_french_and_russian_translate_every_message(language):
    catalog = _po(language)
    untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    problems = [(m.id, errors) for m, errors in _po(language).check() if errors]
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_has_its_language_plural_rule(language):
    catalog = _po(language)
    rule = get_plural(language)
    assert (catalog.num_plurals, catalog.plural_expr) == (rule.num_plurals, rule.plural_expr)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_likelihood_and_confidence_has_its_translation(language):
    terms = [likelihood_label(term, language) for term in LIKELIHOOD_RANGES]
    levels = [confidence_label(level, language) for level in CONFIDENCE_LEVELS]
    assert not set(terms) & set(LIKELIHOOD_RANGES)
    assert len(set(terms)) == len(terms) and len(set(levels)) == len(levels)
    assert all("confidence" not in level for level in levels)


def test_english_phrases_are_the_originals():
    assert [likelihood_label(term, "en") for term in LIKELIHOOD_RANGES] == list(LIKELIHOOD_RANGES)
    assert confidence_label("moderate", "en") == "moderate confidence"
