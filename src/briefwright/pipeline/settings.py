"""What a render needs besides the summary and the template, and the defaults all callers share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefwright.errors import UsageError
from briefwright.writers import DEFAULT_FORMATS, writer_info

DEFAULT_TEMPLATE = "analyst"
DEFAULT_OUTPUT_DIR = Path("briefings")

__all__ = [
    "DEFAULT_FORMATS",
    "DEFAULT_OUTPUT_DIR",
    "DEFAULT_TEMPLATE",
    "RenderSettings",
    "normalise_formats",
]


@dataclass(frozen=True)
class RenderSettings:
    """The settings of one render call, shared by every summary and template it covers.

    Plain data only (no callbacks), so a batch can hand it to worker processes as it is.
    """

    formats: tuple[str, ...] = DEFAULT_FORMATS
    output_dir: Path = DEFAULT_OUTPUT_DIR
    force: bool = False  # replace outputs even if they were edited since
    reference_doc: Path | None = None  # a .docx whose styles the DOCX output takes
    font: str | None = None  # a font family for the PDF and DOCX instead of the theme's
    strict: bool = False  # a character no font can draw is an error, not a warning
    verify: bool = False  # check every quote against source.text before rendering
    # Where templates are looked up by name, besides the built-ins (a server's configured
    # directories); None: the CLI's search path. With it, a template must be a name, not a path.
    template_path: tuple[Path, ...] | None = None


def normalise_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """Format names as the registry spells them, in order, once each; UsageError if unknown.

    A single string is one format ("pdf"), not a sequence of letters; case does not matter.
    """
    names = [formats] if isinstance(formats, str) else list(formats)
    for name in names:
        if not isinstance(name, str):
            raise UsageError(f"a format is a name such as 'pdf', not {type(name).__name__}")
    chosen = tuple(dict.fromkeys(writer_info(name.strip().lower()).name for name in names))
    if not chosen:
        raise UsageError("no output format requested")
    return chosen
