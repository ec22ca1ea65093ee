"""The built wheel carries its templates and fonts: install it alone and render the sample."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile

import pytest
from conftest import ROOT, SAMPLE, docx_paragraphs, pdf_pages_text, squash


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment with only the wheel (and its dependencies) installed."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(work), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = work.glob("briefwright-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    return env_dir


def _run(env_dir, *args, cwd):
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(env_dir / "bin" / "briefwright"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def test_wheel_marks_the_package_as_typed(installed):
    (wheel,) = installed.parent.glob("briefwright-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefwright/py.typed" in names
    assert "briefwright/pipeline/steps.py" in names


def test_wheel_carries_the_license_it_declares(installed):
    (wheel,) = installed.parent.glob("briefwright-*.whl")
    archive = zipfile.ZipFile(wheel)
    (license_name,) = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    assert archive.read(license_name).decode().startswith("MIT License")
    metadata = archive.read(license_name.replace("licenses/LICENSE", "METADATA")).decode()
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Operating System :: Microsoft :: Windows" in metadata
    assert "Project-URL: Source," in metadata


def test_installed_wheel_lists_its_packaged_templates(installed, tmp_path):
    result = _run(installed, "templates", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "site-packages/briefwright/templates/analyst" in result.stdout
    assert str(ROOT / "templates") not in result.stdout


def test_installed_wheel_renders_the_sample(installed, tmp_path):
    result = _run(installed, "render", str(SAMPLE), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "out" / "lavrov-yerevan-2025.analyst.pdf").read_bytes()
    assert "Lavrov in Yerevan" in squash(pdf_pages_text(pdf)[0])
    docx = (tmp_path / "out" / "lavrov-yerevan-2025.analyst.docx").read_bytes()
    assert ("Title", "Lavrov in Yerevan: Moscow Courts Armenia as Ties with Baku Sour") in (
        docx_paragraphs(docx)
    )
    markdown = (tmp_path / "out" / "lavrov-yerevan-2025.analyst.md").read_text(encoding="utf-8")
    assert "# Lavrov in Yerevan: Moscow Courts Armenia as Ties with Baku Sour" in markdown


def test_installed_wheel_renders_in_french_from_its_catalogue(installed, tmp_path):
    french = tmp_path / "fr.yaml"
    french.write_text(SAMPLE.read_text(encoding="utf-8") + "language: fr\n", encoding="utf-8")
    result = _run(installed, "render", str(french), "-f", "pdf", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first = squash(pdf_pages_text((tmp_path / "out" / "fr.analyst.pdf").read_bytes())[0])
    assert "Points clés" in first and "Page 1 sur 5" in first


def test_installed_wheel_scaffolds_a_template_that_renders(installed, tmp_path):
    created = _run(installed, "templates", "new", "minister", "--from", "executive", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert (tmp_path / "templates" / "minister" / "template.toml").is_file()
    listed = _run(installed, "templates", cwd=tmp_path)
    assert "minister" in listed.stdout and "working directory" in listed.stdout
    out = tmp_path / "out"
    result = _run(
        installed,
        "render",
        str(SAMPLE),
        "-t",
        "minister",
        "-f",
        "pdf",
        "-o",
        str(out),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    pages = pdf_pages_text((out / "lavrov-yerevan-2025.minister.pdf").read_bytes())
    assert len(pages) == 1 and "BOTTOM LINE" in squash(pages[0]).upper()
