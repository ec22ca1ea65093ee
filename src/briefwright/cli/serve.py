"""`briefwright serve`: the HTTP API and the page for people, with warm worker processes."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from briefwright.errors import UsageError

_EXTRA_HINT = "briefwright serve needs the serve extra: pip install 'briefwright[serve]'"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Render worker processes.",
)
@click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="A directory of templates to offer besides the built-ins; repeatable.",
)
@click.option(
    "--token",
    envvar="BRIEFWRIGHT_TOKEN",
    metavar="TOKEN",
    help="Require 'Authorization: Bearer TOKEN' on the API (needed off loopback). "
    "[$BRIEFWRIGHT_TOKEN]",
)
@click.option(
    "--max-request-bytes",
    type=click.IntRange(min=1024),
    default=1024 * 1024,
    show_default=True,
    help="Largest request body accepted.",
)
@click.option(
    "--deadline",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds a render may take before its worker is replaced.",
)
@click.option(
    "--queue",
    "queue_limit",
    type=click.IntRange(min=0),
    default=32,
    show_default=True,
    help="Requests that may wait for a worker before the server answers 503.",
)
@click.option("--log-bodies", is_flag=True, help="Log the summaries received (off: never).")
def serve(
    host: str,
    port: int,
    workers: int,
    template_dirs: tuple[Path, ...],
    token: str | None,
    max_request_bytes: int,
    deadline: float,
    queue_limit: int,
    log_bodies: bool,
) -> None:
    """Serve the HTTP API and the briefing page, rendering in warm worker processes.

    Listens on 127.0.0.1 unless told otherwise; any other address needs a token.

    Example: briefwright serve --workers 2 --templates ./templates
    """
    try:
        import uvicorn

        from briefwright.serve.app import create_app
        from briefwright.serve.config import ServeConfig
    except ImportError:
        raise UsageError(_EXTRA_HINT) from None

    config = ServeConfig(
        host=host,
        port=port,
        workers=workers,
        templates=template_dirs,
        token=token or None,
        max_request_bytes=max_request_bytes,
        deadline=deadline,
        queue_limit=queue_limit,
        log_bodies=log_bodies,
    )
    app = create_app(config)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(name)s: %(message)s")
    click.echo(f"briefwright: serving on http://{host}:{port}/ with {workers} worker(s)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
