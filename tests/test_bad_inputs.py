"""Every bad input answered through the command line (issue 5, promise 3).

Each case is a summary file a user could really write or paste. `briefwright render` must
answer it with exactly the located one-line error(s) and exit 3, write nothing and show no
traceback; the cases that are not errors (YAML 1.1 look-alikes, a very long title, a
directory of summaries) must render with the text exactly as written.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import pdf_pages_text

from briefwright.cli import main
from briefwright.summary import MAX_SUMMARY_BYTES

REST = b"source:\n  title: An article\nsummary: The bottom line.\nkey_points: [One point.]\n"
JSON_REST = b'"source": {"title": "S"}, "summary": "x", "key_points": ["p"]'
PWNED = Path("/tmp/briefwright-test-bad-inputs-owned")

BILLION_LAUGHS = b"""\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
title: *f
"""

# (case id, file name, content, expected stderr lines with {f} for the path given)
INVALID = [
    (
        "yaml-tag",
        "s.yaml",
        b'title: !!python/object/apply:os.system ["touch ' + bytes(PWNED) + b'"]\n' + REST,
        ["{f}:1:8: title: the YAML tag !!python/object/apply:os.system is not allowed"],
    ),
    (
        "alias",
        "s.yaml",
        b"name: &n Someone\ntitle: *n\n" + REST,
        ["{f}:2:8: YAML aliases (*n) are not allowed; write the value out"],
    ),
    (
        "alias-bomb",
        "s.yaml",
        BILLION_LAUGHS + REST,
        ["{f}:2:8: YAML aliases (*a) are not allowed; write the value out"],
    ),
    (
        "duplicate-key",
        "s.yaml",
        b"title: A\ntitle: B\n" + REST,
        ["{f}:2:1: title: duplicate key 'title' (first on line 1)"],
    ),
    (
        "json-duplicate-key",
        "s.json",
        b'{"title": "A", ' + JSON_REST + b', "title": "B"}',
        ["{f}:1:79: title: duplicate key 'title' (first at column 2)"],
    ),
    (
        "impossible-date",
        "s.yaml",
        b"title: A\ndate: 2025-02-30\n" + REST,
        ["{f}:2:1: date: 2025-02-30 is not a real date: February 2025 has 28 days"],
    ),
    *[
        (
            f"yaml-escape-{name}",
            "s.yaml",
            b'title: "a ' + escape + b' b"\n' + REST,
            [f"{{f}}:1:1: title: contains the character U+{code}, which documents cannot hold"],
        )
        for name, escape, code in [
            ("nul", rb"\0", "0000"),
            ("bell", rb"\a", "0007"),
            ("escape", rb"\e", "001B"),
            ("fffe", rb"\uFFFE", "FFFE"),
        ]
    ],
    (
        "yaml-escape-lone-surrogate",
        "s.yaml",
        b'title: "a \\ud800 b"\n' + REST,
        [
            "{f}:1:13: not valid YAML: while parsing a quoted scalar found invalid Unicode "
            "character escape code"
        ],
    ),
    *[
        (
            f"yaml-raw-{name}",
            "s.yaml",
            b"title: a " + raw + b" b\n" + REST,
            [f"{{f}}:1:10: the character U+{code} is not allowed in a YAML file"],
        )
        for name, raw, code in [
            ("nul", b"\x00", "0000"),
            ("c0", b"\x01", "0001"),
            ("fffe", "\ufffe".encode(), "FFFE"),
        ]
    ],
    (
        "yaml-raw-encoded-surrogate",
        "s.yaml",
        b"title: a \xed\xa0\x80 b\n" + REST,
        ["{f}:1:10: not UTF-8 text (byte 0xED); save the file as UTF-8"],
    ),
    *[
        (
            f"json-escape-{name}",
            "s.json",
            b'{"title": "a ' + escape + b' b", ' + JSON_REST + b"}",
            [f"{{f}}:1:2: title: contains the character U+{code}, which documents cannot hold"],
        )
        for name, escape, code in [
            ("nul", rb"\u0000", "0000"),
            ("c0", rb"\u001f", "001F"),
            ("lone-surrogate", rb"\ud800", "D800"),
            ("low-surrogate", rb"\udfff", "DFFF"),
            ("fffe", rb"\ufffe", "FFFE"),
        ]
    ],
    (
        "json-raw-c0",
        "s.json",
        b'{"title": "a \x01 b", ' + JSON_REST + b"}",
        [
            "{f}:1:14: not valid JSON: the control character U+0001 must be escaped "
            r"(\t, \n, \u00XX)"
        ],
    ),
    (
        "yaml-deep-nesting",
        "s.yaml",
        b"title: A\nsummary: " + b"[" * 100 + b"]" * 100 + b"\n",
        ["{f}:2:41: nesting deeper than 32 levels"],
    ),
    (
        "json-deep-nesting",
        "s.json",
        b'{"title": ' + b"[" * 100 + b"]" * 100 + b"}",
        ["{f}:1:42: nesting deeper than 32 levels"],
    ),
    (
        "yaml-huge-number",
        "s.yaml",
        b"title: A\nsource: {title: S}\nsummary: x\nkey_points:\n  - text: p\n"
        b"    priority: 99999999999999999999999999999999999\n",
        ["{f}:6:5: key_points[0].priority: must be at most 1000"],
    ),
    (
        "json-huge-number",
        "s.json",
        b'{"title": "a", "source": {"title": "S"}, "summary": "x", '
        b'"key_points": [{"text": "p", "priority": 1e999}]}',
        ["{f}:1:99: key_points[0].priority: number too large"],
    ),
    (
        "json-nan",
        "s.json",
        b'{"title": "a", "source": {"title": "S"}, "summary": "x", '
        b'"key_points": [{"text": "p", "priority": NaN}]}',
        ["{f}:1:99: key_points[0].priority: NaN and Infinity are not numbers a summary can hold"],
    ),
    (
        "non-utf8",
        "s.yaml",
        b"title: caf\xe9\n" + REST,
        ["{f}:1:11: not UTF-8 text (byte 0xE9); save the file as UTF-8"],
    ),
    (
        "over-size-limit",
        "s.yaml",
        b"title: A\n" + REST + b"subtitle: " + b"x" * MAX_SUMMARY_BYTES + b"\n",
        ["{f}: larger than the limit of 2 MiB"],
    ),
]


def _render(*args: str):
    return CliRunner().invoke(main, ["render", *args])


def _assert_refused(result, expected: list[str], exit_code: int, out: Path) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines() == expected
    assert result.exit_code == exit_code
    assert result.stdout == ""
    assert not out.exists() or not any(out.iterdir()), "nothing may be written"


@pytest.mark.parametrize(
    ("name", "content", "expected"), [case[1:] for case in INVALID], ids=[c[0] for c in INVALID]
)
def test_invalid_summary_gets_located_one_line_errors_and_exit_3(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out"
    result = _render(str(path), "-o", str(out))
    _assert_refused(result, [line.format(f=path) for line in expected], 3, out)
    assert not PWNED.exists(), "a YAML tag ran a command"


def test_missing_path_is_invalid_input(tmp_path):
    out = tmp_path / "out"
    result = _render(str(tmp_path / "nowhere.yaml"), "-o", str(out))
    _assert_refused(result, [f"{tmp_path / 'nowhere.yaml'}: no such file"], 3, out)


def test_empty_directory_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out"
    result = _render(str(tmp_path / "empty"), "-o", str(out))
    expected = f"{tmp_path / 'empty'}: no summaries found (*.yaml, *.yml, *.json)"
    _assert_refused(result, [expected], 2, out)


def test_a_directory_renders_every_summary_inside(tmp_path):
    folder = tmp_path / "summaries"
    folder.mkdir()
    (folder / "one.yaml").write_bytes(b"title: First briefing\n" + REST)
    (folder / "two.json").write_bytes(b'{"title": "Second briefing", ' + JSON_REST + b"}")
    (folder / "notes.txt").write_text("not a summary")
    out = tmp_path / "out"
    result = _render(str(folder), "-o", str(out), "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert (out / "one.analyst.md").read_text(encoding="utf-8").count("First briefing") == 1
    assert "Second briefing" in (out / "two.analyst.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "one.analyst.md",
        "two.analyst.md",
    ]


def _md_text(markdown: str) -> str:
    """The text a reader sees in Markdown: parsed back, escapes resolved, whitespace folded."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    parts = [
        child.content
        for token in parser.parse(markdown)
        if token.type == "inline"
        for child in token.children or ()
        if child.type in ("text", "code_inline")
    ]
    return " ".join(" ".join(parts).split())


