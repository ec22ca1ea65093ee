"""Compiled templates from the cache run as code: only from a trusted directory, only if sealed."""

from __future__ import annotations

import io
import marshal
import os
import pickle
from pathlib import Path

import pytest
from cache_helpers import forget_cache_state, run_cli, use_cache
from conftest import SAMPLE
from jinja2 import Environment
from jinja2.bccache import bc_magic

from briefwright import cache
from briefwright.cache import entries
from briefwright.version import __version__

PLANTED = "PLANTED-BY-SOMEONE-ELSE"
STEM = "lavrov-yerevan-2025.analyst"


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """A cache filled by one render of the sample's Markdown."""
    path = tmp_path / "cache"
    done = run_cli("render", str(SAMPLE), "-f", "md", "-q", "-o", str(tmp_path / "first"),
                   BRIEFWRIGHT_CACHE_DIR=str(path))  # fmt: skip
    assert done.returncode == 0, done.stderr
    use_cache(monkeypatch, BRIEFWRIGHT_CACHE_DIR=str(path))
    yield path
    forget_cache_state()


def planted(payload: bytes) -> bytes:
    """Bytecode that passes Jinja's own checks for `payload`'s template, but prints PLANTED."""
    stream = io.BytesIO(payload[len(bc_magic) :])
    checksum = pickle.load(stream)
    code = Environment().compile(f"{PLANTED}\n", "planted", None)
    return bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(code)


def plant(root: Path, seal_key: bytes | None) -> int:
    """Replace every compiled template with planted code, sealed with `seal_key` (None: the
    user's own key, through the cache); the number of entries replaced."""
    names = [p.name for p in (root / __version__ / "templates").iterdir()]
    for name in names:
        forged = planted(cache.read("templates", name))
        if seal_key is None:
            cache.write("templates", name, forged)
        else:
            label = f"{__version__}/templates/{name}"
            path = root / __version__ / "templates" / name
            path.write_bytes(entries.seal(seal_key, label, forged))
    return len(names)


def render_markdown(out: Path, root: Path) -> tuple[str, str]:
    done = run_cli("render", str(SAMPLE), "-f", "md", "-q", "-o", str(out),
                   BRIEFWRIGHT_CACHE_DIR=str(root))  # fmt: skip
    assert done.returncode == 0, done.stderr
    return (out / f"{STEM}.md").read_text(encoding="utf-8"), done.stderr


def test_planted_code_sealed_with_the_users_key_would_run(root, tmp_path):
    """The control for the tests below: the cache does run what it holds."""
    assert plant(root, None) >= 1
    text, _ = render_markdown(tmp_path / "out", root)
    assert PLANTED in text


def test_planted_code_without_the_users_seal_is_compiled_afresh(root, tmp_path):
    assert plant(root, os.urandom(32)) >= 1
    text, stderr = render_markdown(tmp_path / "out", root)
    assert PLANTED not in text
    assert text == (tmp_path / "first" / f"{STEM}.md").read_text(encoding="utf-8")
    assert stderr == ""


def test_planted_code_in_a_directory_others_can_write_is_never_run(root, tmp_path):
    plant(root, None)  # even sealed with the user's key, as someone able to read it could
    (root / __version__ / "templates").chmod(0o777)
    text, stderr = render_markdown(tmp_path / "out", root)
    assert PLANTED not in text
    assert text == (tmp_path / "first" / f"{STEM}.md").read_text(encoding="utf-8")
    assert stderr.startswith(f"warning: cache directory {root / __version__ / 'templates'} is")
