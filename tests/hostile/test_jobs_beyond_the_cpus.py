"""-j 100000 used to start a worker per summary (gigabytes of memory): it is lowered to the
number of CPUs, with a message, and the batch still renders everything."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from conftest import SAMPLE

from briefwright.cli import main
from briefwright.cli.batch import available_cpus

ARTICLE = SAMPLE.with_name("lavrov-yerevan-visit-2025.txt")


def test_jobs_above_the_cpu_count_are_lowered_with_a_message(tmp_path):
    shutil.copy(ARTICLE, tmp_path)
    summaries = []
    for i in range(3):
        summaries.append(tmp_path / f"s{i}.yaml")
        shutil.copy(SAMPLE, summaries[-1])
    args = ["render", *map(str, summaries), "-f", "md", "-o", str(tmp_path / "out")]
    result = CliRunner().invoke(main, [*args, "-j", "100000"])
    assert result.exit_code == 0, result.output
    cpus = available_cpus()
    assert f"briefwright: -j 100000 lowered to {cpus}, the number of CPUs" in result.stderr
    assert len(result.stdout.splitlines()) == 3
    quiet = CliRunner().invoke(main, [*args, "-j", "100000", "-q"])
    assert (quiet.exit_code, quiet.stderr) == (0, "")
