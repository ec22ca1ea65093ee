"""Start-up stays light: commands import only the libraries their work needs.

Checked through sys.modules in a fresh interpreter, never through timings.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SAMPLE

PROBE = """
import json, sys
from briefwright.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("docx", "reportlab", "lxml", "markdown_it", "jinja2", "pydantic", "babel")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def _imported(*args: str, cwd=None) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, check=False
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["render", "--help"], ["schema"], ["templates"]],
    ids=lambda args: " ".join(args),
)
def test_light_commands_import_no_writer_library(args):
    assert not _imported(*args) & {"docx", "reportlab", "lxml"}


def test_validate_imports_no_writer_or_template_library():
    assert not _imported("validate", str(SAMPLE)) & {"docx", "reportlab", "lxml", "jinja2"}


@pytest.mark.parametrize(
    ("fmt", "template", "needed", "unwanted"),
    [
        # an English summary needs no Babel: its dates are the house style
        ("md", "analyst", set(), {"docx", "reportlab", "babel"}),
        ("pdf", "analyst", {"reportlab"}, {"docx"}),
        ("docx", "public", {"docx"}, {"reportlab"}),
        # analyst's contents list shows the pages a PDF layout gives its headings
        ("docx", "analyst", {"docx", "reportlab"}, set()),
    ],
)
def test_a_single_format_render_imports_only_its_library(tmp_path, fmt, template, needed, unwanted):
    args = ("-f", fmt, "-t", template, "-o", str(tmp_path), "-q", "-j", "1")
    imported = _imported("render", str(SAMPLE), *args)
    assert (tmp_path / f"lavrov-yerevan-2025.{template}.{fmt}").is_file()
    assert needed <= imported
    assert not imported & unwanted


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_split_across_two_cores_the_parent_imports_neither_writer_library(tmp_path, fmt):
    # the child forked for the format imports its library (tests/test_parallel.py)
    imported = _imported("render", str(SAMPLE), "-f", fmt, "-o", str(tmp_path), "-q", "-j", "2")
    assert (tmp_path / f"lavrov-yerevan-2025.analyst.{fmt}").is_file()
    assert not imported & {"docx", "reportlab"}


def test_importing_the_package_and_its_exceptions_loads_no_heavy_library():
    code = (
        "import sys, briefwright\n"
        "assert issubclass(briefwright.InvalidSummary, briefwright.BriefwrightError)\n"
        "dir(briefwright)\n"
        "heavy = ('docx', 'reportlab', 'lxml', 'markdown_it', 'jinja2', 'pydantic', 'yaml')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.strip() == "[]"


def test_the_library_render_imports_only_its_writers_and_nothing_that_forks():
    code = (
        "import sys, briefwright\n"
        f"briefwright.render_bytes({str(SAMPLE)!r}, formats='md')\n"
        "unwanted = ('docx', 'reportlab', 'multiprocessing', 'briefwright.pipeline.executors')\n"
        "print(sorted(m for m in unwanted if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.strip() == "[]"
