"""Embedded fonts in the DOCX: obfuscated subsets in word/fonts/, listed in fontTable.xml."""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SAMPLE
from docx_helpers import ARMENIAN, AZERBAIJANI, CYRILLIC, rich_document
from fontTools.ttLib import TTFont
from libreoffice import docx_to_pdf, font_names
from lxml import etree
from ooxml import ooxml_problems

import briefwright
from briefwright.errors import RenderError
from briefwright.fonts import BUNDLED_DIR
from briefwright.fonts.subset import Embedding, embedding
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx import write
from briefwright.writers.docx.fonts import obfuscate

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OPTIONS = WriteOptions(timestamp=1747872000, version="0.test")
EMBEDS = ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic")
DEJAVU = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
DEJAVU += ("DejaVuSans-BoldOblique.ttf",)


def font_table(blob: bytes) -> dict[str, dict]:
    """Each w:font of the font table: its child elements' values, and each embedded face
    deobfuscated with its key and parsed, by embedding element."""
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        table = etree.fromstring(package.read("word/fontTable.xml"))
        rels_name = "word/_rels/fontTable.xml.rels"
        has_rels = rels_name in package.namelist()
        rels = etree.fromstring(package.read(rels_name)) if has_rels else []
        types = package.read("[Content_Types].xml").decode()
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        fonts = {}
        for font in table.iter(f"{{{W}}}font"):
            entry: dict = {"faces": {}}
            for child in font:
                tag = etree.QName(child).localname
                if tag in EMBEDS:
                    part = posixpath.join("word", targets[child.get(f"{{{R}}}id")])
                    assert f'PartName="/{part}"' in types and "obfuscatedFont" in types
                    data = obfuscate(package.read(part), child.get(f"{{{W}}}fontKey"))
                    entry["faces"][tag] = (part, data)
                else:
                    entry[tag] = child.get(f"{{{W}}}val") or dict(child.attrib)
            fonts[font.get(f"{{{W}}}name")] = entry
    return fonts


def test_each_face_of_the_family_is_embedded_under_its_key_and_draws_the_text():
    fonts = font_table(write(rich_document(), Theme(), OPTIONS))
    family = fonts["DejaVu Sans"]
    assert set(family["faces"]) == set(EMBEDS)
    parts = [part for part, _ in family["faces"].values()]
    assert all(part.startswith("word/fonts/") and part.endswith(".odttf") for part in parts)
    styles = [TTFont(io.BytesIO(data))["name"] for _, data in family["faces"].values()]
    assert {name.getDebugName(1) for name in styles} == {"DejaVu Sans"}
    assert [name.getDebugName(2) for name in styles] == [
        "Book",
        "Bold",
        "Oblique",
        "Bold Oblique",
    ]
    for _, data in family["faces"].values():
        drawn = {chr(code) for code in TTFont(io.BytesIO(data)).getBestCmap()}
        assert set(ARMENIAN + CYRILLIC + AZERBAIJANI + "\u2014\u2022") <= drawn


def test_faces_are_subsets_that_keep_the_licence_and_drop_the_rest_of_the_font():
    fonts = font_table(write(rich_document(), Theme(), OPTIONS))
    _, regular = fonts["DejaVu Sans"]["faces"]["embedRegular"]
    original = (BUNDLED_DIR / DEJAVU[0]).read_bytes()
    assert len(regular) < len(original) / 10
    face = TTFont(io.BytesIO(regular))
    assert "Bitstream" in face["name"].getDebugName(0)  # the copyright line
    assert face["name"].getDebugName(13)  # the licence
    drawn = {chr(code) for code in face.getBestCmap()}
    assert "\u4e00" not in drawn and "\u05d0" not in drawn  # nothing the text does not use
    assert not {"GSUB", "GPOS", "kern", "fpgm"} & set(face.keys())


def test_the_font_table_lists_what_word_matches_a_substitute_by():
    fonts = font_table(write(rich_document(), Theme(), OPTIONS))
    assert set(fonts) == {"DejaVu Sans", "Courier New"}  # no leftovers from a template
    dejavu = fonts["DejaVu Sans"]
    assert dejavu["altName"] == "Verdana"
    assert (dejavu["panose1"], dejavu["family"], dejavu["pitch"]) == (
        "020B0603030804020204",
        "swiss",
        "variable",
    )
    assert int(dejavu["sig"][f"{{{W}}}usb0"], 16) & 1  # Basic Latin, as its OS/2 table says
    assert (fonts["Courier New"]["family"], fonts["Courier New"]["pitch"]) == ("modern", "fixed")
    assert fonts["Courier New"]["faces"] == {}


def test_the_key_obfuscates_the_first_32_bytes_as_the_standard_says():
    key = "{62E79491-959F-41E9-B76B-6B32631DEA5C}"
    # the GUID's bytes, last first, XORed over bytes 0-15 and again over 16-31
    secret = bytes.fromhex("5CEA1D63326B6BB7E9419F959194E762")
    hidden = obfuscate(bytes(40), key)
    assert hidden == secret + secret + bytes(8)
    assert obfuscate(hidden, key) == bytes(40)


