"""The registry of output formats.

Writer modules are imported only when their format is asked for, so a Markdown-only render or
`briefwright validate` never pays for python-docx or reportlab.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from briefwright.errors import UsageError


@dataclass(frozen=True)
class WriterInfo:
    name: str
    suffix: str
    module: str  # defines `write(doc, theme, options) -> bytes`
    description: str


WRITERS = {
    "docx": WriterInfo("docx", ".docx", "briefwright.writers.docx", "Word document"),
    "pdf": WriterInfo("pdf", ".pdf", "briefwright.writers.pdf", "PDF"),
    "md": WriterInfo("md", ".md", "briefwright.writers.markdown", "GitHub-flavoured Markdown"),
    "html": WriterInfo("html", ".html", "briefwright.writers.html", "self-contained HTML"),
}
DEFAULT_FORMATS = ("docx", "pdf", "md")


def writer_info(name: str) -> WriterInfo:
    try:
        return WRITERS[name]
    except KeyError:
        close = difflib.get_close_matches(name, WRITERS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise UsageError(
            f"unknown format '{name}'{hint}; known formats: {', '.join(WRITERS)}"
        ) from None


def get_writer(name: str) -> Callable:
    """The `write` function of a format, importing its module on first use."""
    return importlib.import_module(writer_info(name).module).write
