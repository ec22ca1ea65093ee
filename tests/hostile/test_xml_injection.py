"""Font names, theme strings and a reference document's style ids cannot add WordprocessingML:
every such value is an attribute set through lxml, so `"/><w:vanish/>` stays a (strange) name,
the DOCX validates against the OOXML schemas, and the name reads back literally."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from click.testing import CliRunner
from conftest import SAMPLE
from docx.enum.style import WD_STYLE_TYPE
from docx_helpers import rich_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from ooxml import ooxml_problems

from briefwright.cli import main
from briefwright.theme import Theme, ThemeError
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx import write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VANISH = 'Times New Roman"/><w:vanish/><w:x a="'
NASTY = ["&", '"', "<", "'", "]]>", ">", "\u00a0", "\U0001f600", "\u202e"]
CONTROLS = ["\t", "\x00", "\x01", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\ufffe"]


def _part(blob: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return etree.fromstring(archive.read(name))


def _fonts_named(blob: bytes) -> set[str | None]:
    """The font names of the default run properties and of the last list definition."""
    styles, numbering = _part(blob, "word/styles.xml"), _part(blob, "word/numbering.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults is not None
    names = {defaults.get(f"{W}{side}") for side in ("ascii", "hAnsi", "eastAsia", "cs")}
    ours = numbering.findall(f"{W}abstractNum")[-1]  # python-docx's template has its own
    return names | {
        f.get(f"{W}{side}") for f in ours.iter(f"{W}rFonts") for side in ("ascii", "cs")
    }


def _vanished(blob: bytes) -> int:
    return sum(
        len(list(_part(blob, part).iter(f"{W}vanish")))
        for part in ("word/styles.xml", "word/numbering.xml", "word/document.xml")
    )


def test_a_font_option_cannot_hide_the_text(tmp_path):
    result = CliRunner().invoke(
        main, ["render", str(SAMPLE), "-f", "docx", "-o", str(tmp_path), "--font", VANISH]
    )
    assert result.exit_code == 0, result.output
    [blob] = [path.read_bytes() for path in tmp_path.glob("*.docx")]
    assert _vanished(blob) == 0
    assert _fonts_named(blob) == {VANISH}
    assert docx.Document(io.BytesIO(blob)).styles.element is not None
    assert ooxml_problems(blob, folder=tmp_path) == ""


def test_an_ampersand_in_a_font_name_works(tmp_path):
    result = CliRunner().invoke(
        main, ["render", str(SAMPLE), "-f", "docx", "-o", str(tmp_path), "--font", "A&B"]
    )
    assert result.exit_code == 0, result.output
    [blob] = [path.read_bytes() for path in tmp_path.glob("*.docx")]
    assert _fonts_named(blob) == {"A&B"}


def test_a_theme_font_family_cannot_add_markup(tmp_path):
    template = tmp_path / "evil"
    template.mkdir()
    (template / "template.toml").write_text('extends = "analyst"\n')
    (template / "theme.toml").write_text(f"font_family = '{VANISH}'\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["render", str(SAMPLE), "-f", "docx", "-t", str(template), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    [blob] = [path.read_bytes() for path in out.glob("*.docx")]
    assert _vanished(blob) == 0 and _fonts_named(blob) == {VANISH}


def test_style_ids_from_a_reference_document_stay_attribute_values(tmp_path):
    evil = '"/><w:vanish/><w:x a="'
    reference = docx.Document()
    reference.styles["Normal"].style_id = "Normal" + evil
    table = reference.styles.add_style("Briefing Table", WD_STYLE_TYPE.TABLE)
    table.style_id = "Table" + evil
    path = tmp_path / "reference.docx"
    reference.save(path)
    blob = write(rich_document(), Theme(), WriteOptions(reference_doc=path))
    assert _vanished(blob) == 0
    document = _part(blob, "word/document.xml")
    assert "Table" + evil in {s.get(f"{W}val") for s in document.iter(f"{W}tblStyle")}
    based_on = {b.get(f"{W}val") for b in _part(blob, "word/styles.xml").iter(f"{W}basedOn")}
    assert "Normal" + evil in based_on
    assert ooxml_problems(blob, folder=tmp_path) == ""


_names = st.lists(
    st.sampled_from(NASTY) | st.text(alphabet="AZaz 09-", min_size=1, max_size=3),
    min_size=1,
    max_size=8,
).map("".join)


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_names.filter(str.strip), min_size=4, max_size=6, unique=True))
def test_any_font_name_gives_a_valid_docx_that_shows_it(tmp_path_factory, names):
    folder = tmp_path_factory.mktemp("fonts")
    blobs = [write(rich_document(), Theme(font_family=name), WriteOptions()) for name in names]
    for name, blob in zip(names, blobs, strict=True):
        assert _fonts_named(blob) == {name} and _vanished(blob) == 0
    assert ooxml_problems(*blobs, folder=folder) == ""


@given(_names, st.sampled_from(CONTROLS), st.sampled_from(["font_family", "accent_color"]))
def test_control_characters_and_markup_in_theme_strings_are_refused(name, control, key):
    value = name + control if key == "font_family" else name
    with pytest.raises(ThemeError, match=key):
        Theme(**{key: value})


@pytest.mark.parametrize("key", ["text_color", "callout_fill", "table_header_fill", "page_size"])
def test_every_other_theme_string_is_checked(key):
    with pytest.raises(ThemeError, match=key):
        Theme(**{key: '#000"/><w:vanish/>'})
