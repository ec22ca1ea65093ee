"""The Content-Security-Policy of every answer: nothing from elsewhere, nothing inline but the
preview's own styles, named by their hashes.

The HTML preview is shown in a sandboxed iframe through `srcdoc`, and such a frame lives under
its page's policy. Its stylesheet (one per template theme) and the TLP labels' style attributes
are therefore allowed by hash, taken from briefings rendered with the templates the server
offers; the page itself has no inline style or script. The briefing's print stylesheet
(`<style media="print">`, whose page margins carry its own header and footer texts) cannot be
known ahead, so the page takes it out of the preview, which is shown on screen only.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html import unescape
from pathlib import Path

# Markings whose look differs in HTML: each TLP label has its own inline colours.
MARKINGS = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED", "INTERNAL")
_STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')


def page_policy(style_hashes: Iterable[str] = ()) -> str:
    """The policy: our own script, styles and frames; the preview's styles by hash."""
    hashes = " ".join(f"'{h}'" for h in sorted(set(style_hashes)))
    extra = f" 'unsafe-hashes' {hashes}" if hashes else ""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            f"style-src 'self'{extra}",
            "img-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )


def preview_style_hashes(template_names: Iterable[str], roots: tuple[Path, ...]) -> list[str]:
    """The hashes of every inline style an HTML briefing from these templates can hold.

    Taken from what the HTML writer really writes: a small briefing in each template, once
    with each TLP label (whose colours are inline) and once with another marking.
    """
    from briefwright.pipeline.memory import render_text, small_summary
    from briefwright.pipeline.settings import RenderSettings

    settings = RenderSettings(formats=("html",), template_path=roots)
    hashes: set[str] = set()
    for name in template_names:
        for marking in MARKINGS:
            outcome = render_text(small_summary(marking), (name,), settings)
            for _, data in outcome.files:
                html = data.decode("utf-8")
                hashes.update(_hash(css) for css in _STYLE_ELEMENT.findall(html))
                hashes.update(_hash(unescape(css)) for css in _STYLE_ATTRIBUTE.findall(html))
    return sorted(hashes)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
