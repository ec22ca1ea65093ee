"""The release rule as a property: over random portion markings and templates, no portion above
the template's max_marking is ever rendered, the render's marking is the highest portion it
carries, and a render is refused exactly when no bottom line or no key point may be released."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefwright.doctree.meta import document_meta
from briefwright.errors import ReleaseRefused
from briefwright.markings import TLP_LEVELS
from briefwright.summary import validate_data
from briefwright.templating.discovery import resolve_template
from briefwright.templating.render import render_markdown

SECTIONS = ("key_points", "quotes", "timeline", "implications", "recommendations")
LIMITS = (None, 2)  # a template without limits, and one that shows two key points


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """One template per (max_marking, key point limit), all built on `analyst`."""
    root = tmp_path_factory.mktemp("release")
    found = {}
    for top, limit in itertools.product((None, *range(len(TLP_LEVELS))), LIMITS):
        directory = root / f"t-{top}-{limit}"
        directory.mkdir()
        toml = 'extends = "analyst"\n'
        toml += f'max_marking = "{TLP_LEVELS[top]}"\n' if top is not None else ""
        toml += f"[limits]\nkey_points = {limit}\n" if limit is not None else ""
        (directory / "template.toml").write_text(toml, encoding="utf-8")
        found[top, limit] = resolve_template(str(directory))
    return found


@st.composite
def marked_summaries(draw):
    """(summary data, {portion text: its marking's level}, [(version text, level)], top level)."""
    whole = draw(st.integers(0, len(TLP_LEVELS) - 1))
    own = st.none() | st.integers(0, whole)  # a portion's own marking, or none (the summary's)
    tokens = (f"Zq{n}x" for n in itertools.count())
    levels = draw(st.sets(st.integers(0, whole), min_size=1, max_size=3))
    versions, summary = [], []
    for level in sorted(levels):
        text = next(tokens)
        unmarked = level == whole and draw(st.booleans())
        summary.append({"text": text} if unmarked else {"text": text, "marking": TLP_LEVELS[level]})
        versions.append((text, level))
    data = {"title": "T", "marking": TLP_LEVELS[whole], "source": {"title": "S"}}
    data["summary"] = summary
    portions = {}
    sizes = {"key_points": (1, 5), "quotes": (0, 3), "timeline": (0, 3)}
    for section in SECTIONS:
        low, high = sizes.get(section, (0, 2))
        items = []
        for level in draw(st.lists(own, min_size=low, max_size=high)):
            text = next(tokens)
            item = {"text": text}
            if section == "quotes":
                item["speaker"] = "S"
            if section == "timeline":
                item = {"date": "2025-05-20", "event": text}
            if level is not None:
                item["marking"] = TLP_LEVELS[level]
            items.append(item)
            portions[text] = (section, whole if level is None else level)
        data[section] = items
    return data, portions, versions, whole


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    marked_summaries(),
    st.sampled_from((None, *range(len(TLP_LEVELS)))),
    st.sampled_from(LIMITS),
)
def test_no_portion_above_the_limit_and_the_marking_is_the_highest_carried(
    templates, drawn, top, limit
):
    data, portions, versions, whole = drawn
    template = templates[top, limit]
    summary = validate_data(data).summary

    def cleared(level: int) -> bool:
        return top is None or level <= top

    released_versions = [(text, level) for text, level in versions if cleared(level)]
    released_points = [t for t, (s, lv) in portions.items() if s == "key_points" and cleared(lv)]
    if not released_versions or not released_points:
        with pytest.raises(ReleaseRefused):
            render_markdown(template, summary)
        return
    markdown = render_markdown(template, summary)
    meta = document_meta(template, summary)

    bottom_line, bottom_level = max(released_versions, key=lambda version: version[1])
    shown = {text for text, _ in versions if text in markdown}
    assert shown == {bottom_line}
    carried = [bottom_level]
    kept_points = released_points[:limit] if limit else released_points
    for text, (section, level) in portions.items():
        expected = cleared(level) and (section != "key_points" or text in kept_points)
        assert (text in markdown) == expected, (text, section, TLP_LEVELS[level])
        if expected:
            carried.append(level)
    assert meta.marking == TLP_LEVELS[max(carried)]
    assert max(carried) <= whole and (top is None or max(carried) <= top)
    # every portion mark names a marking carried, never one above the render's
    for level, label in enumerate(TLP_LEVELS):
        if f"({label})" in markdown:
            assert level in carried and level < max(carried)
