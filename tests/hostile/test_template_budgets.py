"""A third-party template cannot exhaust memory or CPU inside the sandbox: every operation that
builds a string, a list or a number is measured first, loops have a turn budget, and a render has
a wall-clock budget that also holds in a thread (no signals). Each failure is a TemplateError at
the template's file and line."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from conftest import SAMPLE
from measured import assert_clean, run_measured

from briefwright.errors import EXIT_RENDER, TemplateError
from briefwright.summary import validate_data
from briefwright.templating import budget
from briefwright.templating.discovery import resolve_template
from briefwright.templating.render import render_markdown

BIG = "{% set s = 'x' * 4000000 %}"
DOUBLE = "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s OP ns.s %}"
ATTACKS = {
    "tilde-concatenation": (DOUBLE.replace("OP", "~") + "{% endfor %}", "over 5,000,000 char"),
    "plus-concatenation": (DOUBLE.replace("OP", "+") + "{% endfor %}", "over 5,000,000 char"),
    "list-doubling": (
        "{% set ns = namespace(s=[1]) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}",
        "lists of more than 1,000,000 items",
    ),
    "format-widths": ("{{ ('{0:>9999}' * 2000).format(1) }}", "over 5,000,000 char"),
    "format-huge-width": ("{{ '{0:>99999}'.format(1) }}", "width or precision that large"),
    "format-map-widths": ("{{ ('{a:>9999}' * 2000).format_map({'a': 1}) }}", "over 5,000,000"),
    "format-repr": (BIG + "{{ '{0!r}'.format([s] * 100) }}", "over 5,000,000 char"),
    "percent-widths": ("{{ ('%9999s' * 2000) % ((1,) * 2000) }}", "over 5,000,000 char"),
    "nested-loops": (
        "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        "more than 1,000,000 loop turns",
    ),
    "recursive-loop": ("{% for x in [1, 2] recursive %}{{ loop([1, 2]) }}{% endfor %}", ""),
    "sum-of-lists": ("{{ ([[1] * 100000] * 1000)|sum(start=[]) }}", "sum adds numbers only"),
    "join-of-big-items": (BIG + "{{ ([s] * 1000)|join }}", "over 5,000,000 char"),
    "printed-big-list": (BIG + "{{ [s] * 1000 }}", "over 5,000,000 char"),
    "string-of-big-list": (BIG + "{{ ([s] * 1000)|string }}", "over 5,000,000 char"),
    "batch-fill": ("{{ [1]|batch(100000000, 0)|list }}", "batches of 1 to 10000 items"),
    "expandtabs": ("{{ ('\t' * 1000000).expandtabs(10000) }}", "over 5,000,000 char"),
    "number-squaring": (
        "{% set ns = namespace(n=7) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
        "{% endfor %}",
        "a number of more than 100,000 bits",
    ),
    "power-of-power": ("{{ (10 ** 9999) ** 9999 }}", "a number of more than 100,000 bits"),
    "round-to-a-billion-places": ("{{ 5|round(-1000000000) }}", "round() to more than"),
    "macro-doubling": (
        "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% endif %}{% endmacro %}"
        "{{ d('x', 40) }}",
        "over 5,000,000 char",
    ),
    "captured-block-doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set t %}{{ ns.s }}{{ ns.s }}"
        "{% endset %}{% set ns.s = t %}{% endfor %}",
        "over 5,000,000 char",
    ),
    "many-big-strings": (
        "{% set ns = namespace(l=[]) %}{% for i in range(200) %}"
        "{% set ns.l = ns.l + [('x' * 4000000) ~ i] %}{% endfor %}",
        "more than 50,000,000 characters of text",
    ),
    "upper-of-sharp-s": ("{{ ('ß' * 4000000)|upper }}", "over 5,000,000 char"),
    "sorted-big-list": ("{{ (range(100000)|list * 50)|sort }}", "more than 1,000,000 items"),
    "dict-views": (BIG + "{{ dict(a=s, b=s, c=s).items() }}", "over 5,000,000 char"),
    "printed-namespace": (
        BIG + "{% set ns = namespace(a=[s] * 100) %}{{ ns }}",
        "",  # prints as <namespace>, not as what it holds
    ),
    "long-date-format": ("{{ date|date('%A' * 1000) }}", "a date format of more than"),
}


def _summary():
    data = {"title": "T", "source": {"title": "A"}, "summary": "S", "key_points": ["k"]}
    return validate_data({**data, "date": "2025-05-22"}).summary


def _template(folder: Path, body: str) -> Path:
    template = folder / "third-party"
    template.mkdir(exist_ok=True)
    (template / "template.toml").write_text('extends = "analyst"\n')
    (template / "briefing.md.j2").write_text("# Heading\n\n" + body + "\n")
    return template


def _render(template: Path) -> str:
    return render_markdown(resolve_template(str(template)), _summary())


@pytest.mark.parametrize("name", ATTACKS)
def test_a_template_cannot_build_without_bound(tmp_path, name):
    body, expected = ATTACKS[name]
    template = _template(tmp_path, body)
    if name == "printed-namespace":
        assert _render(template).endswith("\\<namespace\\>\n")  # escaped for Markdown
        return
    with pytest.raises(TemplateError) as caught:
        _render(template)
    [line] = caught.value.lines()
    assert line.startswith(f"{template / 'briefing.md.j2'}:3: "), line
    assert expected in line


def test_the_wall_clock_budget_stops_a_render_in_a_thread(tmp_path, monkeypatch):
    monkeypatch.setattr(budget, "RENDER_SECONDS", 0.3)
    # 2**40 calls, no loop and no output: only the clock can stop it
    fan_out = (
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}"
    )
    template = _template(tmp_path, fan_out)
    failures: list[BaseException] = []

    def render() -> None:
        try:
            _render(template)
        except BaseException as error:  # reported to the test below
            failures.append(error)

    worker = threading.Thread(target=render)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    [error] = failures
    assert isinstance(error, TemplateError)
    assert "ran for more than 0.3 seconds; stopped" in str(error)
    assert str(error).startswith(f"{template / 'briefing.md.j2'}:3: ")


def test_renders_in_threads_each_have_their_own_budget(tmp_path):
    # 700 x 700 turns: one render is within the budget, two sharing one would not be
    template = _template(
        tmp_path,
        "{% set s = 'x' * 700 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}ok",
    )
    results: list[object] = []
    start = threading.Barrier(2)

    def render() -> None:
        start.wait()
        try:
            results.append(_render(template))
        except TemplateError as error:
            results.append(error)

    workers = [threading.Thread(target=render) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [isinstance(r, str) and r.rstrip().endswith("ok") for r in results] == [True, True]


def test_a_fifo_in_the_template_directory_is_refused_not_waited_on(tmp_path):
    template = _template(tmp_path, "{% include 'part.md.j2' %}")
    os.mkfifo(template / "part.md.j2")
    with pytest.raises(TemplateError, match="part.md.j2 .*not a regular file"):
        _render(template)


@pytest.mark.parametrize("name", ["template.toml", "theme.toml", "reference.docx"])
def test_fifos_among_the_template_files_are_refused(tmp_path, name):
    template = _template(tmp_path, "x")
    if name == "template.toml":
        (template / name).unlink()
    os.mkfifo(template / name)
    args = ["render", str(SAMPLE), "-t", str(template), "-f", "docx", "-o", "out"]
    run = run_measured(args, cwd=tmp_path, timeout=60)
    assert_clean(run, EXIT_RENDER)
    assert "FIFO" in run.err or "has no template.toml" in run.err


def test_the_worst_template_stays_within_memory(tmp_path):
    body = ATTACKS["many-big-strings"][0]
    args = ["render", str(SAMPLE), "-t", str(_template(tmp_path, body)), "-f", "md", "-o", "out"]
    run = run_measured(args, cwd=tmp_path, timeout=60)
    assert_clean(run, EXIT_RENDER)
    assert "more than 50,000,000 characters of text" in run.err
