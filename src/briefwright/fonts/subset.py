"""Subsets of a TrueType face for embedding in a document, and what the face's licence allows.

A document embeds the glyphs of the blocks of 32 code points its text touches, and ASCII (so
an edit in plain letters still finds its glyphs): briefings in one language share one subset,
made once with fontTools' subsetter and kept in the per-user cache, so a write does not pay
the subsetter's twentieth of a second per face. Subsets keep outlines, advance
widths and the copyright and licence names; they drop hinting (half the size; Word and
LibreOffice smooth outlines themselves, and print does not use it) and the OpenType layout
tables, so text is measured with plain advance widths, as the PDF writer measures it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import io
import struct
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from briefwright import cache
from briefwright.errors import RenderError
from briefwright.fonts import is_bundled
from briefwright.fonts.truetype import NotAFont, check_character_maps
from briefwright.safe_files import FileRefused, read_bounded
from briefwright.theme import MAX_FONT_FILE_BYTES

BLOCK = 32
"""Code points per block: a subset holds every character of each block the text touches."""
ALWAYS = frozenset(range(128 // BLOCK))
"""Blocks every subset holds: ASCII."""
# copyright, family, style, unique id, full name, version, PostScript name, trademark,
# licence and licence URL: what the fonts' licences ask a copy to keep
_NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 7, 13, 14)
_DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM", "hdmx", "VDMX", "LTSH")
_CACHE = "fonts"
_CACHE_FORMAT = 1
# fsType bits of the OS/2 table (OpenType spec): what a font's licence lets a document do
_RESTRICTED = 0x0002
_PREVIEW_PRINT = 0x0004
_EDITABLE = 0x0008
_NO_SUBSETTING = 0x0100
_BITMAP_ONLY = 0x0200


class Embedding(Enum):
    """What the licence bits of a face allow a document to carry."""

    SUBSET = "subset"  # embed, keeping only the glyphs the document uses
    WHOLE = "whole"  # embed, but the licence forbids subsetting
    NONE = "none"  # the licence forbids embedding in an editable document


@dataclass(frozen=True)
class Face:
    """One face prepared for embedding: its bytes and the OS/2 facts a font table lists."""

    data: bytes  # empty when the licence forbids embedding
    panose: bytes  # the ten PANOSE digits
    unicode_ranges: tuple[int, int, int, int]
    code_pages: tuple[int, int]
    fixed_pitch: bool

    @property
    def embeddable(self) -> bool:
        return bool(self.data)


def blocks_of(text: str) -> frozenset[int]:
    """The blocks the characters of `text` fall in, and the ones always kept."""
    return ALWAYS | {ord(char) // BLOCK for char in set(text)}


def embedding(fs_type: int) -> Embedding:
    """What the OS/2 fsType bits allow a document that stays editable: an installable or an
    editable face may be embedded; a face licensed for preview and print only would make
    Word open the document read-only (and LibreOffice ignores it), so it is not embedded,
    nor a restricted or bitmap-only face."""
    if fs_type & _BITMAP_ONLY or (
        fs_type & (_RESTRICTED | _PREVIEW_PRINT) and not fs_type & _EDITABLE
    ):
        return Embedding.NONE
    return Embedding.WHOLE if fs_type & _NO_SUBSETTING else Embedding.SUBSET


@functools.lru_cache(maxsize=32)
def embeddable_face(path: str, blocks: frozenset[int]) -> Face:
    """The face in `path` with the glyphs of `blocks` (none if its licence forbids embedding).

    RenderError names the file when it cannot be read as a TrueType font.
    """
    data = _read(path)
    key = _cache_key(hashlib.sha256(data).hexdigest(), blocks)
    stored = cache.read(_CACHE, key)
    face = _unpack(stored) if stored is not None else None
    if face is None:
        face = _made(path, data, blocks)
        cache.write(_CACHE, key, _pack(face))
    return face


def _read(path: str) -> bytes:
    try:
        data = read_bounded(path, MAX_FONT_FILE_BYTES)
        if not is_bundled(path):
            check_character_maps(data)
    except FileRefused as exc:
        raise RenderError(f"font file {exc}") from None
    except (OSError, NotAFont) as exc:
        raise RenderError(f"font file {path}: cannot embed it: {exc}") from None
    return data


def _cache_key(digest: str, blocks: frozenset[int]) -> str:
    """What a subset depends on: the font, the blocks, this code and fontTools' version (so
    output is the same whether the subset comes from the cache or is made anew)."""
    made_by = (_CACHE_FORMAT, _code_digest(), _fonttools_digest())
    return hashlib.sha256(repr((made_by, digest, sorted(blocks))).encode()).hexdigest()


@functools.cache
def _fonttools_digest() -> str:
    """A digest of fontTools' package file, which names its version: found without importing
    it (16 ms) or parsing its distribution's metadata (6 ms)."""
    spec = importlib.util.find_spec("fontTools")
    if spec is None or spec.origin is None:  # not installed: a subset cannot be made either
        return ""
    return hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest()


