"""Markings: one spelling, one order, declared schemes; and how a summary's marking, however it
is written, reaches every format and the mail subject."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import docx
import pytest
import yaml
from pdf_layout import drawn_words, page_lines
from pypdf import PdfReader

from briefwright import render_bytes
from briefwright.doctree.meta import document_meta
from briefwright.errors import BriefwrightWarning, InvalidSummary, ReleaseRefused, TemplateError
from briefwright.mail.message import subject_line
from briefwright.markings import (
    TLP,
    Marking,
    Markings,
    check_marking,
    highest,
    normalise,
    portion_mark,
    tlp_colour,
)
from briefwright.summary import load_summary, validate_data
from briefwright.templating.context import build_context
from briefwright.templating.discovery import resolve_template
from briefwright.templating.reference import template_context_reference

# --- the module ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "spelling"),
    [
        ("TLP:AMBER", "TLP:AMBER"),
        ("tlp: amber", "TLP:AMBER"),
        (" Tlp :Amber + Strict ", "TLP:AMBER+STRICT"),
        ("TLP:WHITE", "TLP:CLEAR"),  # TLP 1.0's name for it
        ("official-sensitive", "OFFICIAL-SENSITIVE"),
        ("Internal  use\nonly", "INTERNAL USE ONLY"),
        ("", ""),
    ],
)
def test_one_spelling(written, spelling):
    assert normalise(written) == spelling
    assert normalise(spelling) == spelling


def test_tlp_is_ordered_and_other_schemes_only_when_declared():
    markings = Markings(["Official", "OFFICIAL-SENSITIVE", "secret"])
    clear, green, red = (markings.parse(m) for m in ("tlp:clear", "TLP:GREEN", "TLP:RED"))
    assert clear.compare(green) == -1 and red.compare(green) == 1 and green.compare(green) == 0
    official, sensitive = markings.parse("official"), markings.parse("OFFICIAL-SENSITIVE")
    assert official.at_most(sensitive) and not sensitive.at_most(official)
    assert official.compare(clear) is None  # different schemes
    undeclared = Markings().parse("OFFICIAL")
    assert undeclared.scheme is None
    assert undeclared.compare(Markings().parse("official")) == 0  # free text: equality only
    assert undeclared.compare(Markings().parse("OFFICIAL-SENSITIVE")) is None
    assert not undeclared.at_most(Markings().parse("SECRET"))


def test_highest_falls_back_to_the_ceiling_when_there_is_no_single_highest():
    amber = Marking("TLP:AMBER", TLP)
    green, clear = Marking("TLP:GREEN", TLP), Marking("TLP:CLEAR", TLP)
    assert highest([clear, green, clear], amber) == green
    assert highest([], amber) == amber
    assert highest([green, Marking("OTHER")], amber) == amber


def test_portion_mark_only_where_it_differs():
    green, amber = Marking("TLP:GREEN", TLP), Marking("TLP:AMBER", TLP)
    assert portion_mark(green, amber) == "(TLP:GREEN)"
    assert portion_mark(amber, amber) == "" and portion_mark(None, amber) == ""


def test_tlp_colours_and_what_cannot_be_a_marking():
    assert tlp_colour("tlp:amber+strict") == tlp_colour("TLP:AMBER") == "#FFC000"
    assert tlp_colour("OFFICIAL") is None
    with pytest.raises(ValueError, match="'TLP:PURPLE' is not a TLP 2.0 label"):
        check_marking("tlp: purple")
    with pytest.raises(ValueError, match="at most 100 characters"):
        check_marking("X" * 101)


# --- templates declare their rules ---------------------------------------------------------


def _template(tmp_path: Path, toml: str, name: str = "house") -> Path:
    directory = tmp_path / name
    directory.mkdir()
    (directory / "template.toml").write_text(toml, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('max_marking = "TLP:PINK"', "'TLP:PINK' is not a TLP 2.0 label"),
        ("max_marking = 3", "expected str, got int"),
        ('marking_scheme = ["A", "a"]', "a marking is listed twice"),
        ('marking_scheme = ["TLP:RED", "SECRET"]', "TLP 2.0 is always known"),
        ("marking_scheme = []", "list the markings of the scheme"),
        ('portion_marks = "yes"', "expected bool, got str"),
    ],
)
def test_template_marking_settings_are_checked(tmp_path, toml, message):
    directory = _template(tmp_path, f'extends = "analyst"\n{toml}\n')
    with pytest.raises(TemplateError) as caught:
        resolve_template(str(directory))
    assert any(message in line for line in caught.value.lines()), caught.value.lines()


def test_allowed_markings_is_read_as_max_marking_with_a_warning(tmp_path):
    directory = _template(
        tmp_path, 'extends = "base"\nallowed_markings = ["TLP:CLEAR", "tlp:green"]\n'
    )
    with pytest.warns(BriefwrightWarning, match="read as max_marking = 'TLP:GREEN'"):
        config = resolve_template(str(directory)).config
    assert config["max_marking"] == "TLP:GREEN" and "allowed_markings" not in config


def test_the_reference_lists_the_marking_settings_and_names():
    reference = template_context_reference()
    for name in ("max_marking", "marking_scheme", "portion_marks", "summary_portion_mark"):
        assert f"  {name} " in reference
    assert "portion_mark" in reference and "allowed_markings" in reference


# --- a declared scheme ---------------------------------------------------------------------

OFFICIAL = {
    "title": "Talks",
    "marking": "OFFICIAL-SENSITIVE",
    "source": {"title": "An article"},
    "summary": [{"text": "Plain bottom line.", "marking": "OFFICIAL"}, {"text": "Full one."}],
    "key_points": [{"text": "Plain point.", "marking": "OFFICIAL"}, "Sensitive point."],
}


def _summary(tmp_path: Path, data: dict, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_declared_scheme_orders_its_markings(tmp_path):
    scheme = 'marking_scheme = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET"]\n'
    office = _template(tmp_path, f'extends = "analyst"\n{scheme}', "office")
    release = _template(tmp_path, 'extends = "office"\nmax_marking = "OFFICIAL"\n', "release")
    loaded = load_summary(_summary(tmp_path, OFFICIAL))
    full = build_context(resolve_template(str(office)), loaded)
    assert full["marking"] == "OFFICIAL-SENSITIVE" and full["summary"] == "Full one."
    assert [p["portion_mark"] for p in full["key_points"]] == ["(OFFICIAL)", ""]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFWRIGHT_TEMPLATE_PATH", str(tmp_path))
        cut = build_context(resolve_template(str(release)), loaded)
    assert cut["marking"] == "OFFICIAL" and cut["summary"] == "Plain bottom line."
    assert [p["text"] for p in cut["key_points"]] == ["Plain point."]


def test_without_the_scheme_two_markings_of_it_are_a_located_error(tmp_path):
    path = _summary(tmp_path, OFFICIAL)
    loaded = load_summary(path)  # validation alone cannot tell: a template may declare it
    with pytest.raises(InvalidSummary) as caught:
        build_context(resolve_template("analyst"), loaded)
    lines = caught.value.lines()
    written = path.read_text().splitlines()
    at = [n for n, line in enumerate(written, 1) if line.strip() == "marking: OFFICIAL"]
    assert [line.split(":")[1] for line in lines] == [str(at[0]), str(at[1])]
    assert "summary[0].marking: OFFICIAL cannot be compared with the summary's marking" in lines[0]
    assert "key_points[0].marking: OFFICIAL cannot be compared" in lines[1]


def test_the_executive_cut_carries_the_marking_of_what_it_shows(tmp_path):
    data = {
        "title": "Cut",
        "marking": "TLP:AMBER",
        "source": {"title": "An article"},
        "summary": [{"text": "Green bottom line.", "marking": "TLP:GREEN"}],
        "key_points": [
            *({"text": f"Green {i}.", "marking": "TLP:GREEN", "priority": 1} for i in range(4)),
            {"text": "Amber fifth.", "priority": 2},
        ],
        "quotes": [{"text": "Amber quote, not on the page.", "speaker": "X"}],
    }
    loaded = load_summary(_summary(tmp_path, data))
    assert document_meta(resolve_template("executive"), loaded).marking == "TLP:GREEN"
    assert document_meta(resolve_template("analyst"), loaded).marking == "TLP:AMBER"


def test_refusal_is_the_same_from_the_context_and_the_meta(tmp_path):
    loaded = load_summary(_summary(tmp_path, {**OFFICIAL, "marking": "TLP:AMBER",
                                              "summary": "x", "key_points": ["y"]}))  # fmt: skip
    for build in (build_context, document_meta):
        with pytest.raises(ReleaseRefused):
            build(resolve_template("public"), loaded)


# --- the marking in every format ------------------------------------------------------------

SIMPLE = {
    "title": "Spelled loosely",
    "marking": "tlp: amber",
    "source": {"title": "An article"},
    "summary": "Bottom line.",
    "key_points": ["A point."],
}


def test_a_loosely_written_tlp_marking_is_the_standard_label_everywhere(tmp_path):
    outputs = render_bytes(_summary(tmp_path, SIMPLE), formats=("md", "html", "docx", "pdf"))
    lines = outputs["md"].decode("utf-8").strip().splitlines()
    assert lines[0] == lines[-1] == "**TLP:AMBER**"
    html = outputs["html"].decode("utf-8")
    assert (
        html.count('<span class="tlp" style="background:#000000;color:#FFC000">TLP:AMBER</span>')
        == 2
    )
    document = docx.Document(io.BytesIO(outputs["docx"]))
    section = document.sections[0]
    for label in (section.header.paragraphs[0], section.footer.paragraphs[-1]):
        assert label.text == "\u00a0TLP:AMBER\u00a0"
        assert {run.style.name for run in label.runs} == {"TLP Amber"}
    assert str(document.styles["TLP Amber"].font.color.rgb) == "FFC000"
    pdf = PdfReader(io.BytesIO(outputs["pdf"]))
    page = pdf.pages[0]
    assert page.extract_text().count("TLP:AMBER") >= 2
    drawing = b"".join(
        form.get_object().get_data() for form in page["/Resources"]["/XObject"].values()
    )
    assert b"1 .752941 0 rg" in drawing  # #FFC000
    meta = document_meta(resolve_template("analyst"), load_summary(_summary(tmp_path, SIMPLE)))
    assert subject_line(meta) == "[TLP:AMBER] Spelled loosely"


LONG = [f"Point {i}. " + "Words in a line. " * 80 for i in range(12)]  # three pages


def test_an_official_sensitive_summary_has_banners_on_every_page(tmp_path):
    data = {**SIMPLE, "marking": "official-sensitive", "key_points": LONG}
    outputs = render_bytes(_summary(tmp_path, data), formats=("docx", "pdf"))
    pages = page_lines(outputs["pdf"])
    assert len(pages) >= 2
    for width, lines in pages:
        top, bottom = lines[0], lines[-1]
        for text, x0, x1, _, font in (top, bottom):
            assert text == "OFFICIAL-SENSITIVE" and "Bold" in font
            assert abs((x0 + x1) / 2 - width / 2) < 1
    section = docx.Document(io.BytesIO(outputs["docx"])).sections[0]
    for paragraph in (section.header.paragraphs[0], section.footer.paragraphs[-1]):
        assert (paragraph.style.name, paragraph.text) == ("Marking Banner", "OFFICIAL-SENSITIVE")


def test_a_draft_summary_is_watermarked_on_every_page(tmp_path):
    control = {"status": "Draft", "version": "0.3", "reference": "EAU-2025-117"}
    data = {**SIMPLE, **control, "key_points": LONG}
    outputs = render_bytes(_summary(tmp_path, data), formats=("docx", "pdf", "md", "html"))
    pdf = PdfReader(io.BytesIO(outputs["pdf"]))
    assert len(pdf.pages) >= 2
    for page in pdf.pages:
        assert [text for text, _, size in drawn_words(page) if size > 100] == ["DRAFT"]
    assert pdf.metadata["/Keywords"].startswith("TLP:AMBER, DRAFT, Reference EAU-2025-117")
    document = docx.Document(io.BytesIO(outputs["docx"]))
    header = document.sections[0].header._element
    paths = header.findall(".//{urn:schemas-microsoft-com:vml}textpath")
    assert [p.get("string") for p in paths if p.get("string")] == ["DRAFT"]
    props = document.core_properties
    assert (props.content_status, props.version, props.identifier) == (
        "Draft",
        "0.3",
        "EAU-2025-117",
    )
    assert b"**DRAFT**" in outputs["md"] and b'class="draft draft-top"' in outputs["html"]


def test_the_marking_in_a_pdf_is_not_a_warning_of_missing_glyphs(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render_bytes(_summary(tmp_path, {**SIMPLE, "marking": "OFFICIAL"}), formats="pdf")


def test_a_version_of_the_bottom_line_is_a_mapping_with_text_and_marking():
    data = {"title": "T", "source": {"title": "S"}, "summary": ["x"], "key_points": ["a"]}
    with pytest.raises(InvalidSummary) as caught:
        validate_data(data)
    assert caught.value.lines() == [
        "summary[0]: expected a version with text and marking, got text 'x'"
    ]


def test_a_template_that_shows_no_key_points_is_not_refused_for_it(tmp_path):
    directory = _template(tmp_path, 'extends = "public"\n[limits]\nkey_points = 0\n')
    data = {**SIMPLE, "summary": [{"text": "Open.", "marking": "TLP:CLEAR"}],
            "key_points": [{"text": "Open point.", "marking": "TLP:CLEAR"}]}  # fmt: skip
    context = build_context(
        resolve_template(str(directory)), load_summary(_summary(tmp_path, data))
    )
    assert context["key_points"] == [] and context["marking"] == "TLP:CLEAR"
