"""The built-in templates through the real writers: page counts, audiences, user overrides."""

from __future__ import annotations

import io

import pytest
from conftest import SAMPLE, docx_all_text, pdf_pages_text, squash

from briefwright.doctree import nodes
from briefwright.doctree.meta import document_meta
from briefwright.doctree.parse import parse_markdown
from briefwright.summary import load_summary, validate_data
from briefwright.templating.discovery import resolve_template
from briefwright.templating.render import render_markdown
from briefwright.writers import get_writer
from briefwright.writers.base import WriteOptions


def write(template, summary, fmt: str) -> bytes:
    resolved = resolve_template(template)
    document = nodes.Document(
        meta=document_meta(resolved, summary),
        children=parse_markdown(render_markdown(resolved, summary)),
    )
    return get_writer(fmt)(document, resolved.theme, WriteOptions())


@pytest.fixture(scope="module")
def sample():
    return load_summary(SAMPLE).summary


@pytest.mark.parametrize(
    ("name", "pages"), [("executive", 1), ("brief-note", 2), ("analyst", None), ("public", None)]
)
def test_builtin_page_counts(sample, name, pages):
    text = pdf_pages_text(write(name, sample, "pdf"))
    if pages is not None:
        assert len(text) == pages
    assert squash(sample.key_points[0].text) in squash("".join(text))


def test_executive_page_holds_the_bottom_line_top_points_outlook_and_source(sample):
    [page] = pdf_pages_text(write("executive", sample, "pdf"))
    page = squash(page)
    assert squash(sample.bottom_lines()[-1].text) in page  # the TLP:AMBER version
    for point in sample.key_points[:4]:
        assert squash(point.text) in page
    assert squash(sample.key_points[4].text) not in page  # capped at four by priority
    for implication in sample.implications:
        assert squash(implication.text) in page
    assert "Likely (55–80%), moderate confidence:" in page
    assert page.count("Source:") == 1
    assert "In their words" not in page and "Timeline" not in page


def test_brief_note_keeps_the_classic_order(sample):
    text = squash(" ".join(pdf_pages_text(write("brief-note", sample, "pdf"))))
    positions = [text.index(h) for h in ("Summary", "RECOMMENDATIONS", "Context", "Implications")]
    assert positions == sorted(positions)


def restricted_sample(sample):
    """The sample with one item per section kept for analysts, and an AMBER marking."""
    data = sample.model_dump(mode="json", exclude_none=True)
    secret = {"audiences": ["analyst"]}
    data["key_points"].append({"text": "Restricted key point.", **secret})
    data["quotes"].append({"text": "Restricted quote.", "speaker": "Insider", **secret})
    data["timeline"].append({"date": "2025-06", "event": "Restricted event.", **secret})
    data["implications"].append({"text": "Restricted implication.", **secret})
    data["recommendations"].append({"text": "Restricted recommendation.", **secret})
    data["source"].pop("text", None)
    return validate_data(data).summary


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_public_leaves_out_restricted_items_marking_and_internal_names(sample, fmt):
    summary = restricted_sample(sample)
    output = write("public", summary, fmt)
    text = " ".join(pdf_pages_text(output)) if fmt == "pdf" else docx_all_text(output)
    assert "Restricted" not in text and "Insider" not in text
    assert "TLP:AMBER" not in text and "AMBER" not in text
    assert sample.author not in text and sample.organization not in text
    assert squash(sample.quotes[0].text) in squash(text)
    analyst = write("analyst", summary, fmt)
    analyst_text = " ".join(pdf_pages_text(analyst)) if fmt == "pdf" else docx_all_text(analyst)
    assert squash(analyst_text).count("Restricted") == 5


@pytest.fixture
def user_template(tmp_path):
    directory = tmp_path / "house"
    directory.mkdir()
    (directory / "template.toml").write_text('extends = "analyst"\n', encoding="utf-8")
    (directory / "theme.toml").write_text('accent_color = "#FF0000"\n', encoding="utf-8")
    (directory / "briefing.md.j2").write_text(
        '{% extends "analyst/briefing.md.j2" %}\n'
        "{% block recommendations %}\n# What we advise\n\n"
        "{% for item in recommendations %}\n- {{ item.text }}\n{% endfor %}\n\n{% endblock %}\n",
        encoding="utf-8",
    )
    return directory


def test_user_template_block_and_accent_show_in_pdf(sample, user_template):
    data = write(str(user_template), sample, "pdf")
    assert "What we advise" in " ".join(pdf_pages_text(data))
    assert "Recommendations" not in " ".join(pdf_pages_text(data))
    from pypdf import PdfReader

    streams = b"".join(p.get_contents().get_data() for p in PdfReader(io.BytesIO(data)).pages)
    plain = b"".join(
        p.get_contents().get_data()
        for p in PdfReader(io.BytesIO(write("analyst", sample, "pdf"))).pages
    )
    assert b"1 0 0 rg" in streams and b"1 0 0 rg" not in plain  # red text: the accent


def test_user_template_block_and_accent_show_in_docx(sample, user_template):
    import docx
    from docx.shared import RGBColor

    data = write(str(user_template), sample, "docx")
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Title"].font.color.rgb == RGBColor(0xFF, 0, 0)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "What we advise" in headings and "Recommendations" not in headings


def test_user_template_block_shows_in_markdown(sample, user_template):
    pytest.importorskip("briefwright.writers.markdown")
    text = write(str(user_template), sample, "md").decode("utf-8")
    assert "## What we advise" in text and "## Recommendations" not in text
