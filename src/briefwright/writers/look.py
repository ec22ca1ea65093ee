"""The house look every writer draws: sizes, spacing, colours and rules, derived from the theme.

The DOCX, PDF and HTML writers read their numbers here, so a briefing looks the same in each:
headings in the accent colour without rules, the title under a short accent bar, the bottom
line and other callouts as a shaded box with an accent bar at its left that holds their lists,
quotes with a quiet bar, tables with a shaded header between accent rules and zebra rows. All
sizes are in points; colours are "#RRGGBB". Nothing here imports a writer's library.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from briefwright.theme import Theme

BULLETS = ("\u2022", "\u2013", "\u25aa")
"""The marker of a bulleted list at each depth (bullet, en dash, small square), then again."""
NUMBERS = ("decimal", "lower-alpha", "lower-roman")
"""How a numbered list counts at each depth (1. a. i.), then again; CSS's names."""
WHITE = "#FFFFFF"


@dataclass(frozen=True)
class Text:
    """How one kind of paragraph is set."""

    size: float
    leading: float  # baseline to baseline
    before: float  # space above, where nothing else is
    after: float  # space below
    colour: str
    bold: bool = False
    italic: bool = False
    caps: bool = False


@dataclass(frozen=True)
class Rule:
    """A line: its thickness, colour and, for a short one, its length (0: the full width)."""

    thickness: float
    colour: str
    length: float = 0.0
    before: float = 0.0
    after: float = 0.0


@dataclass(frozen=True)
class Box:
    """A box around blocks: a bar at its left, an optional fill, padding inside."""

    bar: Rule
    fill: str  # "" for none
    padding: float  # left (inside the bar) and right
    padding_top: float
    padding_bottom: float
    before: float
    after: float


@dataclass(frozen=True)
class TableLook:
    """Tables: a shaded header row between accent rules, zebra rows, thin rules between rows."""

    cell: Text
    header: Text
    header_fill: str
    stripe: str  # every second body row
    header_rule_above: Rule
    header_rule_below: Rule
    row_rule: Rule
    padding: float  # left and right of cell text
    padding_top: float
    padding_bottom: float
    before: float
    after: float


@dataclass(frozen=True)
class Look:
    """Everything a writer needs to draw a briefing in the house style."""

    body: Text
    title: Text
    title_bar: Rule
    subtitle: Text
    meta: Text
    headings: tuple[Text, Text, Text]
    list_indent: float
    list_after: float
    marker: str  # the colour of bullets and list numbers
    callout: Box
    callout_title: Text
    callout_body: Text
    quote: Box
    quote_text: Text
    attribution: Text
    table: TableLook
    thematic_break: Rule
    furniture: Text
    furniture_rule: Rule


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0-1) of `other` mixed in, as "#RRGGBB"."""
    ours, theirs = _rgb(colour), _rgb(other)
    return "#" + "".join(
        f"{round(a + (b - a) * share):02X}" for a, b in zip(ours, theirs, strict=True)
    )


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@functools.lru_cache(maxsize=64)
def look(theme: Theme) -> Look:
    """The look of a briefing in this theme."""
    t, spacing = theme, theme.line_spacing
    body = _text(t.base_size, spacing, t.text_color, after=t.base_size * 0.6)
    meta = _text(t.meta_size, spacing, t.muted_color, after=t.meta_size / 4)
    rule = mix(t.table_header_fill, t.muted_color, 0.15)
    return Look(
        body=body,
        title=Text(t.title_size, t.title_size * 1.15, 0, t.title_size * 0.3, t.accent_color, True),
        title_bar=Rule(3.0, t.accent_color, length=48.0, after=10.0),
        subtitle=_text(t.subtitle_size, spacing, t.muted_color, after=t.subtitle_size * 0.8),
        meta=meta,
        headings=_headings(t),
        list_indent=t.base_size * 1.6,
        list_after=body.after * 0.5,
        marker=t.accent_color,
        callout=Box(
            Rule(3.5, t.accent_color), t.callout_fill, 10.0, 8.0, 4.8, t.base_size, body.after
        ),
        callout_title=Text(
            meta.size, meta.leading, 0, meta.size * 0.4, t.accent_color, True, caps=True
        ),
        callout_body=_text(
            _half_points(t.base_size * 1.05), spacing, t.text_color, after=body.after
        ),
        quote=Box(Rule(1.5, t.muted_color), "", 10.0, 2.0, 1.2, t.base_size * 0.3, body.after),
        quote_text=Text(body.size, body.leading, 0, t.base_size * 0.3, t.text_color, italic=True),
        attribution=Text(meta.size, meta.leading, 0, 0, t.muted_color),
        table=_table(t, body, rule),
        thematic_break=Rule(0.5, rule, before=4.0, after=10.0),
        # header and footer: on every page, so a notch under the title block's meta lines
        furniture=Text(t.meta_size - 0.5, (t.meta_size - 0.5) * 1.2, 0, 0, t.muted_color),
        furniture_rule=Rule(0.5, t.table_header_fill),
    )


def _half_points(size: float) -> float:
    """A size made here, rounded as Word stores sizes, so every format sets the same one."""
    return round(size * 2) / 2


def _text(size: float, spacing: float, colour: str, *, after: float) -> Text:
    return Text(size, size * spacing, 0.0, after, colour)


def _headings(t: Theme) -> tuple[Text, Text, Text]:
    """Bold, the accent colour for levels 1 and 2, the text colour for 3; no rules."""
    one, two, three = (
        Text(
            size,
            size * 1.2,
            size * (1.1 if level == 1 else 0.8),
            size * 0.4,
            t.accent_color if level < 3 else t.text_color,
            bold=True,
        )
        for level, size in enumerate(t.heading_sizes, start=1)
    )
    return one, two, three


def _table(t: Theme, body: Text, rule: str) -> TableLook:
    cell = Text(t.meta_size, t.meta_size * t.line_spacing, 0, 0, t.text_color)
    return TableLook(
        cell=cell,
        header=Text(cell.size, cell.leading, 0, 0, t.text_color, bold=True),
        header_fill=t.table_header_fill,
        stripe=mix(t.table_header_fill, WHITE, 0.7),
        header_rule_above=Rule(1.25, t.accent_color),
        header_rule_below=Rule(0.75, t.accent_color),
        row_rule=Rule(0.5, rule),
        padding=5.0,
        padding_top=4.0,
        padding_bottom=5.0,
        before=body.after * 0.5,
        after=body.after * 1.5,
    )
