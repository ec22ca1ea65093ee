"""The ISO/IEC 29500 schema check of ../shared/tools/ooxml-check, the closest to "Word opens it"
that runs without Word.

Tests that use it are skipped where the tool is not beside the repository; in CI (.ci/run sets
CI, and ../shared is there) they fail instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

OOXML_CHECK = Path(__file__).resolve().parents[2] / "shared" / "tools" / "ooxml-check"


def ooxml_problems(*blobs: bytes, folder: Path) -> str:
    """What the schema check says of these DOCX files: "" when every one is valid."""
    if not OOXML_CHECK.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{OOXML_CHECK} is missing: CI has ../shared beside the repository")
        pytest.skip(f"{OOXML_CHECK} is not here")
    paths = []
    for number, blob in enumerate(blobs):
        paths.append(folder / f"checked-{number}.docx")
        paths[-1].write_bytes(blob)
    result = subprocess.run(
        [sys.executable, str(OOXML_CHECK), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout + result.stderr
