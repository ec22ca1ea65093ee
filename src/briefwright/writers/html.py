"""Self-contained HTML5 from the document tree, for browsers and mail clients.

One UTF-8 file with its CSS in a <style> element built from the theme: no scripts, no external
requests (no remote fonts, images or stylesheets), every text escaped, and only http(s) and
mailto links clickable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from briefwright.doctree import nodes
from briefwright.errors import Issue, Location, RenderError
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions

# Traffic Light Protocol 2.0: coloured label text on a black background.
TLP_COLOURS = {
    "TLP:RED": "#FF2B2B",
    "TLP:AMBER": "#FFC000",
    "TLP:AMBER+STRICT": "#FFC000",
    "TLP:GREEN": "#33FF00",
    "TLP:CLEAR": "#FFFFFF",
}
# Anchored at the start and free of whitespace and control characters, because browsers strip
# those from URLs and "java\tscript:" would otherwise turn back into a script link.
_SAFE_URL = re.compile(r"(?:https?://|mailto:)[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_LONG_WORD = re.compile(r"\S{30,}")
_TITLE_BLOCK = (nodes.Title, nodes.Subtitle, nodes.MetaLine)


def write(doc: nodes.Document, theme: Theme, options: WriteOptions) -> bytes:
    """Render the tree as one self-contained HTML5 document, UTF-8 encoded."""
    meta = doc.meta
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_esc(_language(meta.language, options))}">',
        _head(meta, theme, options),
        "<body>",
        '<div class="page">',
        _banner(meta.marking, "top"),
        "<main>",
        _body(doc.children),
        "</main>",
        _furniture(meta),
        _banner(meta.marking, "bottom"),
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
        "generator": f"briefwright {options.version}".strip(),
    }
    lines = [
        "<head>",
        '<meta charset="utf-8">',
        # Belt and braces for browsers: even a bug upstream cannot load or run anything.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{_esc(meta.title)}</title>",
        *(
            f'<meta name="{name}" content="{_esc(value)}">'
            for name, value in named.items()
            if value
        ),
        f"<style>\n{_css(theme)}</style>",
        "</head>",
    ]
    return "\n".join(lines)


def _language(language: str, options: WriteOptions) -> str:
    if _LANG_TAG.fullmatch(language):
        return language
    options.warn(f"html: language {language!r} is not a language tag; using 'und'")
    return "und"


def _banner(marking: str, where: str) -> str:
    """The handling marking, TLP labels in their standard colours, others plain."""
    if not marking.strip():
        return ""
    label = marking.strip().upper()
    colour = TLP_COLOURS.get(label)
    if colour is None:
        inner = f'<span class="plain">{_esc(marking.strip())}</span>'
    else:
        # Inline as well as in <style>: some mail clients drop <style>, the label must survive.
        inner = f'<span class="tlp" style="background:#000000;color:{colour}">{_esc(label)}</span>'
    return f'<div class="marking marking-{where}">{inner}</div>'


def _furniture(meta: nodes.DocMeta) -> str:
    parts = [meta.short_title.strip()]
    if meta.date_label.strip():
        parts.append(f"Information as of {meta.date_label.strip()}")
    text = " · ".join(_esc(part) for part in parts if part)
    return f'<footer class="furniture"><p>{text}</p></footer>' if text else ""


def _body(children: tuple[nodes.Block, ...]) -> str:
    """The blocks, with the leading title, subtitle and meta lines grouped as a title block."""
    count = 0
    while count < len(children) and isinstance(children[count], _TITLE_BLOCK):
        count += 1
    head = f'<header class="title-block">\n{_blocks(children[:count])}\n</header>' if count else ""
    return "\n".join(part for part in (head, _blocks(children[count:])) if part)


# --- nodes --------------------------------------------------------------------------------


def _esc(text: str) -> str:
    return escape(text, quote=True)


def _text(text: str) -> str:
    """Escaped text, with break opportunities inside very long words (URLs, identifiers).

    CSS that breaks words anywhere also lets a table squeeze a column letter by letter
    ("Decembe|r"); <wbr> breaks only the long words and leaves ordinary ones whole.
    """
    out, position = [], 0
    for match in _LONG_WORD.finditer(text):
        word = match.group()
        out.append(_esc(text[position : match.start()]))
        out.append("<wbr>".join(_esc(word[i : i + 20]) for i in range(0, len(word), 20)))
        position = match.end()
    out.append(_esc(text[position:]))
    return "".join(out)


def _render(node: object) -> str:
    handler = HANDLERS.get(type(node))
    if handler is None:
        where = Location(line=getattr(node, "line", None) or None)
        message = f"the HTML writer cannot render a {type(node).__name__} node"
        raise RenderError(message, [Issue(message, where)])
    return handler(node)


def _inlines(children: tuple[nodes.Inline, ...]) -> str:
    return "".join(_render(child) for child in children)


def _blocks(children: tuple[nodes.Block, ...]) -> str:
    return "\n".join(_render(child) for child in children)


def _wrap(tag: str, css_class: str = "") -> Callable[[object], str]:
    """A handler that puts a node's inline children in one element."""
    attrs = f' class="{css_class}"' if css_class else ""
    return lambda node: f"<{tag}{attrs}>{_inlines(node.children)}</{tag}>"


