"""`draft_summary`: every quotation of the article with its speaker, every dated sentence as a
timeline entry, placeholders that validate once filled, and nothing that fails `check`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx
import yaml
from conftest import ROOT, SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefwright.fidelity import check_summary, draft_summary, source_text_path
from briefwright.fidelity.draft import yaml_str
from briefwright.summary import load_summary

SEED = ROOT / "seeds" / "lavrov-yerevan-visit-2025.txt"
DATA = ROOT / "tests" / "data" / "fidelity"
GOLDEN = DATA / "lavrov-draft.yaml"


def seed_draft() -> str:
    return draft_summary(SEED.read_text(encoding="utf-8"), SEED.name)


def test_the_seed_draft_matches_its_golden_file():
    """Regenerate with BRIEFWRIGHT_UPDATE_GOLDENS=1 and review the diff before committing."""
    if os.environ.get("BRIEFWRIGHT_UPDATE_GOLDENS"):
        GOLDEN.write_text(seed_draft(), encoding="utf-8")
    assert seed_draft() == GOLDEN.read_text(encoding="utf-8")


def test_draft_finds_every_quote_of_the_sample_with_its_speaker():
    drafted = yaml.safe_load(seed_draft())["quotes"]
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["quotes"]
    assert [q["text"].rstrip(".") for q in drafted] == [q["text"].rstrip(".") for q in sample]
    speakers = [q["speaker"] for q in drafted]
    assert speakers == [
        "Sergei Lavrov",
        "Mirzoyan",
        "Mirzoyan",
        "Sergei Lavrov",
        "Sergei Lavrov",
        "Azerbaijan’s Foreign Ministry",
        "TODO",  # "imperial tone": the article names nobody
    ]
    assert drafted[0]["role"] == "Russian Foreign Minister"
    assert drafted[1]["role"] == "Armenia Foreign Minister"


def test_draft_has_every_dated_event_of_the_sample_timeline():
    drafted = yaml.safe_load(seed_draft())["timeline"]
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["timeline"]
    drafted_dates = {str(entry["date"]) for entry in drafted}
    assert {str(entry["date"]) for entry in sample} <= drafted_dates
    early_may = next(e for e in drafted if e.get("label") == "early May 2025")
    assert early_may["date"] == "2025-05"
    assert early_may["event"].startswith("In early May, the Azerbaijani Parliament’s Commission")


def test_the_draft_validates_and_passes_check_as_written(tmp_path):
    path = _save(tmp_path, seed_draft())
    report = check_summary(load_summary(path))
    assert report.ok and report.quotes_checked == 7
    assert [f.code for f in report.findings] == ["speaker-todo"]  # "imperial tone"


def test_the_filled_draft_validates_and_renders(tmp_path):
    filled = seed_draft().replace('speaker: "TODO"', 'speaker: "Azerbaijani government"')
    filled = filled.replace("TODO: ", "").replace("  # TODO: shorten to the event itself", "")
    path = _save(tmp_path, filled)
    loaded = load_summary(path)
    assert check_summary(loaded).findings == ()
    import briefwright

    [written] = briefwright.render(path, formats=["docx"], output_dir=tmp_path / "out", verify=True)
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert "Some analysts even noted that the nature of these fortifications" in text


def test_quotes_spanning_lines_straight_quotes_and_pronouns():
    article = (DATA / "wrapped-article.txt").read_text(encoding="utf-8")
    data = yaml.safe_load(draft_summary(article, "wrapped-article.txt"))
    assert data["title"] == "Talks in Brussels on 3 March 2024 ended without a deal"
    assert data["source"]["text"] == "wrapped-article.txt"
    assert [(q["text"], q["speaker"]) for q in data["quotes"]] == [
        ("We came to listen, not to lecture", "Jane Doe"),
        ("take as long as they take.", "Jane Doe"),
        (
            "Our position has not changed since the summit in 2019, and it will not change now.",
            "Jane Doe",
        ),
        ("close", "Arvid Lund"),
        ("Nobody wants another year like 2022", "Arvid Lund"),
    ]
    dates = [(str(e["date"]), e.get("label")) for e in data["timeline"]]
    assert dates == [
        ("2024-03-03", None),
        ("2019", None),
        ("2022", None),
        ("2024-06", "early June 2024"),
        ("2024-12", None),
    ]


def test_an_article_without_quotes_or_dates_still_drafts_a_valid_skeleton(tmp_path):
    text = draft_summary("A short note\n\nNothing was said by anyone.\n", "note.txt", title="Note")
    (tmp_path / "note.txt").write_text("A short note\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    summary = load_summary(tmp_path / "s.yaml").summary
    assert (summary.title, summary.quotes, summary.timeline) == ("Note", [], [])


def test_a_long_first_line_is_cut_to_a_title_with_a_todo():
    first_line = yaml.safe_load(seed_draft())["title"]
    assert first_line.startswith("On May 20–21, 2025, Russian Foreign Minister Sergei Lavrov’s")
    assert len(first_line) <= 101 and first_line.endswith("…")
    assert "# TODO: the article's first line was too long" in seed_draft()


def test_source_text_path_is_relative_to_the_summary(tmp_path):
    article = tmp_path / "seeds" / "a.txt"
    assert source_text_path(article, tmp_path / "samples" / "s.yaml") == "../seeds/a.txt"
    assert source_text_path(article, tmp_path / "s.yaml") == "seeds/a.txt"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_yaml_str_reads_back_exactly(value):
    assert yaml.safe_load(f"v: {yaml_str(value)}")["v"] == value


def _save(tmp_path: Path, text: str) -> Path:
    """Save a draft three levels below tmp_path, with the seed beside it."""
    folder = tmp_path / "a" / "b" / "c"
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / SEED.name)
    path = folder / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# Words and marks that trip up quotation, name and date finding when thrown together.
_WORDS = "said Minister Ann Lee He added, Lavrov’s Baku no the in early May June December March"
_MARKS = "9, 15 2024 2025 [by X] … ... . , : ( ) — – - # * {{ <b> ` \\ ə İ"
_SPACES_AND_QUOTES = ["“", "”", '"', "‘", "’", "'", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\x00"]
_FRAGMENTS = [*_WORDS.split(" "), *_MARKS.split(" "), *_SPACES_AND_QUOTES]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=60))
def test_any_article_drafts_a_valid_summary_whose_quotes_pass_check(tmp_path, fragments):
    article = " ".join(fragments)
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(draft_summary(article, "a.txt"), encoding="utf-8")
    assert check_summary(load_summary(tmp_path / "s.yaml")).errors == []
