"""Render a summary through a template into Markdown, and describe the document it becomes.

The template runs in the sandbox of templating/sandbox.py with the context of
templating/context.py. Every failure becomes a TemplateError naming the template file and line.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from jinja2 import Template, TemplateNotFound, TemplateSyntaxError
from jinja2.utils import missing

from briefwright.errors import BriefwrightError, Issue, Location, TemplateError
from briefwright.templating.bytecode import bytecode_cache
from briefwright.templating.context import build_context
from briefwright.templating.filters import FILTERS, MAX_OUTPUT
from briefwright.templating.sandbox import (
    BriefingEnvironment,
    ChainLoader,
    UndefinedName,
)

if TYPE_CHECKING:
    from briefwright.summary.model import Summary
    from briefwright.summary.validate import LoadedSummary
    from briefwright.templating.discovery import ResolvedTemplate

ENTRY = "briefing.md.j2"


def render_markdown(
    template: ResolvedTemplate, summary: Summary | LoadedSummary, *, verified: bool = False
) -> str:
    """The Markdown `template` (a ResolvedTemplate) makes of `summary`.

    A LoadedSummary lets errors in its markings name the file and line.
    """
    environment = _environment(template.chain, template.names)
    environment.start_render()
    context = build_context(template, summary, verified=verified)
    try:
        entry = environment.chain_loader.qualify(ENTRY, None)
    except TemplateNotFound:
        where = ", ".join(str(d) for d in template.chain)
        message = f"template {template.name!r} has no {ENTRY} (looked in {where})"
        issue = Issue(message, Location(str(template.chain[0])))  # the template, not the summary
        raise TemplateError(str(issue), [issue]) from None
    try:
        return _generate(environment.get_template(entry), context, template)
    except BriefwrightError:
        raise
    except TemplateNotFound as exc:
        raise _located(exc, f"template file not found: {exc.name}", template) from None
    except UndefinedName as exc:
        raise _located(exc, _undefined_message(exc, environment, context), template) from None
    except TemplateSyntaxError as exc:
        message = f"template syntax error: {exc.message}{_filter_hint(exc.message)}"
        issue = Issue(message, Location(_shown(exc.filename), exc.lineno))
        raise TemplateError(str(issue), [issue]) from None
    except Exception as exc:  # anything a template can provoke is the template's error
        raise _located(exc, _describe(exc), template) from None


@functools.lru_cache(maxsize=32)
def _environment(chain: tuple[Path, ...], names: tuple[str, ...]) -> BriefingEnvironment:
    """One environment per template chain, so a batch compiles each template file once.

    Jinja re-reads a file whose modification time changed, so edits are still seen.
    """
    return BriefingEnvironment(ChainLoader(chain, names), FILTERS, bytecode_cache())


def _generate(compiled: Template, context: dict[str, object], template: ResolvedTemplate) -> str:
    """Render piece by piece, stopping a runaway template at the output size limit."""
    parts, size = [], 0
    for chunk in compiled.generate(context):
        size += len(chunk)
        if size > MAX_OUTPUT:
            message = (
                f"template {template.name!r} produced more than {MAX_OUTPUT:,} characters;"
                " stopped (a loop that never ends?)"
            )
            issue = Issue(message, Location(_shown(compiled.filename)))
            raise TemplateError(str(issue), [issue])
        parts.append(chunk)
    return "".join(parts)


# --- errors -------------------------------------------------------------------------------


def _located(exc: BaseException, message: str, template: ResolvedTemplate) -> TemplateError:
    """A TemplateError at the innermost template line the traceback passes through."""
    roots = [Path(os.path.realpath(d)) for d in template.chain]
    where = Location()
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        real = Path(os.path.realpath(filename))
        if any(real.is_relative_to(root) for root in roots):
            where = Location(_shown(filename), tb.tb_lineno)
        tb = tb.tb_next
    issue = Issue(message, where)
    return TemplateError(str(issue), [issue])


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "the template calls itself without end (recursion too deep)"
    name = type(exc).__name__
    text = str(exc) or name
    return text if name in ("SecurityError", "TemplateRuntimeError") else f"{name}: {text}"


def _undefined_message(
    exc: UndefinedName, environment: BriefingEnvironment, context: dict[str, object]
) -> str:
    if exc.obj is missing:
        known = [*context, *environment.globals]
        return f"{exc.name!r} is undefined{did_you_mean(exc.name, known)}"
    if isinstance(exc.obj, dict) and isinstance(exc.name, str):
        fields = ", ".join(exc.obj)
        return f"no field {exc.name!r} here{did_you_mean(exc.name, exc.obj)} (fields: {fields})"
    return str(exc)


def _filter_hint(message: str | None) -> str:
    unknown = re.match(r"No filter named '([^']+)'", message or "")
    return did_you_mean(unknown.group(1), FILTERS) if unknown else ""


def did_you_mean(name: str | None, known: Iterable[object]) -> str:
    """ " (did you mean 'x'?)" for the closest of `known` to `name`, or ""."""
    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _shown(filename: str | None) -> str | None:
    """A template path as the user would type it: relative to the working directory if inside."""
    if not filename:
        return filename
    try:
        return str(Path(filename).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return filename
