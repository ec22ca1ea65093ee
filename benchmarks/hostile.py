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
import subprocess
import sys
import tempfile
from collections.abc import Callable
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


CASES: dict[str, Callable[[Path], list[str]]] = {
    "2 MB `1:1:1:...` summary, validate": sexagesimal_summary,
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
