"""The DOCX writer, read back with python-docx: styles, order, furniture, tables, links, text."""

from __future__ import annotations

import re

import pytest
from docx.shared import Mm
from docx_helpers import (
    ARMENIAN,
    AZERBAIJANI,
    CYRILLIC,
    TRICKY,
    meta,
    part_xml,
    read,
    rich_document,
    styled_paragraphs,
    t,
)

from briefwright.doctree import nodes as n
from briefwright.errors import RenderError
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx import HANDLERS, write
from briefwright.writers.docx.tables import column_widths

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPTIONS = WriteOptions(timestamp=1747872000, version="0.test")  # 2025-05-22T00:00:00Z


@pytest.fixture(scope="module")
def rich() -> bytes:
    return write(rich_document(), Theme(), OPTIONS)


def one(children, **meta_changes) -> bytes:
    return write(n.Document(meta(**meta_changes), tuple(children)), Theme(), OPTIONS)


def test_every_node_class_has_a_handler():
    assert set(HANDLERS) == set(n.ALL_NODE_TYPES)
    assert set(n.BLOCK_TYPES) <= set(HANDLERS)


def test_a_node_out_of_place_is_an_error_not_dropped():
    with pytest.raises(RenderError, match="cannot place a Text"):
        one([n.Text("loose inline")])
    with pytest.raises(RenderError, match="ThematicBreak here \\(Markdown line 7\\)"):
        one([n.Paragraph((n.ThematicBreak(line=7),))])


def test_a_list_item_outside_a_list_becomes_a_bullet():
    document = read(one([n.ListItem((n.Paragraph(t("alone")),))]))
    assert styled_paragraphs(document) == [("List Bullet", "alone")]


def test_paragraphs_in_order_with_their_styles(rich):
    assert styled_paragraphs(read(rich)) == [
        ("Title Bar", ""),
        ("Title", "Lavrov in Yerevan: Moscow tests Armenia's western turn"),
        ("Subtitle", "Analyst briefing"),
        ("Briefing Meta", "Source: Example News, 21 May 2025"),
        ("Briefing Meta", "Prepared by A. Analyst, Caucasus Desk"),
        ("Heading 1", "Key points"),
        ("List Bullet", "Security: CSTO freeze stays."),
        ("List Bullet 2", "Nested point"),
        ("List Bullet", "TradeEAEU"),
        ("Heading 2", "Literal text"),
        ("Body Text", TRICKY),
        ("Body Text", f"{ARMENIAN}\n{CYRILLIC}"),
        ("Body Text", AZERBAIJANI),
        ("Heading 1", "Quotes"),
        ("Quote", "We respect Armenia's sovereign choice."),
        ("Attribution", "\u2014 Sergey Lavrov, Foreign Minister"),
        ("Quote", "A quote without attribution."),
        ("Heading 1", "Timeline"),
        ("Heading 1", "Recommendations"),
        ("List Number", "First"),
        ("List Continue", "More on first"),
        ("List Number", "Second"),
        ("Heading 3", "Other figures"),
        ("Thematic Break", ""),
        ("Body Text", "End."),
    ]


def test_the_bottom_line_is_a_box_that_holds_its_title_and_text(rich):
    box = read(rich).tables[0]
    assert box.style.name == "Bottom Line Box" and len(box.rows) == len(box.columns) == 1
    assert styled_paragraphs(box.rows[0].cells[0]) == [
        ("Bottom Line Title", "Bottom line"),
        ("Bottom Line", "Moscow signalled limits to Yerevan's drift westward."),
    ]


def test_a_callouts_list_is_inside_its_box():
    callout = n.Callout(
        "tip",
        t("Recommendations"),
        (
            n.OrderedList(
                (n.ListItem((n.Paragraph(t("Watch")),)), n.ListItem((n.Paragraph(t("Act")),)))
            ),
        ),
    )
    document = read(one([n.Paragraph(t("before")), callout, n.Paragraph(t("after"))]))
    (box,) = document.tables
    assert box.style.name == "Callout Box"
    assert styled_paragraphs(box.rows[0].cells[0]) == [
        ("Callout Title", "Recommendations"),
        ("List Number", "Watch"),
        ("List Number", "Act"),
    ]
    assert [text for _, text in styled_paragraphs(document)] == ["before", "after"]


