"""The stylesheet of the HTML output: the house look (writers/look.py) as CSS, and print rules.

On screen the page shows its running header and footer in the flow. In print, `@page` takes the
theme's paper and margins, and its margin boxes carry the header, the footer, "Page X of Y"
and the marking on every page, as the PDF draws them; the header and footer in the flow are
then hidden. The marking banners stay in the flow as well, for browsers that do not draw
margin boxes.
"""

from __future__ import annotations

import re

from briefwright.doctree.nodes import DocMeta
from briefwright.errors import RenderError
from briefwright.i18n.texts import furniture_texts
from briefwright.markings import TLP_BACKGROUND
from briefwright.theme import Theme
from briefwright.writers.look import BULLETS, NUMBERS, Box, Rule, Text, look
from briefwright.writers.running import SEPARATOR, footer_parts, header_parts, page_number_parts

_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_BANNER_SIZE = 11.0  # points, of a banner marking in the page margins


def stylesheet(theme: Theme) -> str:
    """The stylesheet from the theme; every value is checked before it reaches the CSS."""
    house = look(theme)
    for name in ("accent_color", "text_color", "muted_color", "callout_fill", "table_header_fill"):
        _colour(getattr(theme, name))
    h1, h2, h3 = house.headings
    bar, table = house.title_bar, house.table
    return f"""\
body {{ margin: 0; background: #FFFFFF; color: {theme.text_color};
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
  border: 2px dashed {theme.muted_color}; color: {theme.muted_color}; font-size: 14pt;
  letter-spacing: 0.3em; }}
.draft-bottom {{ margin: 1em 0 0; }}
.running {{ {_type(house.furniture)} margin: 0 0 1.5em; padding-bottom: 2pt;
  border-bottom: {_line(house.furniture_rule)}; }}
.running strong {{ color: {theme.text_color}; }}
.furniture {{ {_type(house.furniture)} margin-top: 2em; padding-top: 2pt;
  border-top: {_line(house.furniture_rule)}; }}
.furniture p {{ margin: 0; }}
.letterhead {{ display: flex; align-items: center; gap: 5mm; margin: 0 0 1.5em; }}
.letterhead img {{ flex: none; }}
.letterhead p {{ margin: 0; }}
.letterhead-lead {{ font-weight: bold; font-size: {_pt(theme.base_size + 1.5)};
  color: {theme.accent_color}; }}
.letterhead-detail {{ font-size: {_pt(theme.meta_size)}; color: {theme.muted_color}; }}
h1.title {{ {_type(house.title)} margin: 0 0 {_pt(house.title.after)}; }}
h1.title::before {{ content: ""; display: block; width: {_pt(bar.length)};
  height: {_pt(bar.thickness)}; background: {bar.colour}; margin-bottom: {_pt(bar.after)}; }}
.subtitle {{ {_type(house.subtitle)} margin: 0 0 {_pt(house.subtitle.after)}; }}
.meta {{ {_type(house.meta)} margin: 0 0 {_pt(house.meta.after)}; }}
h2 {{ {_type(h1)} margin: {_pt(h1.before)} 0 {_pt(h1.after)}; }}
h3 {{ {_type(h2)} margin: {_pt(h2.before)} 0 {_pt(h2.after)}; }}
h4 {{ {_type(h3)} margin: {_pt(h3.before)} 0 {_pt(h3.after)}; }}
p {{ margin: 0 0 {_pt(house.body.after)}; }}
ul, ol {{ margin: 0 0 {_pt(house.list_after)}; padding-left: {_pt(house.list_indent)}; }}
li {{ margin: 0; }}
li > p {{ margin: 0 0 {_pt(house.body.after)}; }}
li::marker {{ color: {house.marker}; }}
{_markers()}
a {{ color: {theme.accent_color}; }}
code {{ font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.92em; }}
hr {{ border: 0; border-top: {_line(house.thematic_break)};
  margin: {_pt(house.thematic_break.before)} 0 {_pt(house.thematic_break.after)}; }}
{_box(".callout", house.callout)}
.callout > p {{ {_type(house.callout_body)} }}
.callout .callout-title {{ {_type(house.callout_title)}
  margin: 0 0 {_pt(house.callout_title.after)}; }}
.callout > :last-child, .callout > :last-child > li:last-child > :last-child {{ margin-bottom: 0; }}
{_box(".quote", house.quote)}
.quote blockquote {{ margin: 0; {_type(house.quote_text)} }}
.quote blockquote p {{ margin: 0 0 {_pt(house.quote_text.after)}; }}
.quote .attribution {{ {_type(house.attribution)} margin: 0; }}
table.data {{ border-collapse: collapse; width: 100%;
  margin: {_pt(table.before)} 0 {_pt(table.after)}; }}
table.data th, table.data td {{ {_type(table.cell)} text-align: left; vertical-align: top;
  padding: {_pt(table.padding_top)} {_pt(table.padding)} {_pt(table.padding_bottom)};
  border-bottom: {_line(table.row_rule)}; }}
table.data thead th {{ {_type(table.header)} background: {table.header_fill};
  border-top: {_line(table.header_rule_above)}; border-bottom: {_line(table.header_rule_below)}; }}
table.data tbody tr:nth-child(even) {{ background: {table.stripe}; }}
@media print {{ .page {{ max-width: none; padding: 0; }}
  .running, .furniture {{ display: none; }}
  h2, h3, h4 {{ break-after: avoid; }}
  .quote, table.data tr {{ break-inside: avoid; }}
  p, li {{ orphans: 2; widows: 2; }}
  thead {{ display: table-header-group; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }} }}
"""


