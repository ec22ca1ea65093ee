"""Font families for the PDF: register the four TrueType faces once, check coverage.

briefwright.fonts finds the files: the bundled DejaVu Sans (Latin Extended, Cyrillic, Armenian),
four .ttf files a theme lists, or a family fontconfig knows. Only the PDF writer imports this
module, because it imports reportlab.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import struct
from dataclasses import dataclass, field
from typing import Any, Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import BasicFonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from briefwright.errors import RenderError
from briefwright.fonts import BUNDLED_FAMILY, FONT_STYLES, family_files, is_bundled
from briefwright.fonts.truetype import NotAFont, check_character_maps
from briefwright.safe_files import FileRefused, read_bounded
from briefwright.theme import MAX_FONT_FILE_BYTES

STYLES = FONT_STYLES
# (bold, italic) of each style, in the order of STYLES
_BOLD_ITALIC: tuple[tuple[Literal[0, 1], Literal[0, 1]], ...] = ((0, 0), (1, 0), (0, 1), (1, 1))
__all__ = ["BUNDLED_FAMILY", "FontFamily", "UnicodeTTFont", "load_family"]


class UnicodeTTFont(TTFont):
    """reportlab's TTFont, whose text maps back to characters beyond U+FFFF too.

    Each subset of the font gets a ToUnicode map that says which character each glyph draws,
    for copying and searching text. reportlab writes a code point beyond U+FFFF there as five
    hex digits (`<1F637>`), which PDF readers reject, where the PDF format wants its UTF-16
    pair; so emoji and other astral characters could not be copied out of the PDF. The maps
    are mended after reportlab has made them, before the file is written.
    """

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        """Add the font's subsets to `doc` as reportlab does, then mend their ToUnicode maps."""
        astral = [
            (self.getSubsetInternalName(n, doc)[1:], [code for code in subset if code > 0xFFFF])
            for n, subset in enumerate(self.state[doc].subsets)
        ]
        super().addObjects(doc)
        fonts = doc.idToObject[BasicFonts].dict
        for internal_name, codes in astral:
            if codes:
                stream = doc.idToObject[fonts[internal_name].ToUnicode.name]
                stream.content = _utf16_pairs(stream.content, codes)


def _utf16_pairs(cmap: str, codes: list[int]) -> str:
    """The ToUnicode map `cmap` with each of `codes` written as the UTF-16 pair it must be."""
    for code in codes:
        pair = chr(code).encode("utf-16-be").hex().upper()
        cmap = cmap.replace(f"> <{code:04X}>\n", f"> <{pair}>\n")
    return cmap


@dataclass(frozen=True)
class FontFamily:
    """A registered family: the reportlab font name of each style and the characters it has."""

    family: str
    names: dict[str, str]  # style -> registered reportlab font name
    charsets: dict[str, frozenset[str]] = field(repr=False)  # style -> characters with a glyph

    def name(self, bold: bool = False, italic: bool = False) -> str:
        """The registered font name for a combination of bold and italic."""
        return self.names[_style(bold, italic)]

    def covers(self, char: str, bold: bool = False, italic: bool = False) -> bool:
        """Whether the face for this style has a glyph for `char`."""
        return char in self.charsets[_style(bold, italic)]

    def draws(self, text: str, bold: bool = False, italic: bool = False) -> bool:
        """Whether the face for this style has a glyph for every character of `text`."""
        return self.charsets[_style(bold, italic)].issuperset(text)


def _style(bold: bool, italic: bool) -> str:
    return STYLES[int(bold) + 2 * int(italic)]


def load_family(family: str, files: tuple[str, ...] = ()) -> FontFamily:
    """The family a theme asks for, registered with reportlab (once per process)."""
    return _register(*family_files(family, files))


@functools.cache
def _register(family: str, paths: tuple[str, ...]) -> FontFamily:
    names: dict[str, str] = {}
    charsets: dict[str, frozenset[str]] = {}
    for style, path in zip(STYLES, paths, strict=True):
        # the path is part of the name, so two themes can use one family name for other files;
        # the family's own letters only, as the name reaches Paragraph markup (<font face=..>)
        digest = hashlib.sha1(f"{family}\0{path}".encode()).hexdigest()[:8]
        name = f"{re.sub(r'[^A-Za-z0-9]+', '', family)[:40]}-{style}-{digest}"
        try:
            # a regular file of bounded size, read once: never a FIFO, a device or a huge file
            data = read_bounded(path, MAX_FONT_FILE_BYTES)
            if not is_bundled(path):
                check_character_maps(data)
            stream = io.BytesIO(data)
            stream.name = path
            font = UnicodeTTFont(name, stream)
        except FileRefused as exc:
            raise RenderError(f"font {family!r} ({style}): {exc}") from None
        except (OSError, TTFError, NotAFont) as exc:
            raise RenderError(f"font {family!r} ({style}): cannot use {path}: {exc}") from None
        except (struct.error, LookupError, ValueError, ArithmeticError):
            # what reportlab's reader raises on a damaged file, beside its TTFError
            raise RenderError(
                f"font {family!r} ({style}): cannot use {path}: not a usable TrueType font"
            ) from None
        pdfmetrics.registerFont(font)
        names[style] = name
        # characters, not code points: checking a text is then one issuperset call
        charsets[style] = frozenset(map(chr, font.face.charToGlyph))
    # lets Paragraph markup such as <b> and <i> pick the right face of the family
    for (bold, italic), name in zip(_BOLD_ITALIC, names.values(), strict=True):
        addMapping(family, bold, italic, name)
    return FontFamily(family, names, charsets)
