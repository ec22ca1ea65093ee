"""Quotations beyond English typography: the marks of other languages, a quotation broken by
its attribution, and one that runs on over a paragraph break, drafted as one quote each with
its speaker, and checked as such."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from briefwright.fidelity import check_summary, draft_summary, render_text
from briefwright.fidelity.readers import read_article
from briefwright.fidelity.scan import quotations
from briefwright.summary import load_summary

ARTICLES = ROOT / "tests" / "data" / "fidelity" / "articles"
CASES = ["quotation-styles.txt", "border-talks.md"]


def _draft(tmp_path: Path, name: str) -> Path:
    shutil.copy(ARTICLES / name, tmp_path / name)
    document = read_article(tmp_path / name)
    text = draft_summary(document.text, name, metadata=document.metadata, places=document.places)
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "s.yaml"


def _expected(name: str) -> dict:
    stem = name.rsplit(".", 1)[0]
    return yaml.safe_load((ARTICLES / f"{stem}.expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CASES)
def test_draft_gives_each_quotation_once_with_its_speaker(tmp_path, name):
    drafted = yaml.safe_load(_draft(tmp_path, name).read_text(encoding="utf-8"))
    found = [{"text": q["text"], "speaker": q["speaker"]} for q in drafted["quotes"]]
    assert found == _expected(name)["quotes"]
    assert {str(e["date"]) for e in drafted["timeline"]} == set(_expected(name)["events"])


@pytest.mark.parametrize("name", CASES)
def test_the_draft_passes_check(tmp_path, name):
    report = check_summary(load_summary(_draft(tmp_path, name)))
    assert report.ok and report.findings == (), render_text([report])


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("Il a dit : « Non merci. »", " Non merci. "),
        ("Er sagte: „Nein danke.“", "Nein danke."),
        ("Er sagte: »Nein danke.«", "Nein danke."),
        ("Powiedział: „Nie, dziękuję.”", "Nie, dziękuję."),
        ("Il a dit : ‹ Non. ›", " Non. "),
        ("Նա ասաց. «Ոչ, շնորհակալություն»։", "Ոչ, շնորհակալություն"),
        ("彼は「いいえ」と言った。", "いいえ"),
        ("She said: “He told me ‘never’ twice.”", "He told me ‘never’ twice."),
        ("« Un “mot” cité »", " Un “mot” cité "),
    ],
)
def test_quotation_marks_of_other_languages(text, inside):
    assert [q.text for q in quotations(text)] == [inside]


def test_a_paragraph_left_open_and_reopened_is_one_quotation_in_two_parts():
    text = "He said: “One thing.\n\n“Another thing.”\n\nLater: “Apart.”"
    found = quotations(text)
    assert [q.text for q in found] == ["One thing.", "Another thing.", "Apart."]
    assert found[0].group == found[1].group != found[2].group


def test_a_quotation_left_open_and_not_reopened_is_none():
    assert [q.text for q in quotations("He said: “Unclosed.\n\nNext paragraph.")] == []


def _one_quote(tmp_path: Path, article: str, quote: str, speaker: str = "Ann Lee") -> Path:
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "title: T\nsource: {title: A, text: a.txt}\nsummary: S\nkey_points: [k]\n"
        f"quotes:\n  - {{text: {quote!r}, speaker: {speaker}}}\n",
        encoding="utf-8",
    )
    return tmp_path / "s.yaml"


BROKEN = "“We will not,” Minister Ann Lee said, “accept this.”\n"


@pytest.mark.parametrize(
    "quote", ["We will not accept this.", "We will not … accept this.", "accept this"]
)
def test_a_quotation_broken_by_its_attribution_checks_as_one(tmp_path, quote):
    report = check_summary(load_summary(_one_quote(tmp_path, BROKEN, quote)))
    assert report.ok and report.findings == (), render_text([report])


def test_a_broken_quotation_keeps_its_words(tmp_path):
    path = _one_quote(tmp_path, BROKEN, "We will never accept this.")
    [finding] = check_summary(load_summary(path)).errors
    assert finding.code == "quote-mismatch"


def test_a_broken_quotation_joined_with_its_narration_is_an_error(tmp_path):
    path = _one_quote(tmp_path, BROKEN, "We will not, Minister Ann Lee said, accept this.")
    [finding] = check_summary(load_summary(path)).errors
    assert finding.code == "quote-crosses-marks"


def test_a_broken_quotation_given_to_someone_else_is_a_warning(tmp_path):
    path = _one_quote(tmp_path, BROKEN, "We will not accept this.", speaker="Jon Berg")
    found = {f.code: f for f in check_summary(load_summary(path)).warnings}
    assert set(found) == {"speaker-attribution", "speaker-not-in-source"}
    assert "to Ann Lee, not Jon Berg" in found["speaker-attribution"].message


def test_a_quotation_over_two_paragraphs_checks_as_one(tmp_path):
    article = "Minister Ann Lee said: “First we talk.\n\n“Then we sign.”\n"
    path = _one_quote(tmp_path, article, "First we talk. Then we sign.")
    assert check_summary(load_summary(path)).findings == ()