def test_styles_take_their_look_from_the_theme():
    theme = Theme(font_family="Noto Sans", accent_color="#AA0000", heading_sizes=(20, 14, 12))
    document = read(write(rich_document(), theme, OPTIONS))
    heading = document.styles["Heading 1"]
    assert heading.font.size.pt == 20
    assert str(heading.font.color.rgb) == "AA0000"
    defaults = document.styles.element.find(f"{W}docDefaults")
    fonts = defaults.find(f".//{W}rFonts")
    assert fonts.get(f"{W}ascii") == fonts.get(f"{W}cs") == "Noto Sans"
    box = document.styles["Bottom Line Box"].element
    assert box.find(f".//{W}shd").get(f"{W}fill") == "EAF0F7"
    assert box.find(f".//{W}tblBorders/{W}left").get(f"{W}color") == "AA0000"


def test_text_comes_out_literally_with_language_tags(rich):
    body = part_xml(rich, "word/document.xml")
    assert "* # | &lt;b&gt; &amp; {{ 7*7 }}" in body
    scripts = [p for p in read(rich).paragraphs if p.text.startswith((ARMENIAN, AZERBAIJANI))]
    langs = {
        run.text: run.element.find(f"{W}rPr/{W}lang").get(f"{W}val")
        for run in scripts[0].runs + scripts[1].runs
        if run.text.strip()
    }
    assert langs == {ARMENIAN: "hy-AM", CYRILLIC: "ru-RU", AZERBAIJANI: "en"}


def test_mixed_scripts_are_split_into_runs_per_language():
    document = read(one([n.Paragraph(t(f"Lavrov ({CYRILLIC}) in {ARMENIAN}"))], language="en-GB"))
    runs = [
        (r.text, r.element.find(f"{W}rPr/{W}lang").get(f"{W}val"))
        for r in document.paragraphs[0].runs
    ]
    assert runs == [
        ("Lavrov (", "en-GB"),
        (f"{CYRILLIC}) ", "ru-RU"),
        ("in ", "en-GB"),
        (ARMENIAN, "hy-AM"),
    ]


def test_characters_xml_forbids_are_dropped():
    document = read(one([n.Paragraph(t("a\x00b\x1fc\ufffed"))], title="T\x01itle"))
    assert document.paragraphs[0].text == "abcd"
    assert document.core_properties.title == "Title"


def test_header_and_footer_carry_tlp_marking_page_fields_date_and_short_title(rich):
    footer = part_xml(rich, "word/footer1.xml")
    codes = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer)
    assert [code.strip() for code in codes] == ["PAGE", "NUMPAGES"]
    assert footer.count('w:fldCharType="begin"') == 2
    section = read(rich).sections[0]
    [footer] = [p.text for p in section.footer.paragraphs]
    # title and date, then at the right the page number and the label, on one line
    # the stored count ("of 3") is the writer's estimate: Word counts again as it lays out
    assert re.fullmatch(
        "Lavrov in Yerevan\u2002\u00b7\u2002Information as of 22 May 2025\tPage 1 of [1-9][0-9]*"
        " \u00a0TLP:AMBER\u00a0",
        footer,
    )
    for part in (section.header, section.footer):
        [line] = part.paragraphs
        label = [run for run in line.runs if run.style.name.startswith("TLP")]
        assert "".join(run.text for run in label) == "\u00a0TLP:AMBER\u00a0"
        assert {run.style.name for run in label} == {"TLP Amber"}
        assert line.runs[-1].style.name == "TLP Amber"
    assert not section.different_first_page_header_footer