def _markers() -> str:
    """The marker of each depth of bulleted and numbered lists, as the DOCX and PDF have it."""
    bullets = [_css_string(f"{bullet}  ") for bullet in BULLETS]
    rules = []
    for depth in range(3):
        for tag, kinds in (("ul", bullets), ("ol", NUMBERS)):
            # the depth counts lists of either kind, as Word's list levels do
            selector = ":is(ul, ol) " * depth + tag
            rules.append(f"{selector} {{ list-style-type: {kinds[depth]}; }}")
    return "\n".join(rules)


def _type(text: Text) -> str:
    """Declarations that set type as `text` says."""
    weight = "bold" if text.bold else "normal"
    style = "italic" if text.italic else "normal"
    caps = " text-transform: uppercase;" if text.caps else ""
    return (
        f"font-size: {_pt(text.size)}; line-height: {_pt(text.leading)}; color: "
        f"{_colour(text.colour)}; font-weight: {weight}; font-style: {style};{caps}"
    )


def _line(rule: Rule) -> str:
    return f"{_pt(rule.thickness)} solid {_colour(rule.colour)}"


def _box(selector: str, box: Box) -> str:
    fill = f" background: {_colour(box.fill)};" if box.fill else ""
    padding = f"{_pt(box.padding_top)} {_pt(box.padding)} {_pt(box.padding_bottom)}"
    return (
        f"{selector} {{{fill} border-left: {_line(box.bar)}; padding: {padding};\n"
        f"  margin: {_pt(box.before)} 0 {_pt(box.after)}; }}"
    )


# Where the PDF draws its furniture: the header's baseline 7 mm above the text, the footer's
# 9 mm below it, each TLP label a black box around its baseline.
_HEADER = "vertical-align: bottom; padding-bottom: 6.5mm"
_FOOTER = "vertical-align: top; padding-top: 7mm"
_LABEL = "height: 5.8mm; width: max-content; margin-left: auto; padding: 0 1mm"
_LABEL += "; vertical-align: middle"
_LABEL_AT = {"top": "margin-top: auto; margin-bottom: 5.8mm", "bottom": "margin-top: 4.4mm"}


def page_rules(meta: DocMeta, theme: Theme) -> str:
    """@page: the theme's paper and margins, and in the margins of every printed page the
    running header and footer, "Page X of Y", the marking and DRAFT, placed as in the PDF."""
    house = look(theme)
    family = f"font-family: {_font_stack(theme.font_family)}"
    small = f"{family}; font-size: {_pt(house.furniture.size)}; color: {house.furniture.colour}"
    draft = furniture_texts(meta.language).draft + SEPARATOR if meta.draft else ""
    lead, rest = header_parts(meta)
    header = SEPARATOR.join(part for part in (lead, *rest) if part)
    footer = SEPARATOR.join(footer_parts(meta))
    counters = {"page": "counter(page)", "total": "counter(pages)"}
    words = page_number_parts(meta.language)  # "Page ", "page", " of ", "total", ""
    number = " ".join(counters.get(w) or _css_string(w) for w in words if w)
    boxes = [f"@top-left {{ content: {_css_string(draft + header)}; {small}; {_HEADER}; }}"]
    if meta.tlp_colour:
        # beside the label, as in the PDF: in a centre box of its own it would squeeze the
        # footer into a third of the line
        before = draft + footer + SEPARATOR if footer else draft
        footer_content = f"{_css_string(before)} {number}" if before else number
        boxes.append(f"@bottom-left {{ content: {footer_content}; {small}; {_FOOTER}; }}")
    else:
        footer_content = _css_string(draft + footer)
        boxes.append(f"@bottom-left {{ content: {footer_content}; {small}; {_FOOTER}; }}")
        boxes.append(f"@bottom-right {{ content: {number}; {small}; {_FOOTER}; }}")
    if meta.tlp_colour:
        label = (
            f"content: {_css_string(meta.marking)}; {family}; font-weight: bold; font-size: 12pt;"
            f" color: {_colour(meta.tlp_colour)}; background: {TLP_BACKGROUND}; {_LABEL}"
        )
        boxes += [f"@{side}-right {{ {label}; {_LABEL_AT[side]}; }}" for side in ("top", "bottom")]
    elif meta.marking:
        banner = (
            f"content: {_css_string(meta.marking)}; {family}; font-weight: bold;"
            f" font-size: {_pt(_BANNER_SIZE)}; white-space: nowrap"  # never broken in two
        )
        boxes += [f"@top-center {{ {banner}; }}", f"@bottom-center {{ {banner}; }}"]
    width, height = theme.page_size_mm
    sides = (theme.margin_top_mm, theme.margin_right_mm, theme.margin_bottom_mm)
    margins = " ".join(f"{float(value):g}mm" for value in (*sides, theme.margin_left_mm))
    inner = "\n  ".join(boxes)
    rules = f"@page {{ size: {width:g}mm {height:g}mm; margin: {margins};\n  {inner}\n}}\n"
    if theme.letterhead or theme.logo:  # page 1 has the letterhead instead, as in the PDF
        rules += "@page :first { @top-left { content: none; } }\n"
    return rules


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
    return f"{round(float(value), 2):g}pt"


def _font_stack(family: str) -> str:
    """The theme's family as a CSS string (escaped, so it cannot end the rule), then fallbacks."""
    quoted = "".join(ch if ch.isalnum() or ch in " -_" else f"\\{ord(ch):x} " for ch in family)
    return f'"{quoted}", "DejaVu Sans", "Segoe UI", Arial, sans-serif'
