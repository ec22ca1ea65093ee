"""Font families for the PDF: find the four TrueType faces, register them once, check coverage.

The bundled DejaVu Sans (in `fonts/`, with its licence) covers Latin Extended, Cyrillic and
Armenian. A theme may list four .ttf files for another family, or name a family that fontconfig
(`fc-match`) can find. Only the PDF writer imports this module, because it imports reportlab.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from briefwright.errors import RenderError

BUNDLED_FAMILY = "DejaVu Sans"
BUNDLED_DIR = Path(__file__).with_name("fonts")
STYLES = ("regular", "bold", "italic", "bold_italic")
_BUNDLED_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_BUNDLED_FILES += ("DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
# fontconfig patterns for each style; the weight/slant form matches "Oblique" faces as well
_FC_STYLES = {
    "regular": ":weight=regular:slant=roman",
    "bold": ":weight=bold:slant=roman",
    "italic": ":weight=regular:slant=italic",
    "bold_italic": ":weight=bold:slant=italic",
}


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
    charsets: dict[str, frozenset[int]] = field(repr=False)  # style -> code points with a glyph

    def name(self, bold: bool = False, italic: bool = False) -> str:
        """The registered font name for a combination of bold and italic."""
        return self.names[_style(bold, italic)]

    def covers(self, char: str, bold: bool = False, italic: bool = False) -> bool:
        """Whether the face for this style has a glyph for `char`."""
        return ord(char) in self.charsets[_style(bold, italic)]

    def charset(self, bold: bool = False, italic: bool = False) -> frozenset[int]:
        """The code points the face for this style can draw."""
        return self.charsets[_style(bold, italic)]


def _style(bold: bool, italic: bool) -> str:
    return STYLES[int(bold) + 2 * int(italic)]


def load_family(family: str, files: tuple[str, ...] = ()) -> FontFamily:
    """The family a theme asks for, registered with reportlab (once per process)."""
    if files:
        if len(files) != 4:
            raise RenderError(
                f"theme font_files: expected 4 TrueType files (regular, bold, italic, "
                f"bold italic), got {len(files)}"
            )
        paths = tuple(str(Path(f).expanduser()) for f in files)
    elif family.casefold() == BUNDLED_FAMILY.casefold():
        family = BUNDLED_FAMILY
        paths = tuple(str(BUNDLED_DIR / name) for name in _BUNDLED_FILES)
    else:
        paths = find_family_files(family)
    return _register(family, paths)


@functools.cache
def _register(family: str, paths: tuple[str, ...]) -> FontFamily:
    names: dict[str, str] = {}
    charsets: dict[str, frozenset[int]] = {}
    for style, path in zip(STYLES, paths, strict=True):
        # the path is part of the name, so two themes can use one family name for other files
        digest = hashlib.sha1(path.encode()).hexdigest()[:8]
        name = f"{family}-{style}-{digest}"
        try:
            font = TTFont(name, path)
        except (OSError, TTFError) as exc:
            raise RenderError(f"font {family!r} ({style}): cannot use {path}: {exc}") from None
        pdfmetrics.registerFont(font)
        names[style] = name
        charsets[style] = frozenset(font.face.charToGlyph)
    # lets Paragraph markup such as <b> and <i> pick the right face of the family
    for style, name in names.items():
        addMapping(family, "bold" in style, "italic" in style, name)
    return FontFamily(family, names, charsets)


@functools.cache
def find_family_files(family: str) -> tuple[str, ...]:
    """The four style files of an installed family, located with fontconfig's fc-match."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise RenderError(
            f"font family {family!r}: fc-match (fontconfig) is not installed, so installed "
            f"fonts cannot be found; list the four .ttf files in the theme's font_files instead"
        )
    return tuple(_fc_file(fc_match, family, style) for style in STYLES)


def _fc_file(fc_match: str, family: str, style: str) -> str:
    pattern = family.replace("-", r"\-").replace(":", r"\:") + _FC_STYLES[style]
    result = subprocess.run(
        [fc_match, "--format=%{family}\n%{file}", pattern],
        capture_output=True,
        text=True,
        check=False,
    )
    found_families, _, path = result.stdout.partition("\n")
    # fc-match always answers with its best substitute; accept it only if the family matches
    offered = [name.strip() for name in found_families.split(",")]
    if result.returncode != 0 or family.casefold() not in (n.casefold() for n in offered):
        raise RenderError(
            f"font family {family!r} is not installed (fontconfig offers {offered[0]!r}); "
            f"install it or list its four .ttf files in the theme's font_files"
        )
    return path
