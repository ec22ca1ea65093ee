"""A DOCX made without a reference document carries nothing of python-docx's template it does
not use; one made with a reference document keeps all of the reference's."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx_helpers import read, rich_document
from lxml import etree

from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx import write
from briefwright.writers.docx.contents import HEADING, LEVELS
from briefwright.writers.docx.marking_styles import BANNER
from briefwright.writers.docx.stylesheet import stylesheet

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
OPTIONS = WriteOptions(timestamp=1747872000, version="0.test")


def parts(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        return {name: package.read(name) for name in package.namelist()}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def used_style_ids(files: dict[str, bytes]) -> set[str]:
    """Style ids the document's parts name, and those the named styles are built on."""
    used = set()
    for name, data in files.items():
        if name.startswith("word/") and name.endswith(".xml") and "styles" not in name:
            root = etree.fromstring(data)
            for tag in ("pStyle", "rStyle", "tblStyle"):
                used |= {e.get(w("val")) for e in root.iter(w(tag))}
    return used


def test_only_our_styles_stay_with_their_bases_and_the_defaults():
    files = parts(write(rich_document(), Theme(), OPTIONS))
    styles = etree.fromstring(files["word/styles.xml"])
    by_id = {s.get(w("styleId")): s for s in styles.iter(w("style"))}
    assert len(files["word/styles.xml"]) < 40_000  # the template's is 350 KB
    assert used_style_ids(files) <= set(by_id)
    ours = {name.casefold() for name in [spec.name for spec in stylesheet(Theme(), 1, 2)]}
    ours |= {name.casefold() for name in (BANNER, HEADING, *LEVELS)}
    referenced = {e.get(w("val")) for s in by_id.values() for e in s.iter(w("basedOn"), w("next"))}
    for sid, style in by_id.items():
        name = style.find(w("name")).get(w("val"))
        default = style.get(w("default")) == "1"
        assert name.casefold() in ours or sid in referenced or default, f"{name} is left"
    assert "LightShading-Accent1" not in by_id and "TableGrid" not in by_id


def test_no_bibliography_part_template_lists_or_foreign_theme_fonts():
    files = parts(write(rich_document(), Theme(font_family="DejaVu Sans"), OPTIONS))
    assert not [name for name in files if name.startswith("customXml/")]
    assert b"customXml" not in files["word/_rels/document.xml.rels"]
    numbering = etree.fromstring(files["word/numbering.xml"])
    assert len(numbering.findall(w("abstractNum"))) == 2  # our bullets and numbers
    theme = etree.fromstring(files["word/theme/theme1.xml"])
    latin = {e.get("typeface") for e in theme.iter(f"{{{A}}}latin")}
    assert latin == {"DejaVu Sans"}
    assert not list(theme.iter(f"{{{A}}}font"))  # MS Gothic, MS Mincho and the rest are gone


def test_settings_ask_for_word_2013_layout_and_fonts_embedded_on_save():
    settings = etree.fromstring(
        parts(write(rich_document(), Theme(), OPTIONS))["word/settings.xml"]
    )
    modes = [
        s.get(w("val"))
        for s in settings.iter(w("compatSetting"))
        if s.get(w("name")) == "compatibilityMode"
    ]
    assert modes == ["15"]
    assert settings.find(w("embedTrueTypeFonts")) is not None
    assert settings.find(w("saveSubsetFonts")) is not None
    assert settings.find(w("rsids")) is None


def test_a_reference_document_keeps_its_styles_and_parts(tmp_path):
    reference = docx.Document()
    reference.styles.add_style("Office Letterhead", WD_STYLE_TYPE.PARAGRAPH)
    path = tmp_path / "reference.docx"
    reference.save(path)
    blob = write(rich_document(), Theme(), WriteOptions(reference_doc=path, timestamp=0))
    names = {style.name for style in read(blob).styles}
    assert {"Office Letterhead", "Light Shading Accent 1"} <= names
    assert [name for name in parts(blob) if name.startswith("customXml/")]
