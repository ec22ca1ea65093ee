"""Batch rendering in worker processes: every good summary written, bad ones listed, in order."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import SAMPLE

from briefwright.batch import RenderJob, expand_summaries, run_jobs


def _summaries(directory: Path, count: int) -> list[Path]:
    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    base["source"].pop("text", None)
    for i in range(count):
        variant = dict(base, title=f"Variant {i}")
        (directory / f"s{i}.yaml").write_text(yaml.safe_dump(variant), encoding="utf-8")
    (directory / "s9-broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    return expand_summaries([directory])


def test_two_workers_write_every_good_summary_and_list_the_bad_one(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    paths = _summaries(inputs, 5)
    job = RenderJob(templates=("analyst",), formats=("md",), output_dir=tmp_path / "out")
    code = run_jobs(paths, job, jobs=2, quiet=False)
    captured = capsys.readouterr()
    assert code == 3
    written = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert written == [f"s{i}.analyst.md" for i in range(5)]
    assert "# Variant 3" in (tmp_path / "out" / "s3.analyst.md").read_text(encoding="utf-8")
    # the parent renders the first summary, workers the rest; the listing keeps input order
    assert captured.out.splitlines() == [str(tmp_path / "out" / name) for name in written]
    assert "s9-broken.yaml:" in captured.err
    assert "1 of 6 renders failed" in captured.err
