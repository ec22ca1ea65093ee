"""Escape arbitrary text for CommonMark/GFM, at the two boundaries where text becomes markup.

`escape_markdown` guards values going *into* the template Markdown: it is blunt (every ASCII
punctuation character gets a backslash) so that a value parses back to itself wherever a template
puts it. `escape_text` and friends serve the GFM writer: they escape only what would otherwise
become markup at that position, following mdformat's `text()` rules, so the output stays readable.
"""

from __future__ import annotations

import re
import string

# CommonMark's whitespace, plus the C0/C1 separators that Python's str.strip() (used by
# markdown-it-py on paragraphs, headings and cells) also removes and that no entity can carry.
_COLLAPSIBLE_SPACE = re.compile(r"[ \t\n\r\f\v\x1c-\x1f\x85]+")
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# Unicode spaces that markdown-it-py strips at the edge of a block; a numeric character
# reference survives the strip and decodes back to the same character.
_UNICODE_SPACE = re.compile(r"[^\S \t\n\r\f\v\x1c-\x1f\x85]")


def collapse_whitespace(text: str) -> str:
    """`text` with each run of ASCII whitespace turned into one space, as escape_markdown does.

    NUL becomes U+FFFD, as CommonMark requires of every parser.
    """
    return _COLLAPSIBLE_SPACE.sub(" ", text.replace("\x00", "\ufffd"))


def escape_markdown(text: str) -> str:
    """Escape a value for the template Markdown so that it can only ever be literal text.

    Every ASCII punctuation character gets a backslash, whitespace runs collapse to one space
    (so a value never starts a new block), and Unicode spaces become character references (so
    they survive the stripping of block edges). Wherever a template places the result - in a
    paragraph, list item, table cell, heading or container - it parses back to
    `collapse_whitespace(text)`.
    """
    escaped = _PUNCTUATION.sub(r"\\\1", collapse_whitespace(text))
    return _UNICODE_SPACE.sub(lambda m: f"&#x{ord(m.group()):X};", escaped)


# --- the GFM writer's escaping ------------------------------------------------------------

# Characters that are markup wherever they sit in GFM text: emphasis and strikethrough
# delimiters, link brackets, code spans, raw HTML and autolinks, table pipes, and GitHub's
# math delimiter (it would turn "$5 and $10" into a formula).
_ALWAYS = re.compile(r"([*\[\]`<|~$])")
# "_" only delimits emphasis when it is not inside a word ("snake_case" stays as it is).
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# A backslash only escapes when ASCII punctuation follows, or makes a hard break at line end;
# before a space it may come to precede the "&#32;" that protects an edge space.
_BACKSLASH = re.compile(r"\\(?=[" + re.escape(string.punctuation) + r"]|\s|$)")
# "&" only matters when it would start a character reference.
_CHAR_REFERENCE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")

# Line starts that would open a block (mdformat's paragraph rules): ATX headings, block quotes,
# bullet and ordered list items, thematic breaks, setext underlines and table delimiter rows.
_LINE_START_RULES = (
    (re.compile(r"^(#{1,6})(?=[ \t]|$)"), r"\\\1"),
    (re.compile(r"^>"), r"\\>"),
    (re.compile(r"^([-+*])(?=[ \t]|$)"), r"\\\1"),
    (re.compile(r"^([0-9]{1,9})([.)])(?=[ \t]|$)"), r"\1\\\2"),
    (re.compile(r"^([-_*])(?=(?:[ \t]*\1){2,}[ \t]*$)"), r"\\\1"),
    (re.compile(r"^(=)(?==*[ \t]*$)"), r"\\\1"),
    (re.compile(r"^([-:])(?=[-:| \t]*$)"), r"\\\1"),
)
# Spaces a parser strips from a line's edges (markdown-it-py strips all Unicode whitespace).
_EDGE_SPACE = re.compile(r"^[^\S\n\r\x1c-\x1f\x85]+|[^\S\n\r\x1c-\x1f\x85]+$")


def escape_text(text: str, *, before_link: bool = False) -> str:
    """Escape the text of one Text node for GFM output, keeping it as readable as possible.

    `before_link` says a Link follows, so a final "!" must not turn it into an image.
    """
    text = _BACKSLASH.sub(r"\\\\", text.replace("\n", " ").replace("\r", " "))
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _CHAR_REFERENCE.sub(r"\\&", text)
    if before_link and text.endswith("!"):
        text = text[:-1] + "\\!"
    return text


def escape_line_start(line: str) -> str:
    """Escape what would open a block at the start of a rendered line of inline Markdown.

    Leading and trailing spaces become character references, since a parser strips them.
    """
    for pattern, replacement in _LINE_START_RULES:
        line = pattern.sub(replacement, line, count=1)
    return protect_edges(line)


def protect_edges(markdown: str) -> str:
    """Turn leading and trailing spaces into character references, which no parser strips."""
    return _EDGE_SPACE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), markdown)


def escape_heading_end(text: str) -> str:
    """Escape a trailing "#" that would otherwise be read as a closing ATX sequence."""
    return text[:-1] + "\\#" if text.endswith("#") else text
