"""YAML text -> plain data and field positions, without ever constructing tagged objects.

We read PyYAML's event stream (from libyaml's C parser when it is installed: forty times faster
than the pure-Python one) and build plain data ourselves, iteratively. So `!!python/...` and
other tags can never run code, aliases are refused before anything is expanded, nesting depth
costs no recursion, and every field's line and column are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver, Resolver

from briefwright.summary.paths import FieldPath, Positions, SourceProblem, duplicate_key
from briefwright.summary.raw import RawScalar

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted; a summary needs 4."""
MAX_RESOLVED_CHARS = 100
"""A plain scalar longer than this is text, never a number, date or boolean."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = SafeConstructor()
_BUILD = {
    _TAG + "int": _CONSTRUCTOR.construct_yaml_int,
    _TAG + "float": _CONSTRUCTOR.construct_yaml_float,
    _TAG + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _TAG + "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


class _Resolver(BaseResolver):
    """YAML 1.1's implicit types without its oddities, so that plain text stays text.

    Base-60 numbers are gone (`1:30` was 90, and `1:1:1:...` cost quadratic time to convert),
    and so is the `=` value tag; a plain scalar too long to be a number, date or boolean is not
    matched at all, so resolving costs time linear in the text.
    """


_KEPT = {_TAG + name for name in ("bool", "null", "timestamp", "merge")}
for _first, _resolvers in Resolver.yaml_implicit_resolvers.items():
    for _tag, _pattern in _resolvers:
        if _tag in _KEPT:
            _Resolver.add_implicit_resolver(_tag, _pattern, [_first])
_Resolver.add_implicit_resolver(
    _TAG + "int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    _TAG + "float",
    re.compile(
        r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_RESOLVER = _Resolver()
# What YAML 1.1 allows in a stream (its c-printable set); checked here so that the position
# is a character position whichever parser runs.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_DISCARD = None  # the path of a value that is read but not kept (e.g. after a duplicate key)


def _where(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


@dataclass
class _Frame:
    """An open mapping or list: its data, its path, and for a mapping the key awaiting a value."""

    data: dict[str, Any] | list[Any] | None
    path: FieldPath | None
    key: str | None = None
    keep_value: bool = True
    items: int = 0


class _Builder:
    """Turn YAML events into plain data, recording positions and collecting problems."""

    def __init__(self) -> None:
        self.positions: Positions = {}
        self.problems: list[SourceProblem] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.AliasEvent):
            message = f"YAML aliases (*{event.anchor}) are not allowed; write the value out"
            raise SourceProblem(message, *_where(event))
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                message = "a summary file holds one YAML document; remove the second '---'"
                raise SourceProblem(message, *_where(event))
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._open(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.stack.pop()

    def _slot(self, event: Any) -> FieldPath | None:
        """The path of the value that starts with `event`, or _DISCARD if it is not kept."""
        if not self.stack:
            self.positions[()] = _where(event)
            return ()
        frame = self.stack[-1]
        if frame.path is None:
            return _DISCARD
        if isinstance(frame.data, list):
            item = (*frame.path, frame.items)
            frame.items += 1
            self.positions[item] = _where(event)
            return item
        value = (*frame.path, frame.key) if frame.keep_value and frame.key is not None else _DISCARD
        frame.key, frame.keep_value = None, True  # the mapping now waits for its next key
        return value

    def _attach(self, value: Any, path: FieldPath | None) -> None:
        if path is None:
            return
        data = self.stack[-1].data if self.stack else None
        if not self.stack:
            self.root = value
        elif isinstance(data, list):
            data.append(value)
        elif isinstance(data, dict) and isinstance(path[-1], str):
            data[path[-1]] = value

    def _awaiting_key(self) -> bool:
        frame = self.stack[-1] if self.stack else None
        return frame is not None and isinstance(frame.data, dict) and frame.key is None

    def _open(self, event: Any) -> None:
        if self._awaiting_key():
            self._problem("keys must be plain names", event, self.stack[-1].path)
            self._expect_value(keep=False)
            self.stack.append(_Frame(None, _DISCARD))
            return
        path = self._slot(event)
        if len(self.stack) >= MAX_DEPTH:
            raise SourceProblem(f"nesting deeper than {MAX_DEPTH} levels", *_where(event))
        mapping = isinstance(event, yaml.MappingStartEvent)
        tag = _resolve(event, MappingNode if mapping else SequenceNode)
        if path is not None and tag != _TAG + ("map" if mapping else "seq"):
            self._problem(f"the YAML tag {_short(tag)} is not allowed", event, path)
            self._attach(None, path)
            path = _DISCARD
        data: dict[str, Any] | list[Any] | None = None
        if path is not None:
            data = {} if mapping else []
            self._attach(data, path)
        self.stack.append(_Frame(data, path))

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        if self._awaiting_key():
            self._key(event)
            return
        path = self._slot(event)
        if path is None:
            return
        tag = _resolve(event, ScalarNode)
        if tag not in _SCALAR_TAGS:
            self._problem(f"the YAML tag {_short(tag)} is not allowed", event, path)
            self._attach(None, path)
            return
        self._attach(_scalar_value(event, tag), path)

    def _key(self, event: yaml.ScalarEvent) -> None:
        frame = self.stack[-1]
        mapping, parent = frame.data, frame.path
        if not isinstance(mapping, dict) or parent is None:
            return  # never: only a kept mapping awaits keys (_awaiting_key)
        tag = _resolve(event, ScalarNode)
        if tag == _TAG + "merge":
            self._problem("YAML merge keys (<<) are not allowed", event, frame.path)
            return self._expect_value(keep=False)
        if tag not in _SCALAR_TAGS:
            self._problem("keys must be plain names", event, frame.path)
            return self._expect_value(keep=False)
        key = event.value  # the text written, so `yes:` or `1:` stay names
        child = (*parent, key)
        if key in mapping:
            message = duplicate_key(key, self.positions[child], _where(event))
            self._problem(message, event, child)
            return self._expect_value(keep=False)
        self.positions[child] = _where(event)
        self._expect_value(keep=True, key=key)

    def _expect_value(self, keep: bool, key: str = "") -> None:
        frame = self.stack[-1]
        frame.key, frame.keep_value = key, keep

    def _problem(self, message: str, event: Any, path: FieldPath | None) -> None:
        self.problems.append(SourceProblem(message, *_where(event), path or ()))


def _resolve(event: Any, kind: type) -> str:
    if event.tag is not None and event.tag != "!":
        return event.tag
    value = event.value if kind is ScalarNode else None
    if value is not None and len(value) > MAX_RESOLVED_CHARS:
        return _TAG + "str"
    return _RESOLVER.resolve(kind, value, event.implicit)


def _scalar_value(event: yaml.ScalarEvent, tag: str) -> Any:
    if tag == _TAG + "str":
        return event.value
    if tag == _TAG + "null":
        return None
    # libyaml's events carry yaml._yaml.Mark, which the stubs do not count as a yaml.Mark
    start, end = event.start_mark, event.end_mark
    node = ScalarNode(tag, event.value, start, end, event.style)  # type: ignore[arg-type]
    try:
        value = _BUILD[tag](node)
    except (ValueError, OverflowError):
        return event.value  # e.g. 2025-02-30: let the field's validator explain
    # Plain scalars have style None (Python parser) or '' (libyaml).
    return value if event.style else RawScalar(event.value, value)


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _check_printable(text: str) -> None:
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        message = f"the character U+{ord(bad.group()):04X} is not allowed in a YAML file"
        raise SourceProblem(message, line, column)


def yaml_to_data(text: str) -> tuple[Any, Positions, list[SourceProblem]]:
    """Convert YAML text into (plain data, positions, problems); raises SourceProblem on syntax."""
    _check_printable(text)
    builder = _Builder()
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error, text) from None
    return builder.root, builder.positions, builder.problems


def _syntax_problem(error: yaml.MarkedYAMLError, text: str = "") -> SourceProblem:
    mark = error.problem_mark or error.context_mark
    # Both parsers mark every syntax error; the start of the file stands in if one did not.
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "maximum nesting depth" in str(error.problem):
        # libyaml 0.2.6 stops at 1,000 levels while scanning ahead, before our own limit is seen.
        return SourceProblem(f"nesting deeper than {MAX_DEPTH} levels", line, column)
    message = " ".join(str(p) for p in (error.context, error.problem) if p)
    if error.context_mark and mark and error.context_mark.line != mark.line:
        message += f" (it started on line {error.context_mark.line + 1})"
    hint = _colon_hint(str(error.problem), text, line)
    return SourceProblem(f"not valid YAML: {message}{hint}", line, column)


def _colon_hint(problem: str, text: str, line: int) -> str:
    """For a value holding ': ' (a title such as `Meeting: the outcome`), say to quote it."""
    if "mapping values are not allowed" not in problem:
        return ""
    lines = text.splitlines()
    written = lines[line - 1] if 0 < line <= len(lines) else ""
    key, colon, value = written.partition(": ")
    key, value = key.strip(), value.strip()
    # a value already quoted, a flow collection, or too long to repeat: the rule alone
    if not colon or not key or not value or value[0] in "\"'[{|>" or len(written) > 200:
        return "; a value holding ': ' must be put in quotes"
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"; a value holding ': ' must be put in quotes: {key}: {quoted}"
