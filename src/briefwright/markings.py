"""Handling markings: which marking a template may show.

Every writer, the mail subject and the templates take the render's marking from here (through
the document's DocMeta), never by reading the summary again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefwright.templating.config import TemplateConfig


def allowed_marking(marking: str | None, config: TemplateConfig) -> str | None:
    """The marking if the template may show it (allowed_markings, compared case-insensitively)."""
    allowed = config.get("allowed_markings")
    if not marking or allowed is None:
        return marking
    wanted = " ".join(marking.split()).upper()
    return marking if wanted in {" ".join(a.split()).upper() for a in allowed} else None
