"""The executors the pipeline is handed: where each task runs and what comes back from it."""

from __future__ import annotations

import os
import time

import pytest

from briefwright.pipeline.executors import (
    ChildTraceback,
    EarlyForkExecutor,
    InlineExecutor,
    can_fork,
)

WARMED: list[str] = []


def _warm_up() -> None:
    WARMED.append("warm")


def _where_and_warmed(tag: str) -> tuple[str, int, list[str]]:
    return tag, os.getpid(), list(WARMED)


def _fail_unpicklably() -> None:
    class Local(Exception):  # a class defined in a function cannot be pickled
        pass

    raise Local("no way back")


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_inline_runs_each_task_at_submit_and_keeps_its_exception():
    ran: list[int] = []
    executor = InlineExecutor()
    done = executor.submit(ran.append, 1)
    assert ran == [1] and done.done() and done.result() is None
    failed = executor.submit(int, "x")
    with pytest.raises(ValueError, match="invalid literal"):
        failed.result()
    assert list(executor.map(str, [1, 2])) == ["1", "2"]


needs_fork = pytest.mark.skipif(not can_fork(), reason="needs fork")


@needs_fork
def test_the_first_task_runs_in_the_warmed_child_and_the_rest_here():
    WARMED.clear()
    with EarlyForkExecutor(warm_up=_warm_up) as executor:
        first = executor.submit(_where_and_warmed, "first")
        second = executor.submit(_where_and_warmed, "second")
        assert second.done()  # ran here, at once
        assert first.result() == ("first", first.result()[1], ["warm"])
    assert first.result()[1] != os.getpid()
    assert second.result() == ("second", os.getpid(), [])
    assert WARMED == []
    assert _no_children_left()


@needs_fork
def test_an_exception_that_cannot_be_pickled_comes_back_as_its_traceback():
    with EarlyForkExecutor() as executor:
        future = executor.submit(_fail_unpicklably)
        with pytest.raises(RuntimeError, match="failed in the forked child") as raised:
            future.result()
    assert "no way back" in str(raised.value) and "_fail_unpicklably" in str(raised.value)
    assert _no_children_left()


@needs_fork
def test_an_exception_that_pickles_is_raised_as_itself_with_the_childs_traceback():
    with EarlyForkExecutor() as executor, pytest.raises(ValueError) as raised:
        executor.submit(int, "not a number").result()
    assert isinstance(raised.value.__cause__, ChildTraceback)
    assert "invalid literal" in str(raised.value.__cause__)


@needs_fork
def test_leaving_by_an_exception_kills_the_child_at_work():
    with pytest.raises(KeyboardInterrupt), EarlyForkExecutor() as executor:
        future = executor.submit(time.sleep, 600)
        raise KeyboardInterrupt
    with pytest.raises(RuntimeError, match="ended without a result"):
        future.result()
    assert _no_children_left()


@needs_fork
def test_an_unused_child_is_stopped_and_nothing_is_taken_after_shutdown():
    executor = EarlyForkExecutor(warm_up=_warm_up)
    executor.shutdown()
    assert _no_children_left()
    with pytest.raises(RuntimeError, match="after shutdown"):
        executor.submit(str, 1)
