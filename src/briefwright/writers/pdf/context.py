"""What the PDF block and table handlers share while they lay out one document."""

from __future__ import annotations

from dataclasses import dataclass

from briefwright.theme import Theme
from briefwright.writers.pdf import markup
from briefwright.writers.pdf.styles import Styles


@dataclass
class Context:
    """What block handlers share: the theme, styles, the inline renderer and the frame width."""

    theme: Theme
    styles: Styles
    inline: markup.InlineRenderer
    width: float  # points available for the current block (narrower inside boxes)
    list_depth: int = 0  # lists around the current block
