"""The Jinja environment templates run in: immutable sandbox, chain-only loader, escaping.

Every printed value passes through `finalize`, which Markdown-escapes it unless it is `Raw` (the
`|raw` filter, or the output of a macro, `caller()`, `super()` or `self.block()`, which is Markdown
the template itself wrote); translated texts (`_()`, `{% trans %}`) are printed values too, and
dates print in the summary's language. Template files are served only from the template chain's
directories; operations that could eat memory or time are refused.
"""

from __future__ import annotations

import copy
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
    nodes,
    pass_context,
)
from jinja2.bccache import BytecodeCache
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.runtime import BlockReference, Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

from briefwright.escaping import escape_markdown
from briefwright.safe_files import FileRefused, read_bounded
from briefwright.templating import budget
from briefwright.templating.filters import Raw, display_text
from briefwright.templating.guards import (
    Counted,
    bounded_format,
    guard_binop,
    guard_call,
    joined,
)
from briefwright.templating.translate import gettext, language_of, ngettext

MAX_TEMPLATE_BYTES = 1_000_000
"""Largest template file read (a briefing template is a few kilobytes)."""


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
            # there, whatever it is: a FIFO or a device is refused when read, not passed over
            if os.path.lexists(self.chain[i] / rest):
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
            source = read_bounded(real, MAX_TEMPLATE_BYTES).decode("utf-8")
            mtime = real.stat().st_mtime_ns
        except FileRefused as exc:  # a FIFO, a device, a huge file: never waited on nor read
            raise TemplateNotFound(f"{rest} ({exc.reason})") from None
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


class _Namespace(Namespace):
    """Jinja's namespace, printed as a name rather than as everything stored in it."""

    def __repr__(self) -> str:
        return "<namespace>"


class _BudgetedCode(CodeGenerator):
    """Jinja's code generator, with `~` and every loop going through the environment.

    The sandbox can intercept operators and calls but not these two: `a ~ b` is compiled to a
    plain join and a loop to a plain `for`, so neither could be measured or stopped.
    """

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - Jinja's
        self.write("environment.joined((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")

    def visit_For(self, node: nodes.For, frame: Frame) -> None:  # noqa: N802 - Jinja's
        counted = copy.copy(node)
        counter = nodes.EnvironmentAttribute("counted", lineno=node.iter.lineno)
        counted.iter = nodes.Call(counter, [node.iter], [], None, None, lineno=node.iter.lineno)
        super().visit_For(counted, frame)


class BriefingEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a budget for each render, and Raw output for template-made
    Markdown. Every string, list and number an operation builds is measured (templating/
    guards.py); every loop turn and guarded call checks the render's clock."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _BudgetedCode
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
            "range": _range,
            "dict": dict,
            "cycler": self.globals["cycler"],
            "joiner": self.globals["joiner"],
            "namespace": _Namespace,
            "_": self.globals["_"],
        }
        # new style: `_("%(n)s items", n=3)` formats, and a `%` in a text is written `%%`
        self.install_gettext_callables(gettext, ngettext, newstyle=True)

    def start_render(self, seconds: float | None = None) -> None:
        """Start the budget of the render about to run here (the environment is shared)."""
        budget.start(seconds)

    def join_path(self, template: str, parent: str) -> str:
        return self.chain_loader.qualify(template, parent)

    # Jinja's own signature: the template may call anything with any arguments.
    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget.current().check_time()
        guard_call(__obj, args)
        if isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (Counted(args[0]), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        budget.charge_result(result)
        if isinstance(__obj, Macro | BlockReference):
            return Raw(result)
        return result

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget.current().check_time()
        guard_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def getitem(self, obj: Any, argument: Any) -> Any:
        budget.current().check_time()
        result = super().getitem(obj, argument)
        if isinstance(argument, slice):  # a slice is a new string or list
            budget.charge_result(result)
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        budget.current().check_time()
        return super().getattr(obj, attribute)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format and format_map through a formatter that measures each field first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None or type(value.__self__) is not str:
            return wrapped
        return bounded_format(self, value.__self__, value.__name__)

    @staticmethod
    def joined(parts: tuple[object, ...]) -> str:
        """`a ~ b`, as compiled by _BudgetedCode."""
        return joined(parts)

    @staticmethod
    def counted(items: Any) -> Counted:
        """The iterable of a `{% for %}`, each turn charged to the render's budget."""
        return Counted(items)


def _range(*args: int) -> range:
    items = range(*args)
    budget.current().charge_range(len(items))
    return items


@pass_context
def finalize(context: Context, value: object) -> str:
    """How a printed value appears in the Markdown: escaped text, or Raw as it is."""
    if type(value) is Raw:
        return value
    text = display_text(value, language_of(context))
    budget.charge_result(text)
    return escape_markdown(text)
