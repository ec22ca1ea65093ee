"""The node set of a briefing, as frozen dataclasses.

A writer walks these and nothing else: it never sees the summary or the template. Inline nodes
hold text; block nodes hold inline or block children. `line` is the 1-based line of the rendered
Markdown a block came from (0 when built by hand), so errors can point at the template output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefwright.doctree.titles import short_title as shorten_title
from briefwright.i18n.texts import furniture_texts
from briefwright.markings import is_banner, normalise, tlp_colour

# --- inline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    """A hyperlink. Only http(s) and mailto targets ever become a Link; others stay Text."""

    url: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph."""


Inline = Text | Strong | Emphasis | Code | Link | LineBreak

# --- blocks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    """The briefing's title on page 1 (Word style "Title")."""

    children: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True)
class Subtitle:
    children: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True)
class Heading:
    level: int  # 1..3 inside the body; the title is a Title node, not a level-0 heading
    children: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True)
class MetaLine:
    """A small line of the title block: source, prepared by, date (Word style "Briefing Meta")."""

    children: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True)
class ListItem:
    children: tuple[Block, ...]
    line: int = 0


@dataclass(frozen=True)
class BulletList:
    items: tuple[ListItem, ...]
    line: int = 0


@dataclass(frozen=True)
class OrderedList:
    items: tuple[ListItem, ...]
    start: int = 1
    line: int = 0


@dataclass(frozen=True)
class Quote:
    """A quotation and who said it; writers keep the two together on one page."""

    children: tuple[Block, ...]
    attribution: tuple[Inline, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Callout:
    """A highlighted box, e.g. the bottom line. `kind` follows GFM alerts (note, important...)."""

    kind: str
    title: tuple[Inline, ...]
    children: tuple[Block, ...]
    line: int = 0


TABLE_KINDS = ("data", "timeline")


@dataclass(frozen=True)
class Table:
    """A table with one header row; each cell is a tuple of inlines.

    `kind` says what the table is, so that writers never guess it from header text: "data"
    (any table) or "timeline" (dated events, first column the date; Word style "Timeline Table").
    """

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    line: int = 0
    kind: str = "data"

    def __post_init__(self) -> None:
        if self.kind not in TABLE_KINDS:
            raise ValueError(f"table kind {self.kind!r} is not one of {', '.join(TABLE_KINDS)}")


@dataclass(frozen=True)
class ThematicBreak:
    line: int = 0


Block = (
    Title
    | Subtitle
    | Heading
    | Paragraph
    | MetaLine
    | BulletList
    | OrderedList
    | ListItem
    | Quote
    | Callout
    | Table
    | ThematicBreak
)


@dataclass(frozen=True)
class DocMeta:
    """What page furniture and file properties need; built from the summary by the pipeline."""

    title: str
    short_title: str = ""
    subtitle: str = ""
    author: str = ""
    organization: str = ""
    date: str = ""  # ISO YYYY-MM-DD of the briefing, or ""
    date_label: str = ""  # the same date for readers, e.g. "22 May 2025"
    marking: str = ""  # the render's marking, normalised ("TLP:AMBER"), or ""
    status: str = ""  # "draft", "final" or ""
    version: str = ""
    reference: str = ""  # the office's document number
    subject: str = ""
    keywords: tuple[str, ...] = ()
    source_url: str = ""
    language: str = "en"
    template: str = ""
    audience: str = ""
    verified: bool = False
    contents: bool = False  # the template asks for a contents list (its `toc`)
    # the page of each top-level heading as the PDF lays it out, for the DOCX's contents
    heading_pages: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        # every writer's running title is this one, so a hand-built DocMeta gets it too
        if not self.short_title.strip():
            object.__setattr__(self, "short_title", shorten_title(self.title.strip()))
        # one spelling in every writer, however a caller wrote it
        object.__setattr__(self, "marking", normalise(self.marking))

    @property
    def tlp_colour(self) -> str | None:
        """The TLP 2.0 colour of the marking's label ("#FFC000"), or None if it is not TLP."""
        return tlp_colour(self.marking)

    @property
    def banner(self) -> bool:
        """True when the marking is drawn as a centred banner at the top and bottom of pages."""
        return is_banner(self.marking)

    @property
    def draft(self) -> bool:
        """True when every page is to carry a DRAFT watermark."""
        return self.status == "draft"

    def control_parts(self) -> list[str]:
        """Reference and version as the footer shows them: ["Ref. EAU-2025-117", "Version 0.3"],
        in the document's language."""
        return furniture_texts(self.language).control_parts(self.reference, self.version)


@dataclass(frozen=True)
class Document:
    meta: DocMeta
    children: tuple[Block, ...] = field(default_factory=tuple)


INLINE_TYPES = (Text, Strong, Emphasis, Code, Link, LineBreak)
BLOCK_TYPES = (
    Title,
    Subtitle,
    Heading,
    Paragraph,
    MetaLine,
    BulletList,
    OrderedList,
    ListItem,
    Quote,
    Callout,
    Table,
    ThematicBreak,
)
ALL_NODE_TYPES = INLINE_TYPES + BLOCK_TYPES


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text of inline nodes without markup, e.g. for PDF bookmarks and Word properties."""
    out = []
    for node in inlines:
        if isinstance(node, Text | Code):
            out.append(node.text)
        elif isinstance(node, LineBreak):
            out.append(" ")
        else:
            out.append(plain_text(node.children))
    return "".join(out)
