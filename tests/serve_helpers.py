"""Start the real server in a subprocess on a free loopback port, and wait until it is warm."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
TEST_TEMPLATES = ROOT / "tests" / "data" / "serve_templates"
STARTUP_SECONDS = 90
FACTORY = "briefwright.serve.app:from_environment"


@dataclass
class Server:
    """A running server: its base URL, process and log file."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_server(
    tmp: Path, *options: str, env: dict[str, str] | None = None, factory: bool = False
) -> Iterator[Server]:
    """`briefwright serve OPTIONS` on a free port, ready (a warm worker) when this yields.

    `factory`: uvicorn's own command with the application from_environment builds instead.
    """
    port = free_port()
    log = tmp / f"server-{port}.log"
    command = [sys.executable, "-m", "briefwright", "serve", "--port", str(port), *options]
    if factory:
        command = [sys.executable, "-m", "uvicorn", "--factory", FACTORY, "--port", str(port)]
        command += list(options)
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_ready(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_ready(server: Server, workers: int = 1) -> None:
    """Poll /healthz until `workers` workers are warm; fail with the server's log if it dies."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{server.log_text()}")
        with contextlib.suppress(httpx.HTTPError):
            answer = httpx.get(f"{server.url}/healthz", timeout=5)
            if answer.status_code == 200 and answer.json()["ready"] >= workers:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the server did not become ready:\n{server.log_text()}")
