"""The filters templates may use: Jinja's harmless built-ins plus dates, joins, plurals, ICD 203.

Everything here returns plain text, which the environment escapes when it is printed, except
`raw`, whose Raw marker tells the environment to print the text as Markdown. Dates, the word
before a list's last item and likelihood phrases follow the summary's `language`.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, pass_context, pass_environment, pass_eval_context
from jinja2.defaults import DEFAULT_FILTERS
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context

from briefwright.i18n import HOUSE_LANGUAGE
from briefwright.i18n.texts import conjunction, likelihood_label, percent_range
from briefwright.summary.dates import format_date
from briefwright.summary.fields import LIKELIHOOD_RANGES
from briefwright.templating import budget
from briefwright.templating.guards import MAX_ARGUMENT, check_text, replaced_size
from briefwright.templating.translate import language_of

MAX_OUTPUT = budget.MAX_STRING  # characters: the most a render, or any one string in it, may hold
MAX_DATE_FORMAT = 200  # characters of a |date format: "%A %-d %B %Y" is twelve

# Built-ins that produce markup of their own (HTML escaping, JSON, links), output sized by an
# argument (center, indent, wordwrap, slice), randomness, or a second way to mark text raw.
_LEFT_OUT = {
    "center", "e", "escape", "filesizeformat", "forceescape", "format", "indent", "pprint",
    "random", "safe", "slice", "striptags", "tojson", "urlencode", "urlize", "wordwrap", "xmlattr",
}  # fmt: skip


class Raw(str):
    """Text the template vouches for as Markdown: printed without escaping."""


@pass_context
def raw(context: Context, value: Any) -> Raw:
    """`{{ text|raw }}`: print as Markdown, unescaped. Only for text the template trusts."""
    return Raw(display_text(value, language_of(context)))


def display_text(value: Any, language: str = HOUSE_LANGUAGE) -> str:
    """Plain text for a value: None is empty, dates read "22 May 2025", lists are comma-joined."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_date(value, language=language)
    if isinstance(value, list | tuple):
        if budget.text_size(value) > budget.MAX_STRING:  # measured before it is made
            budget.refuse_string()
        return ", ".join(display_text(v, language) for v in value)
    return str(value)


@pass_context
def date_filter(context: Context, value: Any, fmt: str | None = None) -> str:
    """`{{ date|date("%d/%m/%Y") }}`: a date, or an ISO "YYYY-MM-DD" string; None gives "".

    Without a format, the language's usual long date ("22 May 2025"); month and weekday
    names are the language's.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"|date expects a date or YYYY-MM-DD, got {value!r}") from None
    if not isinstance(value, datetime.date):
        raise ValueError(f"|date expects a date, got {type(value).__name__}")
    if fmt is not None and len(str(fmt)) > MAX_DATE_FORMAT:
        raise SecurityError(f"refused: a date format of more than {MAX_DATE_FORMAT} characters")
    return format_date(value, fmt, language_of(context))


@pass_context
def join_and(context: Context, items: Any, word: str | None = None, separator: str = ", ") -> str:
    """`{{ ["a", "b", "c"]|join_and }}` gives "a, b and c" (in French "a, b et c");
    `join_and("or")` for "or"."""
    items = list(items)
    check_text(budget.text_size(items) + (len(str(separator)) + 2) * len(items) + len(str(word)))
    texts = [str(i) for i in items if i not in (None, "")]
    if len(texts) < 2:
        return "".join(texts)
    word = conjunction(language_of(context)) if word is None else word
    return f"{separator.join(texts[:-1])} {word} {texts[-1]}"


def pluralise(count: int, singular: str, plural: str | None = None) -> str:
    """`{{ counts.quotes|pluralise("quote") }}` gives "1 quote" or "7 quotes"."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count} {word}"


def likelihood_range(term: str | None, language: str = HOUSE_LANGUAGE) -> str:
    """The ICD 203 probability range of a likelihood term: "likely" gives "55–80%"."""
    if not term:
        return ""
    low, high = LIKELIHOOD_RANGES[_likelihood_key(term)]
    return percent_range(low, high, language)


def likelihood(term: str | None, language: str = HOUSE_LANGUAGE) -> str:
    """A likelihood term with its range: "likely" gives "likely (55–80%)", "probable (55–80 %)"."""
    if not term:
        return ""
    key = _likelihood_key(term)
    label = likelihood_label(key, language)
    # untranslated (English), the term keeps the case it was given in
    return f"{term if label == key else label} ({likelihood_range(term, language)})"


