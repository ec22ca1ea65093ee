"""The Content-Security-Policy of every answer: nothing from elsewhere, nothing inline but the
preview's own styles, named by their hashes.

The HTML preview is shown in a sandboxed iframe through `srcdoc`, and such a frame lives under
its page's policy. Its stylesheet (one per template theme) and the TLP labels' style attributes
are therefore allowed by hash, computed from the templates the server offers; the page itself
has no inline style or script.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from pathlib import Path


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
    """The hashes of every inline style an HTML briefing from these templates can hold."""
    from briefwright.templating.discovery import resolve_template
    from briefwright.writers.html import TLP_COLOURS
    from briefwright.writers.html.style import stylesheet

    hashes = [_hash(f"background:#000000;color:{colour}") for colour in TLP_COLOURS.values()]
    for name in template_names:
        theme = resolve_template(name, roots=roots).theme
        hashes.append(_hash(f"\n{stylesheet(theme)}"))
    return hashes


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
