"""What /metrics tells Prometheus: renders, failures by reason, latency, workers and queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

if TYPE_CHECKING:
    from briefwright.serve.workers import WorkerPool

# Seconds: a warm PDF takes tens of milliseconds, a deadline tens of seconds.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    """The server's own registry (not the process-wide one), so two apps never share counts."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "briefwright_requests",
            "Work requests answered, by route and status code.",
            ["route", "status"],
            registry=self.registry,
        )
        self.renders = Counter(
            "briefwright_renders",
            "Briefings rendered (each request with every template and format it asked for).",
            registry=self.registry,
        )
        self.failures = Counter(
            "briefwright_failures",
            "Work requests that failed, by reason.",
            ["reason"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "briefwright_work_seconds",
            "Time from a request's arrival to its answer, by route.",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.workers = Gauge(
            "briefwright_workers", "Warm worker processes.", registry=self.registry
        )
        self.busy = Gauge(
            "briefwright_workers_busy", "Workers running a task.", registry=self.registry
        )
        self.queued = Gauge(
            "briefwright_queue_length", "Tasks waiting for a worker.", registry=self.registry
        )

    def exposition(self, pool: WorkerPool | None) -> bytes:
        """The Prometheus text format, with the pool's gauges read now."""
        if pool is not None:
            self.workers.set(pool.ready())
            self.busy.set(pool.busy())
            self.queued.set(pool.queued())
        return generate_latest(self.registry)
