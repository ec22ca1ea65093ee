"""Inline nodes to GFM: escaped text, emphasis that parses back as emphasis, code spans, links.

Handlers take (node, place, following sibling) and return Markdown. `place` says where the
inlines go: a BLOCK that may span lines, a single LINE (heading, attribution) or a table CELL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from briefwright.doctree import nodes
from briefwright.escaping import escape_text, protect_edges

BLOCK, LINE, CELL = "block", "line", "cell"
LINK_SCHEMES = ("http://", "https://", "mailto:")
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f<>]")
_URL_ESCAPE = re.compile(r"([()\\])")
_RUNS = {nodes.Strong: ("**", "__"), nodes.Emphasis: ("*", "_")}


def render_inlines(children: tuple[nodes.Inline, ...], place: str) -> str:
    """The Markdown of a run of inline nodes."""
    parts: list[str] = []
    delimiters: list[str] = []  # the delimiter of each emphasis part, "" for other parts
    for i, child in enumerate(children):
        following = children[i + 1] if i + 1 < len(children) else None
        if isinstance(child, nodes.Strong | nodes.Emphasis):
            inner = render_inlines(child.children, place)
            delimiter = _pick(_RUNS[type(child)], inner, parts[-1] if parts else "")
            # An empty pair of delimiters would be text (or a thematic break), not markup.
            parts.append(f"{delimiter}{protect_edges(inner)}{delimiter}" if inner else "")
            delimiters.append(delimiter if inner else "")
        else:
            parts.append(INLINE_HANDLERS[type(child)](child, place, following))
            delimiters.append("")
    _guard_flanking(parts, delimiters)
    return "".join(parts)


def _pick(delimiters: tuple[str, str], inner: str, before: str) -> str:
    """The first delimiter whose character touches no other run: "*a**b*" or "***a*b*" fuse."""
    for delimiter in delimiters:
        char = delimiter[0]
        # A backslash-escaped character at the end is text; only a bare one belongs to a run.
        touching = before.endswith(char) and not before.endswith("\\" + char)
        touching |= inner.endswith(char) and not inner.endswith("\\" + char)
        if not (touching or inner.startswith(char)):
            return delimiter
    return delimiters[0]


def has_emphasis(children: tuple[nodes.Inline, ...]) -> bool:
    """Whether a Strong or Emphasis sits anywhere in the inlines (links included)."""
    for child in children:
        if isinstance(child, nodes.Strong | nodes.Emphasis):
            return True
        if isinstance(child, nodes.Link) and has_emphasis(child.children):
            return True
    return False


def without_emphasis(children: tuple[nodes.Inline, ...]) -> tuple[nodes.Inline, ...]:
    """The same inlines with every Strong and Emphasis replaced by its content."""
    out: list[nodes.Inline] = []
    for child in children:
        if isinstance(child, nodes.Strong | nodes.Emphasis):
            out += without_emphasis(child.children)
        elif isinstance(child, nodes.Link):
            out.append(nodes.Link(child.url, without_emphasis(child.children)))
        else:
            out.append(child)
    return tuple(out)


def _guard_flanking(parts: list[str], delimiters: list[str]) -> None:
    """Make each emphasis delimiter parse as one, whatever text sits outside it.

    CommonMark only opens "*(" after a space or punctuation, and "_" never inside a word; when
    a letter outside blocks that, the letter is written as a character reference (a ";").
    """
    for i, delimiter in enumerate(delimiters):
        if not delimiter:
            continue
        run = parts[i]
        if i > 0 and parts[i - 1] and _blocks(delimiter, run[len(delimiter)], parts[i - 1][-1]):
            parts[i - 1] = _reference_last(parts[i - 1])
        after = parts[i + 1] if i + 1 < len(parts) else ""
        if after and _blocks(delimiter, run[-len(delimiter) - 1], after[0]):
            parts[i + 1] = f"&#{ord(after[0])};" + after[1:]


def _blocks(delimiter: str, inner: str, outer: str) -> bool:
    if _flanks_freely(outer):
        return False
    return delimiter[0] == "_" or _flanks_freely(inner)


def _flanks_freely(char: str) -> bool:
    """Whitespace or punctuation (CommonMark counts Unicode P and S categories as such)."""
    category = unicodedata.category(char)
    return char in " \t\n\r\f\v" or category == "Zs" or category[0] in "PS"


def _reference_last(part: str) -> str:
    head, char = part[:-1], part[-1]
    # A lone backslash before the letter was literal; before "&" it would become an escape.
    if (len(head) - len(head.rstrip("\\"))) % 2:
        head += "\\"
    return f"{head}&#{ord(char)};"


def _text(node: nodes.Text, place: str, following: object) -> str:
    return escape_text(node.text, before_link=isinstance(following, nodes.Link))


def _code(node: nodes.Code, place: str, following: object) -> str:
    text = node.text.replace("\n", " ")
    if place == CELL:
        text = text.replace("|", "\\|")  # GFM splits cells before it sees code spans
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padded = text.startswith("`") or text.endswith("`") or (text[:1] == text[-1:] == " ")
    return f"{fence} {text} {fence}" if padded and text.strip() else f"{fence}{text}{fence}"


def _link(node: nodes.Link, place: str, following: object) -> str:
    text = render_inlines(node.children, place)
    if not node.url.lower().startswith(LINK_SCHEMES):
        return text  # the tree contract allows no other scheme; never emit one
    destination = _URL_ESCAPE.sub(r"\\\1", _URL_UNSAFE.sub(_percent, node.url))
    return f"[{text}]({destination})"


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def _line_break(node: nodes.LineBreak, place: str, following: object) -> str:
    # Headings and table cells are one line, so a break there can only be a space.
    return "\\\n" if place == BLOCK else " "


def _run_handler(node: nodes.Strong | nodes.Emphasis, place: str, following: object) -> str:
    # Emphasis needs its neighbours, so render_inlines handles it; this keeps the table whole.
    return render_inlines((node,), place)


INLINE_HANDLERS: dict[type, Callable[..., str]] = {
    nodes.Text: _text,
    nodes.Strong: _run_handler,
    nodes.Emphasis: _run_handler,
    nodes.Code: _code,
    nodes.Link: _link,
    nodes.LineBreak: _line_break,
}
