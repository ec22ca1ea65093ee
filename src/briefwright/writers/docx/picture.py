"""An inline picture in a Word part: the image part, its relationship and the w:drawing run.

The DrawingML is built with lxml's element API, every value set as an attribute, so nothing a
theme says (the alternative text, a size) is ever parsed as XML.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap, qn
from docx.shared import Mm
from lxml import etree

from briefwright.logo import Logo
from briefwright.writers.docx.parts import Package, Story
from briefwright.writers.docx.xml import Element, clean, el

_PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_NAMES = {prefix: nsmap[prefix] for prefix in ("wp", "a", "pic", "r")}


def picture_run(package: Package, story: Story, logo: Logo, alt: str) -> Element:
    """A run showing `logo` at its LOGO_BOX size in `story`, with `alt` as its description."""
    partname = package.add_part(f"/word/media/logo%d.{logo.kind}", logo.content_type, logo.data)
    rid = story.relate_to(partname, RT.IMAGE)
    width_mm, height_mm = logo.size_mm()
    cx, cy = str(Mm(width_mm).emu), str(Mm(height_mm).emu)
    alt = clean(alt)
    drawing = el("drawing")
    inline = _sub(drawing, "wp:inline", distT="0", distB="0", distL="0", distR="0")
    _sub(inline, "wp:extent", cx=cx, cy=cy)
    _sub(inline, "wp:docPr", id=str(_free_id(package)), name="Logo", descr=alt)
    frame = _sub(inline, "wp:cNvGraphicFramePr")
    _sub(frame, "a:graphicFrameLocks", noChangeAspect="1")
    data = _sub(_sub(inline, "a:graphic"), "a:graphicData", uri=_PICTURE_URI)
    pic = _sub(data, "pic:pic")
    names = _sub(pic, "pic:nvPicPr")
    _sub(names, "pic:cNvPr", id="0", name=partname.rsplit("/", 1)[1], descr=alt)
    _sub(names, "pic:cNvPicPr")
    fill = _sub(pic, "pic:blipFill")
    _sub(fill, "a:blip", **{"r:embed": rid})
    _sub(_sub(fill, "a:stretch"), "a:fillRect")
    shape = _sub(pic, "pic:spPr")
    transform = _sub(shape, "a:xfrm")
    _sub(transform, "a:off", x="0", y="0")
    _sub(transform, "a:ext", cx=cx, cy=cy)
    _sub(_sub(shape, "a:prstGeom", prst="rect"), "a:avLst")
    return el("r", (drawing,))


def _sub(parent: Element, tag: str, **attrs: str) -> Element:
    """A child element `tag` ("wp:extent") with attributes, names given with their prefixes."""
    child = etree.SubElement(parent, qn(tag), nsmap=_NAMES)
    for name, value in attrs.items():
        child.set(qn(name) if ":" in name else name, value)
    return child


def _free_id(package: Package) -> int:
    """A drawing object id no other drawing of the package uses (a kept header may have some)."""
    taken = [0]
    for story in package.stories.values():
        for found in story.element.iter(qn("wp:docPr")):
            value = found.get("id", "")
            if value.isdigit():
                taken.append(int(value))
    return max(taken) + 1
