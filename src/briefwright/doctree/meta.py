"""The document's metadata from a summary and a template: title, marking, dates, properties.

The rules applied here (which marking a template may show, how dates read, how a running title
is shortened) hold for every writer: writers read DocMeta and never work them out again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefwright.doctree.nodes import DocMeta
from briefwright.doctree.titles import short_title
from briefwright.markings import allowed_marking
from briefwright.summary.dates import format_date

if TYPE_CHECKING:
    from briefwright.summary.model import Summary
    from briefwright.templating.discovery import ResolvedTemplate


def document_meta(
    template: ResolvedTemplate, summary: Summary, *, verified: bool = False
) -> DocMeta:
    """Title, marking, dates and properties for page furniture, by the template's rules."""
    config = template.config
    return DocMeta(
        title=summary.title,
        short_title=short_title(summary.title),
        subtitle=summary.subtitle or "",
        author=(summary.author or "") if config.get("show_author", True) else "",
        organization=(summary.organization or "") if config.get("show_organization", True) else "",
        date=summary.date.isoformat() if summary.date else "",
        date_label=format_date(summary.date) if summary.date else "",
        marking=allowed_marking(summary.marking, config) or "",
        subject=summary.source.title,
        keywords=tuple(summary.tags),
        source_url=summary.source.url or "",
        template=template.name,
        audience=template.audience,
        verified=verified,
    )