@functools.cache
def _code_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


_HEAD = struct.Struct(">10s4L2L?")


def _pack(face: Face) -> bytes:
    return _HEAD.pack(face.panose, *face.unicode_ranges, *face.code_pages, face.fixed_pitch) + (
        face.data
    )


def _unpack(stored: bytes) -> Face | None:
    """The Face `_pack` stored, or None for an entry too short to be one (a miss)."""
    if len(stored) < _HEAD.size:
        return None
    panose, u0, u1, u2, u3, c0, c1, fixed = _HEAD.unpack_from(stored)
    return Face(stored[_HEAD.size :], panose, (u0, u1, u2, u3), (c0, c1), fixed)


def _made(path: str, data: bytes, blocks: frozenset[int]) -> Face:
    """Subset `data` with fontTools (imported only here: most writes find the cache)."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        # the face keeps its date (the same input gives the same bytes) and its glyphs' boxes:
        # the outlines are not changed, and measuring each again is most of the subsetter's time
        font = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
        os2 = font["OS/2"]
        rights = embedding(os2.fsType)
        facts = _facts(font, os2)
        if rights is Embedding.NONE:
            return Face(b"", *facts)
        if rights is Embedding.SUBSET:
            _subsetter(blocks).subset(font)
        out = io.BytesIO()
        font.save(out)
    except (TTLibError, KeyError, ValueError, IndexError, TypeError, AssertionError, struct.error):
        # what fontTools raises on a damaged file
        raise RenderError(f"font file {path}: not a TrueType font that can be embedded") from None
    return Face(out.getvalue(), *facts)


_PANOSE = (
    "bFamilyType", "bSerifStyle", "bWeight", "bProportion", "bContrast", "bStrokeVariation",
    "bArmStyle", "bLetterForm", "bMidline", "bXHeight",
)  # fmt: skip


def _facts(font: Any, os2: Any) -> tuple[bytes, Any, Any, bool]:
    """PANOSE digits, Unicode and code-page ranges, and fixed pitch, as a font table lists them."""
    panose = getattr(os2, "panose", None)
    digits = bytes(getattr(panose, name, 0) for name in _PANOSE)
    ranges = tuple(getattr(os2, f"ulUnicodeRange{n}", 0) for n in (1, 2, 3, 4))
    pages = tuple(getattr(os2, f"ulCodePageRange{n}", 0) for n in (1, 2))
    return digits, ranges, pages, bool(font["post"].isFixedPitch)


def _subsetter(blocks: frozenset[int]) -> Any:
    from fontTools import subset

    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables = [*options.drop_tables, *_DROPPED_TABLES]
    options.name_IDs = list(_NAME_IDS)
    options.name_languages = ["*"]
    options.glyph_names = False
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    unicodes = [
        code for block in sorted(blocks) for code in range(block * BLOCK, (block + 1) * BLOCK)
    ]
    subsetter.populate(unicodes=unicodes)
    return subsetter
