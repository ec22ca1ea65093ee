"""`briefwright cache info` and `cache clear`: what they print, and clear deleting only ours."""

from __future__ import annotations

from pathlib import Path

import pytest
from cache_helpers import files_under, forget_cache_state, use_cache
from click.testing import CliRunner

from briefwright import cache
from briefwright.cli import main
from briefwright.version import __version__

V = __version__


def key(letter: str) -> str:
    return letter * 40


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """A cache holding two fonts, a template and an entry of an older version."""
    path = tmp_path / "cache"
    use_cache(monkeypatch, BRIEFWRIGHT_CACHE_DIR=str(path))
    cache.write("templates", key("a"), bytes(100))
    cache.write("fonts", key("b"), bytes(1000))
    cache.write("fonts", key("c"), bytes(1000))
    (path / "0.0.9" / "docx").mkdir(parents=True, mode=0o700)
    (path / "0.0.9" / "docx" / key("d")).write_bytes(bytes(500))
    forget_cache_state()
    yield path
    forget_cache_state()


def run(*args: str):
    return CliRunner().invoke(main, ["cache", *args])


@pytest.mark.parametrize("command", [[], ["info"], ["clear"]])
def test_the_cache_commands_have_help_with_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example: briefwright cache" in result.output


def test_info_shows_where_whether_and_how_much(root):
    result = run("info")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"location: {root / V}",
        "in use: yes",
        "limit: 50.0 MB (set BRIEFWRIGHT_CACHE_MAX_MB to change)",
        "  templates           1 entry     152 B",
        "  fonts             2 entries    2.1 kB",
        "  docx              0 entries       0 B",
        "  other versions      1 entry     500 B",
        "total: 4 entries, 2.8 kB",
    ]


def test_info_says_why_the_cache_is_not_used(root, monkeypatch):
    monkeypatch.setenv("BRIEFWRIGHT_NO_CACHE", "1")
    assert run("info").stdout.splitlines()[1] == "in use: no: BRIEFWRIGHT_NO_CACHE is set"
    monkeypatch.delenv("BRIEFWRIGHT_NO_CACHE")
    (root / V).chmod(0o777)
    result = run("info")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        f"in use: no: cache directory {root / V} is writable by other users; not using it"
        f" (chmod 700 {root / V} or set BRIEFWRIGHT_CACHE_DIR)",
        "limit: 50.0 MB (set BRIEFWRIGHT_CACHE_MAX_MB to change)",
        "  templates         0 entries       0 B",
        "  fonts             0 entries       0 B",
        "  docx              0 entries       0 B",
        "  other versions      1 entry     500 B",
        "total: 1 entry, 500 B",
    ]
    assert result.stderr == (
        f"warning: cache directory {root / V} is writable by other users; not looking into it"
        f" (chmod 700 {root / V} or set BRIEFWRIGHT_CACHE_DIR)\n"
    )
    root.chmod(0o777)
    assert run("info").stdout.splitlines()[3] == "contents: not looked into"


def test_clear_removes_our_entries_of_every_version_and_nothing_else(root, tmp_path):
    outside = tmp_path / "outside"
    outside.write_bytes(b"someone's file")
    (root / V / "docx").mkdir(mode=0o700)
    (root / V / "docx" / key("e")).symlink_to(outside)  # named like an entry: still not ours
    (root / V / "fonts" / "notes.txt").write_text("mine")
    (root / "2024" / "fonts").mkdir(parents=True)  # not a version directory
    (root / "2024" / "fonts" / key("f")).write_bytes(b"a photo, say")
    result = run("clear")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"removed 4 entries (2.8 kB) from {root}: templates 1, fonts 2, docx 0, other versions 1\n"
    )
    left = [f"2024/fonts/{key('f')}", f"{V}/docx/{key('e')}", f"{V}/fonts/notes.txt"]
    assert [p.relative_to(root).as_posix() for p in files_under(root)] == sorted(left)
    assert (root / V / "docx" / key("e")).is_symlink()
    assert outside.read_bytes() == b"someone's file"
    assert not (root / V / "templates").exists()
    assert not (root / "0.0.9").exists()
    assert run("clear").stdout == f"nothing to remove in {root}\n"


def test_clear_leaves_a_directory_it_cannot_trust_and_says_so(root):
    (root / "0.0.9").chmod(0o770)
    result = run("clear")
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: cache directory {root / '0.0.9'} is writable by its group; not looking into"
        f" it (chmod 700 {root / '0.0.9'} or set BRIEFWRIGHT_CACHE_DIR)\n"
    )
    assert (root / "0.0.9" / "docx" / key("d")).exists()
    assert not (root / V).exists()


def test_clear_refuses_a_root_others_can_write_and_deletes_nothing(root):
    root.chmod(0o777)
    before = files_under(root)
    result = run("clear")
    assert result.exit_code == 1
    assert result.stderr == (
        f"briefwright: cache directory {root} is writable by other users; not clearing it"
        f" (chmod 700 {root} or set BRIEFWRIGHT_CACHE_DIR)\n"
    )
    assert files_under(root) == before


def test_clear_with_no_cache_yet(tmp_path, monkeypatch):
    use_cache(monkeypatch, BRIEFWRIGHT_CACHE_DIR=str(tmp_path / "none"))
    result = run("clear")
    assert result.exit_code == 0
    assert result.stdout == f"nothing to remove in {tmp_path / 'none'}\n"
    assert not (tmp_path / "none").exists()
