"""The server's settings, their safe defaults, and the rules they must follow before it starts."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from briefwright.errors import UsageError
from briefwright.hosts import is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024
DEFAULT_DEADLINE = 30.0  # seconds one render may take before its worker is replaced
DEFAULT_QUEUE = 32  # requests that may wait for a worker before the server answers 503
TOKEN_ENV = "BRIEFWRIGHT_TOKEN"
MIN_TOKEN_CHARS = 16


@dataclass(frozen=True)
class ServeConfig:
    """How the server runs: where it listens, its workers, templates and limits."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = 1
    templates: tuple[Path, ...] = ()  # template directories, before the built-ins
    token: str | None = None
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    deadline: float = DEFAULT_DEADLINE
    queue_limit: int = DEFAULT_QUEUE
    log_bodies: bool = False

    def checked(self) -> ServeConfig:
        """The settings, or a UsageError saying which rule they break."""
        if self.workers < 1 or self.queue_limit < 0:
            raise UsageError("--workers must be at least 1 and --queue at least 0")
        if self.max_request_bytes < 1024 or self.deadline <= 0:
            raise UsageError("--max-request-bytes must be at least 1024 and --deadline positive")
        if not is_loopback(self.host) and not self.token:
            raise UsageError(
                f"listening on {self.host} lets other machines in: set a token with --token or "
                f"{TOKEN_ENV} (clients send it as 'Authorization: Bearer TOKEN')"
            )
        if self.token is not None and len(self.token) < MIN_TOKEN_CHARS:
            raise UsageError(f"the token must be at least {MIN_TOKEN_CHARS} characters long")
        for directory in self.templates:
            if not directory.is_dir():
                raise UsageError(f"--templates {directory}: not a directory")
        return self

    @property
    def template_path(self) -> tuple[Path, ...]:
        """The template directories as absolute paths, as the workers look templates up."""
        return tuple(directory.resolve() for directory in self.templates)


def from_environment() -> ServeConfig:
    """Settings from BRIEFWRIGHT_* variables, for running under another ASGI server.

    Such a server may listen anywhere, so a token is required.
    """
    env = os.environ
    templates = tuple(Path(p) for p in env.get("BRIEFWRIGHT_TEMPLATES", "").split(os.pathsep) if p)
    config = ServeConfig(
        host="0.0.0.0",  # unknown here: treated as reachable from elsewhere
        workers=int(env.get("BRIEFWRIGHT_WORKERS", "1")),
        templates=templates,
        token=env.get(TOKEN_ENV) or None,
        max_request_bytes=int(env.get("BRIEFWRIGHT_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES)),
        deadline=float(env.get("BRIEFWRIGHT_DEADLINE", DEFAULT_DEADLINE)),
        queue_limit=int(env.get("BRIEFWRIGHT_QUEUE", DEFAULT_QUEUE)),
        log_bodies=env.get("BRIEFWRIGHT_LOG_BODIES", "") == "1",
    )
    return config.checked()
