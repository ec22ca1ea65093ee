"""The HTTP API: each route reads its request, hands the work to a worker, and answers.

Routes that do work go through Service.run (workers, deadlines, the queue cap, metrics);
the others answer from what the server already holds.
"""

from __future__ import annotations

import logging

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from briefwright.mail import DEFAULT_ATTACH
from briefwright.mail.message import MIME_TYPES
from briefwright.pipeline.memory import SummaryText
from briefwright.pipeline.settings import DEFAULT_FORMATS
from briefwright.serve import inputs, tasks
from briefwright.serve.errors import ApiError, problem
from briefwright.serve.metrics import CONTENT_TYPE
from briefwright.serve.service import Service
from briefwright.writers import WRITERS

log = logging.getLogger("briefwright.serve")
MEDIA_TYPES = {**MIME_TYPES, ".zip": "application/zip", ".eml": "message/rfc822"}


def service(request: Request) -> Service:
    """The Service of the application this request came to."""
    found: Service = request.app.state.service
    return found


async def render(request: Request) -> Response:
    """POST /api/render: the briefing as one file, or a zip of several."""
    svc = service(request)
    summary = await inputs.summary_from_body(request)
    templates = svc.template_names(inputs.listed(request, "template"))
    formats = inputs.formats(inputs.listed(request, "format"), DEFAULT_FORMATS)
    _log_body(svc, "render", summary)
    reply = await svc.run("render", tasks.render, summary, templates, svc.settings(formats))
    svc.metrics.renders.inc(len(templates))
    return file_response(reply)


async def validate(request: Request) -> Response:
    """POST /api/validate: every problem of the summary, located by line, column and field."""
    svc = service(request)
    summary = await inputs.summary_from_body(request)
    _log_body(svc, "validate", summary)
    issues = await svc.run("validate", tasks.validate, summary)
    return JSONResponse({"ok": not issues, "problems": [problem(issue) for issue in issues]})


async def check(request: Request) -> Response:
    """POST /api/check: the summary's quotes against the article uploaded with it."""
    svc = service(request)
    media = request.headers.get("content-type", "")
    if not media.lower().startswith("multipart/form-data"):
        raise ApiError(415, "send the summary and its source as multipart/form-data")
    limit = svc.config.max_request_bytes
    async with request.form(max_files=2, max_fields=4, max_part_size=limit) as form:
        summary = await inputs.summary_from_part(form.get("summary"))
        source = form.get("source")
        if not isinstance(source, UploadFile):
            raise ApiError(400, "the form has no 'source' file: the article to check against")
        article = await source.read()
        source_name = inputs.upload_name(source.filename) or "article"
    _log_body(svc, "check", summary)
    report = await svc.run("check", tasks.check, summary, source_name, article)
    return JSONResponse(report)


async def mail(request: Request) -> Response:
    """POST /api/mail: the e-mail draft (.eml) of the briefing; the server sends nothing."""
    svc = service(request)
    summary = await inputs.summary_from_body(request)
    template = svc.template_names(inputs.listed(request, "template")[:1])[0]
    given = request.query_params.get("attach")
    attach = inputs.formats([given], ()) if given else DEFAULT_ATTACH
    recipients = tuple(a for a in inputs.listed(request, "to") if a)
    sender = request.query_params.get("from") or None
    _log_body(svc, "mail", summary)
    settings = svc.settings(attach)
    reply = await svc.run(
        "mail", tasks.mail, summary, template, attach, recipients, sender, settings
    )
    svc.metrics.renders.inc()
    return file_response(reply)


async def templates(request: Request) -> Response:
    """GET /api/templates: the templates this server renders with."""
    listing = [vars(info) for info in service(request).templates.values()]
    return JSONResponse({"templates": listing, "formats": list(WRITERS)})


async def schema(request: Request) -> Response:
    """GET /api/schema: the JSON Schema of a summary."""
    from briefwright.summary import summary_json_schema

    return JSONResponse(summary_json_schema())


async def healthz(request: Request) -> Response:
    """GET /healthz: 200 once a worker is warm, 503 before."""
    pool = service(request).pool
    ready = pool.ready() if pool else 0
    body = {
        "status": "ok" if ready else "starting",
        "workers": pool.size if pool else 0,
        "ready": ready,
        "busy": pool.busy() if pool else 0,
        "queued": pool.queued() if pool else 0,
    }
    return JSONResponse(body, status_code=200 if ready else 503)


async def metrics(request: Request) -> Response:
    """GET /metrics: Prometheus text."""
    svc = service(request)
    return Response(svc.metrics.exposition(svc.pool), media_type=CONTENT_TYPE)


def file_response(reply: tasks.FileReply) -> Response:
    """The file with its media type and name; warnings in headers, escaped to ASCII."""
    suffix = "." + reply.name.rsplit(".", 1)[-1]
    headers = {"Content-Disposition": f'attachment; filename="{reply.name}"'}
    if reply.warnings:
        headers["Briefwright-Warnings"] = str(len(reply.warnings))
    return Response(reply.data, media_type=MEDIA_TYPES[suffix], headers=headers)


def _log_body(svc: Service, route: str, summary: SummaryText) -> None:
    # Summaries may be confidential: their text is logged only when the operator asks.
    if svc.config.log_bodies:
        log.info("%s body (%s, %s):\n%s", route, summary.name, summary.format, summary.text)


ROUTES = [
    Route("/api/render", render, methods=["POST"]),
    Route("/api/validate", validate, methods=["POST"]),
    Route("/api/check", check, methods=["POST"]),
    Route("/api/mail", mail, methods=["POST"]),
    Route("/api/templates", templates, methods=["GET"]),
    Route("/api/schema", schema, methods=["GET"]),
    Route("/healthz", healthz, methods=["GET"]),
    Route("/metrics", metrics, methods=["GET"]),
]
