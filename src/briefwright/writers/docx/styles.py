"""Put the stylesheet into a document: create missing styles, restyle ours, set page and defaults.

Without a reference document every style we use is rewritten from the theme. With one, its
styles win (as pandoc's reference documents do) and only the styles it lacks are created.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm
from docx.styles import BabelFish

from briefwright.theme import Theme
from briefwright.writers.docx.properties import ppr, rpr
from briefwright.writers.docx.stylesheet import StyleSpec
from briefwright.writers.docx.xml import Element, clone, el

_STYLE = qn("w:style")
_NAME = qn("w:name")
_ID = qn("w:styleId")
_LINK = qn("w:link")
_VAL = qn("w:val")


def _key(name: str) -> str:
    return BabelFish.ui2internal(name).lower()


class StyleIndex:
    """Styles of one styles part by name; lookups are dict reads, not XPath over the part."""

    def __init__(self, styles_element: Element) -> None:
        self.root = styles_element
        self._by_name: dict[str, Element] = {}
        # ids in use and the w:link elements naming each id, kept here because scanning the
        # part for them (thousands of elements) on every install costs more than the install
        self._taken: set[str | None] = set()
        self._links: dict[str | None, list[Element]] = {}
        for style in styles_element.iter(_STYLE):
            self._index(style)
            name = style.find(_NAME)
            value = name.get(_VAL) if name is not None else None
            # a reference document's style without a name or an id cannot be used by name:
            # ours is created beside it
            if value and style.get(_ID):
                self._by_name.setdefault(value.lower(), style)

    def _index(self, style: Element) -> None:
        self._taken.add(style.get(_ID))
        for link in style.iter(_LINK):
            self._links.setdefault(link.get(_VAL), []).append(link)

    def find(self, name: str) -> Element | None:
        return self._by_name.get(_key(name))

    def id_of(self, name: str) -> str | None:
        style = self.find(name)
        return None if style is None else style.get(_ID)

    def ids(self, names: Iterable[str]) -> dict[str, str]:
        """Style name -> styleId for the writer, which sets ids directly on paragraphs."""
        found = {name: self.id_of(name) for name in names}
        return {name: style_id for name, style_id in found.items() if style_id is not None}

    def install(self, spec: StyleSpec, replace: bool) -> None:
        """Create the style, or rewrite an existing one when `replace` is true."""
        old = self.find(spec.name)
        if old is not None and not replace:
            return
        style_id = old.get(_ID) if old is not None else None
        style_id = style_id or self._new_id(spec.name)
        new = self._element(spec, style_id)
        default = old.get(qn("w:default")) if old is not None else None
        if default:
            new.set(qn("w:default"), default)
        self._index(new)
        if old is not None:
            old.addprevious(new)
            self.root.remove(old)
            self._unlink(style_id)
        else:
            self.root.append(new)
        self._by_name[_key(spec.name)] = new

    def _unlink(self, style_id: str) -> None:
        """Cut links to a rewritten style, so no stale "... Char" twin restyles its text."""
        for link in self._links.pop(style_id, []):
            parent = link.getparent()
            if parent is not None:
                parent.remove(link)

    def _new_id(self, name: str) -> str:
        base = re.sub(r"[^A-Za-z0-9]", "", name) or "Style"
        candidate, n = base, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{base}{n}"
        return candidate

    def _element(self, spec: StyleSpec, style_id: str) -> Element:
        """The w:style element of `spec`; names and ids (a reference document's too) are
        attribute values, so no name can add markup of its own."""
        children = [el("name", val=BabelFish.ui2internal(spec.name))]
        for tag, ref in (("basedOn", spec.based_on), ("next", spec.next)):
            ref_id = self.id_of(ref) if ref else None
            children += [el(tag, val=ref_id)] if ref_id else []
        children += [el("qFormat")] if spec.kind != "table" else []
        children += [el("pPr", tuple(map(clone, spec.ppr)))] if spec.ppr else []
        children += [el("rPr", tuple(map(clone, spec.rpr)))] if spec.rpr else []
        children += map(clone, spec.extra)
        custom = {"customStyle": "1"} if spec.custom else {}
        return el("style", tuple(children), type=spec.kind, **custom, styleId=style_id)


def set_doc_defaults(styles_element: Element, theme: Theme) -> None:
    """Font, size and colour every style inherits (replacing the template's theme fonts)."""
    # no pair kerning (LibreOffice's default), so lines break where the PDF breaks them
    run = rpr(
        font=theme.font_family, colour=theme.text_color, size=theme.base_size, no_kerning=True
    )
    defaults = el(
        "docDefaults",
        (
            el("rPrDefault", (el("rPr", run),)),
            # no line of a paragraph left alone at the foot or head of a page, as in the PDF
            el("pPrDefault", (el("pPr", ppr(widow_control=True, after=0, line=1.0)),)),
        ),
    )
    old = styles_element.find(qn("w:docDefaults"))
    if old is not None:
        styles_element.remove(old)
    styles_element.insert(0, defaults)


def set_default_language(styles_element: Element, language: str) -> None:
    """The document's language (w:lang in the run defaults), which Word proofs text in.

    A reference document keeps its other defaults, and its w:lang's East Asian and bidi values.
    """
    defaults = _child(styles_element, "docDefaults", 0)
    run_defaults = _child(defaults, "rPrDefault", 0)
    run = _child(run_defaults, "rPr", 0)
    lang = run.find(qn("w:lang"))
    if lang is None:
        lang = el("lang")
        # w:lang comes before these three in a w:rPr, and after everything else
        later = [run.find(qn(f"w:{tag}")) for tag in ("eastAsianLayout", "specVanish", "oMath")]
        found = [child for child in later if child is not None]
        if found:
            found[0].addprevious(lang)
        else:
            run.append(lang)
    lang.set(_VAL, language)


def _child(parent: Element, tag: str, index: int) -> Element:
    """`parent`'s w:`tag` child, inserted at `index` when it has none."""
    child = parent.find(qn(f"w:{tag}"))
    if child is None:
        child = el(tag)
        parent.insert(index, child)
    return child


def set_page(section: Section, theme: Theme) -> None:
    """Page size and margins of the one section, from the theme (millimetres)."""
    width, height = theme.page_size_mm
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(theme.margin_top_mm), Mm(theme.margin_bottom_mm)
    section.left_margin, section.right_margin = Mm(theme.margin_left_mm), Mm(theme.margin_right_mm)
    # header and footer sit halfway into the margins, clear of the body text
    section.header_distance = Mm(theme.margin_top_mm / 2)
    section.footer_distance = Mm(theme.margin_bottom_mm / 2)
