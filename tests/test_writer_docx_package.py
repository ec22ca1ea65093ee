"""The DOCX package: schema validity, reproducible bytes, properties, reference documents."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt, RGBColor
from docx_helpers import part_xml, read, rich_document
from lxml import etree
from ooxml import ooxml_problems

from briefwright.errors import RenderError
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx import write

OPTIONS = WriteOptions(timestamp=1747872000, version="0.test")  # 2025-05-22T00:00:00Z


@pytest.fixture(scope="module")
def reference_doc(tmp_path_factory) -> Path:
    """A reference document that restyles Heading 1, uses Letter paper and has no lists."""
    document = docx.Document()
    document.add_paragraph("REFERENCE BODY TEXT", style="Heading 1")
    heading = document.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    heading.font.size = Pt(26)
    document.styles["List Bullet"].delete()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)
    section.left_margin = Mm(35)
    section.header.paragraphs[0].text = "REFERENCE HEADER"
    rels = document.part.rels
    del rels[next(rid for rid, rel in rels.items() if rel.reltype.endswith("/numbering"))]
    path = tmp_path_factory.mktemp("reference") / "reference.docx"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def libreoffice_reference(reference_doc, tmp_path_factory) -> Path:
    """The reference document with core properties linked the way LibreOffice links them."""
    path = tmp_path_factory.mktemp("reference") / "libreoffice.docx"
    with zipfile.ZipFile(reference_doc) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "_rels/.rels":
                data = data.replace(
                    b"package/2006/relationships/metadata/core-properties",
                    b"officedocument/2006/relationships/metadata/core-properties",
                )
            target.writestr(name, data)
    return path


def with_reference(path: Path) -> bytes:
    options = WriteOptions(reference_doc=path, timestamp=OPTIONS.timestamp)
    return write(rich_document(), Theme(), options)


def test_a_rich_briefing_validates_against_the_schemas(tmp_path):
    blob = write(rich_document(title="T" * 300, keywords=("k" * 300,)), Theme(), OPTIONS)
    assert ooxml_problems(blob, folder=tmp_path) == ""


def test_banner_and_draft_watermark_validate_against_the_schemas(tmp_path):
    blob = write(rich_document(marking="OFFICIAL-SENSITIVE", status="draft"), Theme(), OPTIONS)
    assert ooxml_problems(blob, folder=tmp_path) == ""


def test_a_reference_doc_keeps_its_own_banner_style(tmp_path):
    reference = docx.Document()
    style = reference.styles.add_style("Marking Banner", 1)
    style.font.size = Pt(20)
    path = tmp_path / "ref.docx"
    reference.save(path)
    options = WriteOptions(timestamp=1747872000, reference_doc=path)
    document = docx.Document(io.BytesIO(write(rich_document(marking="SECRET"), Theme(), options)))
    assert document.styles["Marking Banner"].font.size == Pt(20)
    assert document.sections[0].header.paragraphs[0].style.name == "Marking Banner"


def test_a_briefing_made_with_a_reference_doc_validates(reference_doc, tmp_path):
    assert ooxml_problems(with_reference(reference_doc), folder=tmp_path) == ""


def test_a_libreoffice_reference_doc_gives_one_set_of_core_properties(
    libreoffice_reference, tmp_path
):
    blob = with_reference(libreoffice_reference)
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        names = package.namelist()
    assert len(names) == len(set(names)) and "docProps/core.xml" in names
    assert read(blob).core_properties.title.startswith("Lavrov in Yerevan")
    assert ooxml_problems(blob, folder=tmp_path) == ""


def test_settings_carry_a_complete_zoom():
    settings = part_xml(write(rich_document(), Theme(), OPTIONS), "word/settings.xml")
    assert '<w:zoom w:val="bestFit" w:percent="100"/>' in settings


def test_the_same_input_gives_the_same_bytes():
    first = write(rich_document(), Theme(), OPTIONS)
    assert write(rich_document(), Theme(), OPTIONS) == first
    later = write(rich_document(), Theme(), WriteOptions(timestamp=OPTIONS.timestamp + 86400))
    assert later != first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(2025, 5, 22, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in package.namelist()


def test_a_write_leaves_the_prepared_starting_document_as_it_was(reference_doc):
    """Writes start from copies of one prepared package; no write may change what later get."""
    first = write(rich_document(), Theme(), OPTIONS)
    other = rich_document(marking="CONFIDENTIAL", title="Other", keywords=())
    write(other, Theme(), OPTIONS)
    with_reference(reference_doc)
    assert write(rich_document(), Theme(), OPTIONS) == first


def test_every_zip_entry_is_deflated_intact_and_readable_by_all():
    blob = write(rich_document(), Theme(), OPTIONS)
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        assert package.testzip() is None  # every CRC matches
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}
    assert {info.external_attr >> 16 for info in infos} == {0o644}
    assert read(blob).styles["Bottom Line"].base_style.name == "Body Text"


def test_another_process_gives_the_same_bytes(tmp_path):
    """The starting document is prepared once per process; a fresh one must prepare it alike."""
    out = tmp_path / "other.docx"
    code = (
        "import sys; sys.path.insert(0, sys.argv[2]); from docx_helpers import rich_document; "
        "from briefwright.theme import Theme; from briefwright.writers.base import WriteOptions; "
        "from briefwright.writers.docx import write; from pathlib import Path; "
        "Path(sys.argv[1]).write_bytes(write(rich_document(), Theme(), "
        "WriteOptions(timestamp=1747872000, version='0.test')))"
    )
    here = str(Path(__file__).parent)
    subprocess.run([sys.executable, "-c", code, str(out), here], check=True)
    assert out.read_bytes() == write(rich_document(), Theme(), OPTIONS)


def test_core_properties_come_from_the_meta_with_fixed_times():
    properties = read(write(rich_document(), Theme(), OPTIONS)).core_properties
    assert properties.title == "Lavrov in Yerevan: Moscow tests Armenia's western turn"
    assert properties.subject == "Russian foreign minister's visit to Armenia"
    assert properties.author == properties.last_modified_by == "A. Analyst"
    assert properties.keywords == "Armenia, Russia, CSTO"
    # python-docx 1.1 reads the times back without a zone, 1.2 as UTC; the file says UTC
    times = {
        t if t.tzinfo else t.replace(tzinfo=UTC) for t in (properties.created, properties.modified)
    }
    assert times == {datetime(2025, 5, 22, tzinfo=UTC)}
    assert properties.revision == 1 and properties.comments == ""
    app = part_xml(write(rich_document(), Theme(), OPTIONS), "docProps/app.xml")
    assert "<Application>briefwright 0.test</Application>" in app
    assert "<Company>Caucasus Desk</Company>" in app


def test_core_property_strings_are_capped():
    document = read(write(rich_document(title="T" * 300, subject="<&>" * 100), Theme(), OPTIONS))
    assert document.core_properties.title == "T" * 255
    assert document.core_properties.subject == ("<&>" * 100)[:255]
    assert document.paragraphs[1].style.name == "Title"  # under the title's bar


def test_a_reference_doc_supplies_styles_and_page_and_missing_styles_are_created(reference_doc):
    document = read(with_reference(reference_doc))
    heading = document.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "C00000" and heading.font.size == Pt(26)
    section = document.sections[0]
    assert section.page_width.twips == 12240 and round(section.left_margin.mm) == 35
    texts = [p.text for p in document.paragraphs]
    assert "REFERENCE BODY TEXT" not in texts and texts[1].startswith("Lavrov in Yerevan")
    # the reference document's header is kept, and the marking follows it
    header = [p.text for p in section.header.paragraphs]
    assert header[0] == "REFERENCE HEADER"
    assert header[1] == "Caucasus Desk\t\u00a0TLP:AMBER\u00a0"
    styles = {p.style.name for p in document.paragraphs}
    assert {"List Bullet", "Briefing Meta", "Attribution"} <= styles
    assert document.styles["Bottom Line Box"].element.find(".//{*}shd") is not None


def test_a_missing_or_broken_reference_doc_is_a_located_error(tmp_path):
    with pytest.raises(RenderError, match="cannot use reference document") as missing:
        with_reference(tmp_path / "nope.docx")
    assert missing.value.issues[0].location.file == str(tmp_path / "nope.docx")
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip")
    with pytest.raises(RenderError, match="not a usable .docx"):
        with_reference(broken)


def test_python_docx_is_imported_only_by_the_docx_writer():
    code = "import briefwright.writers, briefwright.theme, sys; print('docx' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def canonical(member: bytes) -> bytes:
    """An XML member in canonical form (`<a></a>` and `<a/>` alike), anything else as it is."""
    if not member.startswith(b"<?xml"):
        return member
    return etree.tostring(etree.fromstring(member), method="c14n")


@pytest.mark.parametrize("reference", [False, True], ids=["template", "reference-doc"])
def test_python_docx_saves_the_same_parts_in_the_same_order(reference, reference_doc):
    """Our package is the one python-docx would save: members, their order and their bytes."""
    ours = with_reference(reference_doc) if reference else write(rich_document(), Theme(), OPTIONS)
    resaved = io.BytesIO()
    docx.Document(io.BytesIO(ours)).save(resaved)
    with zipfile.ZipFile(io.BytesIO(ours)) as mine, zipfile.ZipFile(resaved) as theirs:
        assert mine.namelist() == theirs.namelist()
        for name in mine.namelist():
            assert canonical(mine.read(name)) == canonical(theirs.read(name)), name
        names = mine.namelist()
    # the body's hyperlinks and the new header and footer are related from the document part
    assert {"word/header1.xml", "word/footer1.xml", "word/_rels/document.xml.rels"} <= set(names)


def test_the_cache_follows_the_reference_documents_content_not_its_time(reference_doc, tmp_path):
    from briefwright import cache
    from briefwright.writers.docx import package

    def prepared_entries() -> set[str]:
        return {path.name for path in cache.subdir("docx").iterdir()}

    path = tmp_path / "reference.docx"
    path.write_bytes(reference_doc.read_bytes())
    package._prepare.cache_clear()
    with_reference(path)
    entries = prepared_entries()
    os.utime(path, ns=(10**18, 10**18))  # touched, same content: the same prepared document
    package._prepare.cache_clear()
    with_reference(path)
    assert prepared_entries() == entries
    edited = docx.Document(str(path))
    edited.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x80, 0x00)
    edited.save(str(path))
    os.utime(path, ns=(10**18, 10**18))  # a new content at the old time is still noticed
    blob = with_reference(path)
    assert len(prepared_entries() - entries) == 1
    assert str(read(blob).styles["Heading 1"].font.color.rgb) == "008000"
