"""Normalisation and quote matching on plain strings: what may differ, and what may not."""

from __future__ import annotations

import pytest

from briefwright.fidelity.diff import closest_passage, diff_text, word_diff
from briefwright.fidelity.match import find_quote, parse_quote, prepare_quote, quote_words
from briefwright.fidelity.normalize import paragraph_starts, tokenize, words

SOURCE = (
    "Lavrov said: “Our relations with Armenia are based on a deep historical foundation, "
    "and we are committed to strengthening our strategic partnership.” The Armenia–Russia "
    "alliance — he added — would last.\n"
    "Mirzoyan: “I’d like to give a very direct answer, no. No one has dissolved it.”\n"
    "“the weapons used [by Armenia] were Russian,” he said."
)


def found(quote: str, source: str = SOURCE) -> bool:
    tokens = words(tokenize(source, paragraph_starts(source)))
    return bool(find_quote(parse_quote(prepare_quote(quote)), tokens))


@pytest.mark.parametrize(
    "quote",
    [
        "Our relations with Armenia are based on a deep historical foundation",
        "our relations with Armenia",  # case of the first letter
        "Our  relations\nwith\u00a0Armenia",  # spaces, line breaks, non-breaking spaces
        "I'd like to give a very direct answer, no.",  # straight apostrophe
        "I\u2019d like to give a very direct answer, no",  # trailing punctuation
        "“I’d like to give a very direct answer, no.”",  # the article's own quotation marks
        '"I\'d like to give a very direct answer, no."',
        "The Armenia-Russia alliance -- he added -- would last",  # dash variants
        "The Armenia\u2014Russia alliance \u2013 he added \u2013 would last",
        "Our relations … strategic partnership.",  # ellipsis
        "Our relations ... strategic partnership.",
        "Our relations. . . strategic partnership",
        "Our relations [...] strategic partnership",
        "Our relations (…) strategic partnership",
        "… we are committed to strengthening …",
        "the weapons used [by Armenia] were Russian",  # the article's own insertion
        "the weapons used [by Yerevan] were Russian",  # the editor's insertion
        "[T]he weapons used [by Armenia] were Russian",
        "committed to [deepening] our strategic partnership",
        "dis\u00adsolved",  # soft hyphen
    ],
)
def test_allowed_differences_match(quote):
    assert found(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "Our relations with Armenia are based on a deep historic foundation",  # a changed word
        "I'd like to give a very direct answer, yes.",
        "answer, no. One has dissolved it",  # a dropped "No"
        "No one dissolved it",  # a dropped "has"
        "Our Relations with Armenia",  # case inside the quote
        "I'd like to give a very direct answer no.",  # a dropped comma
        "strategic partnership … I'd like to give",  # an ellipsis across paragraphs
        "Our relations … direct answer, no",
        "... ",  # nothing to find
        "",
    ],
)
def test_meaningful_differences_do_not_match(quote):
    assert not found(quote)


def test_an_ellipsis_must_hide_at_least_one_word():
    assert not found("Our relations … with Armenia")


def test_an_ellipsis_may_not_hide_half_the_article():
    filler = " ".join(["word"] * 80)
    assert not found("Alpha … omega", f"Alpha {filler} omega.")
    assert found("Alpha … omega", "Alpha word word omega.")


def test_every_occurrence_is_found():
    source = "“No,” he said. Later: “No,” she said."
    tokens = words(tokenize(source))
    assert len(find_quote(parse_quote("No"), tokens)) == 2


def test_the_diff_shows_the_dropped_and_the_changed_word():
    tokens = words(tokenize(SOURCE, paragraph_starts(SOURCE)))
    quote = "I'd like to give a very direct answer, yes. One has dissolved it."
    passage = closest_passage(quote_words(quote), tokens)
    span = tokens[passage.first : passage.last + 1]
    ops = word_diff(quote_words(quote), quote, span, SOURCE)
    expected = "… to give a very direct answer, [-no-] {+yes+}. [-No one-] {+One+} has dissolved it"
    assert diff_text(ops) == expected


def test_no_passage_when_nothing_is_shared():
    tokens = words(tokenize(SOURCE))
    assert closest_passage(quote_words("zebra quartz"), tokens) is None


def test_tokens_point_back_into_the_original_text():
    text = "A\u00adB “c…” d—e"
    assert [(t.key, text[t.start : t.end]) for t in tokenize(text)] == [
        ("AB", "A\u00adB"),
        ('"', "“"),
        ("c", "c"),
        ("...", "…"),
        ('"', "”"),
        ("d", "d"),
        ("-", "—"),
        ("e", "e"),
    ]
