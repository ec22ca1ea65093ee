"""The sample briefing, read back from every format: all of it, in the right sections and order."""

from __future__ import annotations

import io
import re

import pytest
import yaml
from conftest import SAMPLE, docx_all_text, docx_paragraphs, pdf_pages_text, squash

from briefwright import load_summary, render_bytes
from briefwright.doctree.dump import dump
from briefwright.pipeline.steps import build_document
from briefwright.summary.chronology import chronological
from briefwright.templating.discovery import resolve_template

SECTIONS = ["Key points", "In their words", "Timeline", "Implications", "Recommendations"]


@pytest.fixture(scope="module")
def data():
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outputs():
    return render_bytes(SAMPLE, formats=("docx", "pdf", "md"))


def _expected_in_order(data) -> list[tuple[str, list[str]]]:
    """Per section, the texts that must appear in it, in reading order."""
    loaded = load_summary(SAMPLE)
    timeline = chronological(loaded.summary.timeline, lambda entry: entry.date)
    points = sorted(data["key_points"], key=lambda p: p.get("priority", 99))
    return [
        ("Key points", [p["text"] for p in points]),
        ("In their words", [t for q in data["quotes"] for t in (q["text"], q["speaker"])]),
        ("Timeline", [entry.event for entry in timeline]),
        ("Implications", [i["text"] for i in data["implications"]]),
        ("Recommendations", list(data["recommendations"])),
    ]


def _without_contents(flat: str) -> str:
    """The text without the contents list, which names every section before the first."""
    return re.sub(r"Contents.*?Source ?\d+", "", flat, count=1)


def _assert_sections_in_order(text: str, data, normalise=squash) -> None:
    flat = _without_contents(normalise(text))
    starts = [flat.index(normalise(name)) for name in SECTIONS]
    assert starts == sorted(starts), "sections out of order"
    bounds = dict(zip(SECTIONS, [*starts[1:], len(flat)], strict=True))
    for section, texts in _expected_in_order(data):
        position = flat.index(normalise(section))
        for item in texts:
            found = flat.find(normalise(item), position)
            assert found != -1, f"{item!r} missing after {section!r} (or out of order)"
            assert found < bounds[section], f"{item!r} is not inside {section!r}"
            position = found


def test_docx_holds_every_item_in_its_section_and_order(outputs, data):
    _assert_sections_in_order(docx_all_text(outputs["docx"]), data)


def test_docx_uses_word_styles_for_structure(outputs, data):
    paragraphs = docx_paragraphs(outputs["docx"])
    styles = dict((text, style) for style, text in paragraphs)
    assert styles[data["title"]] == "Title"
    assert styles[data["subtitle"]] == "Subtitle"
    assert [t for s, t in paragraphs if s == "Heading 1"] == [*SECTIONS, "Source"]
    quotes = [t for s, t in paragraphs if s == "Quote"]
    # quotes of fewer than 8 words run in the text; the rest are block quotes
    blocks = [q for q in data["quotes"] if len(q["text"].split()) >= 8]
    assert 0 < len(blocks) < len(data["quotes"])
    # the analyst template marks a portion whose marking differs from the briefing's
    marks = [f"({q['marking']}) " if "marking" in q else "" for q in blocks]
    assert quotes == [f"{mark}“{q['text']}”" for mark, q in zip(marks, blocks, strict=True)]
    attributions = [t for s, t in paragraphs if s == "Attribution"]
    assert [re.split(r"[,\n]", a)[0].lstrip("— ") for a in attributions] == [
        q["speaker"] for q in blocks
    ]
    body = [t for s, t in paragraphs if s == "Body Text"]
    for quote in data["quotes"]:
        if quote not in blocks:
            said = f"“{quote['text']}”\u00a0— {quote['speaker']}"
            assert any(t.startswith(said) for t in body), said


def test_docx_timeline_is_a_table_with_a_repeating_header(outputs):
    import docx

    document = docx.Document(io.BytesIO(outputs["docx"]))
    (table,) = [table for table in document.tables if table.style.name == "Timeline Table"]
    assert [c.text for c in table.rows[0].cells] == ["Date", "Event", "Significance"]
    assert len(table.rows) == 1 + 15
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1


def test_pdf_holds_every_item_in_its_section_and_order(outputs, data):
    pages = pdf_pages_text(outputs["pdf"])
    # Page furniture repeats on every page; cut it so it cannot split an item in two.
    body = " ".join(_without_furniture(page) for page in pages)
    _assert_sections_in_order(body, data, normalise=lambda t: re.sub(r"\s+", "", t))


def _without_furniture(page: str) -> str:
    lines = page.splitlines()
    return "\n".join(
        line for line in lines if "TLP:AMBER" not in line and not re.search(r"Page \d+ of", line)
    )


def test_pdf_has_the_marking_and_page_numbers_on_every_page(outputs):
    pages = pdf_pages_text(outputs["pdf"])
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert page.count("TLP:AMBER") >= 2
        assert f"Page {number} of {len(pages)}" in page


def test_markdown_matches_its_golden_file(outputs, golden):
    golden("lavrov-yerevan-2025.analyst.md", outputs["md"].decode("utf-8"))


def test_document_tree_matches_its_golden_file(golden):
    loaded = load_summary(SAMPLE)
    golden(
        "lavrov-yerevan-2025.analyst.tree",
        dump(build_document(loaded, resolve_template("analyst"))) + "\n",
    )


def test_markdown_holds_every_item_in_its_section_and_order(outputs, data):
    text = outputs["md"].decode("utf-8").replace("\\", "")
    _assert_sections_in_order(text, data)
