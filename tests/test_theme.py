"""theme.toml: checked key by key, merged child over parent, shared by both writers."""

from __future__ import annotations

import io

import pytest

from briefwright.errors import TemplateError
from briefwright.theme import PAGE_SIZES_MM, Theme, build_theme, load_theme_file

DEJAVU = [f"DejaVuSans{s}.ttf" for s in ("", "-Bold", "-Oblique", "-BoldOblique")]


def test_layers_merge_key_by_key_with_the_later_winning():
    theme = build_theme({"accent_color": "#112233", "base_size": 11}, {"base_size": 12})
    assert theme.accent_color == "#112233" and theme.base_size == 12
    assert theme.page_size == Theme().page_size


def test_font_option_overrides_the_family_and_its_files():
    theme = build_theme({"font_family": "X", "font_files": DEJAVU}, font="Liberation Serif")
    assert theme.font_family == "Liberation Serif" and theme.font_files == ()


def test_every_bad_value_is_reported_with_its_key(tmp_path):
    path = tmp_path / "theme.toml"
    path.write_text(
        'accent_colour = "#000000"\npage_size = "A5"\nbase_size = -1\naccent_color = "red"\n'
    )
    with pytest.raises(TemplateError) as caught:
        load_theme_file(path)
    lines = caught.value.lines()
    assert lines[0].startswith(f"{path}:1: accent_colour: unknown theme key")
    assert lines[1] == f"{path}:2: page_size: expected one of A4, Letter, got 'A5'"
    assert lines[2] == f"{path}:3: base_size: expected a number from 4 to 72 pt, got -1"
    assert lines[3] == f"{path}:4: accent_color: expected a colour like '#1F3A5F', got 'red'"


def test_font_files_are_relative_to_the_theme_file(tmp_path):
    (tmp_path / "fonts").mkdir()
    path = tmp_path / "theme.toml"
    path.write_text("font_files = [" + ", ".join(f'"fonts/{f}"' for f in DEJAVU) + "]\n")
    for name in DEJAVU:
        (tmp_path / "fonts" / name).write_bytes(b"\0\1\0\0")
    data = load_theme_file(path)
    assert data["font_files"] == [str(tmp_path / "fonts" / f) for f in DEJAVU]


def test_letter_changes_the_page_of_both_pdf_and_docx():
    import docx
    from pypdf import PdfReader

    from briefwright.doctree import nodes
    from briefwright.writers import get_writer
    from briefwright.writers.base import WriteOptions

    doc = nodes.Document(
        meta=nodes.DocMeta(title="T"), children=(nodes.Paragraph((nodes.Text("x"),)),)
    )
    for size in ("A4", "Letter"):
        theme = Theme(page_size=size)
        width_mm, height_mm = PAGE_SIZES_MM[size]
        pdf = PdfReader(io.BytesIO(get_writer("pdf")(doc, theme, WriteOptions())))
        box = pdf.pages[0].mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
            round(width_mm),
            round(height_mm),
        )
        section = docx.Document(io.BytesIO(get_writer("docx")(doc, theme, WriteOptions())))
        page = section.sections[0]
        assert (round(page.page_width.mm), round(page.page_height.mm)) == (
            round(width_mm),
            round(height_mm),
        )
