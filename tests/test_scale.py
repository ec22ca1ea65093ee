"""Scale without falling over (issue 5, promise 5).

Summaries far larger than any real briefing either render, with their first and last items in
the PDF and the DOCX, or are refused by a documented limit with a clear error; a reportlab
LayoutError never escapes and long table cells wrap. The figures (time, memory) go in the
README, not in asserts.
"""

from __future__ import annotations

from click.testing import CliRunner
from conftest import docx_all_text, pdf_pages_text

import briefwright
from briefwright.cli import main
from briefwright.errors import BriefwrightError
from briefwright.summary import MAX_TEXT_CHARS

BASE = {"title": "Scale", "source": {"title": "An article"}, "summary": "Bottom line."}


def _render(data: dict, formats=("pdf", "docx")) -> dict[str, bytes]:
    return briefwright.render_bytes(data, formats=formats)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _assert_first_and_last(outputs: dict[str, bytes], first: str, last: str) -> None:
    pages = pdf_pages_text(outputs["pdf"])
    assert _squeezed(first) in _squeezed(pages[0]) + _squeezed(pages[1])
    assert _squeezed(last) in _squeezed(pages[-2]) + _squeezed(pages[-1])
    docx_text = docx_all_text(outputs["docx"])
    assert first in docx_text and last in docx_text


def test_two_thousand_timeline_rows_render():
    rows = [
        {"date": f"{1900 + i // 12}-{1 + i % 12:02d}", "event": f"Event number {i} in the region"}
        for i in range(2000)
    ]
    outputs = _render({**BASE, "key_points": ["One."], "timeline": rows})
    _assert_first_and_last(outputs, "Event number 0 in the region", "Event number 1999 in the")
    assert docx_all_text(outputs["docx"]).count("Event number") == 2000


def test_a_thousand_key_points_render():
    points = [f"Key point number {i} about Yerevan." for i in range(1000)]
    outputs = _render({**BASE, "key_points": points})
    _assert_first_and_last(outputs, "Key point number 0 about", "Key point number 999 about")
    assert docx_all_text(outputs["docx"]).count("Key point number") == 1000


def test_long_table_cells_wrap_and_nothing_overflows():
    words = " ".join(["Armenia"] * 625)  # 5,000 characters of ordinary words
    token = "https://example.org/" + "x" * 4980  # and 5,000 without a space
    data = {
        **BASE,
        "key_points": [token],
        "timeline": [{"date": "2025-05-20", "event": words, "significance": token}],
    }
    outputs = _render(data)
    pdf_text = "".join(pdf_pages_text(outputs["pdf"]))
    # Counted, not searched: a row split across pages has the page furniture in between.
    assert pdf_text.count("Armenia") == 625
    assert pdf_text.count("x") >= 2 * token.count("x")
    # Wrapped: the event alone fills dozens of lines, not one line running off the page.
    event_lines = [line for line in pdf_text.splitlines() if line.strip().startswith("Armenia")]
    assert len(event_lines) > 20
    assert words in docx_all_text(outputs["docx"])


def test_a_two_hundred_thousand_word_bottom_line_is_refused_by_the_field_limit(tmp_path):
    bottom = " ".join(f"word{i}" for i in range(200_000))
    path = tmp_path / "big.yaml"
    path.write_text(
        f"title: Big\nsource:\n  title: S\nsummary: {bottom}\nkey_points: [One.]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"{path}:4:1: summary: is {len(bottom):,} characters long; "
        f"the limit for one field is {MAX_TEXT_CHARS:,}"
    ]
    assert not (tmp_path / "out").exists()


def test_a_bottom_line_at_the_field_limit_renders():
    bottom = " ".join(f"word{i}" for i in range(MAX_TEXT_CHARS // 8))[:MAX_TEXT_CHARS]
    bottom = bottom.rsplit(" ", 1)[0]
    outputs = _render({**BASE, "summary": bottom, "key_points": ["One."]}, ("pdf", "docx", "md"))
    _assert_first_and_last(outputs, "word0 word1 word2", bottom[-30:])
    assert bottom in docx_all_text(outputs["docx"])
    assert bottom in outputs["md"].decode("utf-8")


def test_no_reportlab_layout_error_escapes_for_huge_unbreakable_content():
    token = "https://example.org/" + "x" * 4980
    data = {
        **BASE,
        "title": token[:300],
        "summary": token,
        "key_points": [{"text": token, "detail": token}],
        "quotes": [{"text": token, "speaker": token, "role": token}],
        "implications": [{"text": token, "actor": token[:200]}],
    }
    try:
        outputs = _render(data, ("pdf",))
    except BriefwrightError as error:  # a documented refusal is an answer too
        assert error.lines() and "LayoutError" not in str(error)
    else:
        # Every character drawn: counted, since long paragraphs run across page furniture.
        body_fields = 7  # summary, text, detail, quote text, speaker, role, implication text
        drawn = "".join(pdf_pages_text(outputs["pdf"])).count("x")
        assert drawn >= body_fields * token.count("x")
