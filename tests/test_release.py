"""The release rule end to end: what each template may carry of a marked summary, read back from
every format and the mail, and the refusals when it may carry too little."""

from __future__ import annotations

import io
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from conftest import docx_all_text, pdf_pages_text, squash
from pypdf import PdfReader

from briefwright import render_bytes
from briefwright.cli import main

# Every portion of the summary below, with the marking it has (its own, or the summary's).
PORTIONS = {
    "Open bottom line.": "TLP:CLEAR",
    "Full bottom line.": "TLP:AMBER",
    "Open point.": "TLP:CLEAR",
    "Partner point.": "TLP:GREEN",
    "Internal point.": "TLP:AMBER",
    "Open quote.": "TLP:CLEAR",
    "Internal quote.": "TLP:AMBER",
    "Open event.": "TLP:CLEAR",
    "Partner event.": "TLP:GREEN",
    "Internal implication.": "TLP:AMBER",
    "Partner recommendation.": "TLP:GREEN",
    "Internal recommendation.": "TLP:AMBER",
}
MIXED = {
    "title": "Mixed markings",
    "date": "2025-05-22",
    "marking": "TLP:AMBER",
    "source": {"title": "An article"},
    "summary": [
        {"text": "Open bottom line.", "marking": "TLP:CLEAR"},
        {"text": "Full bottom line."},
    ],
    "key_points": [
        {"text": "Open point.", "marking": "tlp:clear"},
        {"text": "Partner point.", "marking": "TLP: GREEN"},
        "Internal point.",
    ],
    "quotes": [
        {"text": "Open quote.", "speaker": "A", "marking": "TLP:CLEAR"},
        {"text": "Internal quote.", "speaker": "B"},
    ],
    "timeline": [
        {"date": "2025-05-20", "event": "Open event.", "marking": "TLP:CLEAR"},
        {"date": "2025-05-21", "event": "Partner event.", "marking": "TLP:GREEN"},
    ],
    "implications": ["Internal implication."],
    "recommendations": [
        {"text": "Partner recommendation.", "marking": "TLP:GREEN"},
        "Internal recommendation.",
    ],
}
FORMATS = ("md", "html", "docx", "pdf")


