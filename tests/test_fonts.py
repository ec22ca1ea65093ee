"""Font families: the bundled DejaVu Sans, theme font files, fontconfig look-ups, coverage."""

from __future__ import annotations

import subprocess

import pytest

from briefwright import fonts as font_files
from briefwright.errors import RenderError
from briefwright.writers.pdf import fonts

SOUTH_CAUCASUS = "Հայաստան Երևան Лавров ə Ə ş ğ ı İ Ç Ö Ü"


@pytest.fixture(autouse=True)
def fresh_lookups():
    """fontconfig answers are cached per process; tests that fake fc-match start and end clean."""
    font_files.find_family_files.cache_clear()
    yield
    font_files.find_family_files.cache_clear()


def test_bundled_family_ships_with_its_licence():
    names = {path.name for path in font_files.BUNDLED_DIR.iterdir()}
    assert "LICENSE-DejaVu.txt" in names
    assert "Bitstream Vera" in (font_files.BUNDLED_DIR / "LICENSE-DejaVu.txt").read_text()


@pytest.mark.parametrize(
    ("bold", "italic"), [(False, False), (True, False), (False, True), (True, True)]
)
def test_bundled_family_covers_the_south_caucasus_in_every_style(bold, italic):
    family = fonts.load_family("DejaVu Sans")
    assert all(family.covers(char, bold, italic) for char in SOUTH_CAUCASUS)
    assert not family.covers("\u4e2d", bold, italic)


def test_registration_happens_once_per_family():
    assert fonts.load_family("DejaVu Sans") is fonts.load_family("dejavu sans")
    names = fonts.load_family("DejaVu Sans").names
    assert len(set(names.values())) == 4


def test_font_files_must_be_four():
    with pytest.raises(RenderError, match="expected 4 TrueType files"):
        fonts.load_family("Mine", ("a.ttf",))


def test_an_unreadable_font_file_is_named(tmp_path):
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(RenderError, match="broken.ttf"):
        fonts.load_family("Broken", (str(bad),) * 4)


def test_without_fontconfig_a_family_name_asks_for_font_files(monkeypatch):
    monkeypatch.setattr(font_files.shutil, "which", lambda name: None)
    with pytest.raises(RenderError, match="fc-match .* not installed.*font_files"):
        fonts.load_family("Some Family")


def fake_fc_match(family_line: str):
    def run(args, **kwargs):
        return subprocess.CompletedProcess(args, 0, f"{family_line}\n/fonts/x.ttf", "")

    return run


def test_fontconfig_substitutes_are_refused(monkeypatch):
    monkeypatch.setattr(font_files.shutil, "which", lambda name: "/usr/bin/fc-match")
    monkeypatch.setattr(font_files.subprocess, "run", fake_fc_match("DejaVu Sans"))
    with pytest.raises(RenderError, match="'Garamondish' is not installed .*'DejaVu Sans'"):
        font_files.find_family_files("Garamondish")


def test_fontconfig_matches_are_used_for_all_four_styles(monkeypatch):
    calls = []

    def run(args, **kwargs):
        calls.append(args[-1])
        return fake_fc_match("Noto Sans,Noto Sans Display")(args)

    monkeypatch.setattr(font_files.shutil, "which", lambda name: "/usr/bin/fc-match")
    monkeypatch.setattr(font_files.subprocess, "run", run)
    assert font_files.find_family_files("Noto Sans Display") == ("/fonts/x.ttf",) * 4
    assert calls == [
        "Noto Sans Display:weight=regular:slant=roman",
        "Noto Sans Display:weight=bold:slant=roman",
        "Noto Sans Display:weight=regular:slant=italic",
        "Noto Sans Display:weight=bold:slant=italic",
    ]