def _likelihood_key(term: str) -> str:
    key = " ".join(str(term).lower().split())
    if key not in LIKELIHOOD_RANGES:
        raise ValueError(f"{term!r} is not an ICD 203 likelihood term")
    return key


@pass_context
def _likelihood_filter(context: Context, term: str | None) -> str:
    """A likelihood term with its range: "likely" gives "likely (55–80%)", in the language."""
    return likelihood(term, language_of(context))


@pass_context
def _likelihood_range_filter(context: Context, term: str | None) -> str:
    """The ICD 203 probability range of a likelihood term: "likely" gives "55–80%"."""
    return likelihood_range(term, language_of(context))


def full_stop(text: Any) -> str:
    """The text ending in one full stop: "22 мая 2025 г." and "Why?" get no second one.

    A "." is added unless the text already ends with ".", "!", "?" or "…".
    """
    text = "" if text is None else str(text).rstrip()
    return text if not text or text.endswith((".", "!", "?", "\u2026")) else f"{text}."


def capfirst(text: Any) -> str:
    """The text with its first letter capitalised and the rest left alone."""
    text = "" if text is None else str(text)
    return text[:1].upper() + text[1:]


@pass_eval_context
def replace(eval_ctx: EvalContext, text: Any, old: str, new: str, count: int | None = None) -> str:
    """Jinja's `replace`, refusing results beyond the size limit."""
    check_text(replaced_size(str(text), str(old), str(new)))
    return DEFAULT_FILTERS["replace"](eval_ctx, text, old, new, count)


@pass_eval_context
def join(eval_ctx: EvalContext, items: Any, separator: str = "", attribute: Any = None) -> str:
    """Jinja's `join`, refusing results beyond the size limit."""
    items = list(items)
    shown = (
        items if attribute is None else [eval_ctx.environment.getattr(i, attribute) for i in items]
    )
    check_text(len(str(separator)) * len(items) + budget.text_size(shown))
    return DEFAULT_FILTERS["join"](eval_ctx, items, separator, attribute)


@pass_environment
def sum_numbers(environment: Environment, items: Any, attribute: Any = None, start: Any = 0) -> Any:
    """Jinja's `sum`, of numbers only: adding up lists or text would build without bound."""
    if isinstance(start, bool) or not isinstance(start, int | float):
        raise SecurityError("refused: sum adds numbers only (start must be a number)")
    return DEFAULT_FILTERS["sum"](environment, items, attribute, start)


def batch(items: Any, linecount: int, fill_with: Any = None) -> Any:
    """Jinja's `batch`, of at most MAX_ARGUMENT items a batch."""
    if not isinstance(linecount, int) or not 0 < linecount <= MAX_ARGUMENT:
        raise SecurityError(f"refused: batches of 1 to {MAX_ARGUMENT} items only")
    return DEFAULT_FILTERS["batch"](items, linecount, fill_with)


def round_number(value: Any, precision: int = 0, method: str = "common") -> float:
    """Jinja's `round`, to at most MAX_ARGUMENT digits either side of the point."""
    if not isinstance(precision, int) or abs(precision) > MAX_ARGUMENT:
        raise SecurityError(f"refused: round() to more than {MAX_ARGUMENT} digits")
    return DEFAULT_FILTERS["round"](value, precision, method)


def string(value: Any) -> str:
    """Jinja's `string`, measured before the text is made."""
    if budget.text_size(value) > budget.MAX_STRING:
        budget.refuse_string()
    return DEFAULT_FILTERS["string"](value)


def _budgeted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """The filter, checking the render's clock first and counting what it builds after."""

    @functools.wraps(function)  # keeps Jinja's pass_eval_context / pass_environment mark
    def run(*args: Any, **kwargs: Any) -> Any:
        budget.current().check_time()
        result = function(*args, **kwargs)
        budget.charge_result(result)
        return result

    return run


_FILTERS: dict[str, Any] = {
    **{name: f for name, f in DEFAULT_FILTERS.items() if name not in _LEFT_OUT},
    "date": date_filter,
    "join_and": join_and,
    "pluralise": pluralise,
    "pluralize": pluralise,
    "likelihood": _likelihood_filter,
    "likelihood_range": _likelihood_range_filter,
    "capfirst": capfirst,
    "full_stop": full_stop,
    "raw": raw,
    "replace": replace,
    "join": join,
    "sum": sum_numbers,
    "batch": batch,
    "round": round_number,
    "string": string,
}
FILTERS: dict[str, Any] = {name: _budgeted(name, f) for name, f in _FILTERS.items()}
