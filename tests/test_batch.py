"""Batch rendering in worker processes: every good summary written, bad ones listed, in order."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml
from conftest import SAMPLE

from briefwright.cli.batch import Listing, run_render
from briefwright.errors import EXIT_INVALID, EXIT_RENDER, InvalidSummary
from briefwright.pipeline.batch import BatchTask, expand_summaries, render_many, tasks_for
from briefwright.pipeline.settings import RenderSettings
from briefwright.pipeline.steps import VerificationFailed

MISQUOTE = SAMPLE.parents[1] / "tests" / "data" / "fidelity" / "misquote.yaml"


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
    settings = RenderSettings(formats=("md",), output_dir=tmp_path / "out")
    code = run_render(paths, ("analyst",), settings, jobs=2, listing=Listing())
    captured = capsys.readouterr()
    assert code == 3
    written = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert written == [f"s{i}.analyst.md" for i in range(5)]
    assert "# Variant 3" in (tmp_path / "out" / "s3.analyst.md").read_text(encoding="utf-8")
    # the parent renders the first summary, workers the rest; the listing keeps input order
    assert captured.out.splitlines() == [str(tmp_path / "out" / name) for name in written]
    assert "s9-broken.yaml:" in captured.err
    assert "1 of 6 renders failed" in captured.err


def test_a_callers_own_pool_gets_located_errors_back_in_input_order(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    paths = _summaries(inputs, 2)
    settings = RenderSettings(formats=("md",), output_dir=tmp_path / "out")
    tasks = tasks_for(paths, ("analyst", "executive"), settings)
    with ProcessPoolExecutor(max_workers=2) as pool:
        outcomes = list(render_many(tasks, pool))
    assert [(o.task.summary.name, o.task.template) for o in outcomes] == [
        (path.name, template) for path in paths for template in ("analyst", "executive")
    ]
    good, broken = outcomes[:4], outcomes[4:]
    assert [o.written[0].name for o in good] == [
        "s0.analyst.md",
        "s0.executive.md",
        "s1.analyst.md",
        "s1.executive.md",
    ]
    for outcome in broken:
        assert isinstance(outcome.error, InvalidSummary)
        assert outcome.exit_code == EXIT_INVALID
        (issue,) = outcome.error.issues
        assert str(issue).startswith(f"{paths[-1]}:2:1: ")


def test_a_misquote_comes_back_from_a_worker_with_its_report(tmp_path):
    settings = RenderSettings(formats=("md",), output_dir=tmp_path, verify=True)
    task = BatchTask(MISQUOTE, "analyst", settings)
    with ProcessPoolExecutor(max_workers=1) as pool:
        (outcome,) = render_many([task], pool)
    assert isinstance(outcome.error, VerificationFailed)
    assert outcome.exit_code == EXIT_RENDER
    assert outcome.error.report.errors
    assert [i.location.field for i in outcome.error.issues] == ["quotes[0].text"]
    assert pickle.loads(pickle.dumps(outcome)).error.lines() == outcome.error.lines()
