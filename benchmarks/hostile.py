"""Hostile inputs: what each costs the whole `briefwright` process before it is refused.

    python benchmarks/hostile.py            # a minute or so
    python benchmarks/hostile.py --quick    # one round each

Every case runs `python -m briefwright ...` in a fresh process and reports the median CPU time
(user + system, the process and its children) and the peak resident memory of its rounds,
with the exit code it ended with. Nothing in the test suite asserts a timing; the tests count
work instead (tests/hostile/).
"""

from __future__ import annotations

import argparse
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "lavrov-yerevan-2025.yaml"


def _measured(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """CPU seconds, peak MB and exit code of one `python -m briefwright ARGS` run."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefwright", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    return cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def sexagesimal_summary(folder: Path) -> list[str]:
    """A 2 MB plain scalar `1:1:1:...`: a YAML 1.1 base-60 number, converted in quadratic
    time by a YAML 1.1 loader."""
    (folder / "base60.yaml").write_text("title: " + ":".join(["1"] * 1_000_000) + "\n")
    return ["validate", "base60.yaml"]


def picture_bomb(folder: Path) -> list[str]:
    """A reference .docx of 200 KB holding a 200 MB picture of zeros."""
    import docx

    saved = BytesIO()
    docx.Document().save(saved)
    path = folder / "bomb.docx"
    path.write_bytes(saved.getvalue())
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image1.png", "w", force_zip64=True) as stream,
    ):
        for _ in range(200):
            stream.write(bytes(1_000_000))
    return ["render", str(SAMPLE), "-f", "docx", "--reference-doc", str(path), "-o", "out"]


def _template(folder: Path, body: str, theme: str = "") -> Path:
    template = folder / "hostile"
    template.mkdir(exist_ok=True)
    (template / "template.toml").write_text('extends = "analyst"\n')
    (template / "briefing.md.j2").write_text(body)
    (template / "theme.toml").write_text(theme)
    return template


def doubling_template(folder: Path) -> list[str]:
    """A template doubling a string forty times with `~`."""
    body = (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s }}"
    )
    return ["render", str(SAMPLE), "-t", str(_template(folder, body)), "-f", "md", "-o", "out"]


def nested_loops_template(folder: Path) -> list[str]:
    """A template looping over a 100,000-character string inside the same loop."""
    body = "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    return ["render", str(SAMPLE), "-t", str(_template(folder, body)), "-f", "md", "-o", "out"]


def runaway_font(folder: Path) -> list[str]:
    """A theme font whose character map claims two billion characters."""
    from briefwright.fonts import BUNDLED_DIR
    from briefwright.fonts.truetype import cmap_subtables

    data = bytearray((BUNDLED_DIR / "DejaVuSans.ttf").read_bytes())
    found = [o for o in cmap_subtables(bytes(data)) if data[o : o + 2] == b"\0\x0c"]
    struct.pack_into(">LL", data, found[0] + 16, 0, 0x7FFFFFFF)
    template = _template(
        folder, "{{ title }}", "font_family = 'R'\nfont_files = " + str(["r.ttf"] * 4) + "\n"
    )
    (template / "r.ttf").write_bytes(bytes(data))
    return ["render", str(SAMPLE), "-t", str(template), "-f", "pdf", "-o", "out"]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "2 MB `1:1:1:...` summary, validate": sexagesimal_summary,
    "reference .docx hiding a 200 MB picture": picture_bomb,
    "template doubling a string 40 times": doubling_template,
    "template: nested loops over 100,000 characters": nested_loops_template,
    "theme font mapping 2**31 characters, PDF": runaway_font,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one round per case")
    rounds = 1 if parser.parse_args().quick else 3
    print(f"{'case':<48} {'CPU s':>7} {'peak MB':>8} {'exit':>5}")
    for name, make in CASES.items():
        with tempfile.TemporaryDirectory(prefix="briefwright-hostile-") as scratch:
            folder = Path(scratch)
            args = make(folder)
            runs = [_measured(args, folder) for _ in range(rounds)]
        cpu = statistics.median(run[0] for run in runs)
        peak = max(run[1] for run in runs)
        codes = {run[2] for run in runs}
        print(f"{name:<48} {cpu:>7.2f} {peak:>8.0f} {','.join(map(str, codes)):>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
