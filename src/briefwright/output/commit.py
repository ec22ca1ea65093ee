"""Write a summary's outputs all or nothing, and never over a file someone has edited.

Every file is first written to a temporary file in the target directory; only when all of them
exist are they moved into place. A manifest in the directory records the hash of what briefwright
last wrote to each name, so a file that differs from it (a user polished the DOCX in Word) is
refused unless forced.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from briefwright.errors import OutputError
from briefwright.output.existing import existing_digest, read_manifest
from briefwright.output.names import (
    BACKUP_SUFFIX,
    LOCK_NAME,
    MANIFEST_NAME,
    TEMP_SUFFIX,
    is_leftover,
    refuse_reserved,
)

LOCK_TIMEOUT = 120
"""Seconds to wait for another render into the same directory before giving up."""
STALE_AFTER = 5 * 60
"""Age in seconds after which a temporary file of ours is a leftover of a killed process."""


def commit_outputs(files: dict[Path, bytes], *, force: bool = False) -> list[Path]:
    """Write every file atomically; all of them land or none does. Returns the paths written."""
    by_dir: dict[Path, dict[Path, bytes]] = {}
    for path in files:
        refuse_reserved(path)
    for path, data in files.items():
        by_dir.setdefault(path.parent, {})[path] = data
    written: list[Path] = []
    for directory, group in by_dir.items():
        _ensure_directory(directory)
        # Writing and syncing the outputs, the slow part, needs no lock: only the manifest's
        # read, check and update is one at a time between renders into the same directory.
        with _temporary_files(directory) as temps:
            for path, data in group.items():
                temps[path] = _write_temp(directory, path.name, data)
            with _locked(directory):
                _remove_leftovers(directory)
                manifest = read_manifest(directory / MANIFEST_NAME)
                _refuse_edited(group, manifest, force)
                manifest.update({p.name: _digest(data) for p, data in group.items()})
                # The manifest moves in with the outputs, so a failure leaves both as they were.
                listing = _manifest_bytes(manifest)
                temps[directory / MANIFEST_NAME] = _write_temp(directory, MANIFEST_NAME, listing)
                _replace_all(temps)
        written.extend(group)
    return written


def _ensure_directory(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot create output directory: {exc.strerror}") from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"{directory}: output directory is not writable")


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Two renders into one directory must not interleave their manifest updates."""
    try:
        import fcntl
    except ImportError:  # Windows: no fcntl
        fcntl = None  # type: ignore[assignment]
    if fcntl is None:
        with _lock_file(directory):
            yield
        return
    # On POSIX the directory itself is locked: no lock file is left beside the outputs.
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def _lock_file(directory: Path) -> Iterator[None]:
    """A lock through filelock: msvcrt on Windows, an exclusive lock file where nothing else is."""
    import warnings

    with warnings.catch_warnings():
        # without fcntl, filelock warns that it falls back to a lock file: that is what we want
        warnings.simplefilter("ignore")
        import filelock

    lock = filelock.FileLock(directory / LOCK_NAME, timeout=LOCK_TIMEOUT)
    try:
        with lock:
            yield
    except filelock.Timeout:
        raise OutputError(
            f"{directory}: another briefwright has been writing here for {LOCK_TIMEOUT} s; "
            f"if none is running, delete {directory / LOCK_NAME}"
        ) from None


def _remove_leftovers(directory: Path) -> None:
    """Delete the temporary and backup files of ours that a killed process left behind."""
    import time

    too_old = time.time() - STALE_AFTER
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if not is_leftover(entry.name):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < too_old:
                    os.unlink(entry.path)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _refuse_edited(group: dict[Path, bytes], manifest: dict[str, str], force: bool) -> None:
    if force:
        for path in group:
            existing_digest(path, read=False)  # not even --force replaces a FIFO or a device
        return
    for path, data in group.items():
        digest = existing_digest(path)
        if digest is None:
            continue
        if digest == _digest(data) or manifest.get(path.name) == digest:
            continue
        raise OutputError(
            f"{path}: changed since briefwright wrote it (or not written by briefwright); "
            "refusing to replace it, use --force to overwrite"
        )


@contextlib.contextmanager
def _temporary_files(directory: Path) -> Iterator[dict[Path, str]]:
    """Final path -> temporary file; whatever happens, no temporary file outlives the block."""
    temps: dict[Path, str] = {}
    try:
        yield temps
    except BaseException as exc:
        # Ctrl-C too: no temporary file may outlive a render that did not finish.
        for temp in temps.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        if not isinstance(exc, OSError):
            raise
        raise OutputError(f"{directory}: cannot write outputs: {exc.strerror or exc}") from None


def _replace_all(temps: dict[Path, str]) -> None:
    """Move every temporary file into place; if one move fails, put back those already moved."""
    backups: dict[Path, str | None] = {}
    try:
        for path, temp in temps.items():
            backups[path] = _backup(path)
            os.replace(temp, path)
    except BaseException:
        for path, backup in backups.items():
            _restore(path, backup)
        raise
    finally:
        for backup in backups.values():
            if backup is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(backup)


def _backup(path: Path) -> str | None:
    """A second name for the file at `path` (a hard link, else a copy); None if there is none."""
    name = f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{BACKUP_SUFFIX}"
    backup = str(path.with_name(name))
    try:
        os.link(path, backup)
    except FileNotFoundError:
        return None
    except OSError:
        # A file system without hard links: a copy costs more but keeps the promise.
        shutil.copy2(path, backup)
    return backup


def _restore(path: Path, backup: str | None) -> None:
    with contextlib.suppress(OSError):
        if backup is None:
            os.unlink(path)  # no file was there before this render
        else:
            os.replace(backup, path)


def _write_temp(directory: Path, name: str, data: bytes) -> str:
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes 0600 files; outputs should get the permissions any new file would.
        os.chmod(temp, 0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    return temp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _manifest_bytes(manifest: dict[str, str]) -> bytes:
    payload = {"about": "hashes of the files briefwright last wrote here", "files": manifest}
    return (json.dumps(payload, indent=2, sort_keys=True) + "\n").encode("utf-8")
