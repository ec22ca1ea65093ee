"""A letterhead's logo: a PNG or JPEG file, checked before any writer decodes it.

The file is read through safe_files (regular file, bounded size), recognised by its first
bytes rather than its name, and measured with Pillow without decoding its pixels; an image
larger than MAX_LOGO_SIDE pixels a side is refused, so no logo can cost gigabytes to decode.
Both paged writers scale it to fit LOGO_BOX_MM, keeping its proportions.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from briefwright.errors import BriefwrightError
from briefwright.safe_files import FileRefused, read_bounded

MAX_LOGO_BYTES = 2_000_000
"""Largest logo file: a letterhead logo is rarely above 200 KB."""
MAX_LOGO_SIDE = 4000
"""Most pixels on either side of a logo (an image is decoded whole for the PDF)."""
LOGO_BOX_MM = (45.0, 18.0)
"""The box, width by height, a logo is scaled to fit at the top left of page 1."""

_KINDS = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


class LogoError(BriefwrightError):
    """A logo file that cannot be used; the message names the file and why."""


@dataclass(frozen=True)
class Logo:
    """A checked logo: its bytes, kind and size in pixels."""

    data: bytes
    kind: str  # "png" or "jpeg"
    width_px: int
    height_px: int

    @property
    def content_type(self) -> str:
        return f"image/{self.kind}"

    def size_mm(self) -> tuple[float, float]:
        """Width and height, scaled to fill LOGO_BOX_MM as far as its proportions allow."""
        box_width, box_height = LOGO_BOX_MM
        scale = min(box_width / self.width_px, box_height / self.height_px)
        return self.width_px * scale, self.height_px * scale


def read_logo(path: str | Path) -> Logo:
    """The logo at `path`; LogoError (or FileRefused) saying what is wrong with it."""
    data = read_bounded(path, MAX_LOGO_BYTES)
    kind = next((kind for magic, kind in _KINDS.items() if data.startswith(magic)), None)
    if kind is None:
        raise LogoError(f"{path}: not a PNG or JPEG image (a logo must be one of those)")
    width, height = _measure(path, data)
    if max(width, height) > MAX_LOGO_SIDE or min(width, height) < 1:
        raise LogoError(
            f"{path}: {width} x {height} pixels; a logo may have at most {MAX_LOGO_SIDE:,}"
            " pixels a side"
        )
    return Logo(data=data, kind=kind, width_px=width, height_px=height)


def logo_problem(path: str | Path) -> str | None:
    """Why the file at `path` cannot be a logo, or None (for the theme's checks)."""
    try:
        read_logo(path)
    except FileRefused as exc:
        return exc.reason
    except LogoError as exc:
        return str(exc).split(": ", 1)[1]
    return None


def _measure(path: str | Path, data: bytes) -> tuple[int, int]:
    """Width and height from the image's header, without decoding its pixels."""
    from PIL import Image, UnidentifiedImageError

    try:
        # Pillow warns of (or refuses) very large images on opening; the size is checked here
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, size = image.format, image.size
    except Image.DecompressionBombError:
        raise LogoError(
            f"{path}: too many pixels; a logo may have at most {MAX_LOGO_SIDE:,} pixels a side"
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise LogoError(f"{path}: a damaged image that cannot be read") from None
    if kind not in ("PNG", "JPEG"):
        raise LogoError(f"{path}: not a PNG or JPEG image (a logo must be one of those)")
    return size
