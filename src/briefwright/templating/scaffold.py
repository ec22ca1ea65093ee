"""`briefwright templates new`: write a child template whose every block is ready to override."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

from briefwright.errors import TemplateError
from briefwright.templating.config import NAME_RULE, TEMPLATE_NAME
from briefwright.templating.discovery import ResolvedTemplate, resolve_template

_TAG = re.compile(r"\{%-?\s*(block\s+(\w+)|endblock)\b[^%]*-?%\}")
_COMMENT = re.compile(r"\{#.*?#\}\n?", re.DOTALL)


def scaffold_template(
    name: str, parent: str = "analyst", directory: Path = Path("templates")
) -> Path:
    """Create `directory/name/` extending `parent`, with its blocks in comments; return the path."""
    if not TEMPLATE_NAME.match(name):
        raise TemplateError(f"{name!r} is not a template name ({NAME_RULE})")
    target = Path(directory) / name
    if target.exists():
        raise TemplateError(f"{target} already exists; choose another name or remove it first")
    base = resolve_template(parent)
    files = {
        "template.toml": _config_text(name, base),
        "briefing.md.j2": _briefing_text(name, base),
        "theme.toml": _theme_text(base),
    }
    try:
        target.mkdir(parents=True)
        for filename, text in files.items():
            (target / filename).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"cannot create template {target}: {exc}") from None
    return target


def _config_text(name: str, base: ResolvedTemplate) -> str:
    return (
        f"name = {json.dumps(name)}\n"
        f"description = {json.dumps(f'{name} briefing, based on {base.name}')}\n"
        f"extends = {json.dumps(base.name)}\n"
        "\n# Uncomment to change what is inherited from the parent:\n"
        f"# audience = {json.dumps(base.audience)}"
        "  # items with `audiences:` show only if this is listed\n"
        '# max_marking = "TLP:CLEAR"  # portions marked higher are left out before rendering\n'
        "# portion_marks = false  # true prints (TLP:CLEAR) before a portion marked lower\n"
        "# show_author = true\n"
        "# show_organization = true\n"
        "# [limits]  # at most this many items per section (key points by priority)\n"
        "# key_points = 4\n"
    )


def _briefing_text(name: str, base: ResolvedTemplate) -> str:
    blocks = _chain_blocks(base.chain)
    parts = [
        f"{{#- {name}: built on the {base.name!r} template.\n\n"
        "    Everything not overridden here comes from the parent. To change a section, move its\n"
        "    block out of the comment below it and edit it; {{ super() }} inside a block prints\n"
        "    the parent's version. Printed values are Markdown-escaped; `|raw` opts out.\n"
        "    `briefwright templates context` lists every name a template can use.\n-#}\n",
        f'{{% extends "{base.name}/briefing.md.j2" %}}\n',
    ]
    for block, body in blocks.items():
        parts.append(f"\n{{#- {block}:\n{{% block {block} %}}{body}{{% endblock %}}\n-#}}\n")
    return "".join(parts)


def leaf_block_names(chain: tuple[Path, ...]) -> list[str]:
    """The names of the blocks a child of this chain can override, in the base's order."""
    return list(_chain_blocks(chain))


def _chain_blocks(chain: tuple[Path, ...]) -> dict[str, str]:
    """The innermost blocks of the chain, in the base's order, each as its nearest override."""
    found: dict[str, str] = {}
    for directory in reversed(chain):
        path = directory / "briefing.md.j2"
        if path.is_file():
            found.update(_leaf_blocks(path.read_text(encoding="utf-8")))
    return found


def _leaf_blocks(source: str) -> dict[str, str]:
    """Blocks that contain no other block, with their body text and comments removed."""
    blocks: dict[str, str] = {}
    stack: list[tuple[str, int, bool]] = []  # name, body start, has a nested block
    for match in _TAG.finditer(source):
        if match.group(2):
            if stack:
                stack[-1] = (stack[-1][0], stack[-1][1], True)
            stack.append((match.group(2), match.end(), False))
        elif stack:
            block, start, nested = stack.pop()
            if not nested:
                blocks[block] = _COMMENT.sub("", source[start : match.start()])
    return blocks


def _theme_text(base: ResolvedTemplate) -> str:
    lines = ["# Theme values override the parent's key by key. Uncomment a line to change it.\n"]
    for key, value in asdict(base.theme).items():
        shown = json.dumps(list(value) if isinstance(value, tuple) else value)
        lines.append(f"# {key} = {shown}\n")
    return "".join(lines)
