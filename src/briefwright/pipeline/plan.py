"""Plan a batch before anything is written: which summaries, and every file each will write.

Two inputs whose outputs would land on the same path (ca/x.yaml and cb/x.yaml into one
directory, x.yaml beside x.json) are an error naming both, or, when asked, are told apart by
a suffix from their own paths. Nothing is ever overwritten by another input of the same batch.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefwright.errors import Issue, UsageError
from briefwright.output.names import refuse_reserved
from briefwright.pipeline.batch import BatchTask, expand_summaries, output_stem
from briefwright.pipeline.settings import normalise_formats
from briefwright.writers import writer_info

if TYPE_CHECKING:
    from briefwright.templating.discovery import ResolvedTemplate

__all__ = ["NAMES", "expand_summaries", "outputs_of", "plan"]

NAMES = ("error", "unique")
"""What to do when two inputs would write the same file: refuse (the default), or rename."""


def plan(tasks: list[BatchTask], *, names: str = "error") -> list[BatchTask]:
    """The tasks with their output stems set, after checking that no two share a file.

    UsageError names the inputs that would write the same file; with names="unique" those
    inputs get a suffix from their paths instead (x-ca, x-cb; x-yaml, x-json).
    """
    if names not in NAMES:
        raise UsageError(f"unknown --names {names!r}; use one of: {', '.join(NAMES)}")
    resolved = {t.template: _template_name(t.template) for t in tasks}
    stems = {_key(t.summary): output_stem(t.summary) for t in tasks}
    if names == "unique":
        stems.update(_unique_stems(tasks, stems, resolved))
    planned = [replace(t, stem=stems[_key(t.summary)]) for t in tasks]
    _refuse_collisions(planned, resolved)
    return planned


def outputs_of(task: BatchTask, template_name: str) -> list[Path]:
    """Every file a task will write."""
    stem = task.stem or output_stem(task.summary)
    return [
        task.settings.output_dir / f"{stem}.{template_name}{writer_info(fmt).suffix}"
        for fmt in normalise_formats(task.settings.formats)
    ]


def _template_name(template: str) -> str:
    from briefwright.pipeline.steps import resolve

    found: ResolvedTemplate = resolve(template)
    return found.name


def _key(summary: object) -> str:
    return str(summary) if isinstance(summary, Path) else f"<{id(summary)}>"


def _refuse_collisions(tasks: list[BatchTask], templates: dict[str, str]) -> None:
    writers: dict[str, BatchTask] = {}
    clashes: list[Issue] = []
    for task in tasks:
        for path in outputs_of(task, templates[task.template]):
            refuse_reserved(path)
            first = writers.setdefault(os.path.normcase(os.path.abspath(path)), task)
            if first is not task:
                message = f"{first.name} and {task.name} would both write {path}"
                clashes.append(Issue(f"{message}; rename one, or pass --names unique"))
    if clashes:
        raise UsageError("two inputs map to one output", clashes)


def _unique_stems(
    tasks: list[BatchTask], stems: dict[str, str], templates: dict[str, str]
) -> dict[str, str]:
    """New stems for the summaries whose stem is shared with another input of the batch."""
    groups: dict[str, list[Path]] = {}
    for task in tasks:
        if isinstance(task.summary, Path):
            key = os.path.normcase(stems[_key(task.summary)])
            members = groups.setdefault(key, [])
            if task.summary not in members:
                members.append(task.summary)
    renamed: dict[str, str] = {}
    for members in groups.values():
        if len(members) > 1:
            for path, suffix in zip(members, _distinguishing(members), strict=True):
                renamed[_key(path)] = f"{stems[_key(path)]}-{suffix}"
    return renamed


def _distinguishing(paths: list[Path]) -> list[str]:
    """The shortest part of each path that tells it from the others: its extension, then one
    directory more at a time (ca, a-ca), the extension added only where it is needed."""
    absolute = [Path(os.path.abspath(p)) for p in paths]
    depth = max(len(p.parent.parts) for p in absolute)
    for level in range(depth + 1):
        for with_suffix in (False, True):
            if level == 0 and not with_suffix:
                continue
            labels = [_label(p, level, with_suffix) for p in absolute]
            if len({os.path.normcase(label) for label in labels}) == len(labels):
                return labels
    return [_label(p, depth, True) for p in absolute]


def _label(path: Path, level: int, with_suffix: bool) -> str:
    parts = [part.strip(os.sep) for part in path.parent.parts[len(path.parent.parts) - level :]]
    if with_suffix:
        parts.append(path.suffix.lstrip("."))
    return "-".join(part for part in parts if part) or "root"
