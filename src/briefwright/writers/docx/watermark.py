"""The DRAFT watermark of a Word document, made as Word makes one: a VML text shape in the header.

Word's Design > Watermark puts a WordArt shape (VML shapetype 136, "text plain") in the header,
rotated 315 degrees, centred on the page's margins and behind the text, so it shows on every
page that shows the header. Word, LibreOffice and the docx readers all recognise that shape.
The XML is built with lxml's element API; nothing of the summary goes into it.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from briefwright.writers.docx.xml import Element, clone, el

_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"
_W10 = "urn:schemas-microsoft-com:office:word"
_NSMAP = {"v": _V, "o": _O, "w10": _W10}
WATERMARK_TEXT = "DRAFT"
# Word's own formulas of shapetype 136: the text path stretched across the shape
_FORMULAS = (
    "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3",
    "if @0 @3 0", "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5",
    "mid @7 @8", "mid @6 @7", "sum @6 0 @5",
)  # fmt: skip
_SHAPE_STYLE = (
    "position:absolute;margin-left:0;margin-top:0;width:{width}pt;height:{height}pt;"
    "rotation:315;z-index:-251657216;mso-position-horizontal:center;"
    "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    "mso-position-vertical-relative:margin"
)


def watermark_run(text_width_pt: float, font: str, text: str = WATERMARK_TEXT) -> Element:
    """A w:r holding the DRAFT shape (or `text`, the word in another language), for the first
    paragraph of the header."""
    return clone(_run(round(text_width_pt, 1), font, text))


@lru_cache(maxsize=8)
def _run(width: float, font: str, text: str) -> Element:
    pict = el("pict", (_shapetype(), _shape(width, font, text)))
    return el("r", (el("rPr", (el("noProof"),)), pict))


def _v(tag: str, children: tuple[Element, ...] = (), **attrs: str) -> Element:
    element = etree.Element(f"{{{_V}}}{tag}", nsmap=_NSMAP)
    for name, value in attrs.items():
        element.set(_attr(name), value)
    element.extend(children)
    return element


def _attr(name: str) -> str:
    """`o_spt` -> o:spt, `v_ext` -> v:ext; plain names stay unqualified."""
    prefix, _, local = name.partition("_")
    if local and prefix in _NSMAP:
        return f"{{{_NSMAP[prefix]}}}{local}"
    return name


def _shapetype() -> Element:
    formulas = _v("formulas", tuple(_v("f", eqn=eqn) for eqn in _FORMULAS))
    path = _v(
        "path",
        textpathok="t",
        o_connecttype="custom",
        o_connectlocs="@9,0;@10,10800;@11,21600;@12,10800",
        o_connectangles="270,180,90,0",
    )
    handles = _v("handles", (_v("h", position="#0,bottomRight", xrange="6629,14971"),))
    lock = etree.Element(f"{{{_O}}}lock", nsmap=_NSMAP)
    lock.set(f"{{{_V}}}ext", "edit")
    lock.set("text", "t")
    lock.set("shapetype", "t")
    return _v(
        "shapetype",
        (formulas, path, _v("textpath", on="t", fitshape="t"), handles, lock),
        id="_x0000_t136",
        coordsize="21600,21600",
        o_spt="136",
        adj="10800",
        path="m@7,l@8,m@5,21600l@6,21600e",
    )


def _shape(width: float, font: str, text: str) -> Element:
    # a word of capitals is about half as wide per letter as it is high
    style = _SHAPE_STYLE.format(width=width, height=round(width / max(len(text) / 2, 1), 1))
    textpath = _v("textpath", style=f'font-family:"{_css_name(font)}";font-size:1pt', string=text)
    wrap = etree.Element(f"{{{_W10}}}wrap", nsmap=_NSMAP)
    wrap.set("anchorx", "margin")
    wrap.set("anchory", "margin")
    return _v(
        "shape",
        (_v("fill", opacity=".5"), textpath, wrap),
        id="PowerPlusWaterMarkObject1",
        o_spid="_x0000_s1025",
        type="#_x0000_t136",
        style=style,
        o_allowincell="f",
        fillcolor="silver",
        stroked="f",
    )


def _css_name(font: str) -> str:
    """A font family name that cannot end the CSS string it sits in."""
    return "".join(ch for ch in font if ch.isalnum() or ch in " -_") or "Arial"