@pytest.mark.parametrize(
    ("fs_type", "expected"),
    [
        (0x0000, Embedding.SUBSET),  # installable
        (0x0008, Embedding.SUBSET),  # editable
        (0x0108, Embedding.WHOLE),  # editable, no subsetting
        (0x0004, Embedding.NONE),  # preview and print only: Word would open it read-only
        (0x0002, Embedding.NONE),  # restricted
        (0x0200, Embedding.NONE),  # bitmaps only
    ],
)
def test_the_licence_bits_decide_what_is_embedded(fs_type, expected):
    assert embedding(fs_type) is expected


def family_copy(directory: Path, name: str, fs_type: int = 0) -> tuple[str, ...]:
    """The bundled faces renamed to `name` (DejaVu's licence asks a changed copy to be renamed),
    with the licence bits `fs_type`."""
    paths = []
    for file_name in DEJAVU:
        font = TTFont(BUNDLED_DIR / file_name)
        font["OS/2"].fsType = fs_type
        for record in font["name"].names:
            if record.nameID in (1, 3, 4, 6, 16):
                record.string = str(record.toUnicode()).replace("DejaVu Sans", name)
                record.string = str(record.string).replace("DejaVuSans", name.replace(" ", ""))
        path = directory / file_name.replace("DejaVuSans", name.replace(" ", ""))
        font.save(path)
        paths.append(str(path))
    return tuple(paths)


def test_a_face_licensed_for_preview_only_is_named_but_not_embedded(tmp_path):
    files = family_copy(tmp_path, "Viewonly Sans", fs_type=0x0004)
    warnings: list[str] = []
    options = WriteOptions(timestamp=OPTIONS.timestamp, warn=warnings.append)
    blob = write(rich_document(), Theme(font_family="Viewonly Sans", font_files=files), options)
    fonts = font_table(blob)
    assert fonts["Viewonly Sans"]["faces"] == {}
    assert fonts["Viewonly Sans"]["panose1"] == "020B0603030804020204"
    assert [w for w in warnings if "licence" in w and "Viewonly Sans" in w]
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        assert not [name for name in package.namelist() if name.startswith("word/fonts/")]


def test_a_family_that_is_not_installed_is_named_with_a_warning(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)  # no fontconfig to find it with
    warnings: list[str] = []
    options = WriteOptions(timestamp=OPTIONS.timestamp, warn=warnings.append)
    fonts = font_table(write(rich_document(), Theme(font_family="Calibri"), options))
    assert fonts["Calibri"] == {"faces": {}, "charset": "00", "family": "auto", "pitch": "variable"}
    assert [w for w in warnings if "'Calibri' is not installed" in w]


def test_a_reference_documents_fonts_stay_its_own(tmp_path):
    reference = docx.Document()
    path = tmp_path / "reference.docx"
    reference.save(path)
    with zipfile.ZipFile(path) as package:
        table = package.read("word/fontTable.xml")
    blob = write(rich_document(), Theme(), WriteOptions(reference_doc=path, timestamp=0))
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        assert package.read("word/fontTable.xml") == table
        assert not [name for name in package.namelist() if name.startswith("word/fonts/")]


def test_a_briefing_with_embedded_fonts_validates_against_the_schemas(tmp_path):
    blob = write(rich_document(), Theme(), OPTIONS)
    assert font_table(blob)["DejaVu Sans"]["faces"]
    assert ooxml_problems(blob, folder=tmp_path) == ""


def test_libreoffice_draws_the_document_with_the_embedded_faces(tmp_path):
    # a family no computer has installed: only the embedded faces can draw it
    files = family_copy(tmp_path, "Probe Sans")
    blob = write(rich_document(), Theme(font_family="Probe Sans", font_files=files), OPTIONS)
    used = font_names(docx_to_pdf(blob, tmp_path / "lo"))
    assert {"ProbeSans", "ProbeSans-Bold", "ProbeSans-Oblique"} <= used
    assert not {name for name in used if name.startswith("DejaVu")}


@pytest.mark.parametrize("template", ["analyst", "brief-note", "executive", "public"])
def test_every_built_in_templates_docx_embeds_its_fonts_and_validates(template, tmp_path):
    blob = briefwright.render_bytes(SAMPLE, formats="docx", template=template)["docx"]
    faces = font_table(blob)["DejaVu Sans"]["faces"]
    assert set(faces) == set(EMBEDS)
    assert ooxml_problems(blob, folder=tmp_path) == ""


def test_a_font_file_that_is_not_a_font_is_refused_by_name(tmp_path):
    files = []
    for name in ("a.ttf", "b.ttf", "c.ttf", "d.ttf"):
        (tmp_path / name).write_bytes(b"\x00\x01\x00\x00" + b"not a font" * 10)
        files.append(str(tmp_path / name))
    theme = Theme(font_family="Broken Sans", font_files=tuple(files))
    with pytest.raises(RenderError, match=r"a\.ttf"):
        write(rich_document(), theme, OPTIONS)


def test_the_bundled_faces_pass_the_character_map_check_a_render_skips_for_them():
    from briefwright.fonts import BUNDLED_FAMILY, family_files, is_bundled
    from briefwright.fonts.truetype import check_character_maps

    _, paths = family_files(BUNDLED_FAMILY)
    for path in paths:
        assert is_bundled(path)
        check_character_maps(Path(path).read_bytes())  # raises NotAFont if a table is hostile
    assert not is_bundled(Path(paths[0]).with_name("Other.ttf"))
