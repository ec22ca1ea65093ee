"""`check_summary` on the sample and on misquoted copies of it: every kind of misquote is caught,
typographic variants pass, and the report names the quote, the source passage and the diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE

from briefwright.fidelity import check_summary, render_json, render_text
from briefwright.summary import load_summary

SEED = ROOT / "samples" / "lavrov-yerevan-visit-2025.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
MIRZOYAN_START = "Regarding the question of whether we are planning"


def variant(tmp_path: Path, old: str, new: str, count: int = 1):
    """The sample with `old` replaced by `new`, loaded from a copy beside a copy of the seed."""
    assert SAMPLE_TEXT.count(old) >= count, old
    (tmp_path / "samples").mkdir(exist_ok=True)
    shutil.copy(SEED, tmp_path / "samples" / SEED.name)
    path = tmp_path / "samples" / "variant.yaml"
    path.write_text(SAMPLE_TEXT.replace(old, new, count), encoding="utf-8")
    return load_summary(path)


def test_the_sample_passes_without_warnings():
    report = check_summary(load_summary(SAMPLE))
    assert report.ok
    assert report.findings == ()
    assert report.quotes_checked == 7
    assert report.source_path == str(SEED)


@pytest.mark.parametrize(
    ("old", "new", "dropped", "added"),
    [
        ("a very direct answer, no.", "a very direct answer, yes.", "no", "yes"),
        ("based on a deep historical", "based on a deep historic", "historical", "historic"),
        ("seven undisputed Azerbaijani", "seven disputed Azerbaijani", "undisputed", "disputed"),
        ("there was never any plan", "there was any plan", "never", ""),
        ('text: "imperial tone"', 'text: "imperial tones"', "tone", "tones"),
    ],
)
def test_a_changed_or_dropped_word_is_an_error_with_a_word_diff(tmp_path, old, new, dropped, added):
    loaded = variant(tmp_path, old, new)
    report = check_summary(loaded)
    assert not report.ok
    [finding] = report.errors
    assert finding.code == "quote-mismatch"
    assert finding.location.field.startswith("quotes[") and finding.location.line
    diff = finding.diff_text
    assert f"[-{dropped}-]" in diff
    if added:
        assert f"{{+{added}+}}" in diff


def test_dropping_no_is_caught_and_the_diff_shows_it(tmp_path):
    loaded = variant(tmp_path, "and no one has dissolved it", "and one has dissolved it")
    [finding] = check_summary(loaded).errors
    assert finding.location == loaded.locate(("quotes", 1, "text"))
    assert finding.diff_text == "… signed, and ratified on paper, and [-no-] one has dissolved it"
    assert finding.passage.startswith(MIRZOYAN_START)
    assert finding.passage_location.line == 4
    assert finding.passage_location.file.endswith("samples/lavrov-yerevan-visit-2025.txt")


def test_two_quotes_joined_into_one_are_caught(tmp_path):
    end = 'for a very long time."\n'
    joined = (
        "for a very long time. Some analysts even noted that the nature of these fortifications "
        'suggested there was never any plan to return them to Azerbaijan."\n'
    )
    [finding] = check_summary(variant(tmp_path, end, joined)).errors
    assert finding.diff_text == (
        "… territories for a very long time. [-He added,-] Some analysts even noted that the …"
    )
    assert finding.diff[0].source.startswith("the weapons used [by Armenia] were Russian")


def test_joining_quotes_from_different_paragraphs_is_caught(tmp_path):
    old = 'our strategic partnership."'
    new = f'our strategic partnership. {MIRZOYAN_START}."'
    [finding] = check_summary(variant(tmp_path, old, new)).errors
    assert f"{{+{MIRZOYAN_START}+}}" in finding.diff_text


@pytest.mark.parametrize(
    ("quote", "speaker", "said_by"),
    [(1, "Sergei Lavrov", "Mirzoyan"), (0, "Vladimir Putin", "Sergei Lavrov")],
)
def test_a_quote_given_to_someone_else_in_the_article_is_a_warning(
    tmp_path, quote, speaker, said_by
):
    original = ["Sergei Lavrov", "Ararat Mirzoyan"][quote]
    anchor = f"speaker: {original}\n    role: Foreign Minister of {['Russia', 'Armenia'][quote]}\n"
    loaded = variant(tmp_path, anchor, anchor.replace(original, speaker))
    report = check_summary(loaded)
    assert report.ok  # warnings do not fail
    [finding] = report.warnings
    assert finding.code == "speaker-attribution"
    assert finding.location == loaded.locate(("quotes", quote, "speaker"))
    assert finding.message == f"the source attributes this quote to {said_by}, not {speaker}"


def test_a_speaker_the_article_never_names_is_a_warning(tmp_path):
    loaded = variant(tmp_path, "speaker: Azerbaijani government", "speaker: Hikmet Hajiyev")
    [finding] = check_summary(loaded).warnings
    assert finding.code == "speaker-not-in-source"
    assert finding.location.field == "quotes[6].speaker"


@pytest.mark.parametrize(
    ("old", "new"), [("date: 2024-12-28", "date: 2024-12-27"), ("date: 2018", "date: 2019")]
)
def test_a_timeline_date_the_article_does_not_mention_is_a_warning(tmp_path, old, new):
    loaded = variant(tmp_path, old, new)
    report = check_summary(loaded)
    [finding] = report.warnings
    assert finding.code == "date-not-in-source"
    assert finding.location.field.startswith("timeline[") and finding.location.field.endswith(
        ".date"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("I’d like", "I'd like"),  # straight apostrophe
        ("Our relations with Armenia", "our  relations\u00a0with Armenia"),  # case, spaces
        ("Armenia] were Russian, as I already mentioned, for", "Armenia] were Russian … for"),
        ("Armenia] were Russian, as I already mentioned, for", "Armenia] were Russian ... for"),
        ("the weapons used [by Armenia]", "[T]he weapons used [by them]"),
        ('"unfriendly"', '"“unfriendly.”"'),  # the article's own quotation marks kept
        ('"imperial tone"', '"...imperial tone..."'),
        ("signed, and ratified", "signed, and rat\u00adified"),  # soft hyphen from the web
    ],
)
def test_typographic_variants_and_editorial_marks_pass(tmp_path, old, new):
    report = check_summary(variant(tmp_path, old, new))
    assert report.ok, render_text([report])


def test_dashes_are_one_character_class(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("She said: “The Armenia–Russia alliance — it stands.”\n", encoding="utf-8")
    summary = tmp_path / "s.yaml"
    summary.write_text(
        "title: T\nsource: {title: A, text: a.txt}\nsummary: S\nkey_points: [k]\n"
        "quotes:\n  - {text: 'The Armenia-Russia alliance -- it stands.', speaker: She}\n",
        encoding="utf-8",
    )
    assert check_summary(load_summary(summary)).ok


def test_an_ellipsis_may_not_bridge_paragraphs(tmp_path):
    old = 'our strategic partnership."'
    new = 'our strategic partnership … a very direct answer, no."'
    assert not check_summary(variant(tmp_path, old, new)).ok


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"imperial tone"', '"Russia’s imperial tone"'),
        ('"effective implementation"', '"concerns about the effective implementation of these"'),
    ],
)
def test_quoted_words_joined_to_narration_are_an_error(tmp_path, old, new):
    loaded = variant(tmp_path, old, new)
    [finding] = check_summary(loaded).errors
    assert finding.code == "quote-crosses-marks"
    assert "“" in finding.passage or "”" in finding.passage
    assert "    quote:   “" in render_text([check_summary(loaded)])


def test_words_outside_quotation_marks_are_a_warning(tmp_path):
    loaded = variant(tmp_path, '"imperial tone"', '"failure to treat Baku as an equal partner"')
    [finding] = check_summary(loaded).warnings
    assert finding.code == "not-quoted"


def test_without_source_text_nothing_can_be_verified(tmp_path):
    loaded = variant(tmp_path, "  text: lavrov-yerevan-visit-2025.txt\n", "")
    report = check_summary(loaded)
    assert not report.ok
    assert [f.code for f in report.findings] == ["no-source-text"]
    assert "not checked" in render_text([report])


def test_a_missing_source_file_is_a_located_error(tmp_path):
    loaded = variant(tmp_path, "text: lavrov-yerevan-visit-2025.txt", "text: gone.txt")
    [finding] = check_summary(loaded).errors
    assert finding.code == "source-unreadable"
    assert finding.location == loaded.locate(("source", "text"))
    assert "gone.txt" in finding.message


def test_text_report_names_quote_passage_and_diff(tmp_path):
    loaded = variant(tmp_path, "a very direct answer, no.", "a very direct answer, yes.")
    text = render_text([check_summary(loaded)])
    where = loaded.locate(("quotes", 1, "text"))
    lines = text.splitlines()
    assert lines[0] == f"{where.prefix()}: error: quote is not in the source"
    assert lines[1].startswith(f"    quote:   “{MIRZOYAN_START}")
    assert lines[2].startswith("    source:  ") and "lavrov-yerevan-visit-2025.txt:4: “" in lines[2]
    diff = (
        "… to give a very direct answer, [-no-] {+yes+}. Our obligations, rights, and intentions …"
    )
    assert lines[3] == f"    diff:    {diff}"
    assert lines[4].endswith("quotes do NOT match the source (1 error, 0 warnings)")


def test_json_report_is_machine_readable(tmp_path):
    loaded = variant(tmp_path, "a very direct answer, no.", "a very direct answer, yes.")
    data = json.loads(render_json([check_summary(loaded), check_summary(load_summary(SAMPLE))]))
    assert data["ok"] is False
    first, second = data["summaries"]
    assert (first["ok"], first["errors"], second["ok"], second["issues"]) == (False, 1, True, [])
    [issue] = first["issues"]
    assert (
        issue["field"] == "quotes[1].text" and issue["line"] == loaded.locate("quotes[1].text").line
    )
    assert issue["passage"]["line"] == 4
    assert {"op": "replace", "source": "no", "quote": "yes"} in issue["diff"]


def test_issues_convert_to_the_shared_error_type(tmp_path):
    loaded = variant(tmp_path, "a very direct answer, no.", "a very direct answer, yes.")
    [issue] = check_summary(loaded).as_issues()
    assert str(issue) == f"{loaded.locate('quotes[1].text').prefix()}: quote is not in the source"


def test_the_misquote_fixture_prints_its_expected_transcript(monkeypatch):
    monkeypatch.chdir(ROOT)
    report = check_summary(load_summary(Path("tests/data/fidelity/misquote.yaml")))
    expected = (ROOT / "tests" / "data" / "fidelity" / "misquote.expected").read_text("utf-8")
    assert render_text([report]) == expected


def test_control_characters_never_reach_the_terminal(tmp_path):
    (tmp_path / "a.txt").write_text("Ann Lee said: “We stay\x1b[31m firm.”\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "title: T\nsource: {title: A, text: a.txt}\nsummary: S\nkey_points: [k]\n"
        "quotes:\n  - {text: 'We stay firm.', speaker: Ann Lee}\n",
        encoding="utf-8",
    )
    text = render_text([check_summary(load_summary(tmp_path / "s.yaml"))])
    assert "\x1b" not in text and "“We stay\\x1b" in text


def test_a_quote_cut_into_too_many_pieces_is_refused(tmp_path):
    cut = " … ".join(["Azerbaijan"] * 30)
    [finding] = check_summary(variant(tmp_path, '"imperial tone"', f'"{cut}"')).errors
    assert finding.code == "quote-too-cut"


def test_a_pathologically_repetitive_quote_is_refused_quickly(tmp_path):
    (tmp_path / "a.txt").write_text("“" + "a " * 3000 + "b”\n", encoding="utf-8")
    quote = " … ".join(["a"] * 10) + " … c"
    (tmp_path / "s.yaml").write_text(
        "title: T\nsource: {title: A, text: a.txt}\nsummary: S\nkey_points: [k]\n"
        f"quotes:\n  - {{text: '{quote}', speaker: Someone}}\n",
        encoding="utf-8",
    )
    [finding] = check_summary(load_summary(tmp_path / "s.yaml")).errors
    assert finding.code == "quote-too-cut"
