"""The fonts briefwright ships and finds: the bundled DejaVu Sans faces and installed families.

This package holds the font files themselves (with their licence) and knows where the four faces
of a family are; it imports no rendering library, so the PDF and DOCX writers can both use it.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from briefwright.errors import RenderError

BUNDLED_FAMILY = "DejaVu Sans"
BUNDLED_DIR = Path(__file__).parent
FONT_STYLES = ("regular", "bold", "italic", "bold_italic")
_BUNDLED_FILES: tuple[str, ...] = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_BUNDLED_FILES += ("DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
# fontconfig patterns for each style; the weight/slant form matches "Oblique" faces as well
_FC_STYLES = {
    "regular": ":weight=regular:slant=roman",
    "bold": ":weight=bold:slant=roman",
    "italic": ":weight=regular:slant=italic",
    "bold_italic": ":weight=bold:slant=italic",
}


def is_bundled(path: str | Path) -> bool:
    """Whether `path` is one of the faces shipped in this package (tests check their character
    maps once, so a render need not measure them again, as it does any other font file)."""
    path = Path(path)
    return path.parent == BUNDLED_DIR and path.name in _BUNDLED_FILES


def family_files(family: str, files: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]]:
    """The family's canonical name and its four face files (regular, bold, italic, bold italic)."""
    if files:
        if len(files) != 4:
            raise RenderError(
                f"theme font_files: expected 4 TrueType files (regular, bold, italic, "
                f"bold italic), got {len(files)}"
            )
        return family, tuple(str(Path(f).expanduser()) for f in files)
    if family.casefold() == BUNDLED_FAMILY.casefold():
        return BUNDLED_FAMILY, tuple(str(BUNDLED_DIR / name) for name in _BUNDLED_FILES)
    return family, find_family_files(family)


@functools.cache
def find_family_files(family: str) -> tuple[str, ...]:
    """The four style files of an installed family, located with fontconfig's fc-match."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise RenderError(
            f"font family {family!r}: fc-match (fontconfig) is not installed, so installed "
            f"fonts cannot be found; list the four .ttf files in the theme's font_files instead"
        )
    return tuple(_fc_file(fc_match, family, style) for style in FONT_STYLES)


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
