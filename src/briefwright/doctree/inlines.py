"""A block's inline content, from markdown-it's nodes to ours: text, breaks, code, emphasis, links.

Adjacent text is joined (markdown-it splits it at escapes) and links keep only http, https and
mailto targets; any other target leaves just the link's text. A space before a dash becomes a
no-break space, so no format starts a line with a lone dash.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefwright.doctree import nodes
from briefwright.doctree.mdtree import Node
from briefwright.errors import RenderError

LINK_SCHEMES = ("http://", "https://", "mailto:")

_SPACED_DASH = re.compile(" +([\u2013\u2014])")  # en and em dash set off by a space
# How the caller reports a node no inline can be made of, at its source line.
Unsupported = Callable[[int, Node], RenderError]


class InlineConverter:
    """Converts the inlines of one block, counting line breaks so an error names its own line."""

    def __init__(self, line: int, unsupported: Unsupported) -> None:
        self.line = line
        self.unsupported = unsupported

    def convert(self, children: list[Node]) -> tuple[nodes.Inline, ...]:
        out: list[nodes.Inline] = []
        for child in children:
            out.extend(self.inline(child))
        return _merge_text(out)

    def inline(self, node: Node) -> tuple[nodes.Inline, ...]:
        if node.type == "text":
            return (nodes.Text(node.content),)
        if node.type in ("softbreak", "hardbreak"):
            self.line += 1
            return (nodes.Text(" "),) if node.type == "softbreak" else (nodes.LineBreak(),)
        if node.type == "code_inline":
            return (nodes.Code(node.content),)
        if node.type == "strong":
            return (nodes.Strong(self.convert(node.children)),)
        if node.type == "em":
            return (nodes.Emphasis(self.convert(node.children)),)
        if node.type == "link":
            children = self.convert(node.children)
            href = str(node.attrs.get("href", ""))
            return (
                (nodes.Link(href, children),) if href.lower().startswith(LINK_SCHEMES) else children
            )
        raise self.unsupported(self.line, node)


def _merge_text(inlines: list[nodes.Inline]) -> tuple[nodes.Inline, ...]:
    """Join adjacent Text nodes and drop empty ones."""
    out: list[nodes.Inline] = []
    for node in inlines:
        previous = out[-1] if out else None
        if isinstance(node, nodes.Text) and not node.text:
            continue
        if isinstance(node, nodes.Text) and isinstance(previous, nodes.Text):
            out[-1] = nodes.Text(previous.text + node.text)
        else:
            out.append(node)
    return tuple(_keep_dash(node) for node in out)


def _keep_dash(node: nodes.Inline) -> nodes.Inline:
    if isinstance(node, nodes.Text) and ("\u2013" in node.text or "\u2014" in node.text):
        return nodes.Text(bind_dashes(node.text))
    return node


def bind_dashes(text: str) -> str:
    """`text` with each spaced en or em dash bound to the word before it by a no-break space."""
    return _SPACED_DASH.sub("\u00a0\\1", text)
