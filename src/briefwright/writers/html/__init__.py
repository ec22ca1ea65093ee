"""Self-contained HTML5 from the document tree, for browsers and mail clients.

One UTF-8 file with its CSS in a <style> element built from the theme: no scripts, no external
requests (no remote fonts, images or stylesheets; a letterhead's logo is inside the file as a
data: URI), every text escaped, and only http(s) and mailto links clickable.
"""

from __future__ import annotations

import base64
import re

from briefwright.doctree import nodes
from briefwright.errors import RenderError
from briefwright.i18n.texts import furniture_texts
from briefwright.logo import read_logo
from briefwright.markings import TLP_BACKGROUND
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.html.body import HANDLERS, esc, render_blocks
from briefwright.writers.html.style import page_rules, stylesheet
from briefwright.writers.running import SEPARATOR, footer_parts, header_parts, logo_alt

__all__ = ["HANDLERS", "write"]

_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_TITLE_BLOCK = (nodes.Title, nodes.Subtitle, nodes.MetaLine)
_PX_PER_MM = 96 / 25.4  # CSS pixels


def write(doc: nodes.Document, theme: Theme, options: WriteOptions) -> bytes:
    """Render the tree as one self-contained HTML5 document, UTF-8 encoded."""
    meta = doc.meta
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(_language(meta.language, options))}">',
        _head(meta, theme, options),
        "<body>",
        '<div class="page">',
        _banner(meta, "top"),
        _draft(meta, "top"),
        _letterhead(theme) or _running(meta),
        "<main>",
        _body(doc.children),
        "</main>",
        _furniture(meta),
        _draft(meta, "bottom"),
        _banner(meta, "bottom"),
        "</div>",
        "</body>",
        "</html>",
        "",
    ]
    text = "\n".join(part for part in parts if part)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Only a lone surrogate (e.g. from a JSON "\ud800" escape) gets here.
        bad = exc.object[exc.start]
        raise RenderError(f"html: cannot encode character U+{ord(bad):04X} as UTF-8") from None


# --- the page around the body -------------------------------------------------------------


def _head(meta: nodes.DocMeta, theme: Theme, options: WriteOptions) -> str:
    named = {
        "author": meta.author or meta.organization,
        "description": meta.subject,
        "keywords": ", ".join(meta.keywords),
        "date": meta.date,
        "marking": meta.marking,
        "status": meta.status,
        "version": meta.version,
        "reference": meta.reference,
        "generator": f"briefwright {options.version}".strip(),
    }
    lines = [
        "<head>",
        '<meta charset="utf-8">',
        # Belt and braces for browsers: even a bug upstream cannot load or run anything.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{esc(meta.title)}</title>",
        *(f'<meta name="{name}" content="{esc(value)}">' for name, value in named.items() if value),
        f"<style>\n{stylesheet(theme)}</style>",
        # Apart, being the one stylesheet that names this briefing (its running header and
        # footer): the theme's stays the same for every briefing, so a page can allow it by hash.
        f'<style media="print">\n{page_rules(meta, theme)}</style>',
        "</head>",
    ]
    return "\n".join(lines)


def _language(language: str, options: WriteOptions) -> str:
    if _LANG_TAG.fullmatch(language):
        return language
    options.warn(f"html: language {language!r} is not a language tag; using 'und'")
    return "und"


def _banner(meta: nodes.DocMeta, where: str) -> str:
    """The marking: a TLP label in its standard colours, any other a centred banner."""
    if not meta.marking:
        return ""
    colour = meta.tlp_colour
    if colour is None:
        inner = f"<strong>{esc(meta.marking)}</strong>"
        return f'<div class="marking banner marking-{where}">{inner}</div>'
    # Inline as well as in <style>: some mail clients drop <style>, the label must survive.
    style = f"background:{TLP_BACKGROUND};color:{colour}"
    inner = f'<span class="tlp" style="{style}">{esc(meta.marking)}</span>'
    return f'<div class="marking marking-{where}">{inner}</div>'


def _draft(meta: nodes.DocMeta, where: str) -> str:
    if not meta.draft:
        return ""
    word = esc(furniture_texts(meta.language).draft)
    return f'<div class="draft draft-{where}"><strong>{word}</strong></div>'


def _running(meta: nodes.DocMeta) -> str:
    """The running header: who wrote it, reference and version, as the PDF's header has it."""
    lead, rest = header_parts(meta)
    parts = ([f"<strong>{esc(lead)}</strong>"] if lead else []) + [esc(part) for part in rest]
    return f'<header class="running"><p>{SEPARATOR.join(parts)}</p></header>' if parts else ""


def _letterhead(theme: Theme) -> str:
    """The theme's logo and letterhead lines, in place of the running header as on the PDF's
    page 1; the logo at the size the paged formats give it."""
    if not theme.letterhead and not theme.logo:
        return ""
    parts = []
    if theme.logo:
        logo = read_logo(theme.logo)
        width, height = (round(mm * _PX_PER_MM) for mm in logo.size_mm())
        source = f"data:{logo.content_type};base64,{base64.b64encode(logo.data).decode('ascii')}"
        alt = esc(logo_alt(theme))
        parts.append(f'<img src="{source}" alt="{alt}" width="{width}" height="{height}">')
    lines = [
        f'<p class="letterhead-{"lead" if number == 0 else "detail"}">{esc(line)}</p>'
        for number, line in enumerate(theme.letterhead)
    ]
    if lines:
        parts.append(f'<div class="letterhead-lines">{"".join(lines)}</div>')
    return f'<header class="letterhead">{"".join(parts)}</header>'


def _furniture(meta: nodes.DocMeta) -> str:
    """The running footer: the short title and the date the information is as of."""
    text = SEPARATOR.join(esc(part) for part in footer_parts(meta))
    return f'<footer class="furniture"><p>{text}</p></footer>' if text else ""


def _body(children: tuple[nodes.Block, ...]) -> str:
    """The blocks, with the leading title, subtitle and meta lines grouped as a title block."""
    count = 0
    while count < len(children) and isinstance(children[count], _TITLE_BLOCK):
        count += 1
    head = (
        f'<header class="title-block">\n{render_blocks(children[:count])}\n</header>'
        if count
        else ""
    )
    return "\n".join(part for part in (head, render_blocks(children[count:])) if part)