def write_summary(tmp_path: Path, data: dict, name: str = "mixed.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def text_of(fmt: str, data: bytes) -> str:
    """What a reader of the format sees, whitespace folded."""
    if fmt == "pdf":
        return squash(" ".join(pdf_pages_text(data)))
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        furniture = [p.text for s in document.sections for part in (s.header, s.footer)
                     for p in part.paragraphs]  # fmt: skip
        return squash(" ".join([docx_all_text(data), *furniture]))
    text = data.decode("utf-8")
    if fmt == "html":
        text = re.sub(r"<style>.*?</style>|<head>.*?</head>", " ", text, flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", text)
    return squash(text.replace("\\", "").replace("*", ""))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    path = write_summary(tmp_path_factory.mktemp("mixed"), MIXED)
    return {
        name: render_bytes(path, formats=FORMATS, template=name) for name in ("public", "analyst")
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_public_carries_exactly_the_clear_portions_and_is_marked_clear(rendered, fmt):
    text = text_of(fmt, rendered["public"][fmt])
    for portion, marking in PORTIONS.items():
        assert (portion in text) == (marking == "TLP:CLEAR"), (portion, marking)
    assert "TLP:CLEAR" in text
    assert "AMBER" not in text and "GREEN" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_analyst_carries_everything_marked_amber_with_portion_marks(rendered, fmt):
    text = text_of(fmt, rendered["analyst"][fmt])
    assert "Open bottom line." not in text  # the full version replaces it
    for portion, marking in PORTIONS.items():
        if portion != "Open bottom line.":
            assert portion in text
        mark = f"({marking}) "
        if marking != "TLP:AMBER" and portion != "Open bottom line.":
            assert f"{mark}{portion}" in text or f"{mark}“{portion}" in text, (fmt, portion)
    assert "(TLP:AMBER)" not in text and "TLP:AMBER" in text


def test_the_marking_is_where_each_format_keeps_it(rendered):
    public, analyst = rendered["public"], rendered["analyst"]
    md = public["md"].decode("utf-8").strip().splitlines()
    assert md[0] == md[-1] == "**TLP:CLEAR**"
    assert 'content="TLP:CLEAR"' in public["html"].decode("utf-8")
    for outputs, label in ((public, "TLP:CLEAR"), (analyst, "TLP:AMBER")):
        document = docx.Document(io.BytesIO(outputs["docx"]))
        assert document.core_properties.category == label
        header = document.sections[0].header.paragraphs[0].text
        assert header.split("\t")[-1].strip("\u00a0") == label
        reader = PdfReader(io.BytesIO(outputs["pdf"]))
        assert reader.metadata["/Keywords"].startswith(label)
        assert all(page.extract_text().count(label) >= 2 for page in reader.pages)  # header, footer


def _mail(tmp_path: Path, summary: Path, template: str):
    eml = tmp_path / f"{template}.eml"
    args = ["mail", str(summary), "-t", template, "--attach", "pdf,docx", "-o", str(eml)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return BytesParser(policy=policy.default).parsebytes(eml.read_bytes())


def test_mail_subject_and_bodies_follow_the_release(tmp_path):
    summary = write_summary(tmp_path, {**MIXED, "status": "draft"})
    public = _mail(tmp_path, summary, "public")
    assert public["Subject"] == "[TLP:CLEAR] [DRAFT] Mixed markings"
    for body in (public.get_body(("plain",)), public.get_body(("html",))):
        content = body.get_content()
        assert "Open point." in content and "Partner point." not in content
        assert "Internal" not in content and "AMBER" not in content
    for attachment in public.iter_attachments():
        fmt = attachment.get_filename().rsplit(".", 1)[1]
        assert "Internal point." not in text_of(fmt, attachment.get_content())
    analyst = _mail(tmp_path, summary, "analyst")
    assert analyst["Subject"] == "[TLP:AMBER] [DRAFT] Mixed markings"
    assert "(TLP:GREEN) Partner point." in analyst.get_body(("plain",)).get_content()


# --- refusals -----------------------------------------------------------------------------

AMBER_ONLY = {
    "title": "All amber",
    "marking": "TLP:AMBER",
    "source": {"title": "An article"},
    "summary": "Internal bottom line.",
    "key_points": ["Internal point."],
}


def _render(tmp_path: Path, summary: Path, template: str):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(summary), "-t", template, "-o", str(out)])
    written = sorted(p.name for p in out.rglob("*")) if out.exists() else []
    return result, written


def _user_template(tmp_path: Path, toml: str, body: str | None = None) -> Path:
    directory = tmp_path / "house"
    directory.mkdir()
    (directory / "template.toml").write_text(toml, encoding="utf-8")
    if body is not None:
        (directory / "briefing.md.j2").write_text(body, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    "template",
    [
        "public",
        'extends = "public"\n',
        'extends = "analyst"\nmax_marking = "TLP:GREEN"\n',
        'extends = "base"\nmax_marking = "tlp: clear"\n',
    ],
    ids=["public", "extends-public", "own-max-green", "own-max-clear"],
)
def test_a_summary_without_cleared_portions_is_refused_and_nothing_written(tmp_path, template):
    summary = write_summary(tmp_path, AMBER_ONLY, "amber.yaml")
    name = template if template == "public" else str(_user_template(tmp_path, template))
    result, written = _render(tmp_path, summary, name)
    assert result.exit_code == 1
    assert written == []
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    bottom, points = lines
    limit = "TLP:GREEN" if "GREEN" in template else "TLP:CLEAR"
    at = {line.split(":")[0]: n for n, line in enumerate(summary.read_text().splitlines(), 1)}
    assert bottom.startswith(f"{summary}:{at['summary']}:1: summary: template ")
    assert f"releases nothing above {limit}, but the bottom line is marked TLP:AMBER" in bottom
    assert f"give `summary` a version marked {limit}" in bottom
    assert points.startswith(f"{summary}:{at['key_points']}:1: key_points: template ")
    assert f"mark at least one key point {limit}" in points
    assert "Traceback" not in result.output


def test_only_a_missing_bottom_line_is_refused_alone(tmp_path):
    data = {**AMBER_ONLY, "key_points": [{"text": "Open point.", "marking": "TLP:CLEAR"}]}
    result, written = _render(tmp_path, write_summary(tmp_path, data), "public")
    assert result.exit_code == 1 and written == []
    assert len(result.output.strip().splitlines()) == 1 and "bottom line" in result.output


def test_a_user_template_cannot_print_what_the_release_left_out(tmp_path):
    body = (
        '{% extends "public/briefing.md.j2" %}\n{% block key_points %}\n'
        "{% for p in key_points %}\n- {{ p.text }} ({{ p.marking }})\n{% endfor %}\n"
        "{{ counts.key_points }} of them\n{% endblock %}\n"
    )
    template = _user_template(tmp_path, 'extends = "public"\n', body)
    outputs = render_bytes(write_summary(tmp_path, MIXED), formats="md", template=template)
    text = outputs["md"].decode("utf-8")
    assert "Open point. (TLP:CLEAR)" in text and "1 of them" in text
    assert "Partner point" not in text and "Internal point" not in text


def test_a_free_text_marking_is_never_released_and_the_message_says_why(tmp_path):
    data = {**AMBER_ONLY, "marking": "Internal use only"}
    result, written = _render(tmp_path, write_summary(tmp_path, data), "public")
    assert result.exit_code == 1 and written == []
    assert "INTERNAL USE ONLY is in no known marking scheme" in result.output
    analyst = render_bytes(write_summary(tmp_path, data, "free.yaml"), formats="md")
    assert analyst["md"].decode("utf-8").startswith("**INTERNAL USE ONLY**")


def test_a_summary_without_a_marking_releases_everything(tmp_path):
    data = {key: value for key, value in AMBER_ONLY.items() if key != "marking"}
    text = render_bytes(write_summary(tmp_path, data), formats="md", template="public")["md"]
    assert b"Internal point." in text and b"TLP" not in text


def test_readme_refusal_transcript_is_real_output(tmp_path, monkeypatch):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(
        r"\$ cat amber.yaml\n(.*?)  \$ briefwright render amber.yaml -t public\n(.*?)"
        r"  \$ echo \$\?\n  (\d+)\n",
        readme,
        re.DOTALL,
    )
    assert block, "README shows a refused render with its file, output and exit code"
    summary, output, code = (re.sub(r"(?m)^  ", "", part) for part in block.groups())
    monkeypatch.chdir(tmp_path)
    Path("amber.yaml").write_text(summary, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "amber.yaml", "-t", "public"])
    assert result.output == output and result.exit_code == int(code)
    assert not Path("briefings").exists()