@pytest.mark.parametrize(
    ("marking", "style", "colour"),
    [
        ("TLP:RED", "TLP Red", "FF2B2B"),
        ("tlp: amber+strict", "TLP Amber", "FFC000"),
        ("TLP:GREEN", "TLP Green", "33FF00"),
        ("TLP:CLEAR", "TLP Clear", "FFFFFF"),
    ],
)
def test_tlp_labels_follow_the_standard(marking, style, colour):
    document = read(one([n.Paragraph(t("x"))], marking=marking))
    header = document.sections[0].header.paragraphs[0]
    assert header.runs[-1].style.name == style  # at the right, after the tab
    font = document.styles[style].font
    assert str(font.color.rgb) == colour and font.size.pt >= 12 and font.bold
    assert document.styles[style].element.find(f".//{W}shd").get(f"{W}fill") == "000000"


def test_other_markings_are_a_centred_banner_at_top_and_bottom():
    document = read(one([n.Paragraph(t("x"))], marking="Official-Sensitive"))
    section = document.sections[0]
    header, footer = section.header.paragraphs, section.footer.paragraphs
    assert [p.style.name for p in header] == ["Marking Banner", "Header"]
    assert header[0].text == "OFFICIAL-SENSITIVE" and "OFFICIAL" not in header[1].text
    assert (footer[-1].style.name, footer[-1].text) == ("Marking Banner", "OFFICIAL-SENSITIVE")
    banner = document.styles["Marking Banner"]
    assert banner.paragraph_format.alignment == 1  # centred
    assert banner.font.bold and banner.font.all_caps
    assert all(run.style.name == "Default Paragraph Font" for run in header[0].runs)


def test_no_marking_leaves_the_organisation_alone_in_the_header():
    bare = read(one([n.Paragraph(t("x"))], marking="", date_label="", short_title=""))
    assert [p.text for p in bare.sections[0].header.paragraphs] == ["Caucasus Desk"]
    footer = bare.sections[0].footer.paragraphs
    assert len(footer) == 1 and footer[0].text.startswith("Lavrov in Yerevan: Moscow")
    assert "w:pict" not in part_xml(one([n.Paragraph(t("x"))]), "word/header1.xml")


V = "{urn:schemas-microsoft-com:vml}"


def test_a_draft_has_words_header_watermark():
    data = one([n.Paragraph(t("x"))], status="draft")
    header = read(data).sections[0].header
    shapes = header._element.findall(f".//{W}pict/{V}shape")
    assert len(shapes) == 1
    (shape,) = shapes
    assert shape.find(f"{V}textpath").get("string") == "DRAFT"
    style = dict(item.split(":", 1) for item in shape.get("style").split(";"))
    assert style["rotation"] == "315" and style["position"] == "absolute"
    assert int(style["z-index"]) < 0  # behind the text, as Word puts it
    assert shape.get("type") == "#" + header._element.find(f".//{W}pict/{V}shapetype").get("id")
    # the one header every page shows, also on the first page
    assert not read(data).sections[0].different_first_page_header_footer
    final = one([n.Paragraph(t("x"))], status="final")
    assert "DRAFT" not in part_xml(final, "word/header1.xml")


def test_marking_and_document_control_in_the_properties_and_footer():
    data = one([n.Paragraph(t("x"))], marking="tlp:green", status="draft", version="0.3",
               reference="EAU-2025-117")  # fmt: skip
    document = read(data)
    props = document.core_properties
    assert (props.category, props.content_status) == ("TLP:GREEN", "Draft")
    assert (props.version, props.identifier) == ("0.3", "EAU-2025-117")
    # in the header, as in the PDF: organisation, reference, version
    header = (
        document.sections[0].header.paragraphs[0].text.split("\t")[0].split("\u2002\u00b7\u2002")
    )
    assert header == ["Caucasus Desk", "Ref. EAU-2025-117", "Version 0.3"]
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Lavrov in Yerevan") and "Ref." not in footer


