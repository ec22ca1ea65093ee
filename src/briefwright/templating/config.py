"""template.toml: reading it, checking every key, and merging it along the `extends` chain."""

from __future__ import annotations

import difflib
import re
import tomllib
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, TypedDict, cast

from briefwright.errors import BriefwrightWarning, Issue, Location, TemplateError
from briefwright.markings import TLP_LEVELS, Markings, check_marking, normalise
from briefwright.safe_files import FileRefused, read_bounded

TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
NAME_RULE = "letters, digits, '.', '_', '-'"
SECTIONS = ("key_points", "quotes", "timeline", "implications", "recommendations")
# What each key means, shown by `briefwright templates context` and checked on load.
KEYS: dict[str, tuple[type, str]] = {
    "name": (str, "the template's name (default: its directory name)"),
    "description": (str, "one line for `briefwright templates`"),
    "audience": (str, "the audience whose `audiences:` items it shows (default: its name)"),
    "extends": (str, "the parent template's name; blocks, theme and rules are inherited"),
    "max_marking": (str, 'the highest marking it may release, e.g. "TLP:CLEAR" (default: all)'),
    "marking_scheme": (
        list,
        'markings other than TLP in order, lowest first, e.g. ["OFFICIAL", "OFFICIAL-SENSITIVE"]',
    ),
    "portion_marks": (
        bool,
        "print a portion's marking, e.g. (TLP:CLEAR), where it differs from "
        "the briefing's (default false)",
    ),
    "allowed_markings": (list, "deprecated: read as max_marking, the highest marking listed"),
    "show_author": (bool, "print the summary's author (default true)"),
    "show_organization": (bool, "print the summary's organization (default true)"),
    "limits": (dict, "at most this many items per section, e.g. key_points = 4"),
    "max_pages": (int, "most pages the briefing may fill (checked on the PDF's layout), e.g. 1"),
    "trim": (
        list,
        "sections cut short, last items first, to keep within max_pages, each to one item at "
        'least, e.g. ["key_points"] (key points go lowest priority first)',
    ),
    "toc": (bool, "a contents list with page numbers before the first heading (default false)"),
    "inline_quote_words": (
        int,
        "quotes shorter than this many words run inline in quotation marks (default 0: none)",
    ),
}
_COUNTS = {"max_pages": 1, "inline_quote_words": 0}  # each whole-number key's least value
# Identity is per directory; only the rules below it are inherited by children.
_OWN: tuple[Literal["name", "description", "extends"], ...] = ("name", "description", "extends")
MAX_CONFIG_BYTES = 1_000_000
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class TemplateConfig(TypedDict, total=False):
    """template.toml once checked: every key is optional, and KEYS says what each one means."""

    name: str
    description: str
    audience: str
    extends: str
    max_marking: str
    marking_scheme: list[str]
    portion_marks: bool
    show_author: bool
    show_organization: bool
    limits: dict[str, int]
    max_pages: int
    trim: list[str]
    toc: bool
    inline_quote_words: int


