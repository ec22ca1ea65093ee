"""The state a running server shares between requests: its settings, workers, templates, counts.

`Service.run` is the one way a route gets work done: the task goes to the worker pool, and
what can go wrong on the way (queue full, deadline passed, a worker lost, the library's own
errors) becomes an ApiError with its status code.
"""

from __future__ import annotations

import asyncio
import difflib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from briefwright.errors import BriefwrightError, Issue
from briefwright.pipeline.settings import DEFAULT_TEMPLATE, RenderSettings
from briefwright.serve.config import ServeConfig
from briefwright.serve.errors import ApiError, from_library
from briefwright.serve.metrics import Metrics
from briefwright.serve.workers import Busy, DeadlineExceeded, WorkerLost, WorkerPool
from briefwright.writers import WRITERS

T = TypeVar("T")
log = logging.getLogger("briefwright.serve")

# Imported once by the fork server, so every worker starts with them (and warms up the rest).
PRELOAD = (
    "briefwright.serve.tasks",
    "briefwright.pipeline.steps",
    "briefwright.summary",
    "briefwright.templating.render",
    "briefwright.doctree.parse",
    "briefwright.writers.pdf",
    "briefwright.writers.docx",
    "briefwright.writers.html",
    "briefwright.writers.markdown",
    "briefwright.mail.message",
)


@dataclass(frozen=True)
class TemplateInfo:
    """A template the server offers, as /api/templates lists it."""

    name: str
    description: str
    audience: str
    origin: str


class Service:
    """One server's settings, worker pool, templates and metrics."""

    def __init__(self, config: ServeConfig) -> None:
        from briefwright.templating.discovery import list_templates

        self.config = config
        self.metrics = Metrics()
        listings = list_templates(roots=config.template_path)
        self.templates = {
            t.name: TemplateInfo(t.name, t.description, t.audience, t.origin)
            for t in listings
            if t.shadowed_by is None and t.name != "base"
        }
        self.pool: WorkerPool | None = None

    def start(self) -> None:
        """Start the workers; each warms up with every template before taking requests."""
        from briefwright.serve import tasks

        warm = partial(tasks.warm_up, tuple(self.templates), self.settings(tuple(WRITERS)))
        self.pool = WorkerPool(
            self.config.workers,
            deadline=self.config.deadline,
            queue_limit=self.config.queue_limit,
            warm_up=warm,
            preload=PRELOAD,
        )

    def stop(self) -> None:
        """Stop the workers (the server is shutting down)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def settings(self, formats: tuple[str, ...]) -> RenderSettings:
        """Render settings for a request: its formats, and the server's template path."""
        return RenderSettings(formats=formats, template_path=self.config.template_path)

    def template_names(self, asked: list[str]) -> tuple[str, ...]:
        """The templates a request names (repeated or comma-separated), checked against ours."""
        names = [n.strip() for value in asked for n in value.split(",") if n.strip()]
        for name in names:
            if name not in self.templates:
                close = difflib.get_close_matches(name, list(self.templates), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                known = ", ".join(self.templates)
                raise ApiError(400, f"unknown template {name!r}{hint}; this server offers {known}")
        return tuple(dict.fromkeys(names)) or (DEFAULT_TEMPLATE,)

    async def run(self, route: str, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` on a worker; its errors as ApiErrors; counted and timed per route."""
        started = time.perf_counter()
        status = 200
        try:
            return await self._run(fn, *args)
        except ApiError as error:
            status = error.status
            self.metrics.failures.labels(_reason(error.status)).inc()
            raise
        finally:
            elapsed = time.perf_counter() - started
            self.metrics.requests.labels(route, str(status)).inc()
            self.metrics.latency.labels(route).observe(elapsed)
            log.info("%s %d in %.0f ms", route, status, elapsed * 1000)

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        if self.pool is None:
            raise ApiError(503, "the server is starting", headers={"Retry-After": "1"})
        try:
            future = self.pool.submit(fn, *args)
        except Busy as busy:
            raise ApiError(503, f"busy: {busy}", headers={"Retry-After": "1"}) from None
        try:
            return await asyncio.wrap_future(future)
        except DeadlineExceeded as late:
            message = f"the render was stopped: it {late}"
            raise ApiError(504, message, [Issue(message)]) from None
        except WorkerLost as lost:
            raise ApiError(500, str(lost)) from None
        except BriefwrightError as error:
            raise from_library(error) from None


def _reason(status: int) -> str:
    return {
        400: "bad-request",
        413: "too-large",
        415: "unsupported-type",
        422: "invalid",
        503: "busy",
        504: "deadline",
    }.get(status, "error")
