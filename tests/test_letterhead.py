"""House style on paper: a theme's logo and letterhead on page 1, and a reference document's own
headers, footers and page kept, read back from the DOCX and the PDF."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import docx
import pytest
from conftest import ROOT, SAMPLE, pdf_pages_text
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image
from pypdf import PdfReader

from briefwright import render_bytes
from briefwright.errors import TemplateError
from briefwright.logo import MAX_LOGO_SIDE
from briefwright.templating.discovery import resolve_template

EXAMPLE = ROOT / "templates" / "letterhead"
LINES = ["Ministry of Example", "Directorate for Eurasian Affairs", "1 Example Street, Exampletown"]


def images_on(page) -> list[tuple[int, int]]:
    """(width, height) of every image XObject a PDF page draws, inside its forms too."""
    found = []

    def visit(resources) -> None:
        for xobject in (resources or {}).get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                found.append((int(xobject["/Width"]), int(xobject["/Height"])))
            elif xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    visit(page.get("/Resources"))
    return found


@pytest.fixture(scope="module")
def on_letterhead() -> dict[str, bytes]:
    return render_bytes(SAMPLE, template=str(EXAMPLE), formats=("docx", "pdf"))


def test_the_pdf_shows_logo_and_letterhead_on_page_one_only(on_letterhead):
    reader = PdfReader(io.BytesIO(on_letterhead["pdf"]))
    logo = Image.open(EXAMPLE / "logo.png")
    assert images_on(reader.pages[0]) == [logo.size]
    assert images_on(reader.pages[1]) == []
    first, second = pdf_pages_text(on_letterhead["pdf"])[:2]
    for line in LINES:
        assert line in first and line not in second
    assert "Ministry of Example crest" in first  # the logo's alternative text
    # page 1's running header gives way to the letterhead; later pages have it
    assert "Ref. EAU-2025-117" not in first and "Ref. EAU-2025-117" in second


def test_the_docx_has_logo_and_letterhead_in_a_first_page_header(on_letterhead):
    document = docx.Document(io.BytesIO(on_letterhead["docx"]))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header
    [inline] = first.part.element.findall(f".//{qn('wp:inline')}")
    assert inline.find(qn("wp:docPr")).get("descr") == "Ministry of Example crest"
    rid = inline.find(f".//{qn('a:blip')}").get(qn("r:embed"))
    assert first.part.related_parts[rid].blob == (EXAMPLE / "logo.png").read_bytes()
    extent = inline.find(qn("wp:extent"))
    width, height = Mm(18), Mm(18)  # a square logo fills the box's height, 18 mm
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (width, height)
    lines = [
        (p.style.name, p.text)
        for t in first.tables
        for r in t.rows
        for c in r.cells
        for p in c.paragraphs
    ]
    assert [text for _, text in lines if text in LINES] == LINES
    assert {style for style, text in lines if text in LINES} == {"Letterhead", "Letterhead Detail"}
    assert any(text.strip("\u00a0") == "TLP:AMBER" for _, text in lines)
    # the other pages keep the running header
    assert section.header.paragraphs[0].text.startswith("Eurasia Analysis Unit")


def test_the_letterhead_draws_no_rules_of_the_running_header(on_letterhead):
    # the Header style has a rule below it; the letterhead page has none, as in the PDF
    document = docx.Document(io.BytesIO(on_letterhead["docx"]))
    first = document.sections[0].first_page_header
    paragraphs = [p for t in first.tables for c in t.rows[0].cells for p in c.paragraphs]
    paragraphs += first.paragraphs
    styles = {p.style.name for p in paragraphs}
    assert "Header" not in styles
    for name in styles - {"Marking"}:
        borders = document.styles[name].element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
        assert borders is not None, name
        assert {side.get(qn("w:val")) for side in borders} == {"nil"}, name


def test_the_html_shows_logo_and_letterhead_in_place_of_the_running_header():
    import base64
    from html.parser import HTMLParser

    html = render_bytes(SAMPLE, template=str(EXAMPLE), formats="html")["html"].decode()
    found: list[tuple[str, dict]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Tags().feed(html)
    [image] = [attrs for tag, attrs in found if tag == "img"]
    kind, data = image["src"].split(",", 1)
    assert kind == "data:image/png;base64"
    assert base64.b64decode(data) == (EXAMPLE / "logo.png").read_bytes()
    assert image["alt"] == "Ministry of Example crest"
    assert (image["width"], image["height"]) == ("68", "68")  # 18 mm at 96 px to the inch
    header = html[html.index('<header class="letterhead">') : html.index("</header>")]
    assert [line in header for line in LINES] == [True] * len(LINES)
    assert 'class="running"' not in html  # page 1 of the PDF has no running header either
    assert "img-src data:" in html  # the file's own policy lets its logo show
    # printed, later pages have the running header; page 1 gives it up for the letterhead
    assert "@page :first { @top-left { content: none; } }" in html


def test_the_letterhead_example_validates(on_letterhead, tmp_path):
    from ooxml import ooxml_problems

    assert ooxml_problems(on_letterhead["docx"], folder=tmp_path) == ""


def copy_example(tmp_path: Path, theme: str) -> Path:
    directory = tmp_path / "house"
    shutil.copytree(EXAMPLE, directory)
    (directory / "theme.toml").write_text(theme, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("theme", "problem"),
    [
        ('logo = "../logo.png"', "logo: ../logo.png: the path leads outside"),
        ('logo = "theme.toml"', "logo: theme.toml: not a PNG or JPEG image"),
        ('logo = "missing.png"', "logo: missing.png: no such file"),
        ("logo = 3", "logo: expected the path of a PNG or JPEG file, got 3"),
        ('letterhead = ["a", "b", "c", "d", "e"]', "letterhead: expected a list of at most 4"),
        ('letterhead = ["a\\u0007"]', "letterhead: a line of text holds the control character"),
        ('logo_alt = "' + "x" * 121 + '"', "logo_alt: a line of text of at most 120 characters"),
    ],
)
def test_a_bad_logo_or_letterhead_is_refused_at_its_line(tmp_path, theme, problem):
    (tmp_path / "logo.png").write_bytes((EXAMPLE / "logo.png").read_bytes())
    directory = copy_example(tmp_path, f'accent_color = "#1F3A5F"\n{theme}\n')
    with pytest.raises(TemplateError) as caught:
        resolve_template(str(directory))
    assert f"{directory / 'theme.toml'}:2: {problem}" in caught.value.lines()[0]


def test_a_logo_too_large_to_decode_safely_is_refused(tmp_path):
    directory = copy_example(tmp_path, 'logo = "huge.png"\n')
    Image.new("1", (MAX_LOGO_SIDE + 1, 10)).save(directory / "huge.png")
    with pytest.raises(TemplateError, match=f"{MAX_LOGO_SIDE + 1} x 10 pixels"):
        resolve_template(str(directory))


def test_a_jpeg_logo_alone_without_lines(tmp_path):
    directory = copy_example(tmp_path, 'logo = "crest.jpg"\n')
    Image.open(EXAMPLE / "logo.png").convert("RGBA").convert("RGB").resize((300, 100)).save(
        directory / "crest.jpg"
    )
    outputs = render_bytes(SAMPLE, template=str(directory), formats=("docx", "pdf"))
    assert images_on(PdfReader(io.BytesIO(outputs["pdf"])).pages[0]) == [(300, 100)]
    header = docx.Document(io.BytesIO(outputs["docx"])).sections[0].first_page_header
    extent = header.part.element.find(f".//{qn('wp:extent')}")
    # 3:1 fills the box's width, 45 mm, before its height
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (Mm(45), Mm(15))


# --- reference documents --------------------------------------------------------------------


@pytest.fixture(scope="module")
def ministry_reference(tmp_path_factory) -> Path:
    """Landscape A4 with a header holding the ministry's name and its logo."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(25)
    section.header.paragraphs[0].text = "MINISTRY OF EXAMPLE"
    section.header.add_paragraph().add_run().add_picture(str(EXAMPLE / "logo.png"), height=Mm(12))
    path = tmp_path_factory.mktemp("ministry") / "ministry.docx"
    document.save(path)
    return path


