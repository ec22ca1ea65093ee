"""The Jinja environment templates run in: immutable sandbox, chain-only loader, escaping.

Every printed value passes through `finalize`, which Markdown-escapes it unless it is `Raw` (the
`|raw` filter, or the output of a macro, `caller()`, `super()` or `self.block()`, which is Markdown
the template itself wrote); translated texts (`_()`, `{% trans %}`) are printed values too, and
dates print in the summary's language. Template files are served only from the template chain's
directories; operations that could eat memory or time are refused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import (
    BaseLoader,
    Environment,
    StrictUndefined,
    TemplateNotFound,
    Undefined,
    pass_context,
)
from jinja2.bccache import BytecodeCache
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.runtime import BlockReference, Context, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment

from briefwright.escaping import escape_markdown
from briefwright.templating.filters import (
    Raw,
    check_size,
    display_text,
    replaced_size,
)
from briefwright.templating.translate import gettext, language_of, ngettext

MAX_ITEMS = 100_000  # total items all `range()` calls of one render may produce
_MAX_ARGUMENT = 10_000  # widths, counts and exponents a string or number operation may take
_BIG_NUMBER = re.compile(r"\d{6,}")


class UndefinedName(UndefinedError):
    """A name or field the template used does not exist; carries what was looked up and where."""

    def __init__(self, message: str, name: str | None, obj: object):
        super().__init__(message)
        self.name = name
        self.obj = obj


class _Undefined(StrictUndefined):
    """Fails on any use, and keeps what was asked for so the error can suggest a real name."""

    def _fail_with_undefined_error(self, *args: object, **kwargs: object) -> NoReturn:
        if self._undefined_exception is UndefinedError and not self._undefined_hint:
            raise UndefinedName(self._undefined_message, self._undefined_name, self._undefined_obj)
        raise self._undefined_exception(self._undefined_message)


# Jinja binds its operators (__str__, __iter__, __add__, ...) to the base class's failure
# function when the class is made, so they must be pointed at the override by hand.
for _name, _value in [*vars(Undefined).items(), *vars(StrictUndefined).items()]:
    if _value is Undefined._fail_with_undefined_error:
        setattr(_Undefined, _name, _Undefined._fail_with_undefined_error)


class ChainLoader(BaseLoader):
    """Serve template files from the chain's directories only.

    Names are relative paths. "analyst/briefing.md.j2" means that file of the chain member
    named "analyst" (or of its nearest ancestor, if it has none); a plain name is looked up
    child first, except that a file asking for its own name gets the next one down the chain,
    so `{% extends "briefing.md.j2" %}` reaches the parent's version.
    Internally a file is named "@<level>/<path>".
    """

    def __init__(self, chain: tuple[Path, ...], names: tuple[str, ...]):
        self.chain = chain
        self.names = names
        self.roots = [Path(os.path.realpath(d)) for d in chain]

    def qualify(self, name: str, parent: str | None) -> str:
        """The internal name of `name` as requested from the file `parent` (or from outside)."""
        parts = _checked_parts(name)
        level, asked_from = -1, None
        if parent and parent.startswith("@"):
            at_level, asked_from = parent[1:].split("/", 1)
            level = int(at_level)
        first = 0
        if len(parts) > 1 and parts[0] in self.names:
            own = level >= 0 and self.names[level] == parts[0]  # extending its namesake
            named = [i for i, n in enumerate(self.names) if n == parts[0]]
            named = [i for i in named if i > level or not own]
            if named:  # that template's file, or the one it inherits if it has none
                first, parts = named[0], parts[1:]
        rest = "/".join(parts)
        if rest == asked_from:  # a file naming itself means the next one down the chain
            first = max(first, level + 1)
        for i in range(first, len(self.chain)):
            if (self.chain[i] / rest).is_file():
                return f"@{i}/{rest}"
        raise TemplateNotFound(name)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if not template.startswith("@"):
            template = self.qualify(template, None)
        level, rest = template[1:].split("/", 1)
        path = self.chain[int(level)] / rest
        real = Path(os.path.realpath(path))
        if not any(real.is_relative_to(root) for root in self.roots):
            raise SecurityError(f"refused {rest!r}: it leads outside the template directories")
        try:
            source = real.read_text(encoding="utf-8")
            mtime = real.stat().st_mtime_ns
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateNotFound(f"{rest} ({exc})") from None
        return source, str(path), lambda: _mtime(real) == mtime


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _checked_parts(name: str) -> list[str]:
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\\" in name:
        raise SecurityError(f"refused {name!r}: template names are relative paths with '/'")
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise SecurityError(f"refused {name!r}: '..', '.' and empty parts are not allowed")
    return parts


class BriefingEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with size guards and Raw output for template-made Markdown."""

    intercepted_binops = frozenset({"*", "**", "%"})
    install_gettext_callables: Callable[..., None]  # added by Jinja's i18n extension

    def __init__(
        self,
        loader: ChainLoader,
        filters: dict[str, Callable[..., object]],
        bytecode_cache: BytecodeCache | None = None,
    ):
        super().__init__(
            loader=loader,
            bytecode_cache=bytecode_cache,
            undefined=_Undefined,
            finalize=finalize,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
        )
        self.chain_loader = loader  # self.loader, typed as any loader, is this one
        self.filters = filters
        self.globals = {
            "range": self._range,
            "dict": dict,
            "cycler": self.globals["cycler"],
            "joiner": self.globals["joiner"],
            "namespace": self.globals["namespace"],
            "_": self.globals["_"],
        }
        # new style: `_("%(n)s items", n=3)` formats, and a `%` in a text is written `%%`
        self.install_gettext_callables(gettext, ngettext, newstyle=True)
        self.items_left = MAX_ITEMS

    def start_render(self) -> None:
        """Reset the per-render budgets; the environment itself is reused across renders."""
        self.items_left = MAX_ITEMS

    def join_path(self, template: str, parent: str) -> str:
        return self.chain_loader.qualify(template, parent)

    # Jinja's own signature: the template may call anything with any arguments.
    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _guard_call(__obj, args)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(__obj, Macro | BlockReference):
            return Raw(result)
        return result

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _guard_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def _range(self, *args: int) -> range:
        items = range(*args)
        self.items_left -= len(items)
        if self.items_left < 0:
            raise SecurityError(f"range() budget of {MAX_ITEMS} items per render exhausted")
        return items


