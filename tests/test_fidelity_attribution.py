"""Who said a quotation, and which names are people: the rules of news prose."""

from __future__ import annotations

import pytest
from conftest import ROOT

from briefwright.fidelity import names
from briefwright.fidelity.attribution import attribute
from briefwright.fidelity.scan import quotations

SEED = (ROOT / "seeds" / "lavrov-yerevan-visit-2025.txt").read_text(encoding="utf-8")


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, attribute(text, q.start, q.end).speaker) for q in quotations(text)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Minister Ann Lee told reporters: “We stay.”", "Ann Lee"),
        ("“We stay,” said Ann Lee.", "Ann Lee"),
        ("“We stay,” Ann Lee said.", "Ann Lee"),
        ("Ann Lee emphasized the point, stating, “We stay.”", "Ann Lee"),
        ("President Ann Lee arrived. She said: “We stay.”", "Ann Lee"),
        ("President Ann Lee arrived. “We stay,” she said.", "Ann Lee"),
        ("The Finnish Foreign Ministry called the move “unfriendly.”", "Finnish Foreign Ministry"),
        ("It was a “historic” day for Helsinki.", None),  # a scare quote: nobody is named
    ],
)
def test_attribution_rules(text, speaker):
    [(_, found)] = speakers(text)
    assert found == speaker


def test_names_inside_other_quotations_do_not_count():
    text = "Ann Lee said: “Bob Ray is wrong.” He added, “We stay.”"
    assert speakers(text)[1] == ("We stay.", "Ann Lee")


def test_people_are_named_with_a_title_and_found_by_surname_later():
    people = names.people(SEED)
    assert people["Lavrov"] == names.Person("Sergei Lavrov", "Russian Foreign Minister")
    assert people["Mirzoyan"].role == "Armenia Foreign Minister"
    assert people["Badamov"].name == "Azer Badamov"
    assert people["Kirill"].role == "Patriarch"
    assert "Armenia" not in people and "Moscow" not in people


def test_every_quotation_of_the_seed_is_attributed():
    assert [s for _, s in speakers(SEED)] == [
        "Sergei Lavrov",  # "Lavrov emphasized ..., stating,"
        "Mirzoyan",  # "Foreign Minister Mirzoyan, responding ...:"
        "Mirzoyan",  # "He acknowledged ... the “effective implementation”"
        "Sergei Lavrov",  # "Lavrov confirmed that"
        "Sergei Lavrov",  # "He added,"
        "Azerbaijan’s Foreign Ministry",  # "..., calling the move"
        None,  # "Russia’s “imperial tone”": the article does not say who
    ]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("Ararat Mirzoyan", "Foreign Minister Mirzoyan said", True),
        ("Mirzoyan, Ararat", "Foreign Minister Mirzoyan said", True),
        ("Azerbaijani Foreign Ministry", "Azerbaijan’s Foreign Ministry said", True),
        ("Sergei Lavrov", "Foreign Minister Mirzoyan said", False),
        ("Azerbaijani President Ilham Aliyev", "Azerbaijan’s Foreign Ministry said", False),
        ("Russia", "Russian weapons", True),
        ("Rus", "Russian weapons", False),
    ],
)
def test_name_matching_uses_the_identifying_word(name, text, expected):
    assert names.mentions(name, names.word_list(text)) is expected
