"""`briefwright templates context`: every name, filter, block and setting a template can use."""

from __future__ import annotations

from collections.abc import Callable

from briefwright.templating.config import KEYS
from briefwright.templating.context import REFERENCE
from briefwright.templating.discovery import resolve_template
from briefwright.templating.filters import FILTERS
from briefwright.templating.scaffold import leaf_block_names


def template_context_reference() -> str:
    """The names a template can use, the filters, blocks and template.toml keys, as text."""
    width = max(len(name) for name in [*REFERENCE, *KEYS])
    lines = ["Variables (every printed value is Markdown-escaped; `|raw` prints it as it is):"]
    lines += [f"  {name:<{width}}  {meaning}" for name, meaning in REFERENCE.items()]
    lines += ["  An item's `marking` is its own or else the summary's; its `portion_mark` is"]
    lines += [
        "  '(TLP:CLEAR)' when portion_marks is on and the marking differs from the briefing's."
    ]
    lines += ["  Portions above max_marking, and items for other audiences, are never here."]
    lines += ["", "Filters added to Jinja's (center, format, safe, tojson... are left out):"]
    lines += [f"  {name:<{width}}  {_first_line(FILTERS[name])}" for name in _OWN_FILTERS]
    lines += [
        "",
        "Fixed texts in the summary's language (gettext catalogues; printed escaped too):",
    ]
    lines += ["  {{ _('Key points') }}, {{ _('Page %(n)s', n=3) }}, {{ ngettext('%(num)s item',"]
    lines += ["  '%(num)s items', count) }} and {% trans %}...{% endtrans %} blocks."]
    lines += ["", "Blocks of the built-in base template, in order (override any of them):"]
    lines += [f"  {', '.join(leaf_block_names(resolve_template('base').chain))}"]
    lines += ["  and `document`, which holds them all: override it to reorder, using"]
    lines += ["  {{ self.key_points() }} and so on (see the brief-note template)."]
    lines += ["", "template.toml keys:"]
    lines += [f"  {key:<{width}}  {meaning}" for key, (_, meaning) in KEYS.items()]
    return "\n".join(lines) + "\n"


_OWN_FILTERS = (
    "date", "join_and", "pluralise", "likelihood", "likelihood_range", "capfirst", "full_stop",
    "raw",
)  # fmt: skip


def _first_line(function: Callable[..., object]) -> str:
    return (function.__doc__ or "").strip().splitlines()[0]
