"""The look shared by the DOCX and PDF writers: fonts, sizes, colours, page and margins.

Templates carry a `theme.toml`; values merge key by key along the template chain (child wins)
over the defaults below, so both writers read the same numbers and the two formats match.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from briefwright.errors import Issue, Location, TemplateError

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Theme:
    font_family: str = "DejaVu Sans"  # the PDF embeds the bundled DejaVu Sans unless told otherwise
    font_files: tuple[str, ...] = ()  # regular, bold, italic, bold italic .ttf for another family
    base_size: float = 10.5  # points
    title_size: float = 22.0
    subtitle_size: float = 13.0
    heading_sizes: tuple[float, float, float] = (15.0, 12.5, 11.0)
    meta_size: float = 9.0
    accent_color: str = "#1F3A5F"
    text_color: str = "#1A1A1A"
    muted_color: str = "#5A6270"
    callout_fill: str = "#EAF0F7"
    table_header_fill: str = "#DCE4EE"
    page_size: str = "A4"
    margin_top_mm: float = 22.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 22.0
    margin_right_mm: float = 22.0
    line_spacing: float = 1.25  # multiple of the font size

    @property
    def page_size_mm(self) -> tuple[float, float]:
        return PAGE_SIZES_MM[self.page_size]


_FIELD_TYPES = {f.name: f.type for f in fields(Theme)}


def load_theme_file(path: Path) -> dict[str, Any]:
    """Read a theme.toml into a plain mapping, checked key by key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(f"{path}: cannot read theme: {exc}") from None
    check_theme_values(data, str(path))
    if "font_files" in data:
        # Font paths in a theme are relative to the theme, not to wherever briefwright runs.
        data["font_files"] = [str((path.parent / f).resolve()) for f in data["font_files"]]
    return data


def check_theme_values(data: dict[str, Any], origin: str) -> None:
    """Raise one TemplateError listing every unknown key or bad value."""
    issues = []
    for key, value in data.items():
        where = Location(file=origin, field=key)
        if key not in _FIELD_TYPES:
            issues.append(Issue(f"unknown theme key (known: {', '.join(_FIELD_TYPES)})", where))
        elif key.endswith("_color") and not (isinstance(value, str) and _HEX_COLOUR.match(value)):
            issues.append(Issue(f"expected a colour like '#1F3A5F', got {value!r}", where))
        elif key == "page_size" and value not in PAGE_SIZES_MM:
            issues.append(
                Issue(f"expected one of {', '.join(PAGE_SIZES_MM)}, got {value!r}", where)
            )
        elif key.endswith(("_size", "_mm")) and key != "page_size":
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                issues.append(Issue(f"expected a positive number, got {value!r}", where))
        elif key == "font_files" and not (
            isinstance(value, list) and len(value) == 4 and all(isinstance(f, str) for f in value)
        ):
            issues.append(
                Issue("expected four .ttf paths: regular, bold, italic, bold italic", where)
            )
        elif key == "heading_sizes" and not (
            isinstance(value, list) and len(value) == 3 and all(_positive(v) for v in value)
        ):
            issues.append(Issue("expected three positive numbers for levels 1-3", where))
    if issues:
        raise TemplateError(f"{origin}: invalid theme", issues)


def _positive(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def build_theme(*layers: dict[str, Any], font: str | None = None) -> Theme:
    """Merge theme mappings, later layers winning, over the defaults."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update(layer)
    if font:
        merged["font_family"] = font
        merged.pop("font_files", None)
    for key in ("heading_sizes", "font_files"):
        if key in merged:
            merged[key] = tuple(merged[key])
    return Theme(**merged)
