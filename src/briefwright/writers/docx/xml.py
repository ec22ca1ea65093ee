"""Small WordprocessingML helpers: element building, XML-safe text, language of each run."""

from __future__ import annotations

import copy
import re
from functools import lru_cache

from docx.oxml.ns import nsmap
from docx.oxml.parser import oxml_parser
from lxml import etree

# lxml's element class, under the name its type stubs give it
Element = etree._Element

# Characters XML 1.0 forbids (and lone surrogates); the loader rejects them, but a writer must
# never emit a file Word refuses to open, so they are dropped again here.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ARMENIAN = "\u0530-\u058f\ufb13-\ufb17"
_CYRILLIC = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
_SCRIPT_LANGS = ((re.compile(f"[{_ARMENIAN}]"), "hy-AM"), (re.compile(f"[{_CYRILLIC}]"), "ru-RU"))
_ANY_SCRIPT = re.compile(f"[{_ARMENIAN}{_CYRILLIC}]")
_NEUTRAL = re.compile(r"[\W\d_]", re.UNICODE)


def clean(text: str) -> str:
    """The text with every character XML cannot carry removed."""
    return _XML_FORBIDDEN.sub("", text)


_W = nsmap["w"]
_W_DECLARATION = {"w": _W}


def el(
    tag: str, children: tuple[etree._Element, ...] = (), /, **attrs: str | int | float
) -> etree._Element:
    """A `w:` element; attribute names are given without prefix (`val="x"` -> `w:val`)."""
    # what python-docx's OxmlElement does, without building a prefixed-tag object per call:
    # a writer makes about a thousand elements per briefing
    attrib = {f"{{{_W}}}{k}": str(v) for k, v in attrs.items()}
    element = oxml_parser.makeelement(f"{{{_W}}}{tag}", attrib=attrib, nsmap=_W_DECLARATION)
    element.extend(children)
    return element


def clone(template: etree._Element) -> etree._Element:
    """A copy of `template` and everything inside it, for stamping out prepared elements."""
    # lxml copies the whole subtree either way; copy.deepcopy adds memo bookkeeping on top
    return copy.copy(template)


def text_run_segments(text: str, default_lang: str) -> list[tuple[str, str]]:
    """Split text into (segment, language) pieces so runs in a known script get its tag.

    Spaces, digits and punctuation stay with the segment they follow, so a sentence in one
    script is one run.
    """
    if not _ANY_SCRIPT.search(text):
        # the common case, one search instead of a match per character: every letter takes
        # the default language and the rest follows it, so the text is one run
        return [(text, default_lang)] if text else []
    segments: list[tuple[str, str]] = []
    for char in text:
        lang = None if _NEUTRAL.match(char) else (_script_lang(char) or default_lang)
        if segments and (lang is None or lang == segments[-1][1]):
            segments[-1] = (segments[-1][0] + char, segments[-1][1])
        else:
            segments.append((char, lang or default_lang))
    return segments


@lru_cache(maxsize=4096)
def _script_lang(char: str) -> str | None:
    for pattern, lang in _SCRIPT_LANGS:
        if pattern.match(char):
            return lang
    return None
