"""A summary's `language` reaches every format: headings, furniture, dates, document language."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
from conftest import SAMPLE, docx_all_text, pdf_pages_text, squash

import briefwright

FRENCH = {
    "page": "Page {page} sur {total}",
    "as_of": "À jour au 22 mai 2025",
    "headings": ["Points clés", "Ils l’ont dit", "Chronologie", "Conséquences", "Source"],
    "date": "25 décembre 2024",
    "published": "Publié le 21 mai 2025.",
    "judgement": "Probable (55–80\u00a0%), degré de confiance modéré.",
    "draft": "PROJET",
    "control": "Réf. EAU-2025-117",
    "contents": "Sommaire",
}
RUSSIAN = {
    "page": "Страница {page} из {total}",
    "as_of": "По состоянию на 22 мая 2025\u00a0г.",
    "headings": ["Ключевые выводы", "Прямая речь", "Хронология", "Последствия", "Источник"],
    "date": "25 декабря 2024\u00a0г.",
    # the date's own "г." ends the sentence: no second full stop
    "published": "Опубликовано 21 мая 2025\u00a0г.",
    "judgement": "Вероятно (55–80\u00a0%), средняя степень уверенности.",
    "draft": "ПРОЕКТ",
    "control": "№\u00a0EAU-2025-117",
    "contents": "Содержание",
}
LANGUAGES = {"fr": FRENCH, "ru": RUSSIAN}


def _summary_in(language: str, directory) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("status: final", "status: draft")
    text = text.replace(
        "  text: lavrov-yerevan-visit-2025.txt",
        "  published: 2025-05-21\n  text: lavrov-yerevan-visit-2025.txt",
    )
    path = directory / f"summary-{language}.yaml"
    path.write_text(f"{text}language: {language}\n", encoding="utf-8")
    shutil.copy(SAMPLE.parent / "lavrov-yerevan-visit-2025.txt", directory)
    return str(path)


@pytest.fixture(scope="module", params=sorted(LANGUAGES))
def rendered(request, tmp_path_factory):
    language = request.param
    path = _summary_in(language, tmp_path_factory.mktemp(language))
    outputs = briefwright.render_bytes(path, formats=["pdf", "docx", "md", "html"])
    return language, LANGUAGES[language], outputs


def _plain(text: str) -> str:
    """Squashed, with no-break spaces kept (squash would fold them into spaces)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def test_every_pdf_page_has_its_footer_in_the_language(rendered):
    language, words, outputs = rendered
    pages = pdf_pages_text(outputs["pdf"])
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        text = squash(page)
        assert squash(words["page"].format(page=number, total=len(pages))) in text
        assert squash(words["as_of"]) in text
        assert squash(words["control"]) in text
        assert words["draft"] in text


def test_the_pdf_has_the_headings_dates_and_judgements_of_the_language(rendered):
    _, words, outputs = rendered
    text = squash(" ".join(pdf_pages_text(outputs["pdf"])))
    for heading in words["headings"]:
        assert heading in text
    for phrase in (words["date"], words["published"], words["judgement"]):
        assert squash(phrase) in text
    assert "Page 1 of" not in text and "Key points" not in text


def test_the_contents_list_is_headed_in_the_language(rendered):
    import docx

    _, words, outputs = rendered
    first_page = pdf_pages_text(outputs["pdf"])[0].splitlines()
    assert words["contents"] in first_page and "Contents" not in first_page
    document = docx.Document(io.BytesIO(outputs["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "TOC Heading"]
    assert headings == [words["contents"]]


def test_the_pdf_declares_its_language(rendered):
    from pypdf import PdfReader

    language, _, outputs = rendered
    assert PdfReader(io.BytesIO(outputs["pdf"])).trailer["/Root"]["/Lang"] == language


def test_the_docx_footer_puts_the_page_fields_into_the_language_s_sentence(rendered):
    _, words, outputs = rendered
    footer = zipfile.ZipFile(io.BytesIO(outputs["docx"])).read("word/footer1.xml").decode()
    # the footer's text runs and field codes in order, fields as {PAGE} and {NUMPAGES}
    pieces = re.findall(r"<w:t[^>]*>([^<]*)</w:t>|<w:instrText[^>]*> (\w+) </w:instrText>", footer)
    line, skip = "", False
    for text, field in pieces:
        if field:
            line, skip = line + "{" + field + "}", True  # the field's cached result follows
        elif skip:
            skip = False
        else:
            line += text
    expected = words["page"].format(page="{PAGE}", total="{NUMPAGES}")
    assert expected in line
    assert _plain(words["as_of"]) in _plain(line)


def test_the_docx_is_in_the_language(rendered):
    language, words, outputs = rendered
    archive = zipfile.ZipFile(io.BytesIO(outputs["docx"]))
    styles = archive.read("word/styles.xml").decode()
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles).group()
    assert f'<w:lang w:val="{language}"/>' in defaults
    assert f"<dc:language>{language}</dc:language>" in archive.read("docProps/core.xml").decode()
    assert f'string="{words["draft"]}"' in archive.read("word/header1.xml").decode()
    text = _plain(docx_all_text(outputs["docx"]))
    for phrase in (*words["headings"], words["date"], words["published"], words["judgement"]):
        assert _plain(phrase) in text


def test_markdown_and_html_are_in_the_language(rendered):
    language, words, outputs = rendered
    markdown = outputs["md"].decode()
    html = outputs["html"].decode()
    assert f'<html lang="{language}">' in html
    assert f"**{words['draft']}**" in markdown
    assert f"<strong>{words['draft']}</strong>" in html
    assert _plain(words["as_of"]) in _plain(html)
    for heading in words["headings"]:
        assert f"## {heading}\n" in markdown
        assert f">{heading}</h2>" in html
    for phrase in (words["date"], words["judgement"]):
        assert phrase in markdown or phrase.replace("\u00a0", "&nbsp;") in markdown
        assert phrase in html
