"""The ASGI application: routes, error answers, the guard in front, the workers behind.

`create_app(config)` is what `briefwright serve` runs; `from_environment()` builds the same
application from BRIEFWRIGHT_* variables for another ASGI server (uvicorn --factory, gunicorn).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from briefwright.serve import config as serve_config
from briefwright.serve import pages, routes
from briefwright.serve.config import ServeConfig
from briefwright.serve.errors import ApiError
from briefwright.serve.limits import Guard, RequestTooLarge
from briefwright.serve.openapi import openapi
from briefwright.serve.policy import page_policy, preview_style_hashes
from briefwright.serve.service import Service


def create_app(config: ServeConfig) -> Guard:
    """The application for `config` (checked first); its workers start with it."""
    from briefwright.summary import summary_json_schema

    service = Service(config.checked())

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service.start()
        try:
            yield
        finally:
            service.stop()

    app = Starlette(
        routes=[*routes.ROUTES, *pages.ROUTES],
        exception_handlers={
            ApiError: _api_error,
            RequestTooLarge: _too_large,
            HTTPException: _http_error,
        },
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.openapi = openapi(summary_json_schema())
    hashes = preview_style_hashes(service.templates, config.template_path)
    return Guard(
        app,
        token=config.token,
        max_bytes=config.max_request_bytes,
        page_policy=page_policy(hashes),
    )


def from_environment() -> Guard:
    """The application configured by BRIEFWRIGHT_* variables (a token is required)."""
    return create_app(serve_config.from_environment())


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _too_large(request: Request, exc: Exception) -> Response:
    return ApiError(413, str(exc), headers={"Connection": "close"}).response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    body = {"status": exc.status_code, "error": exc.detail, "problems": []}
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)
