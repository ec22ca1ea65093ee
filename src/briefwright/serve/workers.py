"""A pool of warm worker processes as a concurrent.futures Executor, with deadlines and a queue cap.

The pipeline runs its tasks on any Executor; this one adds what a server needs and
ProcessPoolExecutor lacks: a task that overruns its deadline has its worker killed and replaced
(the others carry on), the queue of waiting tasks is bounded (submit raises Busy when it is
full), and every new worker runs a warm-up before it takes a task. Workers start from a fork
server, a clean single-threaded process, so the server's own threads never meet fork.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

STARTUP_SECONDS = 120.0  # a warm-up that takes longer than this is a broken worker


class Busy(Exception):
    """Every worker is busy and the queue of waiting tasks is full."""


class DeadlineExceeded(Exception):
    """A task ran past its deadline; its worker was killed and replaced."""


class WorkerLost(Exception):
    """A worker process died while running a task (killed, out of memory, a crash)."""


class WorkerPool(Executor):
    """`workers` processes, each warmed by `warm_up` once, running tasks submitted here.

    A task's result (or its exception) travels back pickled. At most `queue_limit` tasks wait
    for a free worker; a task may run for `deadline` seconds.
    """

    def __init__(
        self,
        workers: int,
        *,
        deadline: float,
        queue_limit: int,
        warm_up: Callable[[], object] | None = None,
        preload: Sequence[str] = (),
    ) -> None:
        self.deadline = deadline
        self.queue_limit = queue_limit
        self._queue: queue.Queue[Any] = queue.Queue()
        self._lock = threading.Lock()
        self._pending = 0  # tasks submitted and not yet finished: running or waiting
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(list(preload))
        self._warm_up = warm_up
        self._closed = False
        self._slots = [_Slot(self, i) for i in range(workers)]
        for slot in self._slots:
            slot.thread.start()

    @property
    def size(self) -> int:
        """How many workers the pool keeps."""
        return len(self._slots)

    def ready(self) -> int:
        """How many workers are warm and alive."""
        return sum(slot.ready for slot in self._slots)

    def busy(self) -> int:
        """How many workers are running a task."""
        return sum(slot.running for slot in self._slots)

    def queued(self) -> int:
        """How many tasks wait for a worker."""
        return self._queue.qsize()

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Queue a task; Busy at once when the queue is full, rather than waiting."""
        if self._closed:
            raise RuntimeError("cannot schedule new futures after shutdown")
        with self._lock:
            if self._pending >= self.size + self.queue_limit:
                raise Busy(f"{self.size} workers busy and {self.queue_limit} waiting")
            self._pending += 1
        future: Future[T] = Future()
        future.add_done_callback(self._finished)
        self._queue.put((future, fn, args, kwargs))
        return future

    def _finished(self, future: Future[Any]) -> None:
        with self._lock:
            self._pending -= 1

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop every worker once its task is done; `cancel_futures` drops the waiting ones."""
        self._closed = True
        if cancel_futures:
            with contextlib.suppress(queue.Empty):
                while True:
                    item = self._queue.get_nowait()
                    item[0].cancel()
        for slot in self._slots:
            slot.stop()
        if wait:
            for slot in self._slots:
                slot.thread.join()

    def _next(self) -> Any:
        """The next waiting task, or None after a short wait (so a slot notices shutdown)."""
        try:
            return self._queue.get(timeout=0.2)
        except queue.Empty:
            return None


class _Slot:
    """One worker process and the thread in this process that feeds it and watches the clock."""

    def __init__(self, pool: WorkerPool, index: int) -> None:
        self.pool = pool
        self.process: BaseProcess | None = None
        self.conn: Connection | None = None
        self.ready = False
        self.running = False
        self.stopping = False
        self.thread = threading.Thread(target=self._loop, name=f"briefwright-worker-{index}")
        self.thread.daemon = True

    def stop(self) -> None:
        """Ask the thread to stop the worker and end, after the task it runs, if any."""
        self.stopping = True

    def _loop(self) -> None:
        try:
            self._start()
            while not self.stopping:
                item = self.pool._next()
                if item is None:
                    continue
                future, fn, args, kwargs = item
                if future.set_running_or_notify_cancel():
                    self._run(future, fn, args, kwargs)
        finally:
            self._kill()

    def _start(self) -> None:
        """A new worker, warmed up; retried after a pause if it fails to start."""
        while not self.stopping:
            parent, child = self.pool._context.Pipe()
            process = self.pool._context.Process(
                target=_worker_main, args=(child, self.pool._warm_up), daemon=True
            )
            process.start()
            child.close()
            self.process, self.conn = process, parent
            if parent.poll(STARTUP_SECONDS):
                with contextlib.suppress(EOFError, OSError):
                    if parent.recv() == "ready":
                        self.ready = True
                        return
            self._kill()
            time.sleep(1.0)

    def _run(self, future: Future[Any], fn: Callable[..., Any], args: Any, kwargs: Any) -> None:
        assert self.conn is not None
        self.running = True
        try:
            self.conn.send((fn, args, kwargs))
            if not self.conn.poll(self.pool.deadline):
                self._replace()
                future.set_exception(DeadlineExceeded(f"took longer than {self.pool.deadline:g} s"))
                return
            kind, value = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace()
            future.set_exception(WorkerLost("the worker process died while rendering"))
            return
        except Exception as exc:  # the task itself would not pickle: the caller's bug
            future.set_exception(exc)
            return
        finally:
            self.running = False
        if kind == "ok":
            future.set_result(value)
        else:
            future.set_exception(value)

    def _replace(self) -> None:
        self._kill()
        if not self.stopping:
            self._start()

    def _kill(self) -> None:
        self.ready = False
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
            self.process.close()
        if self.conn is not None:
            self.conn.close()
        self.process, self.conn = None, None


def _worker_main(conn: Connection, warm_up: Callable[[], object] | None) -> None:
    """A worker's life: warm up, say so, then run each task that arrives until the pipe closes."""
    # Ctrl-C reaches the whole process group; the pool, not the terminal, stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm_up is not None:
        warm_up()
    conn.send("ready")
    while True:
        try:
            fn, args, kwargs = conn.recv()
        except EOFError:
            return
        try:
            reply: tuple[str, Any] = ("ok", fn(*args, **kwargs))
        except Exception as exc:
            reply = ("raised", exc)
        try:
            conn.send(reply)
        except Exception:  # the result or the exception would not pickle: send its text
            conn.send(("raised", RuntimeError(traceback.format_exc())))
