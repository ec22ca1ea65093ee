"""Date recognition in article prose, for drafting timelines and checking timeline dates."""

from __future__ import annotations

import pytest

from briefwright.fidelity.datefind import DateIndex, find_dates


@pytest.mark.parametrize(
    ("text", "iso", "label"),
    [
        ("It happened on May 9, 2025.", "2025-05-09", None),
        ("It happened on 9 May 2025.", "2025-05-09", None),
        ("It happened on May 9th, 2025.", "2025-05-09", None),
        ("It happened on 2025-05-09.", "2025-05-09", None),
        ("On May 20–21, 2025, he visited.", "2025-05-20/2025-05-21", None),
        ("On 20-21 May 2025 he visited.", "2025-05-20/2025-05-21", None),
        ("A report is expected by December 2025.", "2025-12", None),
        ("The Velvet Revolution in 2018 changed it.", "2018", None),
        ("From 2018–2020 little changed.", "2018/2020", None),
        ("In early May 2025, it spoke.", "2025-05", "early May 2025"),
        ("By mid-March 2019 it was over.", "2019-03", "mid-March 2019"),
        ("Late December 2024 was cold.", "2024-12", "late December 2024"),
    ],
)
def test_recognised_dates(text, iso, label):
    [mention] = find_dates(text)
    assert (mention.iso, mention.label, mention.year_given) == (iso, label, True)


def test_a_date_without_a_year_takes_the_paragraphs_last_full_date():
    text = "On May 20, 2025, he came.\nOn May 9, 2024 a parade; a call on March 15 and May 3."
    dates = [(d.text, d.iso, d.year_given) for d in find_dates(text)]
    assert dates[2:] == [("March 15", "2024-03-15", False), ("May 3", "2024-05-03", False)]


def test_otherwise_the_articles_first_year_is_used():
    text = "On May 20–21, 2025, he came.\nIn early May, a commission met about a February attack."
    assert [(d.iso, d.label) for d in find_dates(text)[1:]] == [
        ("2025-05", "early May 2025"),
        ("2025-02", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Armenia may act. May I ask?",  # the verb, and a sentence-initial May with no date
        "The 102nd anniversary, the 80th, 38 of the 67 people.",
        "Call 555-2025-1234.",
        "Version 3.2025 was released.",
        "No dates here at all.",
        "On March 15-9, 2024 nothing.",  # a range that ends before it starts
        "On February 30, 2024 nothing.",
    ],
)
def test_things_that_are_not_dates(text):
    assert [d.text for d in find_dates(text)] == []


def test_date_index_knows_what_the_text_mentions():
    index = DateIndex("On May 20–21, 2025, he visited. Putin called on March 15. In 1992 war.")
    for point in ("2025", "2025-05", "2025-05-20", "2025-05-21", "2025-03-15", "1992"):
        assert index.mentions(point), point
    for point in ("2024", "2025-05-22", "2025-04", "1993", "2025-03-16"):
        assert not index.mentions(point), point


def test_two_years_either_side_of_a_dash_are_not_a_range_that_ends_first():
    mentions = find_dates("It happened in 2025 \u2014 2024 was quieter.")
    assert [mention.iso for mention in mentions] == ["2025"]
