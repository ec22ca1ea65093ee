"""Project defaults: `briefwright.toml` with a [render] and a [mail] table.

The file is found in the working directory, or named by --config or $BRIEFWRIGHT_CONFIG. Every
value is checked here, and a problem names the file, the line and the setting; paths in it are
relative to the file's own directory. The command line and the environment override the file;
that precedence is the CLI's (click's default_map), not this module's.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefwright.errors import Issue, Location, UsageError
from briefwright.safe_files import FileRefused, read_bounded

CONFIG_NAME = "briefwright.toml"
ENV_CONFIG = "BRIEFWRIGHT_CONFIG"
MAX_CONFIG_BYTES = 1_000_000
CONTEXT_KEY = "briefwright.config"
"""Where the CLI keeps the loaded configuration in click's context, for `briefwright config`."""


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _comma_list(value: Any) -> str | None:
    """A list of formats as the option takes it: "pdf,docx" (an empty list: attach nothing)."""
    if value == []:
        return ""
    strings = _strings(value)
    return ",".join(strings) if strings is not None else None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _count(value: Any) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    return value if ok else None


def _port(value: Any) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 < value < 65536
    return value if ok else None


def _one_of(*choices: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return value.lower() if isinstance(value, str) and value.lower() in choices else None

    check.__doc__ = " or ".join(repr(c) for c in choices)
    return check


@dataclass(frozen=True)
class Setting:
    """One key of a table: the option it sets, how it is checked, and what is expected."""

    option: str
    check: Callable[[Any], Any]
    expected: str
    path: bool = False  # a path, relative to the file's directory


_RENDER_MAIL_COMMON = {
    "reference_doc": Setting("reference_doc", _string, "a path to a .docx", path=True),
    "font": Setting("font", _string, "a font family name"),
    "strict": Setting("strict", _flag, "true or false"),
    "verify": Setting("verify", _flag, "true or false"),
}
TABLES: dict[str, dict[str, Setting]] = {
    "render": {
        "formats": Setting("formats", _strings, 'a format or a list of them, e.g. ["pdf"]'),
        "templates": Setting("templates", _strings, "a template or a list of them"),
        "output": Setting("output_dir", _string, "a directory", path=True),
        "jobs": Setting("jobs", _count, "a whole number of processes, 1 or more"),
        "names": Setting("names", _one_of("error", "unique"), "'error' or 'unique'"),
        **_RENDER_MAIL_COMMON,
    },
    "mail": {
        "template": Setting("template", _string, "a template name or directory"),
        "attach": Setting("attach", _comma_list, "a format or a list of them"),
        "to": Setting("recipients", _strings, "an address or a list of them"),
        "from": Setting("sender", _string, "an address"),
        "smtp_host": Setting("smtp_host", _string, "a host name"),
        "smtp_port": Setting("smtp_port", _port, "a port number"),
        "smtp_security": Setting(
            "smtp_security", _one_of("starttls", "ssl", "none"), "'starttls', 'ssl' or 'none'"
        ),
        "smtp_user": Setting("smtp_user", _string, "a login name"),
        **_RENDER_MAIL_COMMON,
    },
}


@dataclass(frozen=True)
class Config:
    """The settings a file gives, per command, as option values; and where each was written."""

    path: Path | None = None
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (table, option) -> line

    def where(self, table: str, option: str) -> str:
        """`briefwright.toml:3`, the place a setting was written."""
        line = self.lines.get((table, option))
        return f"{self.path}:{line}" if line else str(self.path)


def find_config(explicit: str | os.PathLike[str] | None) -> Path | None:
    """The file to read: the one named (option or environment), else ./briefwright.toml."""
    if explicit:
        return Path(explicit)
    default = Path(CONFIG_NAME)
    return default if default.is_file() else None


def load_config(path: Path | None) -> Config:
    """Read and check a configuration file; UsageError lists every problem, located."""
    if path is None:
        return Config()
    try:
        text = read_bounded(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileRefused as error:
        raise UsageError(f"{path}: {error.reason}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(path, error) from None
    return _checked(path, data, text)


def _checked(path: Path, data: dict[str, Any], text: str) -> Config:
    finder = _LineFinder(text)
    issues: list[Issue] = []
    values: dict[str, dict[str, Any]] = {}
    lines: dict[tuple[str, str], int] = {}
    for table, entries in data.items():
        known = TABLES.get(table)
        line = finder.table(table)
        if known is None or not isinstance(entries, dict):
            what = "not a table" if known is not None else "unknown table"
            issues.append(_issue(path, line, table, f"{what}{_hint(table, TABLES)}"))
            continue
        for key, value in entries.items():
            key_line = finder.key(table, key)
            setting = known.get(key)
            if setting is None:
                message = f"unknown setting{_hint(key, known)}"
                issues.append(_issue(path, key_line, f"{table}.{key}", message))
                continue
            checked = setting.check(value)
            if checked is None:
                message = f"expected {setting.expected}, got {value!r}"
                issues.append(_issue(path, key_line, f"{table}.{key}", message))
                continue
            if setting.path:
                checked = str(path.parent / checked)
            values.setdefault(table, {})[setting.option] = checked
            lines[(table, setting.option)] = key_line or line or 0
    if issues:
        raise UsageError(f"{path}: invalid configuration", issues)
    return Config(path, values, lines)


def _hint(name: str, known: dict[str, Any]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    listed = ", ".join(known)
    return f"; did you mean {close[0]!r}?" if close else f"; known: {listed}"


def _issue(path: Path, line: int | None, field: str, message: str) -> Issue:
    return Issue(message, Location(str(path), line, None, field))


def _toml_error(path: Path, error: tomllib.TOMLDecodeError) -> UsageError:
    message = str(error)
    match = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    line = int(match.group(1)) if match else None
    column = int(match.group(2)) if match else None
    reason = message[: match.start()].strip() if match else message
    where = Location(str(path), line, column)
    return UsageError(f"{path}: not valid TOML", [Issue(f"not valid TOML: {reason}", where)])


class _LineFinder:
    """Line numbers of tables and keys: tomllib gives values, not where they were written."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def table(self, name: str) -> int | None:
        header = re.compile(rf"\s*\[\s*\"?{re.escape(name)}\"?\s*\]")
        return next((n for n, line in enumerate(self.lines, 1) if header.match(line)), None)

    def key(self, table: str, key: str) -> int | None:
        start = self.table(table) or 0
        pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number, line in enumerate(self.lines[start:], start + 1):
            if line.lstrip().startswith("[") and number > start + 1 and start:
                break
            if pattern.match(line):
                return number
        return None
