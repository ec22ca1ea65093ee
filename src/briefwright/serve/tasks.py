"""The work a request hands to a worker process: plain data in, plain data out.

Every function here runs in a warm worker (workers.py) and calls the library as the CLI does:
renders go through pipeline.memory.render_text, checks through fidelity, mail through
mail.compose. Nothing here reads a file a request names: a summary's `source.text` may only
name the article uploaded with it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any

from briefwright.errors import InvalidSummary, Issue, UsageError
from briefwright.pipeline import memory
from briefwright.pipeline.memory import SummaryText, parse, render_text
from briefwright.pipeline.settings import RenderSettings

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same request gives the same zip

__all__ = [
    "FileReply",
    "check",
    "mail",
    "render",
    "validate",
    "warm_up",
]


def warm_up(templates: tuple[str, ...], settings: RenderSettings) -> None:
    """Ready a new worker: render with every template once, then set what that left aside.

    What the warm-up loaded (modules, fonts, compiled templates) lives as long as the worker:
    frozen, the garbage collector no longer walks it after every few requests.
    """
    import gc

    memory.warm_up(templates, settings)
    gc.collect()
    gc.freeze()


@dataclass(frozen=True)
class FileReply:
    """A file to send back: its name and bytes, with the warnings the render gave."""

    name: str
    data: bytes
    warnings: tuple[str, ...] = ()


def render(summary: SummaryText, templates: tuple[str, ...], settings: RenderSettings) -> FileReply:
    """One file, or a zip of every file when several templates or formats were asked for."""
    outcome = render_text(summary, templates, settings)
    if outcome.error is not None:
        raise outcome.error
    if len(outcome.files) == 1:
        name, data = outcome.files[0]
        return FileReply(name, data, outcome.warnings)
    return FileReply(f"{summary.stem}.zip", _zip(outcome.files), outcome.warnings)


def validate(summary: SummaryText) -> list[Issue]:
    """Every issue of the summary text; an empty list when it is valid."""
    try:
        parse(summary)
    except InvalidSummary as error:
        return list(error.issues) or [Issue(str(error))]
    return []


def check(summary: SummaryText, source_name: str, source: bytes) -> dict[str, Any]:
    """Check the summary's quotes against the uploaded article; the report as JSON data.

    Each `source.text` the summary sets must name the upload (by file name): the server's own
    files are never read for a request.
    """
    import json

    from briefwright.fidelity import SourceText, check_against, render_json
    from briefwright.fidelity.readers import READERS, detect
    from briefwright.fidelity.readers.plain import NotReadable

    # Named as the request named it, so findings are located as the CLI locates them; only
    # the upload is ever read, so the path is never opened.
    loaded = replace(parse(summary), path=Path(summary.name))
    upload = PurePath(source_name).name
    stray = [
        Issue(
            f"names {listed.text!r}, but the article uploaded is {upload!r}",
            loaded.locate((*field, "text")),
        )
        for listed, field in _sources(loaded)
        if listed.text and PurePath(listed.text).name != upload
    ]
    if stray:
        raise InvalidSummary("source.text does not name the uploaded article", stray)
    try:
        article = READERS[detect(source, upload)](source)
    except NotReadable as error:
        raise UsageError(f"{upload}: {error}") from None
    report = check_against(loaded, SourceText(article.text, upload, article.places))
    data: dict[str, Any] = json.loads(render_json([report]))
    return data


def mail(
    summary: SummaryText,
    template: str,
    attach: tuple[str, ...],
    recipients: tuple[str, ...],
    sender: str | None,
    settings: RenderSettings,
) -> FileReply:
    """The e-mail draft (.eml) of a briefing, as `briefwright mail` builds it; nothing is sent."""
    from briefwright.mail.compose import MailRequest, compose_message

    warnings: list[str] = []
    request = MailRequest(
        summary=parse(summary),
        template=template,
        attach=attach,
        settings=settings,
        recipients=recipients,
        sender=sender,
    )
    message, rendered = compose_message(request, warn=warnings.append)
    name = f"{summary.stem}.{rendered.template}.eml"
    return FileReply(name, message.as_bytes(), tuple(warnings))


def _sources(loaded: Any) -> list[tuple[Any, tuple[str | int, ...]]]:
    summary = loaded.summary
    if summary.sources:
        return [(listed, ("sources", i)) for i, listed in enumerate(summary.sources)]
    return [(summary.source, ("source",))]


def _zip(files: tuple[tuple[str, bytes], ...]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