def _link(node: nodes.Link) -> str:
    if not _SAFE_URL.fullmatch(node.url):
        # The parser never makes such a Link; a hand-built tree still gets only its text.
        return _inlines(node.children)
    href = _esc(node.url)
    return f'<a href="{href}" rel="noopener noreferrer">{_inlines(node.children)}</a>'


def _heading(node: nodes.Heading) -> str:
    # The title is the page's h1, so body levels 1..3 become h2..h4.
    tag = f"h{min(max(node.level, 1), 3) + 1}"
    return f"<{tag}>{_inlines(node.children)}</{tag}>"


def _list_item(node: nodes.ListItem) -> str:
    return f"<li>{_blocks(node.children)}</li>"


def _bullet_list(node: nodes.BulletList) -> str:
    return "<ul>\n" + "\n".join(_render(item) for item in node.items) + "\n</ul>"


def _ordered_list(node: nodes.OrderedList) -> str:
    start = f' start="{int(node.start)}"' if node.start != 1 else ""
    return f"<ol{start}>\n" + "\n".join(_render(item) for item in node.items) + "\n</ol>"


def _quote(node: nodes.Quote) -> str:
    # The attribution sits outside <blockquote>, which by the HTML spec holds only the quote.
    parts = ['<div class="quote">', f"<blockquote>\n{_blocks(node.children)}\n</blockquote>"]
    if node.attribution:
        parts.append(f'<p class="attribution">— {_inlines(node.attribution)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def _callout(node: nodes.Callout) -> str:
    kind = re.sub(r"[^a-z0-9-]", "", node.kind.lower()) or "note"
    parts = [f'<div class="callout callout-{kind}" role="note">']
    if node.title:
        parts.append(f'<p class="callout-title">{_inlines(node.title)}</p>')
    parts += [_blocks(node.children), "</div>"]
    return "\n".join(parts)


def _table(node: nodes.Table) -> str:
    head = "".join(f'<th scope="col">{_inlines(cell)}</th>' for cell in node.header)
    rows = [
        "<tr>" + "".join(f"<td>{_inlines(cell)}</td>" for cell in row) + "</tr>"
        for row in node.rows
    ]
    return "\n".join(
        ['<table class="data">', f"<thead>\n<tr>{head}</tr>\n</thead>", "<tbody>"]
        + rows
        + ["</tbody>", "</table>"]
    )


HANDLERS: dict[type, Callable] = {
    nodes.Text: lambda node: _text(node.text),
    nodes.Strong: _wrap("strong"),
    nodes.Emphasis: _wrap("em"),
    nodes.Code: lambda node: f"<code>{_text(node.text)}</code>",
    nodes.Link: _link,
    nodes.LineBreak: lambda node: "<br>",
    nodes.Title: _wrap("h1", "title"),
    nodes.Subtitle: _wrap("p", "subtitle"),
    nodes.Heading: _heading,
    nodes.Paragraph: _wrap("p"),
    nodes.MetaLine: _wrap("p", "meta"),
    nodes.BulletList: _bullet_list,
    nodes.OrderedList: _ordered_list,
    nodes.ListItem: _list_item,
    nodes.Quote: _quote,
    nodes.Callout: _callout,
    nodes.Table: _table,
    nodes.ThematicBreak: lambda node: "<hr>",
}


# --- style --------------------------------------------------------------------------------


def _css(theme: Theme) -> str:
    """The stylesheet from the theme; every value is checked before it reaches the CSS."""
    c = {
        name: _colour(getattr(theme, name))
        for name in ("accent_color", "text_color", "muted_color", "callout_fill")
    }
    c["header_fill"] = _colour(theme.table_header_fill)
    h1, h2, h3 = (_pt(size) for size in theme.heading_sizes)
    return f"""\
body {{ margin: 0; background: #FFFFFF; color: {c["text_color"]};
  font-family: {_font_stack(theme.font_family)}; font-size: {_pt(theme.base_size)};
  line-height: {float(theme.line_spacing):g}; overflow-wrap: break-word; }}
.page {{ max-width: 46em; margin: 0 auto; padding: 1.25em 1.25em 2em; }}
.marking {{ text-align: right; margin: 0 0 1em; }}
.marking-bottom {{ margin: 1em 0 0; }}
.marking span {{ display: inline-block; font-size: 12pt; font-weight: bold; padding: 2px 8px; }}
.marking .tlp {{ background: #000000; font-family: "DejaVu Sans Mono", Consolas, monospace; }}
.title-block {{ border-bottom: 2px solid {c["accent_color"]}; margin-bottom: 1.25em; }}
h1.title {{ font-size: {_pt(theme.title_size)}; color: {c["accent_color"]};
  line-height: 1.2; margin: 0 0 0.3em; }}
.subtitle {{ font-size: {_pt(theme.subtitle_size)}; color: {c["muted_color"]}; margin: 0 0 0.8em; }}
.meta {{ font-size: {_pt(theme.meta_size)}; color: {c["muted_color"]}; margin: 0 0 0.3em; }}
.title-block > :last-child {{ margin-bottom: 1em; }}
h2, h3, h4 {{ color: {c["accent_color"]}; line-height: 1.25; margin: 1.3em 0 0.5em; }}
h2 {{ font-size: {h1}; }}
h3 {{ font-size: {h2}; }}
h4 {{ font-size: {h3}; }}
p {{ margin: 0 0 0.7em; }}
ul, ol {{ margin: 0 0 0.8em; padding-left: 1.5em; }}
li {{ margin: 0 0 0.35em; }}
li > p {{ margin: 0 0 0.35em; }}
a {{ color: {c["accent_color"]}; }}
code {{ font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.92em; }}
hr {{ border: 0; border-top: 1px solid {c["muted_color"]}; margin: 1.5em 0; }}
.callout {{ background: {c["callout_fill"]}; border-left: 4px solid {c["accent_color"]};
  padding: 0.8em 1em 0.2em; margin: 1em 0 1.2em; }}
.callout-title {{ font-weight: bold; color: {c["accent_color"]}; margin-bottom: 0.4em; }}
.quote {{ margin: 1em 0 1.2em; }}
.quote blockquote {{ margin: 0; padding: 0.1em 0 0.1em 1em;
  border-left: 3px solid {c["muted_color"]}; font-style: italic; }}
.quote .attribution {{ margin: 0.3em 0 0 1em; color: {c["muted_color"]};
  font-size: {_pt(theme.meta_size)}; }}
table.data {{ border-collapse: collapse; width: 100%; margin: 0.5em 0 1.2em; }}
table.data th, table.data td {{ border: 1px solid #C9D1DB; padding: 4px 8px;
  text-align: left; vertical-align: top; }}
table.data th {{ background: {c["header_fill"]}; }}
.furniture {{ margin-top: 2em; border-top: 1px solid {c["muted_color"]};
  color: {c["muted_color"]}; font-size: {_pt(theme.meta_size)}; }}
"""


def _colour(value: str) -> str:
    if not (isinstance(value, str) and _HEX_COLOUR.fullmatch(value)):
        raise RenderError(f"html: theme colour {value!r} is not like '#1F3A5F'")
    return value


def _pt(value: float) -> str:
    return f"{float(value):g}pt"


def _font_stack(family: str) -> str:
    """The theme's family as a CSS string (escaped, so it cannot end the rule), then fallbacks."""
    quoted = "".join(ch if ch.isalnum() or ch in " -_" else f"\\{ord(ch):x} " for ch in family)
    return f'"{quoted}", "DejaVu Sans", "Segoe UI", Arial, sans-serif'
