"""The GFM writer's self-check: a parser must read the tree's text back from the output."""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefwright.errors import Issue, Location, RenderError


@functools.cache
def _gfm() -> MarkdownIt:
    # HTML stays on, as on GitHub, so that leaked tags show up as html tokens; strikethrough is
    # on so that a stray "~~" would eat text here as it would on GitHub.
    md = MarkdownIt("commonmark", {"linkify": False})
    return md.enable(["table", "strikethrough"])


def check_round_trip(markdown: str, expected: list[str]) -> None:
    """Raise RenderError unless a GFM parser reads each of `expected`'s texts back in order.

    `expected` holds one entry per paragraph, heading or table cell; whitespace runs compare
    equal and empty entries are ignored.
    """
    got = [text for text in map(_normalise, _texts(_gfm().parse(markdown))) if text]
    want = [text for text in map(_normalise, expected) if text]
    for got_text, want_text in zip(got + [""] * len(want), want + [""] * len(got), strict=False):
        if got_text != want_text:
            message = (
                "the Markdown output does not read back as the document: "
                f"expected {want_text!r}, a parser reads {got_text!r}"
            )
            raise RenderError(message, [Issue(message, Location(file="<markdown output>"))])


def reads_back(inline_markdown: str, text: str) -> bool:
    """Whether `inline_markdown` parses, as inline content, to `text` (whitespace folded)."""
    tokens = _gfm().parseInline(inline_markdown)
    return _normalise(" ".join(_texts(tokens))) == _normalise(text)


def _texts(tokens: list[Token]) -> list[str]:
    out = []
    for token in tokens:
        if token.type == "inline":
            out.append("".join(_inline_text(child) for child in token.children or ()))
        elif token.type in ("code_block", "fence", "html_block"):
            out.append(f"\x00{token.type}:{token.content}")  # never in the tree, always a mismatch
    return out


def _inline_text(token: Token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type in ("html_inline", "image"):
        return f"\x00{token.type}:{token.content}"
    return ""


def _normalise(text: str) -> str:
    return " ".join(text.split())
