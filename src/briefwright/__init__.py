"""briefwright: structured article summaries in, policy briefings out (DOCX, PDF, Markdown)."""

__version__ = "0.1.0"

from briefwright.api import load_summary, render, validate  # noqa: E402

__all__ = ["__version__", "load_summary", "render", "validate"]
