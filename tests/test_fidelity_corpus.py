"""The seed article as a plain text file, a saved news page, a Word file and a PDF printed by a
word processor: `draft` finds the same quotes with the same speakers in each, nothing from a
page's boilerplate, a summary drafted from each passes `check` against that file, and a
misquote is located in the original (a PDF's page and line, a .docx's paragraph)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from briefwright.fidelity import check_summary, draft_summary, render_text
from briefwright.fidelity.readers import read_article
from briefwright.summary import load_summary

ARTICLES = ROOT / "tests" / "data" / "fidelity" / "articles"
EXPECTED = yaml.safe_load((ARTICLES / "lavrov-yerevan.expected.yaml").read_text("utf-8"))
FORMATS = ["txt", "html", "pdf", "docx"]
MIRZOYAN = "and no one has dissolved it."


def _draft(tmp_path: Path, suffix: str) -> Path:
    """The article copied into tmp_path and a summary drafted from it beside it."""
    article = tmp_path / f"lavrov-yerevan.{suffix}"
    shutil.copy(ARTICLES / article.name, article)
    document = read_article(article)
    text = draft_summary(
        document.text, article.name, metadata=document.metadata, places=document.places
    )
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", FORMATS)
def test_draft_finds_every_quote_with_its_speaker(tmp_path, suffix):
    drafted = yaml.safe_load(_draft(tmp_path, suffix).read_text("utf-8"))
    found = [{"text": q["text"], "speaker": q["speaker"]} for q in drafted["quotes"]]
    assert found == EXPECTED["quotes"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_draft_finds_every_dated_event(tmp_path, suffix):
    drafted = yaml.safe_load(_draft(tmp_path, suffix).read_text("utf-8"))
    dates = {str(e["date"]) for e in drafted["timeline"]}
    assert set(EXPECTED["events"]) <= dates
    assert dates - set(EXPECTED["events"]) <= {EXPECTED["byline_date"]}


def test_nothing_from_the_page_boilerplate_is_drafted(tmp_path):
    drafted = _draft(tmp_path, "html").read_text("utf-8")
    for phrase in EXPECTED["boilerplate"]:
        assert phrase not in drafted
    assert "lectured" in (ARTICLES / "lavrov-yerevan.html").read_text("utf-8")


def test_the_web_page_fills_the_source_from_its_metadata(tmp_path):
    source = yaml.safe_load(_draft(tmp_path, "html").read_text("utf-8"))["source"]
    assert source == {
        "title": "Lavrov in Yerevan: Moscow reaffirms ties as Baku bristles",
        "publisher": "The Caucasus Review",
        "author": "Leyla Mammadova",
        "published": "2025-05-23",
        "url": "https://caucasus-review.example/2025/05/lavrov-yerevan-visit",
        "text": "lavrov-yerevan.html",
    }


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_pdf_and_word_give_their_title_and_author(tmp_path, suffix):
    data = yaml.safe_load(_draft(tmp_path, suffix).read_text("utf-8"))
    assert data["title"] == "Lavrov in Yerevan: Moscow reaffirms ties as Baku bristles"
    assert data["source"]["author"] == "Leyla Mammadova"


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_drafted_summary_passes_check_against_the_same_file(tmp_path, suffix):
    report = check_summary(load_summary(_draft(tmp_path, suffix)))
    assert report.ok, render_text([report])
    assert report.quotes_checked == 7
    assert [f.code for f in report.findings] == ["speaker-todo"]  # "imperial tone"


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_one_word_misquote_is_located_in_the_original(tmp_path, suffix):
    path = _draft(tmp_path, suffix)
    text = path.read_text("utf-8")
    path.write_text(text.replace(MIRZOYAN, "and one has dissolved it."), encoding="utf-8")
    report = check_summary(load_summary(path))
    [finding] = report.errors
    assert finding.code == "quote-mismatch"
    assert "[-no-] one has dissolved it" in finding.diff_text
    assert finding.passage.startswith("Regarding the question of whether")
    where = finding.passage_location.prefix()
    assert where == str(tmp_path / EXPECTED["located"][suffix])
    assert f"    source:  {where}: “Regarding" in render_text([report])


def test_pdf_furniture_and_hyphenation_are_undone():
    text = read_article(ARTICLES / "lavrov-yerevan.pdf").text
    assert "Page 1" not in text and "Page 2" not in text
    assert "The Caucasus Review · Commentary" not in text
    assert "emphasized the enduring nature" in text  # "empha-" / "sized"
    assert text.count("Russian-supplied") == 2  # a compound broken at its hyphen stays one
    assert "surface-to-air missile" in text


def test_word_reads_the_body_but_not_the_header_or_footer():
    text = read_article(ARTICLES / "lavrov-yerevan.docx").text
    assert text.startswith("Lavrov in Yerevan: Moscow reaffirms ties as Baku bristles\n\nBy ")
    assert "Commentary" not in text and "PAGE" not in text


def test_render_verify_checks_against_the_pdf(tmp_path):
    import briefwright

    path = _draft(tmp_path, "pdf")
    filled = path.read_text("utf-8").replace('speaker: "TODO"', 'speaker: "Azerbaijani media"')
    path.write_text(filled.replace("TODO: ", ""), encoding="utf-8")
    [written] = briefwright.render(path, formats=["md"], output_dir=tmp_path / "out", verify=True)
    assert "Quotations checked against the source text" in written.read_text("utf-8")
