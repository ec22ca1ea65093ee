"""What a request carries, read and checked: the summary by Content-Type, the names and formats.

Everything here runs in the server process and is cheap; parsing the summary itself is left to
a worker, where a large or hostile one cannot hold up other requests.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from starlette.datastructures import UploadFile
from starlette.requests import Request

from briefwright.errors import BriefwrightError
from briefwright.pipeline.memory import SummaryText
from briefwright.pipeline.settings import normalise_formats
from briefwright.serve.errors import ApiError, from_library

MEDIA_TYPES = {
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
    "application/json": "json",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 100


async def summary_from_body(request: Request) -> SummaryText:
    """The request body as summary text, its format told by Content-Type."""
    kind = summary_format(request.headers.get("content-type", ""))
    text = decode(await request.body(), "the request body")
    return SummaryText(text, kind, file_name(request.query_params.get("name"), kind))


async def summary_from_part(part: UploadFile | str | None) -> SummaryText:
    """The `summary` part of a multipart form: a file (YAML or JSON by its type or name) or text."""
    if part is None:
        raise ApiError(400, "the form has no 'summary' part")
    if isinstance(part, str):
        return SummaryText(part, "yaml", "summary.yaml")
    name = part.filename or "summary.yaml"
    by_name = "json" if name.lower().endswith(".json") else "yaml"
    kind = MEDIA_TYPES.get(_media_type(part.content_type or ""), by_name)
    return SummaryText(decode(await part.read(), name), kind, file_name(name, kind))


def summary_format(content_type: str) -> str:
    """'yaml' or 'json' for a summary's Content-Type; 415 for anything else."""
    media = _media_type(content_type)
    if media not in MEDIA_TYPES:
        known = ", ".join(MEDIA_TYPES)
        given = f"Content-Type {media!r}" if media else "no Content-Type"
        raise ApiError(415, f"a summary is sent as YAML or JSON ({known}); got {given}")
    return MEDIA_TYPES[media]


def decode(data: bytes, what: str) -> str:
    """UTF-8 text (a byte order mark is allowed); 400 for anything else."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(400, f"{what} is not UTF-8 text (byte {error.start})") from None


def file_name(given: str | None, kind: str) -> str:
    """A safe summary file name for messages and outputs: the base name, plain characters only,
    with `.kind` added when it has no extension."""
    name = upload_name(given) or "summary"
    return name if "." in name else f"{name}.{kind}"


def upload_name(given: str | None) -> str:
    """The base name of an uploaded file, plain characters only ('' when nothing is left)."""
    base = PurePath((given or "").replace("\\", "/")).name
    return _UNSAFE.sub("-", base).strip(".-")[:MAX_NAME]


def formats(asked: list[str], default: tuple[str, ...]) -> tuple[str, ...]:
    """The formats a request names (repeated or comma-separated); 400 for an unknown one."""
    names = [n.strip() for value in asked for n in value.split(",") if n.strip()]
    if not names:
        return default
    try:
        return normalise_formats(names)
    except BriefwrightError as error:
        raise from_library(error) from None


def listed(request: Request, key: str) -> list[str]:
    """Every value of a query parameter, comma-separated ones split."""
    return [v.strip() for value in request.query_params.getlist(key) for v in value.split(",")]


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()
