"""What python-docx's default template carries that a briefing never uses, taken out.

Its template is a Word 2010 document with a bibliography part (customXml), some 180 styles
(350 KB of styles.xml), nine list definitions, theme fonts (Calibri, Cambria, MS Gothic and
MS Mincho for Japanese...) and Word 2010 compatibility. A briefing made from it keeps only the
styles it uses, its own lists, the theme's family as the theme fonts, and Word 2013's layout.
A reference document is never tidied: what it holds is the office's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from briefwright.writers.docx.numbering import ListIds
from briefwright.writers.docx.xml import Element, el

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_STYLE = qn("w:style")
_VAL = qn("w:val")
# styles another style names, so a kept style keeps what it is built on
_STYLE_REFERENCES = (qn("w:basedOn"), qn("w:next"), qn("w:link"))
WORD_2013 = "15"


def tidy_default_template(
    document: Any, used_styles: Iterable[str], lists: ListIds, font: str
) -> None:
    """Remove what the default template holds and the briefing does not use (python-docx
    Document, after our styles and lists are installed); `used_styles` are styleIds."""
    _drop_custom_xml(document)
    drop_unused_styles(document.styles.element, set(used_styles))
    _drop_other_lists(document.part.part_related_by(RT.NUMBERING).element, lists)
    _set_theme_fonts(document, font)
    _set_settings(document.settings.element)


def _drop_custom_xml(document: Any) -> None:
    """The template's bibliography sources (customXml/item1.xml): no briefing cites with it."""
    rels = document.part.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.CUSTOM_XML]:
        del rels[rid]


def drop_unused_styles(styles: Element, used: set[str]) -> None:
    """Keep the styles in `used`, those they are built on or linked to, and the defaults."""
    by_id = {style.get(qn("w:styleId")): style for style in styles.iter(_STYLE)}
    keep = {sid for sid, style in by_id.items() if style.get(qn("w:default")) in ("1", "true")}
    todo = [sid for sid in used | keep if sid in by_id]
    while todo:
        sid = todo.pop()
        keep.add(sid)
        for reference in by_id[sid].iter(*_STYLE_REFERENCES):
            target = reference.get(_VAL)
            if target in by_id and target not in keep:
                todo.append(target)
    for sid, style in by_id.items():
        if sid not in keep:
            styles.remove(style)


def _drop_other_lists(numbering: Element, lists: ListIds) -> None:
    """Only our bullet and decimal definitions stay, and their default instances."""
    abstracts = {str(lists.bullet_abstract), str(lists.ordered_abstract)}
    nums = {str(lists.bullet_num), str(lists.ordered_num)}
    for child in list(numbering):
        if child.tag == qn("w:abstractNum"):
            drop = child.get(qn("w:abstractNumId")) not in abstracts
        else:
            drop = child.tag == qn("w:num") and child.get(qn("w:numId")) not in nums
        if drop:
            numbering.remove(child)


def _set_theme_fonts(document: Any, font: str) -> None:
    """The theme's heading and body fonts become the family, for every script: Word's
    "+Headings" and "+Body" then name what the briefing uses, and nothing else."""
    rels = document.part.rels
    rid = next(rid for rid, rel in rels.items() if rel.reltype == RT.THEME)
    old = rels[rid].target_part
    theme = etree.fromstring(old.blob)
    for scheme in theme.iter(f"{{{_A}}}majorFont", f"{{{_A}}}minorFont"):
        for child in list(scheme):
            if child.tag == f"{{{_A}}}latin":
                child.set("typeface", font)
            elif child.tag == f"{{{_A}}}font":
                scheme.remove(child)
    blob = etree.tostring(theme, encoding="UTF-8", standalone=True)
    del rels[rid]
    rels.add_relationship(RT.THEME, Part(old.partname, old.content_type, blob, old.package), rid)


def _set_settings(settings: Element) -> None:
    """Word 2013's layout rules, fonts embedded again when Word saves (only the characters
    used), and no revision ids of the template's own editing sessions."""
    for name in ("w:embedTrueTypeFonts", "w:saveSubsetFonts", "w:rsids"):
        for old in settings.findall(qn(name)):
            settings.remove(old)
    zoom = settings.find(qn("w:zoom"))
    # after w:zoom, in the order the schema gives
    for tag in ("saveSubsetFonts", "embedTrueTypeFonts"):
        if zoom is not None:
            zoom.addnext(el(tag))
        else:
            settings.insert(0, el(tag))
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(_VAL, WORD_2013)
