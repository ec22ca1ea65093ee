"""What the running header and footer of every page say, the same in every format.

The header names who wrote the briefing (the organisation, else the short title) in bold,
then its reference and version; the footer gives the short title and the date the
information is as of. The marking and the page number sit beside them.
"""

from __future__ import annotations

from briefwright.doctree.nodes import DocMeta

SEPARATOR = "\u2002\u00b7\u2002"  # en space, middle dot, en space


def header_parts(meta: DocMeta) -> tuple[str, list[str]]:
    """The header's lead (drawn bold) and the parts after it."""
    lead = " ".join((meta.organization or meta.short_title).split())
    return lead, meta.control_parts()


def footer_parts(meta: DocMeta) -> list[str]:
    """The footer's parts, before the page number."""
    date = meta.date_label.strip()
    parts = [" ".join(meta.short_title.split()), f"Information as of {date}" if date else ""]
    return [part for part in parts if part]
