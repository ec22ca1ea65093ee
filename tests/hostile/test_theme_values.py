"""theme.toml from a template someone else wrote: every number finite and in its documented
range, every type checked, errors at the theme file's line (never the summary's), and font files
only regular files of bounded size inside the template directory."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from conftest import SAMPLE
from measured import assert_clean, run_measured

import briefwright
from briefwright.doctree import nodes
from briefwright.errors import EXIT_RENDER, RenderError
from briefwright.fonts import BUNDLED_DIR
from briefwright.theme import MAX_FONT_FILE_BYTES, Theme, ThemeError
from briefwright.writers.base import WriteOptions
from briefwright.writers.pdf import write

DEJAVU = BUNDLED_DIR / "DejaVuSans.ttf"


def _template(folder: Path, theme: str) -> Path:
    template = folder / "third-party"
    template.mkdir(exist_ok=True)
    (template / "template.toml").write_text('extends = "analyst"\n')
    (template / "theme.toml").write_text(theme)
    return template


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("base_size = 1000", "base_size: expected a number from 4 to 72 pt, got 1000"),
        ("base_size = inf", "base_size: expected a number from 4 to 72 pt, got inf"),
        ("meta_size = nan", "meta_size: expected a number from 4 to 72 pt, got nan"),
        ("title_size = true", "title_size: expected a number from 4 to 72 pt, got True"),
        ("heading_sizes = [1e308, 12, 11]", "heading_sizes: expected three numbers from 4 to 72"),
        ("heading_sizes = [15, 12]", "heading_sizes: expected three numbers from 4 to 72"),
        ("margin_top_mm = inf", "margin_top_mm: expected a number from 0 to 60 mm, got inf"),
        ("margin_left_mm = -5", "margin_left_mm: expected a number from 0 to 60 mm, got -5"),
        ('line_spacing = "abc"', "line_spacing: expected a number from 0.8 to 3 times the font"),
        ("line_spacing = 10", "line_spacing: expected a number from 0.8 to 3 times the font"),
        ('callout_fill = "red"', "callout_fill: expected a colour like '#1F3A5F', got 'red'"),
        ('font_family = ""', "font_family: expected a font family name, got ''"),
        ("font_family = 12", "font_family: expected a font family name, got 12"),
        ('font_family = "A\\u0007B"', "font_family: the font family name holds the control"),
        ("[margins]\ntop = 1", "margins: unknown theme key"),
    ],
)
def test_a_bad_theme_value_is_reported_at_its_line_in_the_theme(tmp_path, line, expected):
    template = _template(tmp_path, f"# a third party's theme\naccent_color = '#112233'\n{line}\n")
    run = run_measured(["render", str(SAMPLE), "-t", str(template), "-o", "out"], cwd=tmp_path)
    assert_clean(run, EXIT_RENDER)
    assert f"{template / 'theme.toml'}:3: {expected}" in run.err
    assert str(SAMPLE) not in run.err  # the theme is at fault, not the summary
    assert not (tmp_path / "out").exists()


def test_broken_toml_is_located_by_line_and_column(tmp_path):
    template = _template(tmp_path, "base_size = 10\nline_spacing = = 2\n")
    with pytest.raises(ThemeError) as caught:
        briefwright.render_bytes(SAMPLE, template=template, formats=("md",))
    [line] = caught.value.lines()
    assert line.startswith(f"{template / 'theme.toml'}:2:16: not valid TOML: Invalid value")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: "/dev/zero", "an absolute path leaves the directory"),
        (lambda d: "../outside.ttf", "the path leads outside the directory"),
        (lambda d: os.symlink("/dev/zero", d / "zero.ttf") or "zero.ttf", "leads outside"),
        (lambda d: os.mkfifo(d / "pipe.ttf") or "pipe.ttf", "pipe.ttf: not a regular file"),
        (lambda d: (d / "fonts").mkdir() or "fonts", "fonts: not a regular file"),
        (lambda d: "missing.ttf", "missing.ttf: no such file"),
    ],
)
def test_font_files_are_regular_files_inside_the_template(tmp_path, make, reason):
    template = _template(tmp_path, "")
    (tmp_path / "outside.ttf").write_bytes(DEJAVU.read_bytes())
    name = make(template)
    (template / "theme.toml").write_text(f"font_family = 'X'\nfont_files = {[name] * 4!r}\n")
    run = run_measured(["render", str(SAMPLE), "-t", str(template), "-o", "out"], cwd=tmp_path)
    assert_clean(run, EXIT_RENDER)
    assert f"{template / 'theme.toml'}:2: font_files: " in run.err and reason in run.err


def test_a_huge_font_file_is_refused_from_its_size(tmp_path):
    template = _template(tmp_path, "")
    with (template / "huge.ttf").open("wb") as stream:  # sparse: costs no disk, never read
        stream.truncate(MAX_FONT_FILE_BYTES + 1)
    (template / "theme.toml").write_text(
        "font_family = 'X'\nfont_files = ['huge.ttf', 'huge.ttf', 'huge.ttf', 'huge.ttf']\n"
    )
    with pytest.raises(ThemeError, match="huge.ttf: larger than the limit of 50 MB"):
        briefwright.render_bytes(SAMPLE, template=template, formats=("md",))


def test_font_files_given_in_code_are_still_read_as_regular_files_only():
    theme = Theme(font_family="Zero", font_files=("/dev/zero",) * 4)
    doc = nodes.Document(nodes.DocMeta(title="T"), ())
    with pytest.raises(RenderError, match="/dev/zero: a character device, not a regular file"):
        write(doc, theme, WriteOptions())


def _runaway_font(folder: Path) -> Path:
    """DejaVu Sans whose format 12 character map claims two billion characters in one group."""
    from briefwright.fonts.truetype import cmap_subtables

    data = bytearray(DEJAVU.read_bytes())
    [subtable] = [o for o in cmap_subtables(bytes(data)) if data[o : o + 2] == b"\0\x0c"][:1]
    struct.pack_into(">LL", data, subtable + 16, 0, 0x7FFFFFFF)  # first group: 0 .. 2**31 - 1
    path = folder / "runaway.ttf"
    path.write_bytes(bytes(data))
    return path


def test_a_font_whose_character_map_runs_away_is_refused_in_bounded_memory(tmp_path):
    template = _template(tmp_path, "")
    _runaway_font(template)
    (template / "theme.toml").write_text(
        "font_family = 'Runaway'\n"
        "font_files = ['runaway.ttf', 'runaway.ttf', 'runaway.ttf', 'runaway.ttf']\n"
    )
    args = ["render", str(SAMPLE), "-t", str(template), "-f", "pdf", "-o", "out"]
    run = run_measured(args, cwd=tmp_path, timeout=60)
    assert_clean(run, EXIT_RENDER)
    assert "more than Unicode has" in run.err and "runaway.ttf" in run.err
