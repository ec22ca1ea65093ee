"""Dates in the summary's language: English keeps its house style, others follow CLDR."""

from __future__ import annotations

import datetime

import pytest

from briefwright.summary import DateSpec
from briefwright.summary.dates import format_date

D = datetime.date
NBSP = "\u00a0"
THIN = "\u2009"  # CLDR's French puts thin spaces around a range's dash
ENGLISH_CASES = [
    "2025", "2025-05", "2025-05-20", "2025-05-20/2025-05-21", "2025-05-30/2025-06-02",
    "2024-12-30/2025-01-02", "2025-05/2025-06", "2024-12/2025-01", "2024/2025",
    "2025-05/2025-06-03",
]  # fmt: skip


@pytest.mark.parametrize("text", ENGLISH_CASES)
def test_english_labels_are_the_house_style(text):
    spec = DateSpec.parse(text)
    assert spec.label_in("en") == spec.label


@pytest.mark.parametrize(
    ("text", "french", "russian"),
    [
        ("2025", "2025", "2025"),
        ("2025-05", "mai 2025", f"май 2025{NBSP}г."),
        ("2025-05-20", "20 mai 2025", f"20 мая 2025{NBSP}г."),
        ("2025-05-20/2025-05-21", "20–21 mai 2025", f"20—21 мая 2025{NBSP}г."),
        ("2025-09-20/2025-09-21", "20–21 septembre 2025", f"20—21 сентября 2025{NBSP}г."),
        (
            "2025-05-30/2025-06-02",
            f"30 mai{THIN}–{THIN}2 juin 2025",
            f"30 мая — 2 июня 2025{NBSP}г.",
        ),
        (
            "2024-12-30/2025-01-02",
            f"30 décembre 2024{THIN}–{THIN}2 janvier 2025",
            f"30 декабря 2024{NBSP}г. — 2 января 2025{NBSP}г.",
        ),
        ("2025-05/2025-06", f"mai{THIN}–{THIN}juin 2025", f"май{NBSP}— июнь 2025{NBSP}г."),
        ("2024/2025", "2024–2025", "2024—2025"),
        (
            "2025-05-20/2025-06",
            f"20 mai 2025{THIN}–{THIN}juin 2025",
            f"20 мая 2025{NBSP}г. — июнь 2025{NBSP}г.",
        ),
    ],
)
def test_french_and_russian_labels_follow_cldr_with_whole_month_names(text, french, russian):
    spec = DateSpec.parse(text)
    assert (spec.label_in("fr"), spec.label_in("ru")) == (french, russian)
    assert str(spec) == spec.label  # str() stays English whatever the language


def test_a_regional_english_follows_its_region():
    spec = DateSpec.parse("2025-05-20")
    assert (spec.label_in("en-US"), spec.label_in("en-GB")) == ("May 20, 2025", "20 May 2025")


@pytest.mark.parametrize(
    ("fmt", "english", "french", "russian"),
    [
        (None, "22 May 2025", "22 mai 2025", f"22 мая 2025{NBSP}г."),
        ("%d/%m/%Y", "22/05/2025", "22/05/2025", "22/05/2025"),
        ("%A %-d %B %Y", "Thursday 22 May 2025", "jeudi 22 mai 2025", "четверг 22 мая 2025"),
        # without a day, Russian takes the month's stand-alone form
        ("%B %Y", "May 2025", "mai 2025", "май 2025"),
        ("%a %b", "Thu May", "jeu. mai", "чт май"),
    ],
)
def test_format_date_names_months_and_days_in_the_language(fmt, english, french, russian):
    day = D(2025, 5, 22)
    assert [format_date(day, fmt, language) for language in ("en", "fr", "ru")] == [
        english,
        french,
        russian,
    ]
