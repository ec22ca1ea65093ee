"""The stylesheet of the HTML output, built from the theme's fonts, sizes and colours."""

from __future__ import annotations

import re

from briefwright.doctree.nodes import DocMeta
from briefwright.errors import RenderError
from briefwright.i18n.texts import furniture_texts
from briefwright.markings import TLP_BACKGROUND
from briefwright.theme import Theme

_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def stylesheet(theme: Theme) -> str:
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
.marking.banner {{ text-align: center; text-transform: uppercase; font-size: 11pt;
  letter-spacing: 0.05em; }}
.draft {{ text-align: center; margin: 0 0 1em; padding: 0.3em;
  border: 2px dashed {c["muted_color"]}; color: {c["muted_color"]}; font-size: 14pt;
  letter-spacing: 0.3em; }}
.draft-bottom {{ margin: 1em 0 0; }}
@media print {{ .page {{ max-width: none; padding: 0; }} }}
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


def page_rules(meta: DocMeta, theme: Theme) -> str:
    """@page rules that print the marking (and DRAFT) in the margins of every printed page.

    Browsers that do not draw page-margin boxes still print the banners at the start and end of
    the document, which stay in the flow for that reason.
    """
    if not meta.marking and not meta.draft:
        return ""
    font = f"font-family: {_font_stack(theme.font_family)}; font-weight: bold"
    boxes = []
    if meta.draft:
        word = _css_string(furniture_texts(meta.language).draft)
        draft = f"content: {word}; {font}; font-size: 10pt; color: {_colour(theme.muted_color)}"
        boxes += [f"@top-left {{ {draft}; }}", f"@bottom-left {{ {draft}; }}"]
    if meta.tlp_colour:
        label = (
            f"content: {_css_string(meta.marking)}; {font}; font-size: 12pt; "
            f"color: {_colour(meta.tlp_colour)}; background: {TLP_BACKGROUND}; padding: 0 2mm"
        )
        boxes += [f"@top-right {{ {label}; }}", f"@bottom-right {{ {label}; }}"]
    elif meta.marking:
        banner = f"content: {_css_string(meta.marking)}; {font}; font-size: 11pt"
        boxes += [f"@top-center {{ {banner}; }}", f"@bottom-center {{ {banner}; }}"]
    inner = "\n  ".join(boxes)
    return f"@page {{ margin: 20mm 18mm;\n  {inner}\n}}\n"


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string: every character but letters, digits and a few safe ones
    escaped, so nothing can end the string or the rule."""
    return (
        '"'
        + "".join(ch if ch.isalnum() or ch in " -_:+" else f"\\{ord(ch):x} " for ch in text)
        + '"'
    )


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
