"""Templates in the summary's language: `_()`, trans blocks, plurals, dates and filters."""

from __future__ import annotations

from dataclasses import replace

import pytest
from click.testing import CliRunner
from conftest import SAMPLE
from test_rendering import render_with, summary

from briefwright.cli import main
from briefwright.doctree import nodes
from briefwright.doctree.meta import document_meta
from briefwright.doctree.parse import parse_markdown
from briefwright.errors import EXIT_INVALID, TemplateError
from briefwright.mail.message import subject_line
from briefwright.templating.context import build_context
from briefwright.templating.discovery import resolve_template


def _text(tmp_path, body: str, **changes) -> str:
    [paragraph] = parse_markdown(render_with(tmp_path, body, **changes))
    return nodes.plain_text(paragraph.children)


@pytest.mark.parametrize(
    ("body", "french", "russian"),
    [
        ("{{ _('Key points') }}", "Points clés", "Ключевые выводы"),
        (
            "{{ _('Prepared by %(names)s', names='A, B') }}",
            "Préparé par A, B",
            "Подготовлено: A, B",
        ),
        ("{% trans %}Key points{% endtrans %}", "Points clés", "Ключевые выводы"),
        ("{{ date }}", "22 mai 2025", "22 мая 2025\u00a0г."),
        ("{{ date|date('%A %-d %B') }}", "jeudi 22 mai", "четверг 22 мая"),
        ("{{ ['a', 'b', 'c']|join_and }}", "a, b et c", "a, b и c"),
        ("{{ 'likely'|likelihood }}", "probable (55–80\u00a0%)", "вероятно (55–80\u00a0%)"),
        ("{{ likelihood_scale[4].label }}", "probable", "вероятно"),
        ("{{ 'very likely'|likelihood_range }}", "80–95\u00a0%", "80–95\u00a0%"),
    ],
)
def test_fixed_texts_dates_and_filters_follow_the_language(tmp_path, body, french, russian):
    assert _text(tmp_path, body, language="fr") == french
    assert _text(tmp_path, body, language="ru") == russian


def test_a_text_without_a_translation_stays_as_written(tmp_path):
    assert _text(tmp_path, "{{ _('Not in any catalogue') }}", language="fr") == (
        "Not in any catalogue"
    )


def test_translated_texts_are_escaped_like_any_printed_value(tmp_path):
    body = "{{ _('**bold** %(x)s', x='[link](http://x) <b>') }}"
    assert _text(tmp_path, body, language="fr") == "**bold** [link](http://x) <b>"


def test_plurals_follow_the_language_s_rule(tmp_path):
    body = (
        "{% for n in [1, 3] %}{% trans count=n %}{{ count }} point{% pluralize %}"
        "{{ count }} points{% endtrans %};{% endfor %}"
    )
    assert _text(tmp_path, body) == "1 point;3 points;"
    assert _text(tmp_path, "{{ ngettext('%(num)s key', '%(num)s keys', 5) }}") == "5 keys"


def test_a_template_cannot_point_the_language_at_a_path(tmp_path):
    body = "{% set language = '../../../etc/x' %}{{ _('Key points') }}"
    with pytest.raises(TemplateError, match="not a BCP 47 language tag"):
        render_with(tmp_path, body)


def test_the_context_gives_likelihood_and_confidence_as_written_and_translated():
    data = summary(
        language="fr",
        implications=[{"text": "x", "likelihood": "Very Likely", "confidence": "high"}],
    )
    context = build_context(resolve_template("analyst"), data)
    [item] = context["implications"]
    assert context["language"] == "fr"
    assert (item["likelihood"], item["likelihood_label"], item["likelihood_range"]) == (
        "very likely",
        "très probable",
        "80–95\u00a0%",
    )
    assert (item["confidence"], item["confidence_label"]) == ("high", "degré de confiance élevé")


def test_english_phrases_are_unchanged():
    data = summary(implications=[{"text": "x", "likelihood": "likely", "confidence": "low"}])
    [item] = build_context(resolve_template("analyst"), data)["implications"]
    assert (item["likelihood_label"], item["likelihood_range"], item["confidence_label"]) == (
        "likely",
        "55–80%",
        "low confidence",
    )


def test_document_meta_carries_the_language_and_its_date():
    meta = document_meta(resolve_template("analyst"), summary(language="FR-ca", status="draft"))
    assert (meta.language, meta.date_label) == ("fr-CA", "22 mai 2025")
    assert replace(meta, reference="R-1", version="2").control_parts() == ["Réf. R-1", "Version 2"]
    assert subject_line(meta) == "[TLP:AMBER] [PROJET] Lavrov in Yerevan"


def test_a_language_without_a_catalogue_is_a_warning_and_strict_refuses_it(tmp_path):
    path = tmp_path / "de.yaml"
    path.write_text(SAMPLE.read_text(encoding="utf-8") + "language: de\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "-f", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert "language: briefwright has no translations for 'de'" in result.stderr
    assert "## Key points" in (tmp_path / "de.analyst.md").read_text(encoding="utf-8")
    assert "22. Mai 2025" in (tmp_path / "de.analyst.md").read_text(encoding="utf-8")
    strict = CliRunner().invoke(
        main, ["render", str(path), "-f", "md", "-o", str(tmp_path / "s"), "--strict"]
    )
    assert strict.exit_code == EXIT_INVALID
