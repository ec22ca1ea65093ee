"""Page budgets: a template's max_pages holds, by trimming key points with a note, or the render
is refused with exit 1 saying how far over it is; never more pages with exit 0."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from conftest import SAMPLE, docx_all_text, pdf_pages_text, squash
from pypdf import PdfReader

from briefwright import load_summary, render_bytes
from briefwright.cli import main
from briefwright.pipeline.pages import PageBudgetExceeded
from briefwright.templating.context import build_context
from briefwright.templating.discovery import resolve_template
from briefwright.writers import get_writer

MORE = (
    " Analysts in Baku and Yerevan read the visit very differently, and both readings shape"
    " what each capital will ask of Moscow before the end of the year."
)


def with_bottom_line(tmp_path: Path, sentences: int, name: str = "long") -> Path:
    """The sample with `sentences` more sentences in its full bottom line."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    cleared, full = data["summary"]
    data["summary"] = [cleared, {**full, "text": full["text"] + MORE * sentences}]
    data["source"].pop("text", None)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def render(path: Path, template: str, out: Path):
    args = ["render", str(path), "-t", template, "-o", str(out), "-f", "pdf", "-f", "docx"]
    return CliRunner().invoke(main, args)


def test_a_longer_bottom_line_drops_key_points_and_says_so(tmp_path):
    path = with_bottom_line(tmp_path, 2)
    result = render(path, "executive", tmp_path)
    assert result.exit_code == 0, result.output
    pdf = (tmp_path / "long.executive.pdf").read_bytes()
    [page] = pdf_pages_text(pdf)
    summary = load_summary(path).summary
    shown = [p for p in summary.key_points if squash(p.text) in squash(page)]
    full = build_context(resolve_template("executive"), summary)
    assert 1 <= len(shown) < len(full["key_points"])  # type: ignore[arg-type]
    # the highest priorities stay, and the note counts what went
    assert [p.text for p in shown] == [p["text"] for p in full["key_points"][: len(shown)]]  # type: ignore[index]
    note = f"{len(summary.key_points) - len(shown)} more key points in the full briefing."
    assert note in page
    word = docx_all_text((tmp_path / "long.executive.docx").read_bytes())
    assert note in word and all(p.text in word for p in shown)


def test_a_bottom_line_too_long_for_one_page_is_refused_with_how_far_over(tmp_path):
    path = with_bottom_line(tmp_path, 8)
    result = render(path, "executive", tmp_path)
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}: the briefing is about ")
    assert "lines too long for the 1-page template 'executive' allows" in result.output
    assert "it runs onto page 2 in " in result.output
    assert "even with only 1 key point shown" in result.output
    assert list(tmp_path.glob("long.executive.*")) == []


@pytest.mark.parametrize("sentences", [0, 1, 3, 5, 7, 9])
def test_executive_is_one_page_or_refused_never_two(tmp_path, sentences):
    path = with_bottom_line(tmp_path, sentences)
    result = render(path, "executive", tmp_path)
    if result.exit_code == 0:
        reader = PdfReader(io.BytesIO((tmp_path / "long.executive.pdf").read_bytes()))
        assert len(reader.pages) == 1
    else:
        assert result.exit_code == 1 and "too long for the 1-page" in result.output


def test_the_sample_keeps_its_promises():
    for template, pages in (("executive", 1), ("brief-note", 2)):
        pdf = render_bytes(SAMPLE, template=template, formats=("pdf",))["pdf"]
        assert len(PdfReader(io.BytesIO(pdf)).pages) == pages


def test_without_trim_a_budget_refuses_at_once(tmp_path):
    directory = tmp_path / "tight"
    directory.mkdir()
    (directory / "template.toml").write_text('extends = "analyst"\nmax_pages = 2\n')
    with pytest.raises(PageBudgetExceeded) as caught:
        render_bytes(SAMPLE, template=str(directory), formats=("md",))
    message = str(caught.value)
    assert " pages too long for the 2-page template 'tight' allows; it runs onto page 3 in " in (
        message
    )
    assert "even with" not in message


def test_the_pdf_checked_for_the_budget_is_the_pdf_written(tmp_path):
    from briefwright.pipeline.settings import RenderSettings
    from briefwright.pipeline.steps import render_document, write_options

    path = with_bottom_line(tmp_path, 2)
    rendered = render_document(path, "executive", RenderSettings(formats=("pdf",)))
    template = resolve_template("executive")
    options = write_options(load_summary(path), template, RenderSettings())
    again = get_writer("pdf")(rendered.document, template.theme, options)
    assert again == rendered.outputs["pdf"]


def test_a_docx_only_render_is_held_to_the_budget_too(tmp_path):
    path = with_bottom_line(tmp_path, 2)
    outputs = render_bytes(path, template="executive", formats=("docx",))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(outputs["docx"])).paragraphs)
    assert "more key points in the full briefing." in text


def test_many_key_points_are_cut_to_the_most_that_fit_in_few_layouts(tmp_path, monkeypatch):
    import briefwright.writers.pdf as pdf_writer

    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["key_points"] = [f"Point number {n} of a long list." for n in range(1, 201)]
    data["source"].pop("text", None)
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    directory = tmp_path / "two"
    directory.mkdir()
    toml = 'extends = "executive"\nmax_pages = 2\n[limits]\nkey_points = 1000\n'
    (directory / "template.toml").write_text(toml, encoding="utf-8")
    layouts = []
    real = pdf_writer.lay_out
    monkeypatch.setattr(pdf_writer, "lay_out", lambda *a, **k: layouts.append(1) or real(*a, **k))
    pdf = render_bytes(path, template=str(directory), formats=("pdf",))["pdf"]
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    assert len(layouts) <= 12  # halving 200, not one layout per point dropped
    text = squash(" ".join(pdf_pages_text(pdf)))
    shown = sum(f"Point number {n} of a long list." in text for n in range(1, 201))
    assert f"{200 - shown} more key points in the full briefing." in text
    # one more would not have fitted
    more = toml.replace("key_points = 1000", f"key_points = {shown + 1}").replace(
        "max_pages = 2", "max_pages = 10"
    )
    (directory / "template.toml").write_text(more, encoding="utf-8")
    pdf = render_bytes(path, template=str(directory), formats=("pdf",))["pdf"]
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3
