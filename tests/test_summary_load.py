"""load_summary on files: formats, positions, and every way a path or its bytes can be wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from briefwright.errors import InvalidSummary, Location
from briefwright.summary import MAX_SUMMARY_BYTES, load_summary, yaml_source
from briefwright.summary.paths import SourceProblem

DATA = Path(__file__).parent / "data" / "summaries"
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "lavrov-yerevan-2025.yaml"
MINIMAL_YAML = "title: T\nsource:\n  title: S\nsummary: x\nkey_points: [k]\n"


def _lines(path: Path) -> list[str]:
    with pytest.raises(InvalidSummary) as caught:
        load_summary(path)
    return caught.value.lines()


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_yaml_and_json_give_the_same_summary(tmp_path: Path) -> None:
    data = json.loads((DATA / "valid" / "full.json").read_text(encoding="utf-8"))
    as_yaml = _write(tmp_path, "full.yaml", yaml.safe_dump(data, allow_unicode=True))
    from_json = load_summary(DATA / "valid" / "full.json").summary
    assert load_summary(as_yaml).summary == from_json
    assert from_json.tags == ["Armenia", "Россия", "Azərbaycan"]
    assert [str(e.date) for e in from_json.timeline] == ["2025", "May 2025", "20–21 May 2025"]


def test_yaml_1_1_scalars_stay_the_text_written() -> None:
    summary = load_summary(DATA / "valid" / "yaml11-strings.yaml").summary
    assert (summary.title, summary.subtitle, summary.author) == ("2025", "no", "10:30")
    assert (summary.organization, summary.marking, summary.summary) == ("1.10", "yes", "1e3")
    assert [k.text for k in summary.key_points] == ["ON", "007"]
    assert summary.key_points[1].detail == "1_000"
    assert summary.quotes[0].role == "12:30:45"
    assert summary.tags == ["no", "1.10", "10:30", "2025-05-22"]
    assert summary.timeline[0].date.iso == "2025" and summary.timeline[0].label == "2025-05-20"


def test_yaml_dates_and_bare_years_load_as_values() -> None:
    summary = load_summary(DATA / "valid" / "full.yaml").summary
    assert summary.date.isoformat() == "2025-05-23"
    assert summary.quotes[0].date.isoformat() == "2025-05-21"
    assert [e.date.iso for e in summary.timeline] == [
        "2025-05-20/2025-05-21",
        "2024-12-25",
        "2025-12",
        "2025",
    ]


@pytest.mark.parametrize("name", ["s.yml", "s.YAML", "s.Json"])
def test_extensions_are_case_insensitive(tmp_path: Path, name: str) -> None:
    text = json.dumps({"title": "T", "source": {"title": "S"}, "summary": "x", "key_points": ["k"]})
    assert load_summary(_write(tmp_path, name, text)).summary.title == "T"


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + MINIMAL_YAML.encode())
    assert load_summary(path).summary.title == "T"


def test_directory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "folder.yaml"
    path.mkdir()
    assert _lines(path) == [f"{path}: is a directory, not a summary file"]


def test_missing_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    assert _lines(path) == [f"{path}: no such file"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [("a\0b.yaml", "no such file"), ("x" * 5000 + ".yaml", "cannot be read: File name too long")],
    ids=["nul", "long"],
)
def test_unusable_path_names_are_one_line(tmp_path: Path, name: str, reason: str) -> None:
    path = tmp_path / name
    assert _lines(path) == [f"{path}: {reason}"]


def test_file_at_the_size_limit_loads_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    # JSON, because PyYAML's pure-Python scanner needs seconds for 2 MiB.
    # The padding is spread over many key points: one field may hold only MAX_TEXT_CHARS.
    head = '{"title": "T", "source": {"title": "S"}, "summary": "s", "key_points": ['
    point = '"' + "x" * 40_000 + '"'
    points = [point] * ((MAX_SUMMARY_BYTES - len(head)) // (len(point) + 1))
    body = head + ",".join(points)
    last = MAX_SUMMARY_BYTES - len(body) - len(',""]}')
    at_limit = _write(tmp_path, "at.json", body + ',"' + "y" * last + '"]}')
    assert at_limit.stat().st_size == MAX_SUMMARY_BYTES
    assert len(load_summary(at_limit).summary.key_points) == len(points) + 1
    over = _write(tmp_path, "over.json", body + ',"' + "y" * (last + 1) + '"]}')
    assert _lines(over) == [f"{over}: larger than the limit of 2 MiB"]


def test_endless_device_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "zero.yaml"
    path.symlink_to("/dev/zero")
    assert _lines(path) == [f"{path}: a character device, not a regular file: refused"]


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("deep.yaml", "title: " + "[" * 100_000 + "]" * 100_000, "1:39"),
        ("deep.json", '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}", "1:42"),
    ],
    ids=["yaml", "json"],
)
def test_very_deep_nesting_is_refused_without_recursion(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    path = _write(tmp_path, name, text)
    (line,) = _lines(path)
    # The column depends on the parser: libyaml 0.2.6 gives up further on, at 1,000 levels.
    assert line.startswith(f"{path}:{where.split(':')[0]}:")
    assert line.endswith(": nesting deeper than 32 levels")


def test_integer_with_thousands_of_digits_is_an_issue(tmp_path: Path) -> None:
    text = MINIMAL_YAML.replace("[k]", "[{text: k, priority: " + "9" * 5000 + "}]")
    path = _write(tmp_path, "big.yaml", text)
    [line] = _lines(path)
    assert line.startswith(f"{path}:5:24: key_points[0].priority: expected a whole number, got")


def test_locate_finds_fields_in_yaml_and_json() -> None:
    loaded = load_summary(DATA / "valid" / "full.yaml")
    assert loaded.locate(("quotes", 0, "speaker")) == Location(
        str(DATA / "valid" / "full.yaml"), 29, 5, "quotes[0].speaker"
    )
    assert loaded.locate("quotes[0].speaker") == loaded.locate(("quotes", 0, "speaker"))
    assert (loaded.locate("timeline[1]").line, loaded.locate("timeline[1]").column) == (40, 5)
    # A field that was not written sits where its parent was written.
    assert loaded.locate("quotes[1].role").line == 33
    json_loaded = load_summary(DATA / "valid" / "full.json")
    assert json_loaded.locate("timeline[2].event").line == 22
    assert json_loaded.locate(()).field is None


@pytest.mark.skipif(not SAMPLE.exists(), reason="the sample is not in this checkout")
def test_the_sample_loads() -> None:
    summary = load_summary(SAMPLE).summary
    assert len(summary.timeline) >= 12 and len(summary.key_points) >= 6


def test_lone_surrogate_escape_in_yaml_is_one_located_issue(tmp_path: Path) -> None:
    # libyaml refuses the escape itself, PyYAML's Python parser lets the field check refuse it.
    path = _write(tmp_path, "s.yaml", MINIMAL_YAML.replace("title: T", 'title: "a\\ud800"'))
    with pytest.raises(InvalidSummary) as caught:
        load_summary(path)
    [issue] = caught.value.issues
    assert issue.location.line == 1


# Their syntax messages are the parsers' own and differ in wording, not in place.
_PARSER_WORDING = {"syntax-error.yaml", "non-utf8.yaml"}


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(DATA.glob("*/*.yaml")) if p.name not in _PARSER_WORDING],
    ids=lambda p: p.name,
)
def test_libyaml_and_pure_python_parsers_give_the_same_result(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")

    def run(loader: type) -> tuple:
        monkeypatch.setattr(yaml_source, "_LOADER", loader)
        try:
            data, positions, problems = yaml_source.yaml_to_data(text)
        except SourceProblem as problem:
            return ("raised", str(problem), problem.line, problem.column)
        found = [(str(p), p.line, p.column, p.path) for p in problems]
        return (data, positions, found)

    assert run(yaml.SafeLoader) == run(yaml.CSafeLoader)
