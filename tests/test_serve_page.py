"""The page at `/`, driven in real headless Chromium (Debian's) through Playwright.

Set BRIEFWRIGHT_SCREENSHOTS=DIR to keep screenshots of each step for a person to look at.
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import SAMPLE, pdf_pages_text, squash
from serve_helpers import running_server

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not shutil.which("chromium"):
    # CI installs it (.ci/run): there, a missing browser is a failure, not a skip.
    if os.environ.get("CI"):
        raise RuntimeError("chromium is missing: .ci/run should have installed it")
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

TITLE = "Lavrov in Yerevan: Moscow Courts Armenia as Ties with Baku Sour"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
DATE_LINE = SAMPLE_TEXT.splitlines().index("date: 2025-05-22") + 1
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("serve-page"), "--workers", "1") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    opened.problems = []  # console errors (a CSP violation is one) and requests elsewhere
    origin = urlsplit(server.url).netloc
    opened.on("console", lambda m: m.type == "error" and opened.problems.append(m.text))
    opened.on(
        "request",
        lambda r: (
            urlsplit(r.url).netloc not in (origin, "")
            and opened.problems.append(f"request to {r.url}")
        ),
    )
    opened.goto(server.url + "/")
    yield opened
    context.close()


def shoot(page, name: str) -> None:
    directory = os.environ.get("BRIEFWRIGHT_SCREENSHOTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)


def paste_summary(page, text: str) -> None:
    page.fill("#summary", text)


def edit(page, old: str, new: str) -> None:
    """Select the first `old` in the editor and type `new` over it, key by key."""
    start = page.input_value("#summary").index(old)
    page.evaluate(
        "([a, b]) => { const s = document.getElementById('summary'); s.focus(); "
        "s.setSelectionRange(a, b); }",
        [start, start + len(old)],
    )
    page.keyboard.type(new)


def test_paste_break_fix_pick_and_download_the_pdf(page):
    paste_summary(page, SAMPLE_TEXT)
    sync_api.expect(page.locator("#verdict")).to_have_text("Valid summary")
    shoot(page, "1-pasted")

    edit(page, "date: 2025-05-22", "date: 2025-13-22")
    marked = page.locator(f'#gutter .bad[data-line="{DATE_LINE}"]')
    sync_api.expect(marked).to_have_count(1)
    assert page.locator("#gutter .bad").count() == 1
    problem = page.locator(f'#problems .problem[data-line="{DATE_LINE}"]')
    sync_api.expect(problem).to_contain_text("months run from 01 to 12")
    sync_api.expect(problem).to_contain_text("date")
    assert "months run from 01 to 12" in marked.get_attribute("title")
    note = page.locator(f'#notes .note[data-line="{DATE_LINE}"]')
    sync_api.expect(note).to_contain_text("date: 2025-13-22 is not a real date")
    problem.locator(".where").click()  # brings the line into view and selects it
    assert page.evaluate("document.getElementById('summary').selectionStart") == SAMPLE_TEXT.index(
        "date: 2025-05-22"
    )
    shoot(page, "2-broken-date")

    edit(page, "date: 2025-13-22", "date: 2025-05-22")
    sync_api.expect(page.locator("#verdict")).to_have_text("Valid summary")
    sync_api.expect(page.locator("#gutter .bad")).to_have_count(0)
    assert page.input_value("#summary") == SAMPLE_TEXT

    page.uncheck("#template-analyst")
    page.check("#template-executive")
    page.check("#format-pdf")
    with page.expect_download() as waiting:
        page.click("#download")
    download = waiting.value
    assert download.suggested_filename == "summary.executive.pdf"
    text = squash(" ".join(pdf_pages_text(Path(download.path()).read_bytes())))
    assert TITLE in text
    sync_api.expect(page.locator("#status")).to_contain_text("Downloaded summary.executive.pdf")
    assert page.problems == []


def test_preview_is_sandboxed_styled_and_scriptless(page):
    page.set_input_files("#upload", str(SAMPLE))
    page.uncheck("#template-analyst")
    page.check("#template-executive")
    page.click("#preview")
    frame_element = page.locator("#preview-frame")
    sync_api.expect(page.locator("#status")).to_contain_text("Preview")
    assert frame_element.get_attribute("sandbox") == ""
    frame = page.frame_locator("#preview-frame")
    sync_api.expect(frame.locator("h1")).to_contain_text("Lavrov in Yerevan")
    sync_api.expect(page.locator("#status")).to_have_text("Preview: executive")
    # its stylesheet applies under the page's policy (allowed by hash), so the title is coloured
    colour = frame.locator("h1").evaluate("e => getComputedStyle(e).color")
    assert colour != "rgb(0, 0, 0)"
    shoot(page, "3-preview")
    assert page.problems == []


def test_a_blank_form_from_the_schema_becomes_a_valid_summary(page):
    page.click("#blank")
    page.fill("#form-title", "Grain corridor talks resume")
    page.fill("#form-source-title", "Talks to resume in Istanbul")
    page.fill("#form-summary", "Talks on the Black Sea grain corridor resume next week.")
    page.fill("#form-key_points", "Both delegations will attend.\nTurkey hosts.")
    page.fill("#form-date", "2025-06-02")
    shoot(page, "4-blank-form")
    page.click("#form-use")
    sync_api.expect(page.locator("#verdict")).to_have_text("Valid summary")
    value = page.input_value("#summary")
    assert 'title: "Grain corridor talks resume"' in value
    assert '  - "Turkey hosts."' in value
    assert page.problems == []


def test_upload_and_download_the_eml(page, tmp_path):
    page.set_input_files("#upload", str(SAMPLE))
    sync_api.expect(page.locator("#verdict")).to_have_text("Valid summary")
    with page.expect_download() as waiting:
        page.click("#mail")
    download = waiting.value
    assert download.suggested_filename == "lavrov-yerevan-2025.analyst.eml"
    message = email.message_from_bytes(
        Path(download.path()).read_bytes(), policy=email.policy.default
    )
    assert message["Subject"].strip() == f"[TLP:AMBER] {TITLE}"
    assert [p.get_content_type() for p in message.iter_attachments()] == ["application/pdf"]
