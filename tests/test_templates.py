"""Finding templates: search order, shadowing, `-t PATH`, inheritance, errors, listing, scaffold."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE

from briefwright.errors import TemplateError
from briefwright.summary import load_summary
from briefwright.templating.discovery import (
    builtin_templates_dir,
    list_templates,
    resolve_template,
    search_path,
)
from briefwright.templating.render import render_markdown
from briefwright.templating.scaffold import scaffold_template

BUILT_INS = ("analyst", "base", "brief-note", "executive", "public")


def make_template(root: Path, name: str, toml: str = "", briefing: str | None = None) -> Path:
    directory = root / name
    directory.mkdir(parents=True)
    (directory / "template.toml").write_text(toml, encoding="utf-8")
    if briefing is not None:
        (directory / "briefing.md.j2").write_text(briefing, encoding="utf-8")
    return directory


@pytest.fixture
def places(tmp_path, monkeypatch):
    """An isolated search path: cwd, two BRIEFWRIGHT_TEMPLATE_PATH dirs and a config dir."""
    work, env_a, env_b, config = (tmp_path / n for n in ("work", "env-a", "env-b", "config"))
    for directory in (work, env_a, env_b, config / "templates"):
        directory.mkdir(parents=True)
    monkeypatch.chdir(work)
    monkeypatch.setenv("BRIEFWRIGHT_TEMPLATE_PATH", f"{env_a}{__import__('os').pathsep}{env_b}")
    monkeypatch.setattr("click.get_app_dir", lambda name: str(config))
    return {
        "cwd": work / "templates",
        "env_a": env_a,
        "env_b": env_b,
        "config": config / "templates",
    }


def test_builtin_dir_holds_every_builtin_template():
    found = sorted(
        p.name for p in builtin_templates_dir().iterdir() if (p / "template.toml").is_file()
    )
    assert found == list(BUILT_INS)


def test_builtin_templates_live_in_the_package_not_in_the_working_directory():
    import briefwright

    assert builtin_templates_dir() == Path(briefwright.__file__).resolve().parent / "templates"
    origins = {str(path): origin for origin, path in search_path()}
    assert origins[str(Path.cwd() / "templates")] == "working directory"


def test_search_order_is_cwd_then_env_path_then_config_then_builtins(places):
    for key in ("config", "env_b", "env_a", "cwd"):
        make_template(places[key], "analyst", f'description = "{key}"')
        assert resolve_template("analyst").description == key
        assert resolve_template("analyst").chain[0] == places[key] / "analyst"


def test_listing_shows_where_each_template_lives_and_what_it_shadows(places):
    make_template(places["cwd"], "analyst", 'description = "mine"\nextends = "analyst"')
    make_template(places["env_a"], "mine", 'description = "only here"')
    listing = {(t.name, t.origin): t for t in list_templates()}
    mine = listing[("analyst", "working directory")]
    builtin = listing[("analyst", "built-in")]
    assert mine.shadows == (builtin.where,) and mine.shadowed_by is None
    assert builtin.shadowed_by == mine.where and builtin.shadows == ()
    assert listing[("mine", "BRIEFWRIGHT_TEMPLATE_PATH")].description == "only here"
    assert {name for name, _ in listing} >= set(BUILT_INS)


def test_a_template_extending_its_namesake_gets_the_next_one_down(places):
    make_template(places["cwd"], "analyst", 'extends = "analyst"')
    resolved = resolve_template("analyst")
    assert resolved.chain == (
        places["cwd"] / "analyst",
        builtin_templates_dir() / "analyst",
        builtin_templates_dir() / "base",
    )
    assert resolved.audience == "analyst"  # inherited from the built-in


def test_a_path_is_taken_directly(places, tmp_path):
    elsewhere = make_template(tmp_path / "elsewhere", "custom", 'extends = "public"')
    assert resolve_template(str(elsewhere)).chain[0] == elsewhere
    make_template(places["cwd"].parent, "loose", 'description = "a dir in cwd"')
    assert resolve_template("loose").description == "a dir in cwd"


def test_a_missing_template_lists_the_searched_dirs_and_a_suggestion(places):
    with pytest.raises(TemplateError) as caught:
        resolve_template("analsyt")
    [text] = caught.value.lines()
    assert text.startswith("template 'analsyt' not found (did you mean 'analyst'?)\n  searched ")
    searched = text
    for key in ("cwd", "env_a", "env_b", "config"):
        assert str(places[key]) in searched
    assert str(builtin_templates_dir()) in searched


def test_missing_directory_given_as_a_path(places):
    with pytest.raises(TemplateError, match="not a directory"):
        resolve_template("./no/such/template")


def test_missing_parent_names_the_extends_key(places):
    child = make_template(places["cwd"], "child", 'extends = "nowhere"')
    with pytest.raises(TemplateError) as caught:
        resolve_template("child")
    assert caught.value.lines()[0].startswith(
        f"{child / 'template.toml'}: extends: parent template 'nowhere' not found\n  searched "
    )


def test_inheritance_cycles_are_refused(places):
    make_template(places["cwd"], "a", 'extends = "b"')
    make_template(places["cwd"], "b", 'extends = "a"')
    with pytest.raises(TemplateError, match="loops back on itself"):
        resolve_template("a")


def test_chains_deeper_than_ten_are_refused(places):
    make_template(places["cwd"], "t0")
    for i in range(1, 12):
        make_template(places["cwd"], f"t{i}", f'extends = "t{i - 1}"')
    assert len(resolve_template("t9").chain) == 10
    with pytest.raises(TemplateError, match="deeper than 10"):
        resolve_template("t11")


def test_bad_toml_is_located(places):
    make_template(places["cwd"], "broken", 'description = "x"\nextends = \n')
    with pytest.raises(TemplateError) as caught:
        resolve_template("broken")
    path = places["cwd"] / "broken" / "template.toml"
    assert caught.value.lines()[0].startswith(f"{path}:2:")


def test_unknown_and_mistyped_keys_are_all_reported(places):
    make_template(
        places["cwd"], "typo", 'extnds = "analyst"\nshow_author = "no"\n[limits]\nkey_point = 3'
    )
    with pytest.raises(TemplateError) as caught:
        resolve_template("typo")
    path = places["cwd"] / "typo" / "template.toml"
    lines = caught.value.lines()
    assert lines[0].startswith(f"{path}: extnds: unknown key (did you mean 'extends'?)")
    assert lines[1] == f"{path}: show_author: expected bool, got str"
    assert lines[2].startswith(f"{path}: limits.key_point: unknown section")


def test_theme_and_rules_merge_along_the_chain_child_winning(places):
    child = make_template(places["cwd"], "mine", 'extends = "public"\n[limits]\nquotes = 2')
    (child / "theme.toml").write_text('accent_color = "#AA0000"\n', encoding="utf-8")
    resolved = resolve_template("mine")
    assert resolved.theme.accent_color == "#AA0000"
    assert resolved.theme.callout_fill == "#E8F2EF"  # from public's theme.toml
    assert resolved.config["max_marking"] == "TLP:CLEAR"
    assert resolved.config["limits"] == {"quotes": 2}
    assert resolved.audience == "public" and resolved.name == "mine"
    assert resolved.description == ""  # descriptions belong to one directory, not inherited


def test_reference_doc_is_inherited(places):
    parent = make_template(places["cwd"], "house", 'extends = "analyst"')
    (parent / "reference.docx").write_bytes(b"not really a docx")
    make_template(places["cwd"], "desk", 'extends = "house"')
    assert resolve_template("desk").reference_doc == parent / "reference.docx"
    assert resolve_template("analyst").reference_doc is None


def test_scaffold_writes_a_working_child_with_every_block_to_override(places):
    path = scaffold_template("minister", parent="executive", directory=places["cwd"])
    assert path == places["cwd"] / "minister"
    resolved = resolve_template("minister")
    assert resolved.chain[1:] == resolve_template("executive").chain
    briefing = (path / "briefing.md.j2").read_text(encoding="utf-8")
    for block in ("title_block", "bottom_line", "key_points", "quotes", "timeline"):
        assert f"{{% block {block} %}}" in briefing
    assert '# {{ _("Outlook") }}' in briefing  # the executive's own version of implications
    summary = load_summary(SAMPLE).summary
    executive = render_markdown(resolve_template("executive"), summary)
    assert render_markdown(resolved, summary) == executive  # commented blocks change nothing


def test_scaffolded_block_uncommented_takes_effect(places):
    path = scaffold_template("desk", directory=places["cwd"])
    text = (path / "briefing.md.j2").read_text(encoding="utf-8")
    start = text.index("{#- bottom_line:")
    end = text.index("-#}", start) + len("-#}")
    override = "{% block bottom_line %}\n# Our view\n\n{{ summary }}\n\n{% endblock %}"
    (path / "briefing.md.j2").write_text(text[:start] + override + text[end:], encoding="utf-8")
    markdown = render_markdown(resolve_template("desk"), load_summary(SAMPLE).summary)
    assert "# Our view" in markdown and "callout important" not in markdown
    assert "# Timeline" in markdown  # the rest still comes from analyst


def test_scaffold_refuses_to_overwrite(places):
    scaffold_template("desk", directory=places["cwd"])
    with pytest.raises(TemplateError, match="already exists"):
        scaffold_template("desk", directory=places["cwd"])
    with pytest.raises(TemplateError, match="not a template name"):
        scaffold_template("../escape", directory=places["cwd"])


def test_inside_the_repo_the_builtins_are_listed_once(monkeypatch, tmp_path):
    monkeypatch.chdir(builtin_templates_dir().parent)  # ./templates is the built-in directory
    monkeypatch.delenv("BRIEFWRIGHT_TEMPLATE_PATH", raising=False)
    monkeypatch.setattr("click.get_app_dir", lambda name: str(tmp_path))
    listing = [t for t in list_templates() if t.name in BUILT_INS]
    assert [(t.name, t.origin, t.shadows) for t in listing] == [
        (name, "built-in", ()) for name in BUILT_INS
    ]
