"""Small rules of the built-in templates' look: bold leads, short quotes, dashes, the "more" note,
timeline order, and the template.toml keys behind them."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefwright.doctree import nodes
from briefwright.doctree.parse import parse_markdown
from briefwright.errors import TemplateError
from briefwright.summary import validate_data
from briefwright.templating.context import build_context
from briefwright.templating.discovery import resolve_template
from briefwright.templating.render import render_markdown


def emphasised(markdown: str) -> list[str]:
    """The text of each paragraph that is wholly in italics, as a reader sees it."""
    return [
        nodes.plain_text(block.children)
        for block in parse_markdown(markdown)
        if isinstance(block, nodes.Paragraph)
        and len(block.children) == 1
        and isinstance(block.children[0], nodes.Emphasis)
    ]


def summary(**changes):
    data = {
        "title": "Talks",
        "marking": "TLP:CLEAR",
        "source": {"title": "Commentary"},
        "summary": "Bottom line.",
        "key_points": ["Point one."],
    }
    data.update(changes)
    return validate_data(data).summary


def template(tmp_path: Path, toml: str) -> Path:
    directory = tmp_path / "mine"
    directory.mkdir()
    (directory / "template.toml").write_text(f'extends = "analyst"\n{toml}', encoding="utf-8")
    return directory


@pytest.mark.parametrize("name", ["analyst", "brief-note"])
def test_a_key_points_lead_is_bold_only_when_detail_follows(name):
    points = [{"text": "Lead with detail.", "detail": "The detail."}, "Lead alone."]
    markdown = render_markdown(resolve_template(name), summary(key_points=points))
    assert "**Lead with detail\\.** The detail\\." in markdown
    assert "Lead alone\\." in markdown and "**Lead alone" not in markdown


def test_short_quotes_run_inline_and_long_ones_are_blocks():
    quotes = [
        {"text": "unfriendly", "speaker": "The ministry", "context": "On the ban."},
        {"text": "one two three four five six seven", "speaker": "A"},
        {"text": "one two three four five six seven eight", "speaker": "B", "role": "Envoy"},
    ]
    markdown = render_markdown(resolve_template("analyst"), summary(quotes=quotes))
    blocks = parse_markdown(markdown)
    quoted = [b for b in blocks if isinstance(b, nodes.Quote)]
    assert [nodes.plain_text(q.children[0].children) for q in quoted] == [  # type: ignore[union-attr]
        "“one two three four five six seven eight”"
    ]
    texts = [nodes.plain_text(b.children) for b in blocks if isinstance(b, nodes.Paragraph)]
    assert "“unfriendly”\u00a0— The ministry. On the ban." in texts
    assert "“one two three four five six seven”\u00a0— A." in texts


def test_the_inline_threshold_is_the_templates(tmp_path):
    resolved = resolve_template(str(template(tmp_path, "inline_quote_words = 0\n")))
    context = build_context(resolved, summary(quotes=[{"text": "unfriendly", "speaker": "A"}]))
    assert context["quotes"][0]["inline"] is False  # type: ignore[index]


@pytest.mark.parametrize(("name", "shown"), [("executive", 4), ("brief-note", 6)])
def test_a_template_that_shows_fewer_key_points_says_how_many_more(name, shown):
    points = [f"Point {n}." for n in range(1, 10)]
    markdown = render_markdown(resolve_template(name), summary(key_points=points))
    assert f"{9 - shown} more key points in the full briefing." in emphasised(markdown)
    one_more = render_markdown(resolve_template(name), summary(key_points=points[: shown + 1]))
    assert "1 more key point in the full briefing." in emphasised(one_more)
    none = render_markdown(resolve_template(name), summary(key_points=points[:shown]))
    assert "in the full briefing" not in none


@pytest.mark.parametrize(
    ("language", "hidden", "note"),
    [
        ("fr", 1, "1 autre point clé dans la note complète."),
        ("fr", 5, "5 autres points clés dans la note complète."),
        ("ru", 1, "Ещё 1 ключевой вывод\u00a0— в полной версии документа."),
        ("ru", 3, "Ещё 3 ключевых вывода\u00a0— в полной версии документа."),
        ("ru", 5, "Ещё 5 ключевых выводов\u00a0— в полной версии документа."),
    ],
)
def test_the_more_note_is_in_the_briefings_language_with_its_plural(language, hidden, note):
    points = [f"Point {n}." for n in range(1, 5 + hidden)]
    data = summary(key_points=points, language=language)
    markdown = render_markdown(resolve_template("executive"), data)
    assert note in emphasised(markdown)
    assert "in the full briefing" not in markdown


def test_a_spaced_dash_is_bound_to_the_word_before_it():
    markdown = render_markdown(
        resolve_template("analyst"), summary(subtitle="Moscow courts Yerevan — and Baku sours")
    )
    subtitle = next(b for b in parse_markdown(markdown) if isinstance(b, nodes.Subtitle))
    assert nodes.plain_text(subtitle.children) == "Moscow courts Yerevan\u00a0— and Baku sours"


def test_a_range_dash_is_left_alone():
    [paragraph] = parse_markdown("20–21 May 2025 and 1990 – 1995\n")
    assert nodes.plain_text(paragraph.children) == "20–21 May 2025 and 1990\u00a0– 1995"  # type: ignore[union-attr]


def test_a_day_written_before_its_month_stays_before_it():
    events = [
        {"date": "2025-06", "event": "June"},
        {"date": "2025-05-03", "event": "third"},
        {"date": "2025-05", "event": "May"},
        {"date": "2025-04-30", "event": "April"},
    ]
    context = build_context(resolve_template("analyst"), summary(timeline=events))
    assert [e["event"] for e in context["timeline"]] == ["April", "third", "May", "June"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("max_pages = 0", "max_pages: expected a whole number 1 or more, got 0"),
        ("max_pages = true", "max_pages: expected a whole number 1 or more, got True"),
        ("inline_quote_words = -1", "inline_quote_words: expected a whole number 0 or more"),
        ('trim = ["key_point"]', "trim: 'key_point' is not a section"),
        ('trim = ["quotes", "quotes"]', "trim: a section is listed twice"),
        ('toc = "yes"', "toc: expected bool, got str"),
    ],
)
def test_page_and_quote_keys_are_checked(tmp_path, toml, message):
    with pytest.raises(TemplateError) as caught:
        resolve_template(str(template(tmp_path, toml + "\n")))
    assert message in caught.value.lines()[0]
