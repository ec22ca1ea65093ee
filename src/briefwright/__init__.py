"""briefwright: structured article summaries in, policy briefings out (DOCX, PDF, Markdown, HTML).

The public API, importable from here: load_summary, parse_summary, validate, render,
render_bytes, the Summary and LoadedSummary types, and the exceptions and warning they raise.
Names are imported when first used, so `import briefwright` (and `briefwright --help`) loads
none of pydantic, Jinja2, reportlab or python-docx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from briefwright.version import __version__

if TYPE_CHECKING:
    from briefwright.api import (
        load_summary,
        parse_summary,
        render,
        render_bytes,
        validate,
    )
    from briefwright.errors import (
        BriefwrightError,
        BriefwrightWarning,
        CacheWarning,
        InvalidSummary,
        Issue,
        Location,
        OutputError,
        RenderError,
        TemplateError,
        UsageError,
    )
    from briefwright.pipeline.steps import VerificationFailed
    from briefwright.summary import LoadedSummary, Summary

# public name -> the module that defines it
_HOMES = {
    "load_summary": "briefwright.api",
    "parse_summary": "briefwright.api",
    "validate": "briefwright.api",
    "render": "briefwright.api",
    "render_bytes": "briefwright.api",
    "BriefwrightWarning": "briefwright.errors",
    "CacheWarning": "briefwright.errors",
    "Summary": "briefwright.summary",
    "LoadedSummary": "briefwright.summary",
    "Issue": "briefwright.errors",
    "Location": "briefwright.errors",
    "BriefwrightError": "briefwright.errors",
    "InvalidSummary": "briefwright.errors",
    "TemplateError": "briefwright.errors",
    "RenderError": "briefwright.errors",
    "OutputError": "briefwright.errors",
    "UsageError": "briefwright.errors",
    "VerificationFailed": "briefwright.pipeline.steps",
}

__all__ = [
    "BriefwrightError",
    "BriefwrightWarning",
    "CacheWarning",
    "InvalidSummary",
    "Issue",
    "LoadedSummary",
    "Location",
    "OutputError",
    "RenderError",
    "Summary",
    "TemplateError",
    "UsageError",
    "VerificationFailed",
    "__version__",
    "load_summary",
    "parse_summary",
    "render",
    "render_bytes",
    "validate",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'briefwright' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # the next look-up is an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, *(name for name in globals() if name.startswith("__"))})