@pass_context
def finalize(context: Context, value: object) -> str:
    """How a printed value appears in the Markdown: escaped text, or Raw as it is."""
    if type(value) is Raw:
        return value
    return escape_markdown(display_text(value, language_of(context)))


def _guard_call(obj: object, args: tuple[object, ...]) -> None:
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str | bytes | int):
        return
    name = getattr(obj, "__name__", "")  # a method of a str, bytes or int always has one
    if any(isinstance(a, int) and abs(a) > _MAX_ARGUMENT for a in args):
        raise SecurityError(f"refused: {name}() with an argument over {_MAX_ARGUMENT}")
    if name in ("format", "format_map") and _BIG_NUMBER.search(str(owner)):
        raise SecurityError("refused: a format string with a width or precision that large")
    if name == "replace" and len(args) >= 2 and isinstance(owner, str):
        check_size(replaced_size(owner, str(args[0]), str(args[1])))
    joined = args[0] if name == "join" and args else None
    if isinstance(owner, str | bytes) and isinstance(joined, list | tuple):
        check_size(len(owner) * len(joined) + sum(len(str(a)) for a in joined))


def _guard_binop(operator: str, left: object, right: object) -> None:
    if operator == "%" and isinstance(left, str) and _BIG_NUMBER.search(left):
        raise SecurityError("refused: a format string with a width or precision that large")
    if operator == "*":
        sized, count = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(sized, str | list | tuple) and isinstance(count, int):
            check_size(len(sized) * count)
    if operator == "**" and isinstance(right, int | float) and abs(right) > _MAX_ARGUMENT:
        raise SecurityError(f"refused: an exponent over {_MAX_ARGUMENT}")
