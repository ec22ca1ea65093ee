"""The HTML writer: every text comes out, escaped, with no scripts and no external requests."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefwright.doctree import nodes as n
from briefwright.errors import RenderError
from briefwright.markings import TLP_LEVELS, tlp_colour
from briefwright.theme import Theme, ThemeError
from briefwright.writers import get_writer
from briefwright.writers.base import WriteOptions
from briefwright.writers.html import HANDLERS, write

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "lavrov-yerevan-2025.yaml"
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> & \" ' {{ 7*7 }} * # |"
UNICODE = "Лавров в Ереване — ə Ə ş ğ ı İ Երևան שלום 🇦🇲"


def t(text: str) -> n.Text:
    return n.Text(text)


def para(text: str) -> n.Paragraph:
    return n.Paragraph((t(text),))


def rich_tree(marking: str = "TLP:AMBER", **control: str) -> n.Document:
    """A tree with every node type, hostile text and several scripts."""
    meta = n.DocMeta(
        **control,
        title=f"Lavrov in Yerevan {HOSTILE}",
        short_title="Lavrov in Yerevan",
        author="Analyst <a@b>",
        date="2025-05-22",
        date_label="22 May 2025",
        marking=marking,
        keywords=("Armenia", "Russia"),
        language="en",
    )
    return n.Document(
        meta,
        (
            n.Title((t("Lavrov in Yerevan "), t(HOSTILE))),
            n.Subtitle((t(UNICODE),)),
            n.MetaLine(
                (
                    t("Source: "),
                    n.Link("https://example.org/article?a=1&b=2", (t("Example Daily"),)),
                )
            ),
            n.MetaLine((t("Prepared by "), n.Strong((t("Policy Unit"),)))),
            n.Callout(
                "important",
                (t("Bottom line"),),
                (para("Moscow seeks to reassure Yerevan."),),
            ),
            n.Heading(1, (t("Key points"),)),
            n.BulletList(
                (
                    n.ListItem((n.Paragraph((n.Emphasis((t("Emphasised point"),)),)),)),
                    n.ListItem((para(HOSTILE),)),
                )
            ),
            n.OrderedList((n.ListItem((para("Second step"),)),), start=2),
            n.Heading(2, (t("Quotes"),)),
            n.Quote(
                (para("“Our relations are based on a deep history.”"),),
                attribution=(t("Sergei Lavrov, Foreign Minister"),),
            ),
            n.Quote((para("A quote with no attribution"),)),
            n.Heading(3, (t("Timeline"),)),
            n.Table(
                header=((t("Date"),), (t("Event"),)),
                rows=(
                    ((t("25 Dec 2024"),), (t("Airliner crash | pipes"),)),
                    ((t("20–21 May 2025"),), (t("Visit"), n.LineBreak(), t("to Yerevan"))),
                ),
            ),
            n.ThematicBreak(),
            n.Paragraph(
                (
                    n.Code("code <b>"),
                    t(" "),
                    n.Link("javascript:alert(3)", (t("evil link"),)),
                    t(" "),
                    n.Link("java\tscript:alert(4)", (t("tab link"),)),
                    t(" "),
                    n.Link("mailto:desk@example.org", (t("mail the desk"),)),
                )
            ),
        ),
    )


class Page(HTMLParser):
    """Collects the text and every element with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "br":
            self.text.append(" ")  # a line break reads as a space when text is compared
        if tag in ("style", "title", "head"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title", "head"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    def body_text(self) -> str:
        return " ".join("".join(self.text).split())

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def render(doc: n.Document | None = None, **options) -> str:
    return write(doc or rich_tree(), Theme(), WriteOptions(**options)).decode("utf-8")


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def inline_text(inlines) -> str:
    return " ".join(n.plain_text(inlines).split())


def all_texts(blocks) -> list[str]:
    """Every run of text in the tree, block by block."""
    out = []
    for block in blocks:
        if isinstance(block, n.Table):
            out += [inline_text(cell) for row in (block.header, *block.rows) for cell in row]
        elif isinstance(block, n.BulletList | n.OrderedList):
            out += all_texts(block.items)
        elif isinstance(block, n.Callout):
            out += [inline_text(block.title), *all_texts(block.children)]
        elif isinstance(block, n.Quote):
            out += [*all_texts(block.children), inline_text(block.attribution)]
        elif isinstance(block, n.ListItem):
            out += all_texts(block.children)
        elif hasattr(block, "children"):
            out.append(inline_text(block.children))
    return [text for text in out if text]


def test_registered_as_html_format():
    assert get_writer("html") is write


def test_dispatch_covers_every_node_type():
    assert set(HANDLERS) == set(n.ALL_NODE_TYPES)


def test_unknown_node_is_an_error():
    doc = n.Document(n.DocMeta(title="x"), (object(),))
    with pytest.raises(RenderError, match="cannot render a object node"):
        render(doc)


def test_every_text_of_the_tree_appears_in_order():
    doc = rich_tree()
    body = parse(render(doc)).body_text()
    position = 0
    for text in all_texts(doc.children):
        found = body.find(text, position)
        assert found >= 0, f"missing or out of order: {text!r}"
        position = found + len(text)


def test_hostile_text_is_escaped_and_stays_literal():
    html = render()
    page = parse(html)
    assert HOSTILE in page.body_text()
    assert "<script" not in html.lower()
    assert "onerror" not in {key for _, attrs in page.tags for key in attrs}
    assert not page.find("img")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp; &quot; &#x27;" in html
    assert "{{ 7*7 }}" in html and "49" not in html


def test_title_element_and_head():
    html = render()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title and unescape(title) == rich_tree().meta.title
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert parse(html).find("meta")[0] == {"charset": "utf-8"}


def test_only_safe_links_are_clickable():
    page = parse(render())
    anchors = page.find("a")
    assert [a["href"] for a in anchors] == [
        "https://example.org/article?a=1&b=2",
        "mailto:desk@example.org",
    ]
    assert all(a["rel"] == "noopener noreferrer" for a in anchors)
    assert "evil link" in page.body_text() and "tab link" in page.body_text()


def test_no_external_url_other_than_the_tree_links():
    html = render()
    urls = set(re.findall(r"(?:https?:|//)[^\s\"'<>)]+", html))
    assert urls == {"https://example.org/article?a=1&amp;b=2"}
    page = parse(html)
    assert not page.find("script") and not page.find("link") and not page.find("iframe")
    assert "@import" not in html and "url(" not in html


@pytest.mark.parametrize("label", TLP_LEVELS)
def test_tlp_banner_top_and_bottom_in_standard_colour(label):
    html = render(rich_tree(marking=label.lower().replace(":", ": ")))
    page = parse(html)
    banners = [a for a in page.find("div") if "marking" in (a.get("class") or "")]
    assert [b["class"] for b in banners] == ["marking marking-top", "marking marking-bottom"]
    spans = [a for a in page.find("span") if a.get("class") == "tlp"]
    assert [s["style"] for s in spans] == [f"background:#000000;color:{tlp_colour(label)}"] * 2
    text = page.body_text()
    assert text.startswith(label) and text.endswith(label)
    # printed, every page shows the label in its colours in the page's corner
    assert f'@top-right {{ content: "{label}"' in html and f"color: {tlp_colour(label)}" in html
    # the page number ends the footer's box: the label has the right one, and a centre box
    # would squeeze the footer into a third of the line
    footer_box = html[html.index("@bottom-left {") :].split("}", 1)[0]
    assert '"Page " counter(page) " of " counter(pages)' in footer_box
    assert html.count("counter(page)") == 1


def test_other_marking_is_a_centred_banner_in_capitals():
    html = render(rich_tree(marking="Official-Sensitive <b>"))
    page = parse(html)
    assert not [a for a in page.find("span") if a.get("class") == "tlp"]
    banners = [a["class"] for a in page.find("div") if "marking" in (a.get("class") or "")]
    assert banners == ["marking banner marking-top", "marking banner marking-bottom"]
    text = page.body_text()
    assert text.startswith("OFFICIAL-SENSITIVE <B>") and text.endswith("OFFICIAL-SENSITIVE <B>")
    # every printed page: centred in the top and bottom margins, the text escaped for CSS
    escaped = '"OFFICIAL-SENSITIVE \\3c B\\3e "'
    assert f"@top-center {{ content: {escaped}" in html
    assert f"@bottom-center {{ content: {escaped}" in html
    assert ".marking.banner { text-align: center" in html
    # the banner is never broken in two; the page number has the right box
    banner_box = html[html.index("@top-center {") :].split("}", 1)[0]
    assert "white-space: nowrap" in banner_box
    number_box = html[html.index("@bottom-right {") :].split("}", 1)[0]
    assert '"Page " counter(page) " of " counter(pages)' in number_box


def test_draft_banner_at_top_and_bottom_and_on_every_printed_page():
    html = render(rich_tree(marking="TLP:GREEN", status="draft"))
    page = parse(html)
    drafts = [a["class"] for a in page.find("div") if "draft" in (a.get("class") or "")]
    assert drafts == ["draft draft-top", "draft draft-bottom"]
    words = page.body_text().split()
    assert words[:2] == ["TLP:GREEN", "DRAFT"] and words[-2:] == ["DRAFT", "TLP:GREEN"]
    # and before the running header and footer in the margins of each printed page
    assert '@top-left { content: "DRAFT\\2002 \\b7 \\2002 Lavrov in Yerevan' in html
    assert '@bottom-left { content: "DRAFT\\2002 \\b7 \\2002 Lavrov in Yerevan' in html
    final = render(rich_tree(marking="TLP:GREEN", status="final"))
    assert "DRAFT" not in final


def test_marking_and_document_control_in_the_head_and_footer():
    html = render(rich_tree(marking="tlp:amber", version="0.3", reference="EAU-2025-117"))
    page = parse(html)
    named = {a["name"]: a["content"] for a in page.find("meta") if "name" in a}
    assert named["marking"] == "TLP:AMBER"
    assert (named["version"], named["reference"]) == ("0.3", "EAU-2025-117")
    # reference and version in the running header, as the PDF and the DOCX have them
    header, footer = html.split('<header class="running">')[1], html.split('class="furniture">')[1]
    dot = "\u2002\u00b7\u2002"
    lead = "<strong>Lavrov in Yerevan</strong>"  # no organisation: the short title
    assert header.startswith(f"<p>{lead}{dot}Ref. EAU-2025-117{dot}Version 0.3</p>")
    assert footer.startswith(f"<p>Lavrov in Yerevan{dot}Information as of 22 May 2025</p>")


def test_no_marking_no_banner():
    page = parse(render(rich_tree(marking="")))
    assert not [a for a in page.find("div") if "marking" in (a.get("class") or "")]


def test_structure_title_block_callout_quote_table():
    page = parse(render())
    classes = [attrs.get("class") for _, attrs in page.tags]
    assert "title-block" in classes and "callout callout-important" in classes
    assert [tag for tag, _ in page.tags].count("blockquote") == 2
    assert classes.count("attribution") == 1
    assert page.find("ol") == [{"start": "2"}]
    assert len(page.find("th")) == 2 and len(page.find("td")) == 4
    assert "— Sergei Lavrov, Foreign Minister" in page.body_text()
    assert "Lavrov in Yerevan · Information as of 22 May 2025" in page.body_text()


def test_headings_nest_under_the_title():
    tags = [tag for tag, _ in parse(render()).tags]
    assert [tag for tag in tags if re.fullmatch(r"h\d", tag)] == ["h1", "h2", "h3", "h4"]


def test_theme_values_reach_the_css():
    theme = Theme(accent_color="#123456", font_family='Evil"</style><script>', base_size=12)
    html = write(rich_tree(), theme, WriteOptions()).decode()
    assert "#123456" in html and "font-size: 12pt" in html
    assert html.count("</style>") == 2 and "<script" not in html  # the screen and print sheets


def test_bad_theme_colour_never_reaches_the_css():
    with pytest.raises(ThemeError, match="text_color: expected a colour"):
        write(rich_tree(), Theme(text_color="red;}</style>"), WriteOptions())


def test_bad_language_tag_warns():
    warnings = []
    doc = n.Document(n.DocMeta(title="x", language='en" onload="x'), ())
    html = write(doc, Theme(), WriteOptions(warn=warnings.append)).decode()
    assert '<html lang="und">' in html and len(warnings) == 1


def test_lone_surrogate_is_a_clean_error():
    doc = n.Document(n.DocMeta(title="x"), (para("bad \ud800 text"),))
    with pytest.raises(RenderError, match="U\\+D800"):
        render(doc)


def test_same_tree_gives_same_bytes():
    assert render() == render()


def test_only_very_long_words_get_break_opportunities():
    long_word = "Supercalifragilistic" * 5
    doc = n.Document(n.DocMeta(title="x"), (para(f"28 December 2024 {long_word} <&>"),))
    html = render(doc)
    assert "28 December 2024 Supercalifragilistic<wbr>" in html
    assert html.count("<wbr>") == 4 and "&lt;&amp;&gt;" in html
    assert f"28 December 2024 {long_word} <&>" in parse(html).body_text()


def test_sample_briefing_carries_every_field_and_only_the_source_link():
    yaml = pytest.importorskip("yaml")
    api = pytest.importorskip("briefwright.api")
    steps = pytest.importorskip("briefwright.pipeline.steps")
    templates = pytest.importorskip("briefwright.templating.discovery")
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["source"].pop("text", None)  # a path relative to the file, meaningless for a mapping
    data["source"]["url"] = "https://example.org/lavrov-yerevan?from=brief&x=1"
    loaded = api.load_summary(data)
    resolved = templates.resolve_template("analyst")
    doc = steps.build_document(loaded, resolved)
    html = write(doc, resolved.theme, WriteOptions()).decode("utf-8")
    body = parse(html).body_text()
    s = loaded.summary
    expected = [s.title, s.subtitle, s.author, s.organization, s.marking, s.source.title]
    expected += [point.text for point in s.key_points] + [q.text for q in s.quotes]
    expected += [q.speaker for q in s.quotes] + [e.event for e in s.timeline]
    expected += [i.text for i in s.implications] + [r.text for r in s.recommendations]
    assert [text for text in expected if " ".join(text.split()) not in body] == []
    assert body.startswith("TLP:AMBER") and body.endswith("TLP:AMBER")
    assert "<script" not in html and not parse(html).find("img")
    # The link text is the URL too, with <wbr> break opportunities inside.
    urls = set(re.findall(r"(?:https?:|//)[^\s\"'<>)]+", html.replace("<wbr>", "")))
    assert urls == {"https://example.org/lavrov-yerevan?from=brief&amp;x=1"}
