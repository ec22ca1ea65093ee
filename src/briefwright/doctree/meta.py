"""The document's metadata from a summary and a template: title, marking, dates, properties.

The rules applied here (the render's marking under the release rule, how dates read in the
summary's language, how a running title is shortened) hold for every writer: writers read
DocMeta and never work them out again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefwright.doctree.nodes import DocMeta
from briefwright.doctree.titles import short_title
from briefwright.summary.dates import format_date
from briefwright.summary.validate import LoadedSummary
from briefwright.templating.release import release

if TYPE_CHECKING:
    from briefwright.summary.model import Summary
    from briefwright.templating.discovery import ResolvedTemplate


def document_meta(
    template: ResolvedTemplate, summary: Summary | LoadedSummary, *, verified: bool = False
) -> DocMeta:
    """Title, marking, dates and properties for page furniture, by the template's rules.

    The marking is the render's (the highest of the portions the template may carry), so this
    refuses, as the template's context does, when the template may release too little.
    """
    config = template.config
    marking = release(template, summary).marking
    if isinstance(summary, LoadedSummary):
        summary = summary.summary
    return DocMeta(
        title=summary.title,
        short_title=short_title(summary.title),
        subtitle=summary.subtitle or "",
        author=(summary.author or "") if config.get("show_author", True) else "",
        organization=(summary.organization or "") if config.get("show_organization", True) else "",
        date=summary.date.isoformat() if summary.date else "",
        date_label=format_date(summary.date, language=summary.language) if summary.date else "",
        marking=marking.label if marking else "",
        status=summary.status or "",
        version=summary.version or "",
        reference=summary.reference or "",
        subject=summary.source.title,
        keywords=tuple(summary.tags),
        source_url=summary.source.url or "",
        language=summary.language,
        template=template.name,
        audience=template.audience,
        verified=verified,
        contents=config.get("toc", False),
    )
