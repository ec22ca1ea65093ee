"""The server's worker pool as a concurrent.futures Executor: results, errors, deadline, queue."""

from __future__ import annotations

import os
import time

import pytest
from conftest import SAMPLE, pdf_pages_text

from briefwright.pipeline.batch import render_many, tasks_for
from briefwright.pipeline.settings import RenderSettings
from briefwright.serve.workers import Busy, DeadlineExceeded, WorkerLost, WorkerPool


@pytest.fixture(scope="module")
def pool():
    workers = WorkerPool(2, deadline=2.0, queue_limit=8)
    yield workers
    workers.shutdown()


def test_the_pipelines_batch_runs_on_the_pool_as_on_any_executor(pool, tmp_path):
    settings = RenderSettings(formats=("pdf", "md"), output_dir=tmp_path)
    tasks = tasks_for([SAMPLE], ("executive", "no-such-template"), settings)
    good, bad = render_many(tasks, pool)
    assert [p.name for p in good.written] == [
        "lavrov-yerevan-2025.executive.pdf",
        "lavrov-yerevan-2025.executive.md",
    ]
    assert "Lavrov in Yerevan" in pdf_pages_text(good.written[0].read_bytes())[0]
    assert bad.error is not None and "no-such-template" in str(bad.error)


def test_a_task_that_raises_raises_from_its_future(pool):
    with pytest.raises(ValueError, match="invalid literal"):
        pool.submit(int, "x").result()


def test_a_task_past_the_deadline_is_stopped_and_its_worker_replaced(pool):
    started = time.monotonic()
    late = pool.submit(time.sleep, 30)
    with pytest.raises(DeadlineExceeded):
        late.result()
    assert time.monotonic() - started < 10
    assert pool.submit(sum, [1, 2, 3]).result(timeout=60) == 6


def test_a_worker_that_dies_is_replaced(pool):
    with pytest.raises(WorkerLost):
        pool.submit(os._exit, 3).result(timeout=60)
    assert pool.submit(max, 4, 5).result(timeout=60) == 5


def test_a_full_queue_refuses_at_once():
    small = WorkerPool(1, deadline=10.0, queue_limit=1)
    try:
        first = small.submit(time.sleep, 1)
        second = small.submit(time.sleep, 0)
        with pytest.raises(Busy):
            small.submit(time.sleep, 0)
        assert first.result(timeout=60) is None and second.result(timeout=60) is None
        assert small.submit(abs, -2).result(timeout=60) == 2  # room again once they finish
    finally:
        small.shutdown()
