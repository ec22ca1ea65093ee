"""Finding templates: the search path, template.toml, the `extends` chain and the listing.

A template is a directory holding `template.toml`, usually `briefing.md.j2`, and optionally
`theme.toml` and `reference.docx`. `-t NAME` searches ./templates, each directory of
BRIEFWRIGHT_TEMPLATE_PATH, the user's config directory, then the built-ins; `-t PATH` takes a
directory directly. A child inherits its parent's Jinja blocks, theme (key by key, child wins),
rules and reference document.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefwright.errors import Issue, Location, TemplateError
from briefwright.templating.config import (
    NAME_RULE,
    TEMPLATE_NAME,
    TemplateConfig,
    merge_configs,
    read_config,
)
from briefwright.theme import Theme, build_theme, load_theme_file

MAX_DEPTH = 10

__all__ = [
    "ResolvedTemplate",
    "TemplateListing",
    "builtin_templates_dir",
    "list_templates",
    "resolve_template",
    "search_path",
]


@dataclass(frozen=True)
class ResolvedTemplate:
    """A template with its whole `extends` chain followed and its settings merged."""

    name: str
    audience: str
    description: str
    chain: tuple[Path, ...]  # template directories, the template itself first, base last
    names: tuple[str, ...]  # the template name of each directory of the chain
    config: TemplateConfig  # template.toml rules merged along the chain (child wins)
    theme: Theme
    reference_doc: Path | None


@dataclass(frozen=True)
class TemplateListing:
    """One template found on the search path, for `briefwright templates`."""

    name: str
    description: str
    audience: str
    where: Path
    origin: str  # which search-path entry holds it: "working directory", "built-in", ...
    shadows: tuple[Path, ...]  # same-named templates later on the search path that this hides
    shadowed_by: Path | None  # the earlier template that hides this one, if any


def builtin_templates_dir() -> Path:
    """The built-in templates, which ship inside the package (never the user's ./templates)."""
    return Path(__file__).resolve().parent.parent / "templates"


def search_path(roots: Sequence[Path] | None = None) -> list[tuple[str, Path]]:
    """(origin, directory) pairs searched for `-t NAME`, first match wins.

    `roots` replaces everything but the built-ins (a server's configured template directories);
    None: ./templates, BRIEFWRIGHT_TEMPLATE_PATH and the user's config directory, as the CLI.
    """
    import click

    if roots is not None:
        return [("configured", Path(root)) for root in roots] + [
            ("built-in", builtin_templates_dir())
        ]
    entries = [("working directory", Path.cwd() / "templates")]
    for part in os.environ.get("BRIEFWRIGHT_TEMPLATE_PATH", "").split(os.pathsep):
        if part.strip():
            entries.append(("BRIEFWRIGHT_TEMPLATE_PATH", Path(part.strip()).expanduser()))
    entries.append(("user config", Path(click.get_app_dir("briefwright")) / "templates"))
    entries.append(("built-in", builtin_templates_dir()))
    # A directory listed twice (e.g. BRIEFWRIGHT_TEMPLATE_PATH naming ./templates again) is
    # searched once, under its last, most telling origin.
    keys = [_real(path) for _, path in entries]
    return [entry for i, entry in enumerate(entries) if keys[i] not in keys[i + 1 :]]


def resolve_template(
    name_or_path: str | os.PathLike, *, roots: Sequence[Path] | None = None
) -> ResolvedTemplate:
    """Find a template by name or directory and follow its `extends` chain.

    With `roots` (see search_path), only a name is taken, and it and every parent are looked
    up in those directories and the built-ins alone.
    """
    start = _locate(str(name_or_path), roots)
    chain: list[tuple[Path, TemplateConfig]] = []
    directory: Path | None = start
    while directory is not None:
        if any(_real(directory) == _real(seen) for seen, _ in chain):
            route = " -> ".join(str(d) for d, _ in chain + [(directory, {})])
            raise TemplateError(f"template inheritance loops back on itself: {route}")
        if len(chain) == MAX_DEPTH:
            raise TemplateError(f"{start}: template chain is deeper than {MAX_DEPTH} levels")
        config = read_config(directory)
        chain.append((directory, config))
        directory = _parent_of(directory, config, roots) if config.get("extends") else None
    return _build(chain)


def list_templates(*, roots: Sequence[Path] | None = None) -> list[TemplateListing]:
    """Every template on the search path, sorted by name, earlier entries shadowing later."""
    found: dict[str, list[tuple[str, Path]]] = {}
    for origin, root in search_path(roots):
        for directory in _template_dirs(root):
            found.setdefault(directory.name, []).append((origin, directory))
    listings = []
    for name in sorted(found, key=str.lower):
        places = found[name]
        for i, (origin, directory) in enumerate(places):
            description, audience = _summary_line(directory)
            listings.append(
                TemplateListing(
                    name=name,
                    description=description,
                    audience=audience,
                    where=directory,
                    origin=origin,
                    shadows=tuple(d for _, d in places[i + 1 :]) if i == 0 else (),
                    shadowed_by=places[0][1] if i else None,
                )
            )
    return listings


# --- helpers ------------------------------------------------------------------------------


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _template_dirs(root: Path) -> list[Path]:
    try:
        children = sorted(root.iterdir())
    except OSError:
        return []
    return [c for c in children if (c / "template.toml").is_file() and TEMPLATE_NAME.match(c.name)]


def _is_path(text: str) -> bool:
    seps = {os.sep, "/"} | ({os.altsep} if os.altsep else set())
    return any(s in text for s in seps) or (Path(text) / "template.toml").is_file()


def _locate(text: str, roots: Sequence[Path] | None) -> Path:
    if roots is not None:
        return _find(text, None, roots)
    if _is_path(text):
        directory = Path(text).expanduser()
        if not (directory / "template.toml").is_file():
            what = "not a directory" if not directory.is_dir() else "it has no template.toml"
            raise TemplateError(f"{directory}: not a usable template directory: {what}")
        return directory
    return _find(text, None, roots)


def _find(name: str, after: Path | None, roots: Sequence[Path] | None) -> Path:
    """The first template called `name` on the search path, skipping past `after` if given."""
    if not TEMPLATE_NAME.match(name):
        raise TemplateError(f"{name!r} is not a template name ({NAME_RULE})")
    entries = search_path(roots)
    candidates = [root / name for _, root in entries if (root / name / "template.toml").is_file()]
    if after is not None:
        own = [_real(c) for c in candidates]
        if _real(after) in own:  # a template extending its namesake: take the next one down
            candidates = candidates[own.index(_real(after)) + 1 :]
        else:
            candidates = [c for c in candidates if _real(c) != _real(after)]
    if candidates:
        return candidates[0]
    raise _not_found(name, entries)


def _not_found(name: str, entries: list[tuple[str, Path]]) -> TemplateError:
    known = sorted({d.name for _, root in entries for d in _template_dirs(root)})
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    message = f"template {name!r} not found{hint}"
    details = [f"  searched {root} ({origin})" for origin, root in entries]
    details.append(f"  known templates: {', '.join(known) or 'none'}")
    return TemplateError(message, [Issue("\n".join([message, *details]))])


def _parent_of(directory: Path, config: TemplateConfig, roots: Sequence[Path] | None) -> Path:
    parent = config["extends"]
    try:
        return _find(parent, directory, roots)
    except TemplateError as exc:
        where = Location(file=str(directory / "template.toml"), field="extends")
        details = exc.issues[0].message.split("\n", 1)[1]
        issue = Issue(f"parent template {parent!r} not found\n{details}", where)
        raise TemplateError(str(issue).split("\n")[0], [issue]) from None


def _build(chain: list[tuple[Path, TemplateConfig]]) -> ResolvedTemplate:
    directory, own = chain[0]
    merged = merge_configs([config for _, config in chain])
    themes = [d / "theme.toml" for d, _ in reversed(chain)]
    # present but not a regular file (a FIFO, a device) is there, and refused when read
    docs = [d / "reference.docx" for d, _ in chain if os.path.lexists(d / "reference.docx")]
    name = own.get("name") or directory.name
    return ResolvedTemplate(
        name=name,
        audience=merged.get("audience") or name,
        description=own.get("description", ""),
        chain=tuple(d for d, _ in chain),
        names=tuple(config.get("name") or d.name for d, config in chain),
        config=merged,
        theme=build_theme(*[load_theme_file(t) for t in themes if os.path.lexists(t)]),
        reference_doc=docs[0] if docs else None,
    )


def _summary_line(directory: Path) -> tuple[str, str]:
    """Description and audience for the listing; a broken template.toml is reported, not fatal."""
    try:
        config = read_config(directory)
    except TemplateError as exc:
        return f"(cannot be used: {exc})", ""
    return config.get("description", ""), config.get("audience", "")
