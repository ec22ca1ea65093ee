"""Trees built by hand and read-back helpers for the DOCX writer tests."""

from __future__ import annotations

import io
import zipfile

import docx

from briefwright.doctree import nodes as n

TRICKY = "* # | <b> & {{ 7*7 }}"
ARMENIAN = "Հայաստանի Հանրապետություն"
CYRILLIC = "Министр иностранных дел России"
AZERBAIJANI = "Azərbaycan Respublikası: ş ğ ı İ Ə"


def t(text: str) -> tuple[n.Text]:
    return (n.Text(text),)


def meta(**changes) -> n.DocMeta:
    base = dict(
        title="Lavrov in Yerevan: Moscow tests Armenia's western turn",
        short_title="Lavrov in Yerevan",
        subtitle="Analyst briefing",
        author="A. Analyst",
        organization="Caucasus Desk",
        date="2025-05-22",
        date_label="22 May 2025",
        marking="TLP:AMBER",
        subject="Russian foreign minister's visit to Armenia",
        keywords=("Armenia", "Russia", "CSTO"),
        source_url="https://example.org/article",
    )
    base.update(changes)
    return n.DocMeta(**base)


def _timeline_rows(count: int) -> tuple:
    return tuple(
        (
            t(f"{day} May 2025"),
            t(f"Event number {day} happened, with a fairly long description."),
            t("Signals a shift in relations." if day % 2 else ""),
        )
        for day in range(1, count + 1)
    )


def rich_document(**meta_changes) -> n.Document:
    """A briefing that uses every node class at least once."""
    return n.Document(
        meta=meta(**meta_changes),
        children=(
            n.Title(t("Lavrov in Yerevan: Moscow tests Armenia's western turn")),
            n.Subtitle(t("Analyst briefing")),
            n.MetaLine(
                (
                    n.Text("Source: "),
                    n.Link("https://example.org/article", t("Example News")),
                    n.Text(", 21 May 2025"),
                )
            ),
            n.MetaLine(t("Prepared by A. Analyst, Caucasus Desk")),
            n.Callout(
                "important",
                t("Bottom line"),
                (n.Paragraph(t("Moscow signalled limits to Yerevan's drift westward.")),),
            ),
            n.Heading(1, t("Key points")),
            n.BulletList(
                (
                    n.ListItem(
                        (
                            n.Paragraph((n.Strong(t("Security: ")), n.Text("CSTO freeze stays."))),
                            n.BulletList((n.ListItem((n.Paragraph(t("Nested point")),)),)),
                        )
                    ),
                    n.ListItem((n.Paragraph((n.Emphasis(t("Trade")), n.Code("EAEU"))),)),
                )
            ),
            n.Heading(2, t("Literal text")),
            n.Paragraph(t(TRICKY)),
            n.Paragraph((n.Text(ARMENIAN), n.LineBreak(), n.Text(CYRILLIC))),
            n.Paragraph(t(AZERBAIJANI)),
            n.Heading(1, t("Quotes")),
            n.Quote(
                (n.Paragraph(t("We respect Armenia's sovereign choice.")),),
                t("Sergey Lavrov, Foreign Minister"),
            ),
            n.Quote((n.Paragraph(t("A quote without attribution.")),)),
            n.Heading(1, t("Timeline")),
            n.Table(
                (t("Date"), t("Event"), t("Significance")),
                _timeline_rows(30),
                kind="timeline",
            ),
            n.Heading(1, t("Recommendations")),
            n.OrderedList(
                (
                    n.ListItem((n.Paragraph(t("First")), n.Paragraph(t("More on first")))),
                    n.ListItem((n.Paragraph(t("Second")),)),
                ),
                start=3,
            ),
            n.Heading(3, t("Other figures")),
            n.Table((t("Actor"), t("Position")), ((t("Armenia"), t("Pivoting")),)),
            n.ThematicBreak(),
            n.Paragraph(t("End.")),
        ),
    )


def read(blob: bytes) -> docx.document.Document:
    """The DOCX read back with python-docx."""
    return docx.Document(io.BytesIO(blob))


def styled_paragraphs(document) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, in order (tables left out)."""
    return [(p.style.name, p.text) for p in document.paragraphs]


def part_xml(blob: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        return package.read(name).decode("utf-8")