YAML11 = b"""\
title: no
subtitle: 1.10
author: 10:30
organization: yes
source:
  title: off
summary: 0x1F
key_points: [ON, 007]
"""


def test_yaml_1_1_look_alikes_stay_the_text_written(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_bytes(YAML11)
    result = _render(str(path), "-o", str(tmp_path / "out"), "-f", "md")
    assert result.exit_code == 0, result.stderr
    markdown = (tmp_path / "out" / "s.analyst.md").read_text(encoding="utf-8")
    text = _md_text(markdown)
    for expected in ["no", "1.10", "Prepared by 10:30, yes", "Source: off", "0x1F", "ON", "007"]:
        assert re.search(rf"(^| ){re.escape(expected)}( |$)", text), expected
    for converted in ["False", "True", "630", "1.1 ", "31", "False"]:
        assert converted not in text


def test_a_300_character_title_renders_everywhere(tmp_path):
    import docx

    title = ("Lavrov in Yerevan, Armenia, Azerbaijan and the CSTO " * 7)[:300].strip()
    assert len(title) == 300
    path = tmp_path / "s.yaml"
    path.write_bytes(f"title: {title}\n".encode() + REST)
    out = tmp_path / "out"
    result = _render(str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    properties = docx.Document(io.BytesIO((out / "s.analyst.docx").read_bytes())).core_properties
    assert len(properties.title) <= 255
    assert title.startswith(properties.title.rstrip("…").rstrip())
    pdf_text = "".join("".join(pdf_pages_text((out / "s.analyst.pdf").read_bytes())).split())
    assert "".join(title.split()) in pdf_text
    assert title in _md_text((out / "s.analyst.md").read_text(encoding="utf-8"))
