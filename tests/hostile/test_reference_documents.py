"""A reference .docx from outside: zip bombs are refused from the zip directory before anything
is unpacked, special files are never opened for long, and a document missing a part a briefing
needs is refused with "not a usable .docx: ..." naming that part."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from conftest import SAMPLE
from docx_helpers import rich_document
from lxml import etree
from measured import assert_clean, run_measured

from briefwright.errors import EXIT_RENDER, RenderError
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx import write
from briefwright.writers.docx.reference import MAX_STYLES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


@pytest.fixture(scope="module")
def parts() -> dict[str, bytes]:
    """The members of python-docx's default document, with a header."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "HEADER"
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _pack(folder: Path, parts: dict[str, bytes], name: str = "reference.docx") -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in parts.items():
            archive.writestr(member, data)
    return path


def _edited(parts: dict[str, bytes], member: str, edit: Callable[[etree._Element], None]) -> dict:
    root = etree.fromstring(parts[member])
    edit(root)
    return {**parts, member: etree.tostring(root)}


def _remove(xpath: str) -> Callable[[etree._Element], None]:
    def edit(root: etree._Element) -> None:
        for found in root.xpath(xpath, namespaces=NS):
            found.getparent().remove(found)

    return edit


def _render(reference: Path) -> bytes:
    return write(rich_document(), Theme(), WriteOptions(reference_doc=reference))


def _refused(reference: Path) -> str:
    with pytest.raises(RenderError) as caught:
        _render(reference)
    [line] = caught.value.lines()
    assert line.startswith(f"{reference}: cannot use reference document: ")
    return line


def test_a_picture_bomb_is_refused_from_the_zip_directory(tmp_path, parts):
    path = _pack(tmp_path, parts)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image1.png", "w", force_zip64=True) as stream,
    ):
        for _ in range(120):  # 120 MB of zeros, 120 KB packed
            stream.write(bytes(1_000_000))
    assert path.stat().st_size < 1_000_000
    args = ["render", str(SAMPLE), "-f", "docx", "--reference-doc", str(path), "-o", "out"]
    run = run_measured(args, cwd=tmp_path, timeout=60)
    assert_clean(run, EXIT_RENDER)
    assert "not a usable .docx: word/media/image1.png unpacks to 120 MB" in run.err
    assert not (tmp_path / "out").exists()


def test_a_styles_part_of_whitespace_is_refused_unparsed(tmp_path, parts):
    styles = parts["word/styles.xml"].replace(b"<w:style ", b" " * 20_000_000 + b"<w:style ", 1)
    line = _refused(_pack(tmp_path, {**parts, "word/styles.xml": styles}))
    assert "not a usable .docx: its XML unpacks to 20" in line and "over 10 MB" in line


def test_too_many_styles_are_refused(tmp_path, parts):
    extra = b"".join(
        b'<w:style w:type="paragraph" w:styleId="S%d"><w:name w:val="S%d"/></w:style>' % (i, i)
        for i in range(MAX_STYLES + 1)
    )
    styles = parts["word/styles.xml"].replace(b"</w:styles>", extra + b"</w:styles>")
    line = _refused(_pack(tmp_path, {**parts, "word/styles.xml": styles}))
    assert f"its styles part has {MAX_STYLES + 1 + 164:,} styles" in line


def test_a_directory_that_understates_a_part_is_refused(tmp_path, parts):
    path = _pack(tmp_path, parts)
    data = bytearray(path.read_bytes())
    # the central directory's record of word/styles.xml says it unpacks to 100 bytes
    name = b"word/styles.xml"
    record = data.index(b"PK\x01\x02")
    while data[record + 46 : record + 46 + len(name)] != name:
        record = data.index(b"PK\x01\x02", record + 4)
    data[record + 24 : record + 28] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert "not a usable .docx" in _refused(path)


@pytest.mark.parametrize(
    ("member", "xpath", "named"),
    [
        ("word/document.xml", "//w:body", "word/document.xml has no w:body"),
        ("word/document.xml", "//w:sectPr", "word/document.xml has no w:sectPr (page set-up)"),
        ("word/document.xml", "//w:pgSz", "its page set-up has no page size (w:pgSz"),
        ("word/document.xml", "//w:pgMar", "its page set-up has no margins (w:pgMar"),
    ],
)
def test_a_missing_part_of_the_document_is_named(tmp_path, parts, member, xpath, named):
    line = _refused(_pack(tmp_path, _edited(parts, member, _remove(xpath))))
    assert f"not a usable .docx: {named}" in line or f"not a usable .docx: {member}: " in line
    assert named in line


@pytest.mark.parametrize("member", ["word/styles.xml", "word/settings.xml", "word/header1.xml"])
def test_a_missing_member_of_the_package_is_named(tmp_path, parts, member):
    line = _refused(_pack(tmp_path, {k: v for k, v in parts.items() if k != member}))
    assert f"not a usable .docx: There is no item named '{member}'" in line


def test_a_header_reference_to_nothing_is_named(tmp_path, parts):
    def dangle(root: etree._Element) -> None:
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        for reference in root.iterfind(".//w:headerReference", NS):
            reference.set(rid, "rId999")

    line = _refused(_pack(tmp_path, _edited(parts, "word/document.xml", dangle)))
    assert "refers to a header or footer (rId999) it lacks" in line


def _strip_names(root: etree._Element) -> None:
    for name in root.iterfind(".//w:style/w:name", NS):
        name.attrib.clear()  # <w:name/>


def _strip_ids(root: etree._Element) -> None:
    for style in root.findall("w:style", NS):
        if style.get(f"{{{W}}}styleId") in ("Normal", "Heading1", "Title"):
            del style.attrib[f"{{{W}}}styleId"]


@pytest.mark.parametrize("strip", [_strip_names, _strip_ids])
def test_nameless_and_idless_styles_are_passed_over(tmp_path, parts, strip):
    blob = _render(_pack(tmp_path, _edited(parts, "word/styles.xml", strip)))
    # the first paragraph with text (an empty "Title Bar" paragraph draws the bar above it)
    title = next(p for p in docx.Document(io.BytesIO(blob)).paragraphs if p.text)
    assert title.style.name == "Title" and title.text.startswith("Lavrov")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: Path("/dev/zero"), "a character device, not a regular file"),
        (lambda d: os.mkfifo(d / "pipe.docx") or d / "pipe.docx", "a FIFO (named pipe)"),
    ],
)
def test_special_files_as_reference_doc_are_refused_at_once(tmp_path, make, reason):
    path = make(tmp_path)
    args = ["render", str(SAMPLE), "-f", "docx", "--reference-doc", str(path), "-o", "out"]
    run = run_measured(args, cwd=tmp_path, timeout=60)
    assert_clean(run, EXIT_RENDER)
    assert f"{path}: cannot use reference document: " in run.err and reason in run.err


def test_a_huge_reference_file_is_refused_from_its_size(tmp_path):
    path = tmp_path / "huge.docx"
    with path.open("wb") as stream:  # sparse: no disk used, and never read
        stream.truncate(10**9)
    assert "larger than the limit of 50 MB" in _refused(path)
