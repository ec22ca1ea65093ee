"""PDF fonts: embedded Unicode TrueType only, every script back out, missing glyphs reported."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

from briefwright.doctree import nodes as n
from briefwright.errors import RenderError
from briefwright.fonts import BUNDLED_DIR
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.pdf import write

T = n.Text
SCRIPTS = ["Հայաստան", "Երևան", "Лавров", "Сергей Викторович", "ə Ə ş ğ ı İ ç ö ü", "Bakı"]
CJK = "\u4e2d"  # DejaVu Sans has no CJK ideographs


def doc_with(text: str, marking: str = "TLP:GREEN") -> n.Document:
    """`text` in every face: regular, bold heading, italic quote, bold-italic, table cell."""
    return n.Document(
        n.DocMeta(title="Scripts", marking=marking),
        (
            n.Heading(1, (T(text),), line=3),
            n.Paragraph((T(text),), line=5),
            n.Quote((n.Paragraph((T(text),), line=7),), (n.Strong((T(text),)),), line=7),
            n.Paragraph((n.Strong((n.Emphasis((T(text),)),)),), line=9),
            n.Table(((T("Head"),),), (((T(text),),),), line=11),
        ),
    )


def render(doc: n.Document, theme: Theme | None = None, **options) -> bytes:
    return write(doc, theme or Theme(), WriteOptions(**options))


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def fonts_of(data: bytes) -> list[dict]:
    """Every font dictionary the pages use (descendants of composite fonts included)."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found.append(font)
            found.extend(d.get_object() for d in font.get("/DescendantFonts", []))
    return found


@pytest.mark.parametrize("text", SCRIPTS)
def test_scripts_round_trip_through_text_extraction(text):
    warnings = []
    extracted = text_of(render(doc_with(text), warn=warnings.append))
    assert extracted.count(text) >= 6
    assert warnings == []


def test_every_font_is_embedded_dejavu_and_nothing_names_helvetica():
    data = render(doc_with(" ".join(SCRIPTS)))
    faces = set()
    for font in fonts_of(data):
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"].get_object()  # the glyphs are in the file
        subset, _, face = str(font["/BaseFont"]).partition("+")
        assert len(subset) == 7  # "/AAAAAA": an embedded subset
        faces.add(face)
    assert faces == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
    }
    assert b"Helvetica" not in data


def test_a_character_no_font_has_is_reported_with_its_name_and_line():
    warnings = []
    data = render(doc_with(f"Beijing {CJK} visit"), warn=warnings.append)
    assert "Beijing" in text_of(data)
    assert any(
        f"rendered Markdown line 5 (section 'Beijing {CJK} visit')" in w
        and "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D" in w
        and "DejaVu Sans" in w
        and "Beijing" in w
        for w in warnings
    ), warnings


def test_strict_turns_a_missing_glyph_into_an_error():
    with pytest.raises(RenderError) as caught:
        render(doc_with(f"x {CJK}"), strict=True)
    assert all("U+4E2D" in line for line in caught.value.lines())
    assert len(caught.value.lines()) == 5  # one per block that holds the character


def test_furniture_text_is_checked_too():
    warnings = []
    render(doc_with("plain", marking=f"EYES ONLY {CJK}"), warn=warnings.append)
    assert warnings == [
        "page header/footer (marking): character U+4E2D CJK UNIFIED IDEOGRAPH-4E2D cannot be "
        f"drawn with font family 'DejaVu Sans', in 'EYES ONLY {CJK}'"
    ]


def test_a_glyph_missing_only_in_italic_is_drawn_upright_without_warning():
    arabic = "مرحبا"  # DejaVu Sans Oblique has no Arabic; the upright face has
    warnings = []
    data = render(doc_with(arabic), warn=warnings.append)
    assert warnings == []
    assert arabic[0] in text_of(data)


def test_control_characters_are_reported_not_silently_dropped():
    warnings = []
    data = render(doc_with("bell\x07here\ttab"), warn=warnings.append)
    assert "bellhere tab" in text_of(data)
    assert any("U+0007 unnamed character" in w for w in warnings)


def test_theme_font_files_select_another_family():
    files = tuple(
        str(BUNDLED_DIR / name)
        for name in ("DejaVuSans-Bold.ttf",) * 2 + ("DejaVuSans-BoldOblique.ttf",) * 2
    )
    data = render(doc_with("Лавров"), Theme(font_family="Heavy", font_files=files))
    names = {str(font["/BaseFont"]).split("+")[-1] for font in fonts_of(data)}
    assert names == {"DejaVuSans-Bold", "DejaVuSans-BoldOblique"}  # no regular face used


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="needs fontconfig")
def test_an_installed_family_is_found_by_name():
    try:
        data = render(doc_with("Лавров"), Theme(font_family="Liberation Sans"))
    except RenderError as exc:
        pytest.skip(f"Liberation Sans not installed: {exc}")
    names = {str(font["/BaseFont"]).split("+")[-1] for font in fonts_of(data)}
    assert all(name.startswith("LiberationSans") for name in names), names
    assert "Лавров" in text_of(data)


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="needs fontconfig")
def test_the_bundled_family_draws_what_another_family_lacks():
    try:
        theme = Theme(font_family="Liberation Sans")
        warnings = []
        data = render(doc_with("Հայաստան"), theme, warn=warnings.append)
    except RenderError as exc:
        pytest.skip(f"Liberation Sans not installed: {exc}")
    assert warnings == []
    names = {str(font["/BaseFont"]).split("+")[-1] for font in fonts_of(data)}
    assert "DejaVuSans" in names and "LiberationSans" in names
    assert text_of(data).count("Հայաստան") >= 6


def test_an_unknown_family_is_a_clear_error():
    with pytest.raises(RenderError, match="'No Such Sans'"):
        render(doc_with("x"), Theme(font_family="No Such Sans"))


def test_characters_beyond_u_ffff_map_back_as_utf16_pairs():
    # DejaVu Sans draws U+1F637 and U+1D313; the map must name each as its surrogate pair
    data = render(doc_with("Mask \U0001f637 and \U0001d313"))
    maps = b"".join(
        font["/ToUnicode"].get_object().get_data()
        for font in fonts_of(data)
        if "/ToUnicode" in font
    )
    assert b"<D83DDE37>" in maps and b"<D834DF13>" in maps
    assert b"<1F637>" not in maps and b"<1D313>" not in maps
    assert text_of(data).count("Mask \U0001f637 and \U0001d313") >= 6
