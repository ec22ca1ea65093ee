"""briefwright: structured article summaries in, policy briefings out (DOCX, PDF, Markdown)."""

from briefwright.version import __version__

__all__ = ["__version__", "load_summary", "render", "validate"]


def __getattr__(name: str):
    # The public functions live in api.py; importing it lazily keeps `import briefwright`
    # (and so `briefwright --help`) free of the pipeline's heavier imports.
    if name in ("load_summary", "render", "validate"):
        from briefwright import api

        return getattr(api, name)
    raise AttributeError(f"module 'briefwright' has no attribute {name!r}")
