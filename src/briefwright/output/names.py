"""The names briefwright keeps for itself in an output directory, and how it recognises them.

The manifest, the lock and the temporary and backup files of a commit live beside the outputs.
None of them may be a render's target or a summary's name, and a temporary file left by a
process that was killed is recognised by its name, so the next commit there can remove it.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefwright.errors import UsageError

MANIFEST_NAME = ".briefwright-manifest.json"
LOCK_NAME = ".briefwright.lock"
TEMP_SUFFIX = ".briefwright-tmp"
BACKUP_SUFFIX = ".briefwright-bak"


def is_reserved(name: str) -> bool:
    """Whether a file name is one of ours: the manifest, the lock, a temporary or a backup."""
    if name in (MANIFEST_NAME, LOCK_NAME):
        return True
    return name.startswith(".") and name.endswith((TEMP_SUFFIX, BACKUP_SUFFIX))


def is_leftover(name: str) -> bool:
    """Whether a file name is that of a temporary or backup file a commit makes and removes."""
    return name.startswith(".") and name.endswith((TEMP_SUFFIX, BACKUP_SUFFIX))


def refuse_reserved(path: str | os.PathLike[str], what: str = "an output") -> None:
    """UsageError if `path` names a file briefwright keeps for itself in a directory."""
    name = Path(path).name
    if is_reserved(name):
        raise UsageError(f"{path}: {name} is a name briefwright keeps for itself, not {what}")
