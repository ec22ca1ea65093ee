"""Executors the pipeline's callers can pass in: inline, one early-forked child, a process pool.

The pipeline only ever calls `submit` and reads futures, so any concurrent.futures Executor
works; these three are the ones briefwright's own CLI uses. A task and its result must pickle
for the forked child and the pool, which is why the pipeline's tasks return plain data.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Executor, Future
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, ParamSpec, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

P = ParamSpec("P")
T = TypeVar("T")


def can_fork() -> bool:
    """Whether fork is there and cheap: on Linux. Elsewhere callers run serially or spawn."""
    return sys.platform == "linux" and hasattr(os, "fork")


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool whose workers start as copies of this process (fork, where it is safe).

    A worker then begins with whatever this process has already imported and cached, instead
    of paying for it again.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    fork = can_fork() and "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else None)
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(), _from_main_thread()),
    )


def die_with_parent(parent: int, main_thread: bool = True) -> None:
    """In a child: be killed when the parent dies, instead of rendering on for nobody.

    Linux's PR_SET_PDEATHSIG does it; it fires when the *thread* that forked the child ends,
    so it is only asked for when that was the main thread (the process, then). Where it is not
    available the child still notices a closed pipe when it next talks to its parent.
    """
    if not main_thread or sys.platform != "linux":
        return
    import ctypes
    import ctypes.util

    pr_set_pdeathsig = 1
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _from_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


class InlineExecutor(Executor):
    """Runs each task in this process the moment it is submitted: the serial default."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        future.set_running_or_notify_cancel()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # raised again by future.result(), as a pool would
            future.set_exception(exc)
        return future


class ChildTraceback(Exception):
    """The traceback of an exception raised in a child process, attached as its cause."""

    def __str__(self) -> str:
        return "\n" + str(self.args[0])


class EarlyForkExecutor(Executor):
    """Runs the first task submitted in a child forked when the executor is made; later ones here.

    The child calls `warm_up` at once (say, importing the library its task will need) while
    this process goes on with other work; the task and its result then travel pickled through
    pipes, so its wall time overlaps whatever this process does meanwhile. Submit the slowest
    task first. A task that raises is raised again by its future, with the child's traceback as
    its cause.

    Fork copies only the calling thread: make this where no other threads run (the CLI does,
    before loading anything) and only where `can_fork()`. Leaving a `with` block by an
    exception or Ctrl-C kills the child; a normal exit waits for its task.
    """

    def __init__(self, warm_up: Callable[[], object] | None = None) -> None:
        self._inline = InlineExecutor()
        self._child = _Child.start(warm_up)
        self._closed = False

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        if self._closed:
            raise RuntimeError("cannot schedule new futures after shutdown")
        if self._child.used:
            return self._inline.submit(fn, *args, **kwargs)
        return self._child.run(fn, args, kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._closed = True
        self._child.stop(kill=cancel_futures or not wait)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # On an error or Ctrl-C nobody will read the child's result: stop it instead of waiting.
        self.shutdown(wait=exc_type is None, cancel_futures=exc_type is not None)


class _Child:
    """The forked process, seen from the parent: a pipe each way, a thread, a pid to reap."""

    def __init__(self, pid: int, jobs: IO[bytes], results: IO[bytes]) -> None:
        self.pid = pid
        self.jobs = jobs
        self.results = results
        self.used = False
        self.reaped = False
        self.thread: threading.Thread | None = None

    @classmethod
    def start(cls, warm_up: Callable[[], object] | None) -> _Child:
        job_reader, job_writer = os.pipe()
        result_reader, result_writer = os.pipe()
        parent, main_thread = os.getpid(), _from_main_thread()
        pid = os.fork()
        if pid == 0:
            os.close(job_writer)
            os.close(result_reader)
            die_with_parent(parent, main_thread)
            _serve(warm_up, job_reader, result_writer)  # never returns
        os.close(job_reader)
        os.close(result_writer)
        return cls(pid, os.fdopen(job_writer, "wb"), os.fdopen(result_reader, "rb"))

    def run(self, fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Future[T]:
        """Send the task; a thread writes it and waits for the reply, so this returns at once."""
        self.used = True
        payload = pickle.dumps((fn, args, kwargs), pickle.HIGHEST_PROTOCOL)
        future: Future[T] = Future()
        future.set_running_or_notify_cancel()
        self.thread = threading.Thread(
            target=self._exchange, args=(payload, future), name="briefwright-fork", daemon=True
        )
        self.thread.start()
        return future

    def _exchange(self, payload: bytes, future: Future[Any]) -> None:
        try:
            # a child that died (or was killed) breaks the pipe; its empty reply then says so
            with contextlib.suppress(BrokenPipeError), self.jobs:
                self.jobs.write(payload)
            with self.results:
                reply = self.results.read()
            kind, value = _decode(reply)
        except BaseException as exc:  # nobody else would see it: the future carries it
            future.set_exception(exc)
            return
        if kind == "ok":
            future.set_result(value)
        else:
            future.set_exception(value)

    def stop(self, *, kill: bool) -> None:
        """Make sure the child is gone: killed if asked to or if it never got a task, reaped."""
        if (kill or not self.used) and not self.reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        if self.thread is not None:
            self.thread.join()
        self.jobs.close()
        self.results.close()
        if not self.reaped:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.reaped = True


def _decode(reply: bytes) -> tuple[str, Any]:
    """("ok", result) or ("error", the exception to raise) from the child's reply."""
    if not reply:
        return "error", RuntimeError("the forked child process ended without a result")
    kind, value, text = pickle.loads(reply)
    if kind == "ok":
        return "ok", value
    try:
        error = pickle.loads(value) if kind == "raised" else None
    except Exception:  # an exception class that does not survive pickling
        error = None
    if not isinstance(error, BaseException):
        return "error", RuntimeError(f"a task failed in the forked child process:\n{text}")
    error.__cause__ = ChildTraceback(text)
    return "error", error


def _serve(warm_up: Callable[[], object] | None, jobs: int, results: int) -> None:
    """The child: warm up, wait for one task, run it, send back what came of it, exit."""
    code = 1
    try:
        if warm_up is not None:
            with contextlib.suppress(Exception):  # whatever fails here fails again in the task
                warm_up()
        with os.fdopen(jobs, "rb") as stream:
            job = stream.read()
        if job:  # an empty job: the parent closed the pipe without a task
            reply = _run(job)
            with os.fdopen(results, "wb") as stream:
                stream.write(reply)
        code = 0
    finally:
        # never return into the caller's code, never run its exit handlers or flush its buffers
        os._exit(code)


def _run(job: bytes) -> bytes:
    try:
        fn, args, kwargs = pickle.loads(job)
        return pickle.dumps(("ok", fn(*args, **kwargs), ""), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        text = traceback.format_exc()
        try:
            raised = pickle.dumps(exc, pickle.HIGHEST_PROTOCOL)
        except Exception:
            return pickle.dumps(("crash", None, text), pickle.HIGHEST_PROTOCOL)
        return pickle.dumps(("raised", raised, text), pickle.HIGHEST_PROTOCOL)
