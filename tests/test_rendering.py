"""Rendering: the sandbox holds, errors name the template line, and data stays literal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefwright.doctree import nodes
from briefwright.doctree.meta import document_meta
from briefwright.doctree.parse import parse_markdown
from briefwright.doctree.titles import short_title
from briefwright.errors import ReleaseRefused, TemplateError
from briefwright.summary import validate_data
from briefwright.templating.context import REFERENCE, build_context
from briefwright.templating.discovery import resolve_template
from briefwright.templating.reference import template_context_reference
from briefwright.templating.render import render_markdown

NASTY = "* # | <b> & {{ 7*7 }}"


def summary_data(**changes):
    data = {
        "title": "Lavrov in Yerevan",
        "date": "2025-05-22",
        "author": "South Caucasus Desk",
        "organization": "Eurasia Analysis Unit",
        "marking": "TLP:AMBER",
        "source": {"title": "Commentary", "url": "https://example.org/a_(b)"},
        "summary": "Moscow courts Yerevan.",
        "key_points": ["Point one."],
    }
    data.update(changes)
    return data


def summary(**changes):
    return validate_data(summary_data(**changes)).summary


def user_template(tmp_path: Path, body: str, toml: str = 'extends = "analyst"') -> Path:
    directory = tmp_path / "tpl"
    directory.mkdir(exist_ok=True)
    (directory / "template.toml").write_text(toml, encoding="utf-8")
    (directory / "briefing.md.j2").write_text(body, encoding="utf-8")
    return directory


def render_with(tmp_path: Path, body: str, **changes) -> str:
    return render_markdown(resolve_template(str(user_template(tmp_path, body))), summary(**changes))


def failure(tmp_path: Path, body: str) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        render_with(tmp_path, body)
    error = caught.value
    assert error.__cause__ is None and error.__suppress_context__  # no chained traceback
    return error


def texts(blocks) -> list[str]:
    """The plain text of every paragraph-like node and table cell, in order."""
    out = []
    for block in blocks:
        if isinstance(block, nodes.Table):
            out += [nodes.plain_text(cell) for row in (block.header, *block.rows) for cell in row]
        elif isinstance(block, nodes.BulletList | nodes.OrderedList):
            out += [t for item in block.items for t in texts(item.children)]
        elif isinstance(block, nodes.Quote | nodes.Callout):
            out += texts(block.children)
            out.append(nodes.plain_text(getattr(block, "attribution", None) or block.title))
        else:
            out.append(nodes.plain_text(block.children))
    return out


# --- the sandbox --------------------------------------------------------------------------

ATTACKS = {
    "mro": ("{{ ''.__class__.__mro__ }}", "unsafe"),
    "globals": ("{{ cycler.__init__.__globals__ }}", "unsafe"),
    "dotdot": ("{% include '../../etc/passwd' %}", "refused '../../etc/passwd'"),
    "absolute": ("{% include '/etc/passwd' %}", "refused '/etc/passwd'"),
    "attr-class": ("{{ ''|attr('__class__') }}", "unsafe"),
    "attr-format": ("{{ '{0.__class__.__mro__}'|attr('format')(title) }}", "unsafe"),
    "method-format": ("{{ '{0.__class__}'.format(title) }}", "unsafe"),
    "huge-repeat": ("{{ 'x' * 100000000 }}", "over 5,000,000 characters"),
    "huge-replace": ("{{ ('x' * 4000000)|replace('', 'yy') }}", "over 5,000,000 characters"),
    "huge-join": ("{{ range(1000)|join('x' * 10000) }}", "over 5,000,000 characters"),
    "huge-method": ("{{ ('x' * 4000000).replace('x', 'yy') }}", "over 5,000,000 characters"),
    "huge-width": ("{{ '%999999999d' % 1 }}", "width"),
    "huge-center": ("{{ title.center(100000000) }}", "argument over"),
    "range-budget": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "range() budget",
    ),  # fmt: skip
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursion"),
    "mutation": ("{{ key_points.append(1) }}", "unsafe"),
}


@pytest.mark.parametrize("name", ATTACKS)
def test_sandbox_attacks_fail_with_a_located_template_error(tmp_path, name):
    body, expected = ATTACKS[name]
    error = failure(tmp_path, "line one\n" + body + "\n")
    line = error.lines()[0]
    assert line.startswith(f"{tmp_path / 'tpl' / 'briefing.md.j2'}:2: "), line
    assert expected in line


def test_a_symlink_out_of_the_template_directory_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password", encoding="utf-8")
    directory = user_template(tmp_path, "{% include 'leak.md.j2' %}")
    os.symlink(secret, directory / "leak.md.j2")
    with pytest.raises(TemplateError) as caught:
        render_markdown(resolve_template(str(directory)), summary())
    assert "refused 'leak.md.j2': it leads outside the template directories" in str(caught.value)
    assert "password" not in str(caught.value)


def test_leftover_filters_that_make_markup_are_not_available(tmp_path):
    for body in ("{{ title|safe }}", "{{ title|tojson }}", "{{ title|format(1) }}"):
        assert "No filter named" in failure(tmp_path, body).lines()[0]


def test_runaway_output_is_stopped_at_the_size_limit(tmp_path):
    body = "{% for i in range(90000) %}{{ title }}{% endfor %}"
    with pytest.raises(TemplateError, match="more than 5,000,000 characters"):
        render_with(tmp_path, body, title="x" * 200)


# --- error messages -----------------------------------------------------------------------


def test_a_misspelt_name_suggests_the_real_one(tmp_path):
    error = failure(tmp_path, "# Heading\n\n{{ titel }}\n")
    assert error.lines() == [
        f"{tmp_path / 'tpl' / 'briefing.md.j2'}:3: 'titel' is undefined (did you mean 'title'?)"
    ]


def test_a_misspelt_field_suggests_the_real_one(tmp_path):
    line = failure(tmp_path, "{{ source.titel }}").lines()[0]
    assert ":1: no field 'titel' here (did you mean 'title'?) (fields: title," in line


def test_a_syntax_error_names_file_and_line(tmp_path):
    line = failure(tmp_path, "ok\n\n{% if title %}\nno end\n").lines()[0]
    assert line.startswith(f"{tmp_path / 'tpl' / 'briefing.md.j2'}:4: ")


def test_a_misspelt_filter_suggests_the_real_one(tmp_path):
    line = failure(tmp_path, "\n{{ date|dat('%Y') }}").lines()[0]
    assert line.endswith(":2: template syntax error: No filter named 'dat'. (did you mean 'date'?)")


def test_a_missing_include_is_located(tmp_path):
    line = failure(tmp_path, "\n{% include 'partial.md.j2' %}").lines()[0]
    assert line.endswith("briefing.md.j2:2: template file not found: partial.md.j2")


def test_a_template_without_any_briefing_file(tmp_path):
    directory = tmp_path / "bare"
    directory.mkdir()
    (directory / "template.toml").write_text("", encoding="utf-8")
    with pytest.raises(TemplateError, match="template 'bare' has no briefing.md.j2"):
        render_markdown(resolve_template(str(directory)), summary())


def test_an_error_in_a_parent_template_names_the_parent_file(tmp_path, monkeypatch):
    parent = tmp_path / "parent"
    parent.mkdir()
    (parent / "template.toml").write_text("", encoding="utf-8")
    (parent / "briefing.md.j2").write_text("{% block a %}\n{{ 1 / 0 }}\n{% endblock %}\n")
    monkeypatch.setenv("BRIEFWRIGHT_TEMPLATE_PATH", str(tmp_path))
    child = user_template(tmp_path, "{% extends 'briefing.md.j2' %}", 'extends = "parent"')
    with pytest.raises(TemplateError) as caught:
        render_markdown(resolve_template(str(child)), summary())
    assert caught.value.lines() == [
        f"{parent / 'briefing.md.j2'}:2: ZeroDivisionError: division by zero"
    ]


# --- escaping -----------------------------------------------------------------------------


def nasty_summary():
    item = {"text": NASTY}
    return summary(
        marking="TLP:CLEAR",  # so that the public template may release all of it
        title=NASTY,
        subtitle=NASTY,
        summary=NASTY,
        source={"title": NASTY, "publisher": NASTY},
        key_points=[{"text": NASTY, "detail": NASTY}],
        quotes=[{"text": NASTY, "speaker": NASTY, "role": NASTY, "context": NASTY}],
        timeline=[{"date": "2025", "event": NASTY, "significance": NASTY, "label": NASTY}],
        implications=[{"text": NASTY, "actor": NASTY, "likelihood": "likely"}],
        recommendations=[item],
    )


@pytest.mark.parametrize("name", ["analyst", "executive", "public", "brief-note"])
def test_markup_in_values_comes_out_literally(name):
    blocks = parse_markdown(render_markdown(resolve_template(name), nasty_summary()))
    found = texts(blocks)
    assert not any("49" in t for t in found)
    assert sum(t.count(NASTY) for t in found) >= 5
    # The values must not have turned into markup: no emphasis nodes hold the nasty text.
    strong = [b for b in blocks if isinstance(b, nodes.Heading)]
    assert all(NASTY not in nodes.plain_text(h.children) for h in strong)


def test_every_field_reaches_the_analyst_briefing_as_text():
    blocks = parse_markdown(render_markdown(resolve_template("analyst"), nasty_summary()))
    by_type = {}
    for block in blocks:
        by_type.setdefault(type(block), []).append(block)
    n = NASTY
    assert [nodes.plain_text(b.children) for b in by_type[nodes.Title]] == [n]
    assert [nodes.plain_text(b.children) for b in by_type[nodes.Subtitle]] == [n]
    assert texts(by_type[nodes.Callout]) == [n, "Bottom line"]
    assert texts(by_type[nodes.Quote]) == [f"\u201c{n}\u201d", f"{n}, {n} {n}"]
    assert texts(by_type[nodes.Table])[3:] == [n, n, n]
    assert texts(by_type[nodes.BulletList]) == [f"{n} {n}", f"{n}: {n} Likely (55\u201380%)."]
    assert texts(by_type[nodes.OrderedList]) == [n]


def test_raw_opts_out_of_escaping_and_template_markdown_is_not_escaped(tmp_path):
    body = (
        "{% macro em(x) %}*{{ x }}*{% endmacro %}"
        "{{ '**bold**'|raw }} {{ '**bold**' }} {{ em(title) }}\n"
    )
    [paragraph] = parse_markdown(render_with(tmp_path, body, title=NASTY))
    assert paragraph.children == (
        nodes.Strong((nodes.Text("bold"),)),
        nodes.Text(" **bold** "),
        nodes.Emphasis((nodes.Text(NASTY),)),
    )


def test_super_keeps_the_parents_markdown(tmp_path):
    body = (
        '{% extends "analyst/briefing.md.j2" %}{% block bottom_line %}'
        "{{ super() }}\nAdded by the child.\n\n{% endblock %}"
    )
    blocks = parse_markdown(render_with(tmp_path, body))
    callout = next(b for b in blocks if isinstance(b, nodes.Callout))
    assert texts(callout.children) == ["Moscow courts Yerevan."]
    assert "Added by the child." in texts(blocks)


def test_link_to_the_source_survives_escaping():
    blocks = parse_markdown(render_markdown(resolve_template("analyst"), summary()))
    links = [i for b in blocks if isinstance(b, nodes.Paragraph) for i in b.children]
    assert nodes.Link("https://example.org/a_(b)", (nodes.Text("https://example.org/a_(b)"),)) in (
        links
    )


# --- audiences, limits, markings ----------------------------------------------------------


def restricted(text: str) -> dict:
    return {"text": text, "audiences": ["analyst"]}


def restricted_summary():
    return summary(
        marking="TLP:CLEAR",  # audiences alone decide here
        key_points=["Open point.", restricted("Secret point.")],
        quotes=[
            {"text": "Open quote.", "speaker": "A"},
            {"text": "Secret quote.", "speaker": "B", "audiences": ["analyst", "executive"]},
        ],
        timeline=[
            {"date": "2025", "event": "Open event."},
            {"date": "2024", "event": "Secret event.", "audiences": ["Analyst"]},
        ],
        implications=["Open implication.", restricted("Secret implication.")],
        recommendations=["Open recommendation.", restricted("Secret recommendation.")],
    )


@pytest.mark.parametrize("name", ["public", "executive", "brief-note"])
def test_items_for_other_audiences_are_left_out_of_every_section(name):
    markdown = render_markdown(resolve_template(name), restricted_summary())
    assert "Secret" not in markdown
    assert "Open point" in markdown and "Open implication" in markdown


def test_items_for_the_templates_audience_are_shown_in_every_section():
    markdown = render_markdown(resolve_template("analyst"), restricted_summary())
    for section in ("point", "quote", "event", "implication", "recommendation"):
        assert f"Secret {section}\\." in markdown and f"Open {section}\\." in markdown


def test_counts_follow_the_audience():
    context = build_context(resolve_template("public"), restricted_summary())
    assert context["counts"] == dict.fromkeys(
        ("key_points", "quotes", "timeline", "implications", "recommendations"), 1
    )


def test_limits_take_the_top_key_points_by_priority_then_file_order():
    points = [
        {"text": "p3", "priority": 3},
        "no priority a",
        {"text": "p1 first", "priority": 1},
        {"text": "p2", "priority": 2},
        {"text": "p1 second", "priority": 1},
        "no priority b",
    ]
    context = build_context(resolve_template("executive"), summary(key_points=points))
    assert [k["text"] for k in context["key_points"]] == ["p1 first", "p1 second", "p2", "p3"]
    assert context["more"]["key_points"] == 2 and context["counts"]["key_points"] == 4
    analyst = build_context(resolve_template("analyst"), summary(key_points=points))
    assert [k["text"] for k in analyst["key_points"]][4:] == ["no priority a", "no priority b"]


def test_timeline_is_chronological_and_stable_for_ties():
    events = [
        {"date": "2025-05-20/2025-05-21", "event": "visit"},
        {"date": "2024", "event": "first 2024"},
        {"date": "2025-05-09", "event": "parade"},
        {"date": "2024", "event": "second 2024"},
    ]
    context = build_context(resolve_template("analyst"), summary(timeline=events))
    assert [e["event"] for e in context["timeline"]] == [
        "first 2024",
        "second 2024",
        "parade",
        "visit",
    ]
    assert context["timeline"][3]["when"] == "20\u201321 May 2025"


def test_public_is_marked_tlp_clear_and_shows_no_internal_names():
    data = summary(marking="tlp:clear")
    meta = document_meta(resolve_template("public"), data)
    assert (meta.marking, meta.author, meta.organization) == ("TLP:CLEAR", "", "")
    markdown = render_markdown(resolve_template("public"), data)
    # the marking is page furniture, drawn by every writer from the meta, not by the template
    assert "TLP" not in markdown
    assert "Desk" not in markdown and "Eurasia" not in markdown
    analyst = document_meta(resolve_template("analyst"), summary())
    assert (analyst.marking, analyst.author) == ("TLP:AMBER", "South Caucasus Desk")


def test_public_refuses_an_amber_summary_without_cleared_portions():
    for build in (document_meta, render_markdown):
        with pytest.raises(ReleaseRefused) as caught:
            build(resolve_template("public"), summary(marking="TLP:AMBER"))
        lines = caught.value.lines()
        assert len(lines) == 2 and all("TLP:AMBER" in line for line in lines)


# --- context, filters, meta ---------------------------------------------------------------


def test_the_context_reference_documents_exactly_the_context():
    context = build_context(resolve_template("analyst"), summary())
    assert list(context) == list(REFERENCE)
    reference = template_context_reference()
    for name in (*REFERENCE, "date", "join_and", "pluralise", "likelihood", "raw", "limits"):
        assert f"  {name} " in reference


FILTER_CASES = {
    "{{ date|date('%-d %B %Y') }}": "22 May 2025",
    "{{ date|date('%d/%m/%y, %a %b') }}": "22/05/25, Thu May",
    "{{ '2025-01-05'|date('%-d.%-m.%Y') }}": "5.1.2025",
    "{{ date }}": "22 May 2025",
    "{{ ['a', 'b', 'c']|join_and }}": "a, b and c",
    "{{ ['a', 'b']|join_and('or') }}": "a or b",
    "{{ 1|pluralise('quote') }}, {{ 3|pluralise('analysis', 'analyses') }}": "1 quote, 3 analyses",
    "{{ 'Very Likely'|likelihood }}": "Very Likely (80\u201395%)",
    "{{ 'almost no chance'|likelihood_range }}": "1\u20135%",
    "{{ 'likely'|capfirst }}": "Likely",
    "{{ likelihood_scale|length }}": "7",
    "{{ 'Published 22 мая 2025 г.'|full_stop }} {{ 'Why?'|full_stop }} {{ 'x'|full_stop }}": (
        "Published 22 мая 2025 г. Why? x."
    ),
}


@pytest.mark.parametrize("body", FILTER_CASES)
def test_filters(tmp_path, body):
    [paragraph] = parse_markdown(render_with(tmp_path, body))
    assert nodes.plain_text(paragraph.children) == FILTER_CASES[body]


def test_document_meta_for_page_furniture():
    meta = document_meta(resolve_template("executive"), summary(tags=["Russia"]), verified=True)
    assert meta.date == "2025-05-22" and meta.date_label == "22 May 2025"
    assert (meta.template, meta.audience, meta.verified) == ("executive", "executive", True)
    assert meta.keywords == ("Russia",) and meta.source_url == "https://example.org/a_(b)"


def test_short_title():
    assert short_title("Lavrov in Yerevan") == "Lavrov in Yerevan"
    long = "Lavrov in Yerevan: Moscow Courts Armenia as Ties with Baku Sour Further"
    assert short_title(long) == "Lavrov in Yerevan"
    assert short_title("word " * 30).endswith("\u2026") and len(short_title("word " * 30)) <= 60


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), min_size=1))
def test_any_text_comes_back_literally(text):
    text = " ".join(text.split())
    assume(text)
    data = summary(title=text, key_points=[text], recommendations=[text])
    blocks = parse_markdown(render_markdown(resolve_template("analyst"), data))
    found = texts(blocks)
    assert found[0] == text
    assert texts([b for b in blocks if isinstance(b, nodes.BulletList)])[0] == text
    assert texts([b for b in blocks if isinstance(b, nodes.OrderedList)]) == [text]