def test_tables_repeat_their_header_and_never_split_rows(rich):
    _, timeline, figures = read(rich).tables  # after the bottom line's box
    assert timeline.style.name == "Timeline Table" and figures.style.name == "Briefing Table"
    rows = timeline._tbl.tr_lst
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    assert [c.text for c in timeline.rows[0].cells] == ["Date", "Event", "Significance"]
    assert timeline.rows[0].cells[0].paragraphs[0].style.name == "Table Heading"
    assert timeline.rows[1].cells[1].paragraphs[0].style.name == "Table Text"
    assert len(timeline.rows) == 31
    widths = [col.width for col in timeline.columns]
    assert widths[0] < widths[1] and widths[0] < widths[2]
    first_row = read(rich).styles["Timeline Table"].element.find(f"{W}tblStylePr")
    assert first_row.get(f"{W}type") == "firstRow"
    assert first_row.find(f".//{W}shd").get(f"{W}fill") == "DCE4EE"


def test_column_widths_fill_the_line_and_keep_short_columns_whole():
    texts = [
        ["Date", "Event"],
        ["25 December 2024", "word " * 80],
        ["by December 2025 (expected)", "short"],
    ]
    widths = column_widths(texts, 9000, 120)
    assert sum(widths) == 9000
    assert len("25 December 2024") * 120 <= widths[0] < len("by December 2025 (expected)") * 120
    assert column_widths([["a", "b"]], 1000, 10) == [500, 500]


def test_links_are_real_hyperlinks(rich):
    document = read(rich)
    hyperlink = document.paragraphs[3]._p.find(f"{W}hyperlink")
    rid = hyperlink.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    relationship = document.part.rels[rid]
    assert relationship.is_external and relationship.target_ref == "https://example.org/article"
    run_style = hyperlink.find(f"{W}r/{W}rPr/{W}rStyle").get(f"{W}val")
    assert document.styles.element.get_by_id(run_style).name_val == "Hyperlink"


def test_lists_nest_and_ordered_lists_start_where_told(rich):
    document = read(rich)
    paragraphs = {p.text: p for p in document.paragraphs}
    nested = paragraphs["Nested point"]._p.pPr.numPr
    assert nested.ilvl.val == 1
    numbered = paragraphs["First"]._p.pPr.numPr
    assert paragraphs["Second"]._p.pPr.numPr.numId.val == numbered.numId.val
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(numbered.numId.val)
    assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "3"


def test_a_quote_is_kept_with_its_attribution(rich):
    paragraphs = {p.text: p for p in read(rich).paragraphs}
    assert paragraphs["We respect Armenia's sovereign choice."].paragraph_format.keep_with_next
    assert not paragraphs["A quote without attribution."].paragraph_format.keep_with_next


def test_page_size_and_margins_follow_the_theme():
    a4 = read(one([n.Paragraph(t("x"))])).sections[0]
    letter = read(write(rich_document(), Theme(page_size="Letter", margin_left_mm=30), OPTIONS))
    section = letter.sections[0]
    assert (round(a4.page_width.mm), round(a4.page_height.mm)) == (210, 297)
    assert (section.page_width.twips, section.page_height.twips) == (12240, 15840)  # 8.5 x 11 in
    assert abs(section.left_margin - Mm(30)) < Mm(0.1)


def test_a_box_and_a_table_next_to_each_other_stay_two_tables(tmp_path):
    from ooxml import ooxml_problems

    callout = n.Callout("important", t("Bottom line"), (n.Paragraph(t("Boxed")),))
    table = n.Table((t("Date"), t("Event")), ((t("1991"), t("Independence")),))
    blob = one([callout, table, callout])
    assert ooxml_problems(blob, folder=tmp_path) == ""
    document = read(blob)
    body = [child.tag.split("}")[1] for child in document.element.body]
    # Word and LibreOffice join tables that touch; an empty line keeps them apart
    assert body == ["tbl", "p", "tbl", "p", "tbl", "sectPr"]
    assert [t.style.name for t in document.tables] == [
        "Bottom Line Box",
        "Briefing Table",
        "Bottom Line Box",
    ]


def test_an_empty_callout_is_a_box_with_an_empty_line(tmp_path):
    from ooxml import ooxml_problems

    blob = one([n.Callout("note", (), ())])
    assert ooxml_problems(blob, folder=tmp_path) == ""
    (box,) = read(blob).tables
    assert styled_paragraphs(box.rows[0].cells[0]) == [("Callout", "")]
