"""A summary on two articles: `check` verifies each quote against the article it cites, and
every format of the briefing carries the numbered list of sources and the items' numbers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, docx_all_text, pdf_pages_text, squash

import briefwright
from briefwright.fidelity import check_summary, render_text
from briefwright.summary import load_summary

DATA = ROOT / "tests" / "data" / "fidelity"
TWO = DATA / "two-sources.yaml"
GRIGORYAN = "We have agreed on the next four kilometres and on a calendar for the rest."


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copytree(DATA / "articles", tmp_path / "articles")
    text = TWO.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "two.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_each_quote_is_checked_against_its_own_source():
    report = check_summary(load_summary(TWO))
    assert report.ok and report.findings == (), render_text([report])
    assert report.quotes_checked == 3 and report.source_count == 2
    assert "lavrov-yerevan.txt" in report.source_path and "border-talks.md" in report.source_path
    assert "all quotes found in their sources" in render_text([report])


def test_a_quote_cited_to_the_wrong_source_is_not_found(tmp_path):
    path = _variant(
        tmp_path,
        '    source: border\n  - text: "The political',
        '    source: lavrov\n  - text: "The political',
    )
    [finding] = check_summary(load_summary(path)).errors
    assert finding.code == "quote-mismatch" and finding.quote == GRIGORYAN


def test_a_misquote_is_shown_in_the_source_it_cites(tmp_path):
    path = _variant(tmp_path, "next four kilometres", "next five kilometres")
    [finding] = check_summary(load_summary(path)).errors
    assert finding.passage_location.prefix() == f"{tmp_path}/articles/border-talks.md:15"
    assert "[-four-] {+five+}" in finding.diff_text


def test_a_timeline_date_is_looked_for_in_its_own_source(tmp_path):
    path = _variant(tmp_path, "date: 2025-06-11", "date: 2025-06-10")
    [finding] = check_summary(load_summary(path)).warnings
    assert finding.code == "date-not-in-source" and finding.location.field == "timeline[1].date"


def test_an_unreadable_source_is_reported_and_its_quotes_not_counted(tmp_path):
    path = _variant(tmp_path, "text: articles/border-talks.md", "text: articles/gone.md")
    report = check_summary(load_summary(path))
    [finding] = report.errors
    assert finding.code == "source-unreadable" and finding.location.field == "sources[1].text"
    assert report.quotes_checked == 1


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("two")
    paths = briefwright.render(TWO, formats=["md", "docx", "pdf", "html"], output_dir=out)
    return {p.suffix.lstrip("."): p.read_bytes() for p in paths}


SOURCES = [
    "1. Commentary on Sergei Lavrov’s visit to Yerevan. The Caucasus Review. Published 23 May "
    "2025.",
    "2. Border commissions meet again in Ijevan. Caucasus Wire. By Tigran Hakobyan.",
]


def test_markdown_lists_the_sources_and_numbers_the_items(rendered):
    text = rendered["md"].decode("utf-8")
    assert "## Sources" in text and "# Source\n" not in text
    for line in SOURCES:
        assert line in text
    assert "— Mher Grigoryan, Deputy Prime Minister of Armenia \\[2\\]" in text
    # a key point without detail is not set in bold
    assert "- Armenia ruled out reformatting its alliance with Russia. \\[1\\]\n" in text
    assert "- Both tracks move slowly and neither is settled.\n" in text  # cites none


def test_word_carries_the_sources_section(rendered):
    text = docx_all_text(rendered["docx"])
    assert "Sources" in text.splitlines()
    assert "Commentary on Sergei Lavrov’s visit to Yerevan. The Caucasus Review." in text
    assert "Border commissions meet again in Ijevan. Caucasus Wire. By Tigran Hakobyan." in text
    assert "Lavrov visits Yerevan. [1]" in text


def test_pdf_carries_the_sources_section(rendered):
    text = squash(" ".join(pdf_pages_text(rendered["pdf"])))
    assert "Sources" in text
    assert "Border commissions meet again in Ijevan. Caucasus Wire. By Tigran Hakobyan." in text
    assert "Anna Petrosyan [2]" in text


def test_html_carries_the_sources_section(rendered):
    text = rendered["html"].decode("utf-8")
    assert ">Sources<" in text and "Border commissions meet again in Ijevan" in text