def read_config(directory: Path) -> TemplateConfig:
    """The checked contents of `directory/template.toml`; TemplateError listing every problem."""
    path = directory / "template.toml"
    try:
        data = tomllib.loads(read_bounded(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except FileRefused as exc:  # a FIFO or device is refused, never waited on
        raise TemplateError(f"{path}: cannot read: {exc.reason}") from None
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_POSITION.search(str(exc))
        line, column = (int(where.group(1)), int(where.group(2))) if where else (None, None)
        message = _TOML_POSITION.sub("", str(exc)).strip()
        issue = Issue(f"not valid TOML: {message}", Location(str(path), line, column))
        raise TemplateError(str(issue), [issue]) from None
    issues = list(_check(data, str(path)))
    if not issues and "allowed_markings" in data:
        issues += _from_allowed_markings(data, str(path))
    if issues:
        raise TemplateError(f"{path}: invalid template settings", issues)
    return cast(TemplateConfig, data)  # _check has found every key known and of its type


def _check(data: dict[str, object], origin: str) -> Iterator[Issue]:
    for key, value in data.items():
        where = Location(file=origin, field=key)
        if key not in KEYS:
            close = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield Issue(f"unknown key{hint}; known keys: {', '.join(KEYS)}", where)
            continue
        kind = KEYS[key][0]
        if key in _COUNTS:
            yield from _check_count(value, _COUNTS[key], where)
        elif not isinstance(value, kind):
            yield Issue(f"expected {kind.__name__}, got {type(value).__name__}", where)
        elif isinstance(value, list) and not all(isinstance(v, str) for v in value):
            yield Issue("expected a list of strings", where)  # the marking lists
        elif key == "trim":
            yield from _check_trim(value, where)
        elif key in ("max_marking", "marking_scheme", "allowed_markings"):
            yield from _check_markings(key, value, where)
        elif isinstance(value, dict):
            yield from _check_limits(value, origin)
        elif key in ("name", "extends") and not TEMPLATE_NAME.match(str(value)):
            yield Issue(f"{value!r} is not a template name ({NAME_RULE})", where)


def _check_count(value: object, least: int, where: Location) -> Iterator[Issue]:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        yield Issue(f"expected a whole number {least} or more, got {value!r}", where)


def _check_trim(value: object, where: Location) -> Iterator[Issue]:
    for name in value if isinstance(value, list) else ():
        if name not in SECTIONS:
            yield Issue(f"{name!r} is not a section; trim applies to: {', '.join(SECTIONS)}", where)
    if isinstance(value, list) and len(set(value)) != len(value):
        yield Issue("a section is listed twice", where)


def _check_markings(key: str, value: object, where: Location) -> Iterator[Issue]:
    values = value if isinstance(value, list) else [value]
    for marking in values:
        try:
            check_marking(str(marking))
        except ValueError as exc:
            yield Issue(str(exc), where)
        if not str(marking).strip():
            yield Issue("a marking cannot be empty", where)
    if key != "marking_scheme":
        return
    labels = [normalise(str(v)) for v in values]
    if not labels:
        yield Issue("list the markings of the scheme, lowest first", where)
    if len(set(labels)) != len(labels):
        yield Issue("a marking is listed twice", where)
    if set(labels) & set(TLP_LEVELS):
        yield Issue("TLP 2.0 is always known; list only the markings of another scheme", where)


def _from_allowed_markings(data: dict[str, object], origin: str) -> list[Issue]:
    """`allowed_markings` as it is read now: max_marking, the highest marking it lists."""
    allowed = cast(list[str], data.pop("allowed_markings"))
    if "max_marking" in data or not allowed:
        warnings.warn(
            f"{origin}: allowed_markings is ignored; max_marking replaces it",
            BriefwrightWarning,
            stacklevel=4,
        )
        return []
    scheme = data.get("marking_scheme")
    markings = Markings(cast(list[str], scheme) if isinstance(scheme, list) else None)
    parsed = [markings.parse(text) for text in allowed]
    top = parsed[0]
    for marking in parsed[1:]:
        order = marking.compare(top)
        if order is None:
            where = Location(file=origin, field="allowed_markings")
            return [Issue("its markings cannot be ordered; set max_marking instead", where)]
        top = marking if order > 0 else top
    data["max_marking"] = top.label
    warnings.warn(
        f"{origin}: allowed_markings is deprecated; read as max_marking = {top.label!r}",
        BriefwrightWarning,
        stacklevel=4,
    )
    return []


def _check_limits(limits: dict[str, object], origin: str) -> Iterator[Issue]:
    for key, value in limits.items():
        where = Location(file=origin, field=f"limits.{key}")
        if key not in SECTIONS:
            yield Issue(f"unknown section; limits apply to: {', '.join(SECTIONS)}", where)
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            yield Issue(f"expected a whole number 0 or more, got {value!r}", where)


def merge_configs(configs: list[TemplateConfig]) -> TemplateConfig:
    """Merge configs given child first: the child wins key by key, `limits` entry by entry."""
    merged: TemplateConfig = {}
    limits: dict[str, int] = {}
    for config in reversed(configs):  # the base first, so that each child overrides its parent
        merged.update(config)
        limits.update(config.get("limits", {}))
    merged["limits"] = limits
    for key in _OWN:
        if configs and key in configs[0]:
            merged[key] = configs[0][key]
        else:
            merged.pop(key, None)
    return merged