def test_a_reference_documents_header_is_kept_with_the_marking(ministry_reference):
    outputs = render_bytes(SAMPLE, formats=("docx",), reference_doc=ministry_reference)
    header = docx.Document(io.BytesIO(outputs["docx"])).sections[0].header
    texts = [p.text for p in header.paragraphs]
    assert texts[0] == "MINISTRY OF EXAMPLE"
    assert texts[-1].endswith("\t\u00a0TLP:AMBER\u00a0")  # our line follows theirs
    [blip] = header.part.element.findall(f".//{qn('a:blip')}")
    image = header.part.related_parts[blip.get(qn("r:embed"))]
    assert image.blob == (EXAMPLE / "logo.png").read_bytes()


def test_the_pdf_takes_the_reference_documents_page(ministry_reference):
    outputs = render_bytes(SAMPLE, formats=("pdf",), reference_doc=ministry_reference)
    page = PdfReader(io.BytesIO(outputs["pdf"])).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (297, 210)


def test_what_the_pdf_cannot_follow_is_named(tmp_path):
    document = docx.Document()
    document.element.body.find(f"{qn('w:sectPr')}/{qn('w:cols')}").set(qn("w:num"), "2")
    path = tmp_path / "columns.docx"
    document.save(path)
    warnings: list[str] = []
    render_bytes(SAMPLE, formats=("pdf",), reference_doc=path, warn=warnings.append)
    assert f"{path}: the PDF does not follow the reference document's columns" in warnings


def test_a_blank_reference_header_leaves_no_empty_line(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = ""
    path = tmp_path / "blank.docx"
    document.save(path)
    outputs = render_bytes(SAMPLE, formats=("docx",), reference_doc=path)
    header = docx.Document(io.BytesIO(outputs["docx"])).sections[0].header
    assert header.paragraphs[0].text.startswith("Eurasia Analysis Unit")


def test_a_reference_documents_first_page_header_is_kept_too(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "FIRST PAGE OF THE MINISTRY"
    section.header.paragraphs[0].text = "MINISTRY OF EXAMPLE"
    path = tmp_path / "first.docx"
    document.save(path)
    outputs = render_bytes(SAMPLE, formats=("docx",), reference_doc=path)
    section = docx.Document(io.BytesIO(outputs["docx"])).sections[0]
    assert section.different_first_page_header_footer
    for header, theirs in ((section.first_page_header, "FIRST PAGE OF THE MINISTRY"),
                           (section.header, "MINISTRY OF EXAMPLE")):  # fmt: skip
        texts = [p.text for p in header.paragraphs]
        assert texts[0] == theirs and texts[-1].endswith("\u00a0TLP:AMBER\u00a0")
    for footer in (section.first_page_footer, section.footer):
        assert re.search(r"Page 1 of [1-9]", footer.paragraphs[-1].text)
