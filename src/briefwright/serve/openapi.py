"""The OpenAPI 3.1 description of the HTTP API (/openapi.json), written out route by route.

Bodies are YAML or JSON summaries parsed by our own located reader rather than a request model,
so the description is kept here by hand; the summary's schema comes from its pydantic models.
"""

from __future__ import annotations

from typing import Any

from briefwright.version import __version__
from briefwright.writers import WRITERS

SUMMARY_TYPES = ("application/yaml", "application/json")
_ERROR = {"$ref": "#/components/schemas/Error"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR}}}


ERRORS = {
    "400": _error("Bad request: an unknown template or format, text that is not UTF-8."),
    "401": _error("A token is required and was not given, or is wrong."),
    "413": _error("The request is larger than the server's limit (1 MiB by default)."),
    "415": _error("The body is not of a type this route takes."),
    "422": _error("The summary is invalid, or cannot be rendered: every problem, located."),
    "503": _error("Every worker is busy and the queue is full: try again (Retry-After)."),
    "504": _error("The render ran past the server's deadline; its worker was replaced."),
}


def _summary_body() -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Summary"}
    return {
        "required": True,
        "description": "A summary, as YAML or JSON (by Content-Type).",
        "content": {media: {"schema": schema} for media in SUMMARY_TYPES},
    }


def _query(name: str, description: str, schema: dict[str, Any], many: bool = False) -> Any:
    if many:
        schema = {"type": "array", "items": schema}
    return {"name": name, "in": "query", "description": description, "schema": schema}


def _file(media: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"Content-Disposition": {"schema": {"type": "string"}}},
        "content": {media: {"schema": {"type": "string", "format": "binary"}}},
    }


def _post(summary: str, parameters: list[Any], body: Any, ok: Any, codes: str) -> Any:
    responses = {"200": ok, **{code: ERRORS[code] for code in codes.split()}}
    operation = {"summary": summary, "parameters": parameters, "requestBody": body}
    return {"post": {**operation, "responses": responses}}


def _get(summary: str, ok: dict[str, Any]) -> Any:
    return {"get": {"summary": summary, "responses": {"200": ok}}}


def _json(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema or {}}}}


def openapi(summary_schema: dict[str, Any]) -> dict[str, Any]:
    """The whole description, with the summary's JSON Schema as a component."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "briefwright", "version": __version__},
        "paths": _paths(),
        "components": {
            "schemas": {**_hoisted(summary_schema), **_schemas()},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{}, {"bearer": []}],
    }


def _paths() -> dict[str, Any]:
    template = _query(
        "template", "Template name(s); repeat or comma-separate.", {"type": "string"}, True
    )
    fmt = {"type": "string", "enum": list(WRITERS)}
    name = _query("name", "File name for messages and outputs.", {"type": "string"})
    work = "400 401 413 415 422 503 504"
    paths = {
        "/api/render": _post(
            "Render a briefing: one file, or a zip for several templates or formats.",
            [template, _query("format", "Format(s); repeat or comma-separate.", fmt, True), name],
            _summary_body(),
            _file("application/octet-stream", "The file (PDF, DOCX, Markdown, HTML) or a zip."),
            work,
        ),
        "/api/validate": _post(
            "Validate a summary: every problem with its line, column and field.",
            [name],
            _summary_body(),
            _json("The verdict.", {"$ref": "#/components/schemas/Validation"}),
            "400 401 413 415 503 504",
        ),
        "/api/check": _post(
            "Check the quotes of a summary against the article uploaded with it.",
            [],
            _check_body(),
            _json("The check report, as `briefwright check --format json` prints it."),
            work,
        ),
        "/api/mail": _post(
            "An e-mail draft (.eml) of the briefing, with the chosen formats attached.",
            [
                _query("template", "Template name.", {"type": "string"}),
                _query("attach", "Formats to attach, comma-separated.", {"type": "string"}),
                _query("to", "Recipient address(es).", {"type": "string"}, True),
                _query("from", "Sender address.", {"type": "string"}),
                name,
            ],
            _summary_body(),
            _file("message/rfc822", "The message; the server does not send it."),
            work,
        ),
        "/api/templates": _get("The templates this server offers.", _json("Templates.")),
        "/api/schema": _get("The JSON Schema of a summary.", _json("JSON Schema.")),
        "/healthz": _get("Whether a warm worker is ready (503 until one is).", _json("Health.")),
        "/metrics": _get("Prometheus metrics.", {"description": "Prometheus text format."}),
    }
    return paths


def _hoisted(summary_schema: dict[str, Any]) -> dict[str, Any]:
    """The summary's schema and its definitions as components, their references rewritten."""
    import json

    text = json.dumps(summary_schema).replace('"#/$defs/', '"#/components/schemas/')
    schema = json.loads(text)
    schema.pop("$schema", None)
    definitions = schema.pop("$defs", {})
    return {**definitions, "Summary": schema}


def _check_body() -> dict[str, Any]:
    form = {
        "type": "object",
        "required": ["summary", "source"],
        "properties": {
            "summary": {"type": "string", "format": "binary", "description": "YAML or JSON"},
            "source": {"type": "string", "format": "binary", "description": "The article"},
        },
    }
    return {"required": True, "content": {"multipart/form-data": {"schema": form}}}


def _schemas() -> dict[str, Any]:
    nullable_int = {"type": ["integer", "null"]}
    problem = {
        "type": "object",
        "properties": {
            "line": nullable_int,
            "column": nullable_int,
            "field": {"type": ["string", "null"]},
            "message": {"type": "string"},
            "severity": {"type": "string"},
            "text": {"type": "string", "description": "The line the CLI prints."},
        },
    }
    problems = {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}
    return {
        "Problem": problem,
        "Validation": {
            "type": "object",
            "properties": {"ok": {"type": "boolean"}, "problems": problems},
        },
        "Error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "error": {"type": "string"},
                "problems": problems,
            },
        },
    }
