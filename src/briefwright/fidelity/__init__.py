"""Source fidelity: prove a summary's quotes are in its source text, and draft from an article."""

from briefwright.fidelity.check import check_against, check_summary
from briefwright.fidelity.draft import draft_summary, source_text_path
from briefwright.fidelity.findings import CheckReport, Finding
from briefwright.fidelity.report import render_json, render_text
from briefwright.fidelity.source import MAX_SOURCE_BYTES, SourceText

__all__ = [
    "MAX_SOURCE_BYTES",
    "CheckReport",
    "Finding",
    "SourceText",
    "check_against",
    "check_summary",
    "draft_summary",
    "render_json",
    "render_text",
    "source_text_path",
]
