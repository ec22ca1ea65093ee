"""One briefing's formats written in two processes: same bytes, same errors, no child left over."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from functools import partial

import pytest
from conftest import SAMPLE, docx_all_text, pdf_pages_text

import briefwright
from briefwright.errors import InvalidSummary, RenderError
from briefwright.pipeline import steps, write
from briefwright.pipeline.executors import ChildTraceback, EarlyForkExecutor, can_fork
from briefwright.pipeline.load import load
from briefwright.pipeline.settings import RenderSettings
from briefwright.writers.base import PagesFound

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork")

ALL = ("docx", "pdf", "md")


def _render(
    split: bool, formats=ALL, warn=lambda message: None, template="analyst"
) -> dict[str, bytes]:
    settings = RenderSettings(formats=formats)
    if not split:
        return steps.render_document(SAMPLE, template, settings, warn=warn).outputs
    first = write.writing_order(formats)[0]
    with EarlyForkExecutor(warm_up=partial(write.warm_up_writer, first)) as executor:
        rendered = steps.render_document(SAMPLE, template, settings, executor=executor, warn=warn)
    return rendered.outputs


def _replace_writer(monkeypatch, replaced: str, writer) -> None:
    """Swap one format's writer; set before the fork, the child sees it too."""
    real = write.get_writer
    monkeypatch.setattr(write, "get_writer", lambda fmt: writer if fmt == replaced else real(fmt))


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_split_output_is_byte_identical_to_serial():
    serial, split = _render(False), _render(True)
    assert list(split) == list(ALL)
    assert split == serial
    assert "Moscow Courts" in pdf_pages_text(split["pdf"])[0]
    assert "Lavrov" in docx_all_text(split["docx"])
    assert _no_children_left()


def test_the_pdf_is_written_in_the_child(monkeypatch):
    here = os.getpid()

    def pdf_naming_its_process(doc, theme, options):
        return str(os.getpid()).encode()

    _replace_writer(monkeypatch, "pdf", pdf_naming_its_process)
    outputs = _render(True)
    assert int(outputs["pdf"]) != here
    assert outputs["md"] == _render(False)["md"]


def test_a_writer_error_in_the_child_reaches_the_caller_after_its_warnings(monkeypatch):
    def failing_pdf(doc, theme, options):
        options.warn("drawn before failing")
        raise RenderError("page 3: a table row taller than the page")

    _replace_writer(monkeypatch, "pdf", failing_pdf)
    warnings: list[str] = []
    with pytest.raises(RenderError, match="taller than the page"):
        _render(True, warn=warnings.append)
    assert warnings == ["drawn before failing"]
    assert _no_children_left()


def test_a_crash_in_the_child_is_raised_here_with_the_childs_traceback(monkeypatch):
    def broken_pdf(doc, theme, options):
        return {}["no such key"]

    _replace_writer(monkeypatch, "pdf", broken_pdf)
    with pytest.raises(KeyError, match="no such key") as raised:
        _render(True)
    assert isinstance(raised.value.__cause__, ChildTraceback)
    assert "in broken_pdf" in str(raised.value.__cause__)
    assert _no_children_left()


def test_an_error_here_stops_the_child_without_waiting_for_it(monkeypatch, tmp_path):
    finished = tmp_path / "pdf-finished"

    def failing_docx(doc, theme, options):
        raise RenderError("docx failed")

    def slow_pdf(doc, theme, options):
        time.sleep(30)
        finished.touch()  # only if the child was left to finish its work
        return b"%PDF-"

    _replace_writer(monkeypatch, "docx", failing_docx)
    _replace_writer(monkeypatch, "pdf", slow_pdf)
    # public has no contents list, so its DOCX does not wait for the PDF's page numbers
    with pytest.raises(RenderError, match="docx failed"):
        _render(True, template="public")
    assert _no_children_left()
    assert not finished.exists()


def test_a_failure_before_the_tree_is_built_stops_the_waiting_child(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n")
    with pytest.raises(InvalidSummary), EarlyForkExecutor():
        load(broken)
    assert _no_children_left()


def test_without_an_executor_nothing_is_forked(monkeypatch):
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked without an executor"))
    assert list(_render(False)) == list(ALL)
    assert list(briefwright.render_bytes(SAMPLE, formats=ALL)) == list(ALL)


def test_the_slowest_writer_is_submitted_first():
    assert write.writing_order(("md", "docx", "pdf")) == ("pdf", "docx", "md")
    assert write.writing_order(("md", "html", "docx")) == ("docx", "md", "html")
    assert write.writing_order(("html", "md")) == ("html", "md")


@pytest.mark.parametrize("formats", [("pdf",), ("docx",), ("md", "docx")])
def test_one_or_two_formats_come_out_as_in_one_process(formats):
    serial, split = _render(False, formats), _render(True, formats)
    assert list(split) == list(formats)
    assert split == serial
    assert _no_children_left()


def test_the_cli_splits_a_single_briefing_and_writes_everything(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefwright", "render", str(SAMPLE), "-o"]
    split = subprocess.run([*command, str(out), "-j", "2"], capture_output=True, text=True)
    serial = subprocess.run([*command, str(tmp_path / "serial"), "-j", "1"])
    assert split.returncode == serial.returncode == 0, split.stderr
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == [f"lavrov-yerevan-2025.analyst.{s}" for s in ("docx", "md", "pdf")]
    for name in names:
        assert (out / name).read_bytes() == (tmp_path / "serial" / name).read_bytes()


def test_with_the_split_the_parent_never_imports_reportlab(tmp_path):
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'reportlab', 'docx'}), file=sys.stderr))\n"
        "from briefwright.cli import main\n"
        f"main(['render', {str(SAMPLE)!r}, '-o', {str(tmp_path)!r}, '-q', '-j', '2'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "['docx']"
    assert pdf_pages_text((tmp_path / "lavrov-yerevan-2025.analyst.pdf").read_bytes())


def test_a_docx_with_contents_takes_the_page_numbers_the_child_found(monkeypatch):
    import docx
    from docx.oxml.ns import qn

    real = write.get_writer

    def pdf_with_moved_headings(doc, theme, options):
        data = real("pdf")(doc, theme, options)
        options.pages_found(PagesFound(20, tuple(range(11, 11 + 6))))  # as if laid out elsewhere
        return data

    _replace_writer(monkeypatch, "pdf", pdf_with_moved_headings)
    outputs = _render(True)
    body = docx.Document(io.BytesIO(outputs["docx"])).element.body
    shown = [
        "".join(t.text for t in run.iter(qn("w:t")))
        for code in body.iter(qn("w:instrText"))
        if code.text.strip().startswith("PAGEREF")
        for run in [code.getparent().getnext().getnext()]
    ]
    assert shown == [str(page) for page in range(11, 17)]
