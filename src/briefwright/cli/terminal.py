"""What the commands print: data made safe for a terminal, and where each kind of line goes.

File names, field values and template descriptions are data: an ANSI escape, a BEL or a bare
carriage return in one must not reach the terminal raw. Such characters are shown as escapes
(\\x1b, \\r) instead. A result on standard output is one line, so a line break in it is shown
as \\n too; a message may be several lines (a template not found lists where it looked).
"""

from __future__ import annotations

import re

import click

# C0 and C1 controls (tab excepted), DEL, and the bidirectional overrides and isolates that
# can make text read in another order than it is stored.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str, *, lines: bool = False) -> str:
    """`text` with every control character shown as a visible escape; `lines` keeps \\n."""
    if lines:
        return "\n".join(_CONTROL.sub(_escape, line) for line in text.split("\n"))
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\r": "\\r"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def say(text: str) -> None:
    """A line of results on standard output (a path, a listing row), made safe."""
    click.echo(clean(text))


def tell(text: str) -> None:
    """A message on standard error (an error, a warning, a note), made safe."""
    click.echo(clean(text, lines=True), err=True)


def error_line(line: str, name: str) -> str:
    """An error line that names its file; one that does not is prefixed with `name`."""
    return line if ":" in line else f"{name}: {line}"
