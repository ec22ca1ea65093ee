"""The pages for people: the briefing page at `/`, its static files, and the API docs page.

The docs page is built here from the OpenAPI description, as plain HTML under the same strict
policy as everything else: no script, no style from elsewhere.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"


async def index(request: Request) -> Response:
    """GET /: the page."""
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


async def openapi_json(request: Request) -> Response:
    """GET /openapi.json."""
    return JSONResponse(request.app.state.openapi)


async def docs(request: Request) -> Response:
    """GET /docs: every route with its parameters and answers."""
    return HTMLResponse(docs_page(request.app.state.openapi))


def docs_page(spec: dict[str, Any]) -> str:
    """The OpenAPI description as a page: one section per route."""
    sections = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            sections.append(_operation(path, method, operation))
    title = escape(f"{spec['info']['title']} {spec['info']['version']} HTTP API")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{title}</title>",
            '<link rel="icon" href="data:,">',
            '<link rel="stylesheet" href="/static/app.css">',
            '</head><body class="docs"><main>',
            f"<h1>{title}</h1>",
            '<p>The full description: <a href="/openapi.json">/openapi.json</a>. '
            'The page for people: <a href="/">/</a>. Errors are JSON: '
            "<code>{status, error, problems: [{line, column, field, message, text}]}</code>.</p>",
            *sections,
            "</main></body></html>",
        ]
    )


def _operation(path: str, method: str, operation: dict[str, Any]) -> str:
    rows = [
        f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p['description'])}</td></tr>"
        for p in operation.get("parameters", [])
    ]
    body = operation.get("requestBody", {}).get("content", {})
    answers = [
        f"<tr><td>{escape(code)}</td><td>{escape(answer['description'])}</td></tr>"
        for code, answer in operation["responses"].items()
    ]
    parts = [
        f"<section><h2><code>{escape(method.upper())} {escape(path)}</code></h2>",
        f"<p>{escape(operation['summary'])}</p>",
    ]
    if body:
        parts.append(f"<p>Body: {escape(', '.join(body))}</p>")
    if rows:
        parts.append("<table><tr><th>parameter</th><th></th></tr>" + "".join(rows) + "</table>")
    parts.append("<table><tr><th>status</th><th></th></tr>" + "".join(answers) + "</table>")
    parts.append("</section>")
    return "\n".join(parts)


ROUTES = [
    Route("/", index, methods=["GET"]),
    Route("/docs", docs, methods=["GET"]),
    Route("/openapi.json", openapi_json, methods=["GET"]),
    Mount("/static", StaticFiles(directory=STATIC), name="static"),
]
