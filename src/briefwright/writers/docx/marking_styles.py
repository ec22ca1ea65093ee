"""The paragraph style of a marking banner, added through python-docx's style API.

The banner (a marking other than TLP, centred in bold capitals at the top and bottom of every
page) is its own named style, so an office can restyle it in Word like any other.
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

BANNER = "Marking Banner"
BANNER_SIZE_PT = 10.0


def install_marking_styles(document: Any, replace: bool) -> dict[str, str]:
    """Add the banner style to a python-docx Document (restyled too when `replace`, as the
    stylesheet's styles are); returns {style name: styleId}."""
    styles = document.styles
    exists = BANNER in styles
    style = styles[BANNER] if exists else styles.add_style(BANNER, WD_STYLE_TYPE.PARAGRAPH)
    if replace or not exists:
        style.base_style = styles["Marking"]
        style.quick_style = True
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        style.font.bold = True
        style.font.all_caps = True
        style.font.size = Pt(BANNER_SIZE_PT)
    return {BANNER: style.style_id}
