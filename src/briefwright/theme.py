"""The look shared by the DOCX and PDF writers: fonts, sizes, colours, page, margins, letterhead.

Templates carry a `theme.toml`; values merge key by key along the template chain (child wins)
over the defaults below, so both writers read the same numbers and the two formats match.
Every value is checked against a documented range wherever a Theme is made, and a theme file's
problems are reported at their line in that file.
"""

from __future__ import annotations

import math
import os
import re
import stat
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from briefwright.errors import Issue, Location, TemplateError
from briefwright.safe_files import FileRefused, confined, describe_size, read_bounded

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
SIZE_RANGE_PT = (4.0, 72.0)
"""Every text size (base, title, subtitle, meta, headings), in points."""
MARGIN_RANGE_MM = (0.0, 60.0)
"""Each page margin: with both at most, an A4 page still has 90 mm for the text."""
LINE_SPACING_RANGE = (0.8, 3.0)
"""Line spacing as a multiple of the font size."""
MAX_FONT_NAME = 200
"""Longest font family name, in characters."""
MAX_LETTERHEAD_LINES = 4
MAX_LETTERHEAD_CHARS = 120
"""Longest letterhead line (and logo alternative text), in characters."""
MAX_THEME_BYTES = 1_000_000
MAX_FONT_FILE_BYTES = 50_000_000
"""Largest font file a theme may name (the largest CJK TrueType faces are about 20 MB)."""

_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# what XML 1.0 cannot hold, plus the other C0/C1 controls: no font name needs them
_NOT_IN_A_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class ThemeError(TemplateError):
    """A theme value out of its range or of the wrong type; each issue names the key."""


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
    logo: str = ""  # a PNG or JPEG in the template's directory, at the top left of page 1
    logo_alt: str = ""  # what the logo shows, for screen readers (default: letterhead line 1)
    letterhead: tuple[str, ...] = ()  # lines beside the logo on page 1, e.g. the office's name

    def __post_init__(self) -> None:
        # a Theme made in code (or by --font) is held to the same rules as a theme.toml
        issues = [
            Issue(problem, Location(field=f.name))
            for f in fields(self)
            if (problem := _problem(f.name, getattr(self, f.name)))
        ]
        if issues:
            raise ThemeError(f"invalid theme: {issues[0]}", issues)

    @property
    def page_size_mm(self) -> tuple[float, float]:
        return PAGE_SIZES_MM[self.page_size]


# --- the rules ----------------------------------------------------------------------------


