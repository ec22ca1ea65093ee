"""Font families for the PDF: register the four TrueType faces once, check coverage.

briefwright.fonts finds the files: the bundled DejaVu Sans (Latin Extended, Cyrillic, Armenian),
four .ttf files a theme lists, or a family fontconfig knows. Only the PDF writer imports this
module, because it imports reportlab.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import sys
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFNameBytes, TTFont, TTFontFace

from briefwright import cache
from briefwright.errors import RenderError
from briefwright.fonts import BUNDLED_FAMILY, FONT_STYLES, family_files

STYLES = FONT_STYLES
__all__ = ["BUNDLED_FAMILY", "FontFamily", "load_family"]


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with code points beyond U+FFFF written as UTF-16 pairs.

    reportlab writes such a code point as five hex digits (`<1F637>`), which PDF readers reject,
    so emoji and other astral characters could not be copied or searched in our PDFs.
    """
    text = ttfonts._briefwright_original_cmap(fontname, subset)
    for code in subset:
        if code > 0xFFFF:
            pair = chr(code).encode("utf-16-be").hex().upper()
            text = text.replace(f"> <{code:04X}>\n", f"> <{pair}>\n")
    return text


if not hasattr(ttfonts, "_briefwright_original_cmap"):
    ttfonts._briefwright_original_cmap = ttfonts.makeToUnicodeCMap
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


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
        # the path is part of the name, so two themes can use one family name for other files
        digest = hashlib.sha1(path.encode()).hexdigest()[:8]
        name = f"{family}-{style}-{digest}"
        try:
            font = load_font(name, path)
        except (OSError, TTFError) as exc:
            raise RenderError(f"font {family!r} ({style}): cannot use {path}: {exc}") from None
        pdfmetrics.registerFont(font)
        names[style] = name
        # characters, not code points: checking a text is then one issuperset call
        charsets[style] = frozenset(map(chr, font.face.charToGlyph))
    # lets Paragraph markup such as <b> and <i> pick the right face of the family
    for style, name in names.items():
        addMapping(family, "bold" in style, "italic" in style, name)
    return FontFamily(family, names, charsets)


def load_font(name: str, path: str) -> TTFont:
    """reportlab's TTFont for `path`, its parsed tables taken from the per-user cache if there.

    Parsing a face (`TTFontFile.extractInfo`) costs ~15 ms each time a process starts; the
    result is plain data, kept with marshal under the file's hash and reportlab's version.
    """
    try:
        data = Path(path).read_bytes()
    except OSError:  # reportlab also looks in its font search path: let it try
        return TTFont(name, path)
    key = _face_key(path, data)
    state = _cached_face_state(key)
    if state is None:
        font = TTFont(name, path)
        _store_face_state(key, font.face)
        return font
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state, _ttf_data=data, _pdfScale=_pdf_scale(state["unitsPerEm"]))
    # what TTFont.__init__ does besides parsing; a test compares the two objects
    font = TTFont.__new__(TTFont)
    font.fontName, font.face, font.encoding = name, face, TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
    return font


_FACE_CACHE = "fonts"
_FACE_FORMAT = "1"
# attributes a cached face must have, with their types; the checksum guards the rest
_FACE_TYPES = {"name": TTFNameBytes, "unitsPerEm": int, "charToGlyph": dict, "charWidths": dict}
_FACE_TYPES |= {"hmetrics": list, "glyphPos": list, "table": dict, "filename": str}


def _face_key(path: str, data: bytes) -> str:
    """Everything a parsed face depends on: the file (its name is kept in the face), reportlab
    and the Python version, whose marshal wrote the entry."""
    key = hashlib.sha1(data)
    key.update(f"|{path}|{_FACE_FORMAT}|{reportlab.Version}|{sys.version_info[:2]}".encode())
    return key.hexdigest()


def _store_face_state(key: str, face: TTFontFace) -> None:
    """Write the face's parsed attributes; the file bytes and the scale function are rebuilt."""
    state = {k: v for k, v in vars(face).items() if k not in ("_ttf_data", "_pdfScale")}
    names = {k: v.ustr for k, v in state.items() if isinstance(v, TTFNameBytes)}
    try:
        payload = marshal.dumps(({k: v for k, v in state.items() if k not in names}, names))
    except ValueError:  # an attribute marshal cannot hold: this face is parsed every time
        return
    cache.write(_FACE_CACHE, key, hashlib.sha1(payload).digest() + payload)


def _cached_face_state(key: str) -> dict | None:
    """The attributes stored for `key`, or None if there are none or the entry is damaged."""
    entry = cache.read(_FACE_CACHE, key)
    if entry is None or hashlib.sha1(entry[20:]).digest() != entry[:20]:
        return None
    try:
        plain, names = marshal.loads(entry[20:])
        state = {**plain, **{k: TTFNameBytes(v.encode()) for k, v in names.items()}}
    except (ValueError, EOFError, TypeError, AttributeError):
        return None
    return state if all(isinstance(state.get(k), t) for k, t in _FACE_TYPES.items()) else None


def _pdf_scale(units_per_em: int):
    """The face's font-units-to-1000ths scale, as TTFontFile.extractInfo makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor
