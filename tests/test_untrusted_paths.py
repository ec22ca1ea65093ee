"""Paths and URLs in a summary stay text (issue 5, promise 4).

A path or file: URL in any field must never make the renderer open that file, the source URL
is never fetched, and a source URL that is not http(s) is refused where it is written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import docx_all_text

import briefwright
from briefwright.errors import InvalidSummary


def _render(data: dict, formats: tuple[str, ...]) -> dict[str, bytes]:
    return briefwright.render_bytes(data, formats=formats)


def _fold(text: str) -> str:
    return " ".join(text.split())


class _Watch:
    """An audit hook that records files opened and network use while it is switched on."""

    def __init__(self):
        self.on, self.opened, self.network = False, [], []
        sys.addaudithook(self)  # hooks cannot be removed; `on` limits it to one render

    def __call__(self, event, args):
        if not self.on:
            return
        if event == "open" and isinstance(args[0], str | bytes | Path):
            self.opened.append(str(args[0]))
        elif event.startswith(("socket.", "urllib.", "http.")):
            self.network.append(event)


def test_paths_and_urls_in_a_summary_are_never_opened(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-7f3e nobody may read this")
    mentions = [str(secret), f"file://{secret}", f"<file://{secret}>", "../../etc/passwd",
                f"[x]({secret})", f"<img src={secret}>"]  # fmt: skip
    data = {
        "title": mentions[0],
        "subtitle": mentions[1],
        "source": {"title": mentions[2], "url": "https://example.invalid/article"},
        "summary": " ".join(mentions),
        "key_points": mentions[3:],
    }
    _render(data, ("md",))  # warm up: the imports open files that are none of our business
    watch = _Watch()
    watch.on = True
    try:
        outputs = _render(data, ("md", "docx", "pdf", "html"))
    finally:
        watch.on = False
    assert not [path for path in watch.opened if "secret" in path or "passwd" in path]
    assert watch.network == [], "the source URL must never be fetched"
    for data_bytes in outputs.values():
        assert b"CANARY" not in data_bytes
    assert str(secret) in _fold(docx_all_text(outputs["docx"]))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "../secret.txt"])
def test_a_source_url_that_is_not_http_is_refused(url):
    data = {"title": "T", "source": {"title": "S", "url": url}, "summary": "x", "key_points": ["p"]}
    with pytest.raises(InvalidSummary) as caught:
        briefwright.load_summary(data)
    assert [issue.location.field for issue in caught.value.issues] == ["source.url"]
