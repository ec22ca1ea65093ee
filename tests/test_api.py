"""The library API: what a caller passes in every shape it may hold, and what comes back."""

from __future__ import annotations

import json
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SAMPLE, pdf_pages_text

import briefwright
from briefwright.errors import InvalidSummary, UsageError

MINIMAL = {
    "title": "Grain corridor talks resume",
    "source": {"title": "An article"},
    "summary": "Talks resume next week.",
    "key_points": ["Both sides sent delegations."],
}
MISQUOTE = ROOT / "tests" / "data" / "fidelity" / "misquote.yaml"


@pytest.fixture
def in_empty_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _tree(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))


def test_load_summary_takes_a_path_a_mapping_or_a_loaded_summary():
    from_path = briefwright.load_summary(SAMPLE)
    assert briefwright.load_summary(str(SAMPLE)).summary == from_path.summary
    assert from_path.path == SAMPLE
    assert briefwright.load_summary(from_path) is from_path
    from_model = briefwright.load_summary(from_path.summary)
    assert isinstance(from_model, briefwright.LoadedSummary) and from_model.path is None
    from_mapping = briefwright.load_summary(MINIMAL)
    assert isinstance(from_mapping.summary, briefwright.Summary)
    assert from_mapping.summary.key_points[0].text == "Both sides sent delegations."


def test_parse_summary_reads_yaml_and_json_text():
    from_yaml = briefwright.parse_summary(yaml.safe_dump(MINIMAL))
    from_json = briefwright.parse_summary(json.dumps(MINIMAL), format="json")
    assert from_yaml.summary == from_json.summary == briefwright.load_summary(MINIMAL).summary
    assert from_yaml.path is None
    # safe_dump sorts the keys: key_points comes first, its item on line 2
    assert (from_yaml.locate("key_points[0]").line, from_yaml.locate("key_points[0]").column) == (
        2,
        3,
    )


def test_parse_summary_locates_every_problem_with_the_name_given():
    text = "title: T\nsource: {title: S}\nsumary: B\ntitle: U\nkey_points: [k]\n"
    with pytest.raises(InvalidSummary, match="^draft.yaml: 3 problems$") as raised:
        briefwright.parse_summary(text, name="draft.yaml")
    assert raised.value.lines() == [
        "draft.yaml:1:1: summary: required field is missing",
        "draft.yaml:3:1: sumary: unknown field 'sumary' (did you mean 'summary'?)",
        "draft.yaml:4:1: title: duplicate key 'title' (first on line 1)",
    ]
    with pytest.raises(InvalidSummary) as raised:
        briefwright.parse_summary('{"title": "T",}', format="json", name="inline.json")
    assert raised.value.lines() == [
        "inline.json:1:15: not valid JSON: expected a key in double quotes"
    ]


def test_parse_summary_refuses_unknown_formats_bytes_and_empty_text():
    with pytest.raises(UsageError, match="unknown summary format 'toml'"):
        briefwright.parse_summary("title = 'T'", format="toml")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="summary text is a str, not bytes"):
        briefwright.parse_summary(b"title: T")  # type: ignore[arg-type]
    with pytest.raises(InvalidSummary) as raised:
        briefwright.parse_summary("  \n")
    assert str(raised.value.issues[0]).startswith("<string>:1:1: the text is empty")


def test_render_accepts_what_load_summary_returns(in_empty_dir):
    loaded = briefwright.load_summary(SAMPLE)
    paths = briefwright.render(loaded, formats="md", output_dir="out")
    assert paths == [Path("out") / "lavrov-yerevan-2025.analyst.md"]
    assert paths[0].read_text(encoding="utf-8").startswith("**TLP:AMBER**")


def test_a_summary_without_a_file_is_named_after_its_title(in_empty_dir):
    parsed = briefwright.parse_summary(yaml.safe_dump(MINIMAL))
    (path,) = briefwright.render(parsed, formats=["MD"], template="executive")
    assert path == Path("briefings") / "grain-corridor-talks-resume.executive.md"
    assert "# Grain corridor talks resume" in path.read_text(encoding="utf-8")


def test_render_bytes_writes_nothing_and_keys_by_format(in_empty_dir):
    outputs = briefwright.render_bytes(MINIMAL, formats=["md", "PDF", "pdf"])
    assert list(outputs) == ["md", "pdf"]
    assert outputs["pdf"].startswith(b"%PDF-")
    assert "Grain corridor talks resume" in pdf_pages_text(outputs["pdf"])[0]
    assert _tree(in_empty_dir) == []


def test_formats_are_one_name_or_several_and_unknown_ones_are_named():
    assert list(briefwright.render_bytes(MINIMAL, formats="Html")) == ["html"]
    with pytest.raises(UsageError, match=r"unknown format 'docs' \(did you mean 'docx'\?\)"):
        briefwright.render_bytes(MINIMAL, formats="docs")
    with pytest.raises(UsageError, match="no output format requested"):
        briefwright.render_bytes(MINIMAL, formats=[])


def test_a_summary_of_the_wrong_kind_is_a_type_error_that_says_what_fits():
    with pytest.raises(TypeError, match="a path to a YAML or JSON file, a mapping, or"):
        briefwright.render_bytes(42)  # type: ignore[arg-type]


def test_validate_takes_one_path_or_several(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: T\n", encoding="utf-8")
    assert briefwright.validate(str(SAMPLE)) == []
    assert briefwright.validate(SAMPLE) == []
    issues = briefwright.validate(broken)
    assert [str(issue) for issue in issues][:1] == [
        f"{broken}:1:1: source: required field is missing: give `source` (the article) or"
        " `sources` (several)"
    ]
    assert briefwright.validate([SAMPLE, broken]) == issues


def test_writer_warnings_are_python_warnings_unless_a_callback_takes_them():
    data = dict(MINIMAL, title="Talks \U0001f91d resume")
    with pytest.warns(briefwright.BriefwrightWarning, match="U\\+1F91D") as caught:
        briefwright.render_bytes(data, formats="pdf")
    assert {warning.filename for warning in caught} == {__file__}  # the caller's line
    collected: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        briefwright.render_bytes(data, formats="pdf", warn=collected.append)
    assert collected == [str(warning.message) for warning in caught]
    assert len(collected) == 3 and all("U+1F91D" in message for message in collected)


def test_any_executor_gives_the_same_bytes():
    serial = briefwright.render_bytes(SAMPLE)
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = briefwright.render_bytes(SAMPLE, executor=pool)
    assert pooled == serial


def test_verify_refuses_a_misquote_with_an_exported_error(in_empty_dir):
    with pytest.raises(briefwright.VerificationFailed) as raised:
        briefwright.render(MISQUOTE, verify=True)
    assert raised.value.report.errors
    assert isinstance(raised.value, briefwright.BriefwrightError)
    assert _tree(in_empty_dir) == []


def test_every_public_name_is_listed_and_importable():
    assert set(briefwright.__all__) <= set(dir(briefwright))
    assert not {name for name in dir(briefwright) if not name.startswith("__")} - set(
        briefwright.__all__
    )
    for name in briefwright.__all__:
        assert getattr(briefwright, name) is not None
    for name in ("InvalidSummary", "TemplateError", "RenderError", "OutputError", "UsageError"):
        assert issubclass(getattr(briefwright, name), briefwright.BriefwrightError)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        briefwright.nothing  # noqa: B018


def test_issues_print_as_file_line_column_field_message():
    issue = briefwright.Issue("bad", briefwright.Location("f.yaml", 3, 5, "quotes[0].text"))
    assert str(issue) == "f.yaml:3:5: quotes[0].text: bad"
