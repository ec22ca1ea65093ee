"""The font table of a DOCX, with the theme's family embedded as Word embeds TrueType fonts.

Word and LibreOffice substitute a font the reader's computer lacks, which moves line and page
breaks; DejaVu Sans is on few office desktops. So each face of the theme's family goes into the
package as Word stores one (ECMA-376 Part 1, 17.8.1): an obfuscated `.odttf` part, whose first
32 bytes are XORed with the font key, a GUID named in `fontTable.xml` by w:embedRegular,
w:embedBold, w:embedItalic and w:embedBoldItalic. The faces are subsets (fonts/subset.py).
The table lists only the fonts the document names, each with its PANOSE digits, family class,
pitch and Unicode ranges, from which Word picks the closest installed font if it cannot use
the embedded one.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from functools import lru_cache

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap, qn
from lxml import etree

from briefwright.errors import RenderError
from briefwright.fonts import FONT_STYLES, family_files
from briefwright.fonts.subset import Face, blocks_of, embeddable_face
from briefwright.theme import Theme
from briefwright.writers.docx.parts import Package
from briefwright.writers.docx.xml import Element, el

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
CODE_FONT = "Courier New"  # the "Verbatim Char" style's font
_EMBEDS = ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic")
_EMBED_TAGS = dict(zip(FONT_STYLES, _EMBEDS, strict=True))
# Where Word cannot use an embedded face it looks for w:altName: the installed font closest to
# each family that briefwright bundles (DejaVu Sans is Bitstream Vera's heir, drawn to
# Verdana's proportions).
_ALT_NAMES = {"DejaVu Sans": "Verdana"}
# A font the document names without embedding it, as Word itself lists it.
_KNOWN = {
    CODE_FONT: Face(b"", bytes.fromhex("02070309020205020404"), (0xE0002AFF, 0xC0007843, 9, 0),
                    (0x1FF, 0), True),
}  # fmt: skip
_TEXT_TAGS = (qn("w:t"), qn("w:lvlText"), "{urn:schemas-microsoft-com:vml}textpath")
_R_ID = qn("r:id")


def embed_fonts(package: Package, theme: Theme, warn: Callable[[str], None]) -> None:
    """Write the font table: the theme's family, embedded where its licence allows, and the
    code font. Called for a document made without a reference document, whose fonts are its
    own."""
    faces = _faces(theme, blocks_of("".join(_document_text(package))), warn)
    table_name = package.document.rels.of_type(RT.FONT_TABLE)
    rels = package.rels_of(table_name)
    # the root declares r: first, so the r:id of each embedding is written with that prefix
    root = etree.Element(qn("w:fonts"), nsmap={"w": nsmap["w"], "r": nsmap["r"]})
    family = _font(theme.font_family, next(iter(faces.values()), None))
    root.append(family)
    if theme.font_family != CODE_FONT:
        root.append(_font(CODE_FONT, None))
    for style, face in faces.items():
        if not face.embeddable:
            continue
        key = font_key(face.data)
        partname = package.add_part("/word/fonts/font%d.odttf", OBFUSCATED_FONT, _odttf(face, key))
        embed = el(_EMBED_TAGS[style], fontKey=key)
        family.append(embed)
        embed.set(_R_ID, rels.relate_to(partname, RT.FONT))
    package.replace(table_name, etree.tostring(root, encoding="UTF-8", standalone=True))


def _faces(theme: Theme, blocks: frozenset[int], warn: Callable[[str], None]) -> dict[str, Face]:
    """The faces of the theme's family by style; none when its files are missing."""
    try:
        _, paths = family_files(theme.font_family, theme.font_files)
    except RenderError:
        warn(
            f"docx: font {theme.font_family!r} is not installed here, so the DOCX names it "
            "without embedding it; a computer without it shows another font"
        )
        return {}
    styles = zip(FONT_STYLES, paths, strict=True)
    faces = {style: embeddable_face(path, blocks) for style, path in styles}
    refused = [style for style, face in faces.items() if not face.embeddable]
    if refused:
        warn(
            f"docx: the licence of font {theme.font_family!r} does not allow embedding it in "
            f"an editable document ({', '.join(refused)}), so the DOCX names it without it"
        )
    return faces


def _document_text(package: Package) -> Iterator[str]:
    """Every character the document's parts show: text, list markers, the watermark."""
    for story in package.stories.values():
        for element in story.element.iter(_TEXT_TAGS):
            if element.tag == _TEXT_TAGS[0]:
                yield element.text or ""
            elif element.tag == _TEXT_TAGS[1]:
                yield element.get(qn("w:val"), "")
            else:
                yield element.get("string", "")


def font_key(data: bytes) -> str:
    """The GUID that obfuscates a face, from its bytes: the same face gives the same file."""
    guid = uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])
    return f"{{{str(guid).upper()}}}"


def obfuscate(data: bytes, key: str) -> bytes:
    """The face as an .odttf part: its first 32 bytes XORed with the key's 16 bytes, taken in
    reverse order of the GUID's hex digits (ECMA-376 Part 1, 17.8.1). Its own inverse."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ secret[n % 16] for n, byte in enumerate(data[:32]))
    return head + data[32:]


@lru_cache(maxsize=16)
def _odttf(face: Face, key: str) -> bytes:
    return obfuscate(face.data, key)


def _font(name: str, face: Face | None) -> Element:
    """A w:font entry: the name, its fallbacks and the facts Word matches a substitute by."""
    face = face or _KNOWN.get(name)
    children = [el("altName", val=_ALT_NAMES[name])] if name in _ALT_NAMES else []
    if face is not None:
        children.append(el("panose1", val=face.panose.hex().upper()))
    children += [el("charset", val="00"), el("family", val=_family_class(face))]
    children.append(el("pitch", val="fixed" if face and face.fixed_pitch else "variable"))
    if face is not None:
        usb = {f"usb{n}": f"{value:08X}" for n, value in enumerate(face.unicode_ranges)}
        csb = {f"csb{n}": f"{value:08X}" for n, value in enumerate(face.code_pages)}
        children.append(el("sig", **usb, **csb))
    return el("font", tuple(children), name=name)


def _family_class(face: Face | None) -> str:
    """Word's family class from the PANOSE digits: serif, sans serif, monospace, script..."""
    if face is None or face.panose[0] not in (2, 3, 4):
        return "auto"
    kind, serif, proportion = face.panose[0], face.panose[1], face.panose[3]
    if kind == 3:
        return "script"
    if kind == 4:
        return "decorative"
    if proportion == 9 or face.fixed_pitch:
        return "modern"
    return "swiss" if serif in (11, 12, 13) else "roman"