def _number(low: float, high: float, unit: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if _is_number(value) and low <= value <= high:
            return None
        return f"expected a number from {low:g} to {high:g}{unit}, got {_shown(value)}"

    return check


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _colour(value: Any) -> str | None:
    if isinstance(value, str) and _HEX_COLOUR.match(value):
        return None
    return f"expected a colour like '#1F3A5F', got {_shown(value)}"


def _font_name(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"expected a font family name, got {_shown(value)}"
    if len(value) > MAX_FONT_NAME:
        return f"a font family name of at most {MAX_FONT_NAME} characters, got {len(value):,}"
    bad = _NOT_IN_A_NAME.search(value)
    if bad:
        return f"the font family name holds the control character U+{ord(bad.group()):04X}"
    return None


def _font_files(value: Any) -> str | None:
    files = list(value) if isinstance(value, list | tuple) else None
    if files is not None and (not files or len(files) == 4) and all(_is_path(f) for f in files):
        return None
    return "expected four .ttf paths: regular, bold, italic, bold italic"


def _is_path(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and not _NOT_IN_A_NAME.search(value)


def _one_line(value: Any, what: str) -> str | None:
    if not isinstance(value, str):
        return f"expected {what}, got {_shown(value)}"
    if len(value) > MAX_LETTERHEAD_CHARS:
        return f"{what} of at most {MAX_LETTERHEAD_CHARS} characters, got {len(value):,}"
    bad = _NOT_IN_A_NAME.search(value)
    if bad:
        return f"{what} holds the control character U+{ord(bad.group()):04X}"
    return None


def _logo(value: Any) -> str | None:
    if value == "" or _is_path(value):
        return None
    return f"expected the path of a PNG or JPEG file, got {_shown(value)}"


def _letterhead(value: Any) -> str | None:
    lines = list(value) if isinstance(value, list | tuple) else None
    if lines is None or len(lines) > MAX_LETTERHEAD_LINES:
        return f"expected a list of at most {MAX_LETTERHEAD_LINES} lines, got {_shown(value)}"
    return next((p for line in lines if (p := _one_line(line, "a line of text"))), None)


def _heading_sizes(value: Any) -> str | None:
    size = _number(*SIZE_RANGE_PT, " pt")
    if isinstance(value, list | tuple) and len(value) == 3 and not any(map(size, value)):
        return None
    low, high = SIZE_RANGE_PT
    return f"expected three numbers from {low:g} to {high:g} pt for levels 1-3, got {_shown(value)}"


def _page_size(value: Any) -> str | None:
    if isinstance(value, str) and value in PAGE_SIZES_MM:
        return None
    return f"expected one of {', '.join(PAGE_SIZES_MM)}, got {_shown(value)}"


_RULES: dict[str, Callable[[Any], str | None]] = {
    "font_family": _font_name,
    "font_files": _font_files,
    "heading_sizes": _heading_sizes,
    "page_size": _page_size,
    "line_spacing": _number(*LINE_SPACING_RANGE, " times the font size"),
    "logo": _logo,
    "logo_alt": lambda value: _one_line(value, "a line of text"),
    "letterhead": _letterhead,
}
for _field in fields(Theme):
    if _field.name.endswith("_size") and _field.name != "page_size":
        _RULES[_field.name] = _number(*SIZE_RANGE_PT, " pt")
    elif _field.name.endswith("_mm"):
        _RULES[_field.name] = _number(*MARGIN_RANGE_MM, " mm")
    elif _field.name.endswith(("_color", "_fill")):
        _RULES[_field.name] = _colour


def _problem(key: str, value: Any) -> str | None:
    rule = _RULES.get(key)
    if rule is None:
        return f"unknown theme key (known: {', '.join(f.name for f in fields(Theme))})"
    return rule(value)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- theme files --------------------------------------------------------------------------


def load_theme_file(path: Path) -> dict[str, Any]:
    """Read a theme.toml into a plain mapping, every key checked and located at its line.

        Font files and the logo are resolved against the theme's directory and must stay inside it;
    the logo must be a PNG or JPEG image of a bounded size.
    """
    try:
        text = read_bounded(path, MAX_THEME_BYTES).decode("utf-8")
        data = tomllib.loads(text)
    except FileRefused as exc:
        issue = Issue(f"cannot read theme: {exc.reason}", Location(str(path)))
        raise _error(path, [issue]) from None
    except UnicodeDecodeError as exc:
        raise _error(path, [Issue(f"not UTF-8 text: {exc.reason}", Location(str(path)))]) from None
    except tomllib.TOMLDecodeError as exc:
        raise _error(path, [_toml_issue(path, exc)]) from None
    lines = _key_lines(text)
    issues = []
    for key, value in data.items():
        where = Location(str(path), lines.get(key), field=key)
        problem = _problem(key, value)
        if problem is None and key == "font_files":
            problem, data[key] = _font_paths(value, path.parent)
        elif problem is None and key == "logo" and value:
            problem, data[key] = _logo_path(value, path.parent)
        if problem:
            issues.append(Issue(problem, where))
    if issues:
        raise _error(path, issues)
    return data


def _error(path: Path, issues: list[Issue]) -> ThemeError:
    summary = str(issues[0]) if len(issues) == 1 else f"{path}: {len(issues)} problems in the theme"
    return ThemeError(summary, issues)


def _toml_issue(path: Path, exc: tomllib.TOMLDecodeError) -> Issue:
    where = _TOML_POSITION.search(str(exc))
    line, column = (int(where.group(1)), int(where.group(2))) if where else (None, None)
    message = _TOML_POSITION.sub("", str(exc)).strip()
    return Issue(f"not valid TOML: {message}", Location(str(path), line, column))


def _key_lines(text: str) -> dict[str, int]:
    """The line each top-level key (or table) is first written on; a theme is flat TOML."""
    lines: dict[str, int] = {}
    pattern = re.compile(r"""^\s*(?:\[+\s*)?(["']?)([A-Za-z0-9_-]+)\1\s*(?:=|\])""")
    for number, line in enumerate(text.splitlines(), 1):
        found = pattern.match(line)
        if found:
            lines.setdefault(found.group(2), number)
    return lines


def _font_paths(files: list[str], directory: Path) -> tuple[str | None, list[str]]:
    """The font files as absolute paths inside `directory`, or the first problem found."""
    resolved = []
    for name in files:
        try:
            path = confined(name, directory)
            info = os.stat(path)
        except FileRefused as exc:
            return f"{name}: {exc.reason}", files
        except FileNotFoundError:
            return f"{name}: no such file", files
        except OSError as exc:
            return f"{name}: cannot be read: {exc.strerror}", files
        if not stat.S_ISREG(info.st_mode):
            return f"{name}: not a regular file: refused", files
        if info.st_size > MAX_FONT_FILE_BYTES:
            limit = describe_size(MAX_FONT_FILE_BYTES)
            return f"{name}: larger than the limit of {limit} for a font file", files
        resolved.append(str(Path(os.path.realpath(path))))
    return None, resolved


def _logo_path(name: str, directory: Path) -> tuple[str | None, str]:
    """The logo as an absolute path inside `directory`, or the problem with it."""
    from briefwright.logo import logo_problem

    try:
        path = confined(name, directory)
    except FileRefused as exc:
        return f"{name}: {exc.reason}", name
    problem = logo_problem(path)
    if problem:
        return f"{name}: {problem}", name
    return None, str(Path(os.path.realpath(path)))


def build_theme(*layers: dict[str, Any], font: str | None = None) -> Theme:
    """Merge theme mappings, later layers winning, over the defaults."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update(layer)
    if font:
        merged["font_family"] = font
        merged.pop("font_files", None)
    for key in ("heading_sizes", "font_files", "letterhead"):
        if key in merged:
            merged[key] = tuple(merged[key])
    return Theme(**merged)
