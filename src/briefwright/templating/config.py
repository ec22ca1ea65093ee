"""template.toml: reading it, checking every key, and merging it along the `extends` chain."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, TypedDict, cast

from briefwright.errors import Issue, Location, TemplateError
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
    "allowed_markings": (list, 'handling markings it may show, e.g. ["TLP:CLEAR"]; others drop'),
    "show_author": (bool, "print the summary's author (default true)"),
    "show_organization": (bool, "print the summary's organization (default true)"),
    "limits": (dict, "at most this many items per section, e.g. key_points = 4"),
}
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
    allowed_markings: list[str]
    show_author: bool
    show_organization: bool
    limits: dict[str, int]


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
        if not isinstance(value, kind):
            yield Issue(f"expected {kind.__name__}, got {type(value).__name__}", where)
        elif isinstance(value, list) and not all(isinstance(v, str) for v in value):
            yield Issue("expected a list of strings", where)  # allowed_markings
        elif isinstance(value, dict):
            yield from _check_limits(value, origin)
        elif key in ("name", "extends") and not TEMPLATE_NAME.match(str(value)):
            yield Issue(f"{value!r} is not a template name ({NAME_RULE})", where)


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
