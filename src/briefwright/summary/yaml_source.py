"""YAML text -> plain data and field positions, without ever constructing tagged objects.

PyYAML composes a node tree (SafeLoader's resolver decides each plain scalar's tag); we convert
that tree ourselves, so `!!python/...` and other tags can never run code, aliases are refused
before anything is expanded, and every field's line and column are kept.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefwright.summary.paths import FieldPath, Positions, SourceProblem, duplicate_key
from briefwright.summary.raw import RawScalar

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted; a summary needs 4."""

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = SafeConstructor()
_BUILD = {
    _TAG + "int": _CONSTRUCTOR.construct_yaml_int,
    _TAG + "float": _CONSTRUCTOR.construct_yaml_float,
    _TAG + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _TAG + "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


def _where(node_or_mark: Any) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return mark.line + 1, mark.column + 1


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and caps nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise SourceProblem(
                f"YAML aliases (*{event.anchor}) are not allowed; write the value out",
                *_where(event),
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise SourceProblem(
                    f"nesting deeper than {MAX_DEPTH} levels", *_where(self.peek_event())
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def compose(text: str) -> Node | None:
    """Compose one YAML document into nodes; SourceProblem for any syntax error."""
    loader = None
    try:
        loader = _Loader(text)  # the reader checks every character here already
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(str(p) for p in (error.context, error.problem) if p)
        if error.context_mark and mark and error.context_mark.line != mark.line:
            message += f" (it started on line {error.context_mark.line + 1})"
        raise SourceProblem(f"not valid YAML: {message}", *_where(mark)) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise SourceProblem(
            f"the character U+{error.character:04X} is not allowed in a YAML file", line, column
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


class _Converter:
    """Walk a node tree into plain data, recording positions and collecting problems."""

    def __init__(self) -> None:
        self.positions: Positions = {}
        self.problems: list[SourceProblem] = []

    def convert(self, node: Node, path: FieldPath) -> Any:
        if isinstance(node, MappingNode) and node.tag == _TAG + "map":
            return self._mapping(node, path)
        if isinstance(node, SequenceNode) and node.tag == _TAG + "seq":
            return [self._item(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, ScalarNode) and node.tag in _SCALAR_TAGS:
            return self._scalar(node)
        self._problem(f"the YAML tag {_short_tag(node.tag)} is not allowed", node, path)
        return None

    def _item(self, node: Node, path: FieldPath) -> Any:
        self.positions[path] = _where(node)
        return self.convert(node, path)

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self._problem("YAML merge keys (<<) are not allowed", key_node, path)
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                self._problem("keys must be plain names", key_node, path)
                continue
            key = key_node.value  # the text written, so `yes:` or `1:` stay names
            child = (*path, key)
            if key in result:
                message = duplicate_key(key, self.positions[child], _where(key_node))
                self._problem(message, key_node, child)
                continue
            self.positions[child] = _where(key_node)
            result[key] = self.convert(value_node, child)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _TAG + "str":
            return node.value
        if node.tag == _TAG + "null":
            return None
        try:
            value = _BUILD[node.tag](node)
        except (ValueError, OverflowError):
            return node.value  # e.g. 2025-02-30: let the field's validator explain
        return RawScalar(node.value, value) if node.style is None else value

    def _problem(self, message: str, node: Node, path: FieldPath) -> None:
        self.problems.append(SourceProblem(message, *_where(node), path))


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def yaml_to_data(text: str) -> tuple[Any, Positions, list[SourceProblem]]:
    """Convert YAML text into (plain data, positions, problems); raises SourceProblem on syntax."""
    node = compose(text)
    converter = _Converter()
    if node is None:
        return None, converter.positions, []
    converter.positions[()] = _where(node)
    data = converter.convert(node, ())
    return data, converter.positions, converter.problems
