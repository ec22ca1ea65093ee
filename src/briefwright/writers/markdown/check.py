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
    got = [text for text, _ in _read(markdown, {})]
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
    return _normalise(" ".join(map(_block_text, tokens))) == _normalise(text)


def all_read_back(markdown: str, expected: list[str], runs: dict[int, tuple[str, str]]) -> bool:
    """Whether check_round_trip(markdown, expected) passes and reads_back holds for each run.

    `runs` maps an index of `expected` to the (inline Markdown, text) of the run written there.
    One parse of the whole output answers both: markdown-it parses a paragraph's content
    exactly as parseInline parses the same string (same inline rules, same normalised input),
    as long as no reference definition could resolve a link in one and not the other. So where
    the content markdown-it found for the run's block is the run itself, the check's tokens are
    reads_back's tokens; only other runs (a callout title after its marker, a line whose start
    was escaped) are parsed again on their own.
    """
    env: dict = {}
    read = _read(markdown, env)
    want = [(index, text) for index, text in enumerate(map(_normalise, expected)) if text]
    if [text for text, _ in read] != [text for _, text in want]:
        return False
    token_of = {index: token for (index, _), (_, token) in zip(want, read, strict=True)}
    for index, (run, text) in runs.items():
        token = token_of.get(index)
        if token and token.type == "inline" and token.content == run and "references" not in env:
            if _normalise(_block_text(token)) != _normalise(text):
                return False
        elif not reads_back(run, text):
            return False
    return True


def _read(markdown: str, env: dict) -> list[tuple[str, Token]]:
    """The folded, non-empty text of each block a GFM parser finds, with the block's token."""
    read = []
    for token in _gfm().parse(markdown, env):
        if token.type in ("inline", "code_block", "fence", "html_block"):
            text = _normalise(_block_text(token))
            if text:
                read.append((text, token))
    return read


def _block_text(token: Token) -> str:
    if token.type == "inline":
        return "".join(_inline_text(child) for child in token.children or ())
    return f"\x00{token.type}:{token.content}"  # never in the tree, always a mismatch


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
