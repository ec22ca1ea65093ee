"""A stable, indented text dump of a document tree, for golden tests and debugging.

One node per line, two spaces of indent per level; text is JSON-quoted so that spaces, escapes and
any Unicode stay visible and unambiguous:

    Heading level=2 line=7
      Text "Key points"
    Table line=20
      header
        cell
          Text "Date"
      row
        cell
          Text "20 May 2025"
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields

from briefwright.doctree import nodes

# Fields whose children print without a label under their node; other node fields get one.
_UNLABELLED = ("children", "items")


def dump(tree: nodes.Document | Sequence[nodes.Block], *, lines: bool = True) -> str:
    """The dump of a Document (with its meta) or of a sequence of blocks; ends with a newline.

    `lines=False` leaves out source lines, for goldens that should not churn on template edits.
    """
    out: list[str] = []
    if isinstance(tree, nodes.Document):
        out.append("Document")
        out.extend(_meta(tree.meta))
        _children(tree.children, 1, out, lines)
    else:
        _children(tuple(tree), 0, out, lines)
    return "".join(line + "\n" for line in out)


def _meta(meta: nodes.DocMeta) -> list[str]:
    # Only the fields that are set, so goldens do not change when DocMeta gains a field.
    out: list[str] = []
    for f in fields(meta):
        value = getattr(meta, f.name)
        if value != f.default:
            shown = list(value) if isinstance(value, tuple) else value
            out.append(f"  meta.{f.name} = {json.dumps(shown, ensure_ascii=False)}")
    return out


def _node(node: nodes.Inline | nodes.Block, depth: int, out: list[str], lines: bool) -> None:
    pad = "  " * depth
    name = type(node).__name__
    if isinstance(node, nodes.Text | nodes.Code):
        out.append(f"{pad}{name} {json.dumps(node.text, ensure_ascii=False)}")
        return
    values = [(f.name, getattr(node, f.name)) for f in fields(node)]
    attrs = [f"{key}={_scalar(value)}" for key, value in values if _is_scalar(key, value)]
    line = getattr(node, "line", 0)
    if lines and line:
        attrs.append(f"line={line}")
    out.append(" ".join([pad + name, *attrs]))
    if isinstance(node, nodes.Table):
        _rows("header", (node.header,), depth + 1, out, lines)
        _rows("row", node.rows, depth + 1, out, lines)
        return
    # Child fields in declaration order: a Callout's title before its body, a Quote's after.
    for key, value in values:
        if isinstance(value, tuple) and value and key not in _UNLABELLED:
            out.append(f"{pad}  {key}")
            _children(value, depth + 2, out, lines)
        elif key in _UNLABELLED:
            _children(value, depth + 1, out, lines)


def _is_scalar(key: str, value: object) -> bool:
    return key != "line" and not isinstance(value, tuple)


Row = tuple[tuple[nodes.Inline, ...], ...]


def _rows(label: str, rows: tuple[Row, ...], depth: int, out: list[str], lines: bool) -> None:
    pad = "  " * depth
    for row in rows:
        out.append(pad + label)
        for cell in row:
            out.append(pad + "  cell")
            _children(cell, depth + 2, out, lines)


def _children(
    children: Sequence[nodes.Inline | nodes.Block], depth: int, out: list[str], lines: bool
) -> None:
    for child in children:
        _node(child, depth, out, lines)


def _scalar(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
