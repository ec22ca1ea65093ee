"""JSON text -> plain data and field positions, with duplicate keys and NaN refused.

The standard json module does not report where values sit, so this is a small recursive
descent parser that reuses json's own string scanner and number pattern.
"""

from __future__ import annotations

import bisect
import json.decoder
import json.scanner
import math
from typing import Any

from briefwright.summary.paths import FieldPath, Positions, SourceProblem, duplicate_key

MAX_DEPTH = 32
"""Deepest nesting of arrays and objects accepted; a summary needs 4."""
MAX_NUMBER_DIGITS = 30
"""Longest number accepted: no summary field needs more, and longer ones only cost time."""

_WHITESPACE = " \t\n\r"
_LITERALS = {"true": True, "false": False, "null": None}


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: Positions = {}
        self.problems: list[SourceProblem] = []
        self._line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def where(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def fail(self, message: str, offset: int, path: FieldPath = ()) -> SourceProblem:
        return SourceProblem(message, *self.where(offset), path)

    def skip(self, i: int) -> int:
        while i < len(self.text) and self.text[i] in _WHITESPACE:
            i += 1
        return i

    def value(self, i: int, path: FieldPath, depth: int) -> tuple[Any, int]:
        i = self.skip(i)
        if i >= len(self.text):
            raise self.fail("not valid JSON: the text ends where a value was expected", i)
        char = self.text[i]
        if char in "{[":
            if depth >= MAX_DEPTH:
                raise self.fail(f"nesting deeper than {MAX_DEPTH} levels", i)
            parse = self.object if char == "{" else self.array
            return parse(i + 1, path, depth + 1)
        if char == '"':
            return self.string(i)
        return self.scalar(i, path)

    def string(self, i: int) -> tuple[str, int]:
        try:
            # json's own string scanner: in the module, though typeshed leaves it out
            return json.decoder.scanstring(self.text, i + 1, True)  # type: ignore[attr-defined]
        except json.JSONDecodeError as error:
            message = error.msg
            if message.startswith("Invalid control character"):
                code = ord(self.text[error.pos])
                message = f"the control character U+{code:04X} must be escaped (\\t, \\n, \\u00XX)"
            raise self.fail(f"not valid JSON: {message}", error.pos) from None

    def scalar(self, i: int, path: FieldPath) -> tuple[Any, int]:
        for word, value in _LITERALS.items():
            if self.text.startswith(word, i):
                return value, i + len(word)
        for word in ("NaN", "Infinity", "-Infinity"):
            if self.text.startswith(word, i):
                message = "NaN and Infinity are not numbers a summary can hold"
                return self.refuse(message, i, path, word)
        match = json.scanner.NUMBER_RE.match(self.text, i)
        if not match:
            word = self.text[i : i + 10].split()[0]
            raise self.fail(f"not valid JSON: unexpected {word!r}", i, path)
        if match.end() - i > MAX_NUMBER_DIGITS:
            message = f"number longer than {MAX_NUMBER_DIGITS} characters"
            return self.refuse(message, i, path, match.group())
        integer, fraction, exponent = match.groups()
        if fraction or exponent:
            number = float(match.group())
            if not math.isfinite(number):
                return self.refuse("number too large", i, path, match.group())
            return number, match.end()
        return int(integer), match.end()

    def refuse(self, message: str, i: int, path: FieldPath, text: str) -> tuple[None, int]:
        """Record a value we will not hold and go on, so that later problems are found too."""
        self.problems.append(self.fail(message, i, path))
        return None, i + len(text)

    def object(self, i: int, path: FieldPath, depth: int) -> tuple[dict[str, Any], int]:
        result: dict[str, Any] = {}
        i = self.skip(i)
        if self.text.startswith("}", i):
            return result, i + 1
        while True:
            i = self.skip(i)
            if not self.text.startswith('"', i):
                raise self.fail("not valid JSON: expected a key in double quotes", i, path)
            key_at = i
            key, i = self.string(i)
            i = self.expect(":", i, path)
            child = (*path, key)
            value, i = self.value(i, child, depth)
            if key in result:
                message = duplicate_key(key, self.positions[child], self.where(key_at))
                self.problems.append(self.fail(message, key_at, child))
            else:
                self.positions[child] = self.where(key_at)
                result[key] = value
            i = self.skip(i)
            if self.text.startswith("}", i):
                return result, i + 1
            i = self.expect(",", i, path)

    def array(self, i: int, path: FieldPath, depth: int) -> tuple[list[Any], int]:
        result: list[Any] = []
        i = self.skip(i)
        if self.text.startswith("]", i):
            return result, i + 1
        while True:
            child = (*path, len(result))
            self.positions[child] = self.where(self.skip(i))
            value, i = self.value(i, child, depth)
            result.append(value)
            i = self.skip(i)
            if self.text.startswith("]", i):
                return result, i + 1
            i = self.expect(",", i, path)

    def expect(self, char: str, i: int, path: FieldPath) -> int:
        i = self.skip(i)
        if not self.text.startswith(char, i):
            raise self.fail(f"not valid JSON: expected {char!r}", i, path)
        return i + 1


def json_to_data(text: str) -> tuple[Any, Positions, list[SourceProblem]]:
    """Convert JSON text into (plain data, positions, problems); raises SourceProblem on syntax."""
    parser = _Parser(text)
    start = parser.skip(0)
    if start == len(text):
        return None, parser.positions, []
    parser.positions[()] = parser.where(start)
    data, end = parser.value(start, (), 0)
    end = parser.skip(end)
    if end != len(text):
        raise parser.fail("not valid JSON: extra text after the end of the document", end)
    return data, parser.positions, parser.problems
