"""The HTTP API of `briefwright serve`, used over HTTP against the real server in a subprocess."""

from __future__ import annotations

import asyncio
import email
import email.policy
import io
import json
import subprocess
import sys
import zipfile

import httpx
import pytest
import yaml
from conftest import SAMPLE, pdf_pages_text, squash
from serve_helpers import TEST_TEMPLATES, running_server

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
TITLE = "Lavrov in Yerevan: Moscow Courts Armenia as Ties with Baku Sour"
YAML = {"Content-Type": "application/yaml"}
ALL = ("pdf", "docx", "md", "html")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    options = ["--workers", "2", "--queue", "64", "--templates", str(TEST_TEMPLATES)]
    with running_server(tmp, *options) as running:
        yield running


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def cli_files(tmp_path_factory) -> dict[str, bytes]:
    """What `briefwright render` writes for the sample: every format, executive and analyst."""
    out = tmp_path_factory.mktemp("cli")
    formats = [arg for fmt in ALL for arg in ("-f", fmt)]
    command = [sys.executable, "-m", "briefwright", "render", str(SAMPLE), "-o", str(out)]
    command += ["-t", "executive", "-t", "analyst", "-t", "public", *formats, "-q"]
    subprocess.run(command, check=True)
    return {path.name: path.read_bytes() for path in out.iterdir() if not path.name.startswith(".")}


def render(http, *, body=SAMPLE_TEXT, headers=YAML, **params) -> httpx.Response:
    params.setdefault("name", SAMPLE.name)
    return http.post("/api/render", content=body.encode("utf-8"), headers=headers, params=params)


def broken(line_from: str, line_to: str) -> str:
    assert line_from in SAMPLE_TEXT
    return SAMPLE_TEXT.replace(line_from, line_to, 1)


# --- render -------------------------------------------------------------------------------


def test_render_pdf_is_the_cli_file_byte_for_byte(http, cli_files):
    answer = render(http, template="executive", format="pdf")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    name = "lavrov-yerevan-2025.executive.pdf"
    assert answer.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert answer.content == cli_files[name]
    assert TITLE in squash(pdf_pages_text(answer.content)[0])


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("md", "text/markdown"),
        ("html", "text/html"),
    ],
)
def test_render_each_format_is_the_cli_file(http, cli_files, fmt, media):
    answer = render(http, template="analyst", format=fmt)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].split(";")[0] == media
    assert answer.content == cli_files[f"lavrov-yerevan-2025.analyst.{fmt}"]


def test_markings_follow_the_templates_rules_as_in_the_cli(http, cli_files):
    # the public template shows no marking but TLP:CLEAR: the sample's TLP:AMBER is left out
    answer = render(http, template="public", format="md")
    assert answer.content == cli_files["lavrov-yerevan-2025.public.md"]
    assert b"TLP:AMBER" not in answer.content
    assert b"TLP:AMBER" in render(http, template="analyst", format="md").content


def test_several_formats_and_templates_come_as_one_zip_of_the_cli_files(http, cli_files):
    answer = render(http, template="executive,analyst", format=["pdf", "docx", "md"])
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/zip"
    assert 'filename="lavrov-yerevan-2025.zip"' in answer.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    expected = [f"lavrov-yerevan-2025.{t}.{f}" for t in ("executive", "analyst") for f in ALL[:3]]
    assert sorted(members) == sorted(expected)
    for name, data in members.items():
        assert data == cli_files[name], name


def test_json_body_renders_as_the_yaml_does(http):
    data = yaml.safe_load(SAMPLE_TEXT)
    body = json.dumps(data, default=str, ensure_ascii=False)
    answer = render(http, body=body, headers={"Content-Type": "application/json"}, format="md")
    assert answer.status_code == 200, answer.text
    assert answer.content == render(http, format="md").content


def test_fifty_concurrent_renders_are_each_the_cli_file(server, cli_files):
    expected = cli_files["lavrov-yerevan-2025.executive.pdf"]

    async def fifty() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=server.url, timeout=120) as client:
            params = {"template": "executive", "format": "pdf", "name": SAMPLE.name}
            body = SAMPLE_TEXT.encode("utf-8")
            requests = [
                client.post("/api/render", content=body, headers=YAML, params=params)
                for _ in range(50)
            ]
            return await asyncio.gather(*requests)

    answers = asyncio.run(fifty())
    assert [a.status_code for a in answers] == [200] * 50
    assert all(a.content == expected for a in answers)


# --- errors -------------------------------------------------------------------------------


def test_an_invalid_summary_is_422_with_the_clis_located_lines(http, tmp_path):
    text = broken("date: 2025-05-22", "date: 2025-13-22")
    answer = render(http, body=text, name="broken.yaml", format="pdf")
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "briefwright", "validate", "broken.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert cli.returncode == 3
    assert [p["text"] for p in problems] == cli.stderr.splitlines()
    assert problems[0]["line"] == SAMPLE_TEXT.splitlines().index("date: 2025-05-22") + 1
    assert problems[0]["field"] == "date"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [({"Content-Type": "text/plain"}, "text/plain"), ({}, "no Content-Type")],
)
def test_a_body_that_is_not_yaml_or_json_is_415(http, headers, expected):
    answer = http.post("/api/render", content=b"title: x", headers=headers)
    assert answer.status_code == 415
    assert expected in answer.json()["error"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"template": "exectuive"}, "did you mean 'executive'?"),
        ({"template": "../../etc"}, "unknown template '../../etc'"),
        ({"template": str(TEST_TEMPLATES / "slow")}, "unknown template"),
        ({"format": "odt"}, "odt"),
    ],
)
def test_unknown_templates_formats_and_template_paths_are_400(http, params, expected):
    answer = render(http, **params)
    assert answer.status_code == 400
    assert expected in answer.json()["error"]


def test_text_that_is_not_utf8_is_400(http):
    answer = http.post("/api/render", content="title: é".encode("latin-1"), headers=YAML)
    assert answer.status_code == 400
    assert "not UTF-8" in answer.json()["error"]


def test_a_summary_never_makes_the_server_read_its_source_text(http):
    text = broken("text: lavrov-yerevan-visit-2025.txt", "text: /etc/passwd")
    answer = render(http, body=text, format="md")
    assert answer.status_code == 200
    assert b"root:" not in answer.content


# --- validate, check, mail ----------------------------------------------------------------


def test_validate_says_ok_or_lists_every_problem(http):
    good = http.post("/api/validate", content=SAMPLE_TEXT.encode(), headers=YAML)
    assert good.status_code == 200
    assert good.json() == {"ok": True, "problems": []}
    text = broken("date: 2025-05-22", "date: 2025-02-30").replace("title:", "titel:", 1)
    bad = http.post("/api/validate", content=text.encode(), headers=YAML)
    verdict = bad.json()
    assert bad.status_code == 200 and verdict["ok"] is False
    fields = {p["field"] for p in verdict["problems"]}
    assert {"date", "titel", "title"} <= fields
    assert all(set(p) >= {"line", "column", "field", "message"} for p in verdict["problems"])


def check(http, summary: str, article: bytes, article_name: str) -> httpx.Response:
    files = {
        "summary": ("lavrov-yerevan-2025.yaml", summary.encode(), "application/yaml"),
        "source": (article_name, article, "text/plain"),
    }
    return http.post("/api/check", files=files)


def test_check_finds_every_quote_in_the_uploaded_article(http):
    article = (SAMPLE.parent / "lavrov-yerevan-visit-2025.txt").read_bytes()
    answer = check(http, SAMPLE_TEXT, article, "lavrov-yerevan-visit-2025.txt")
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["ok"] is True
    assert report["summaries"][0]["quotes_checked"] == 7


def test_check_reports_a_misquote_against_the_upload(http):
    article = (SAMPLE.parent / "lavrov-yerevan-visit-2025.txt").read_bytes()
    text = broken("committed to strengthening", "committed to weakening")
    report = check(http, SAMPLE_TEXT, article, "x.txt")
    assert report.status_code == 422  # source.text names another file than the upload
    where = report.json()["problems"][0]
    line = SAMPLE_TEXT.splitlines().index("  text: lavrov-yerevan-visit-2025.txt") + 1
    assert where["text"].startswith(f"lavrov-yerevan-2025.yaml:{line}:3: source.text: names ")
    assert "lavrov-yerevan-visit-2025.txt" in where["message"]
    answer = check(http, text, article, "lavrov-yerevan-visit-2025.txt")
    assert answer.status_code == 200
    assert answer.json()["ok"] is False


def test_check_never_reads_a_server_file(http):
    text = broken("text: lavrov-yerevan-visit-2025.txt", "text: /etc/passwd")
    answer = check(http, text, b"Nothing quoted here.", "passwd")
    assert answer.status_code == 200, answer.text
    assert answer.json()["summaries"][0]["ok"] is False  # checked against the upload only
    assert "root" not in answer.text


def test_check_needs_a_multipart_form_with_a_source(http):
    assert http.post("/api/check", content=b"x", headers=YAML).status_code == 415
    files = {"summary": ("s.yaml", SAMPLE_TEXT.encode(), "application/yaml")}
    answer = http.post("/api/check", files=files)
    assert answer.status_code == 400
    assert "source" in answer.json()["error"]


def test_mail_is_an_eml_with_the_marking_and_the_attachment(http):
    params = {"template": "executive", "attach": "pdf,docx", "to": "desk@example.org"}
    params["name"] = SAMPLE.name
    answer = http.post("/api/mail", content=SAMPLE_TEXT.encode(), headers=YAML, params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "message/rfc822"
    assert 'filename="lavrov-yerevan-2025.executive.eml"' in answer.headers["content-disposition"]
    message = email.message_from_bytes(answer.content, policy=email.policy.default)
    assert message["Subject"].strip() == f"[TLP:AMBER] {TITLE}"
    assert message["To"] == "desk@example.org"
    attached = [part.get_content_type() for part in message.iter_attachments()]
    assert "application/pdf" in attached
    pdf = next(p for p in message.iter_attachments() if p.get_content_type() == "application/pdf")
    assert TITLE in squash(pdf_pages_text(pdf.get_content())[0])


# --- listings, health, metrics, docs ------------------------------------------------------


def test_templates_lists_the_configured_and_built_in_ones(http):
    listing = http.get("/api/templates").json()
    names = [t["name"] for t in listing["templates"]]
    assert {"analyst", "executive", "public", "brief-note", "slow"} <= set(names)
    assert "base" not in names
    assert listing["formats"] == ["docx", "pdf", "md", "html"]
    assert not any(str(TEST_TEMPLATES) in json.dumps(t) for t in listing["templates"])


def test_schema_is_the_clis(http):
    cli = subprocess.run(
        [sys.executable, "-m", "briefwright", "schema"], capture_output=True, check=True
    )
    assert http.get("/api/schema").json() == json.loads(cli.stdout)


def test_healthz_counts_warm_workers(http):
    answer = http.get("/healthz")
    assert answer.status_code == 200
    assert answer.json()["workers"] == 2 and answer.json()["ready"] == 2


def test_metrics_count_renders_failures_and_latency(http):
    def sample(text: str, name: str) -> float:
        lines = [line for line in text.splitlines() if line.startswith(name + " ")]
        return float(lines[0].split()[-1]) if lines else 0.0

    before = http.get("/metrics").text
    render(http, format="md")
    render(http, body=broken("date: 2025-05-22", "date: 2025-13-22"), format="md")
    answer = http.get("/metrics")
    assert answer.headers["content-type"].startswith("text/plain")
    after = answer.text
    assert (
        sample(after, "briefwright_renders_total")
        == sample(before, "briefwright_renders_total") + 1
    )
    invalid = 'briefwright_failures_total{reason="invalid"}'
    assert sample(after, invalid) == sample(before, invalid) + 1
    histogram = 'briefwright_work_seconds_count{route="render"}'
    assert sample(after, histogram) == sample(before, histogram) + 2
    assert 'briefwright_work_seconds_bucket{le="0.25",route="render"}' in after


def test_openapi_and_docs_describe_every_route(http):
    spec = http.get("/openapi.json").json()
    routes = ["/api/render", "/api/validate", "/api/check", "/api/mail", "/api/templates"]
    routes += ["/api/schema", "/healthz", "/metrics"]
    assert sorted(spec["paths"]) == sorted(routes)
    assert set(spec["paths"]["/api/render"]["post"]["responses"]) >= {
        "400",
        "413",
        "415",
        "422",
        "503",
        "504",
    }
    summary = spec["components"]["schemas"]["Summary"]
    assert "title" in summary["required"]
    assert all(ref.startswith("#/components/schemas/") for ref in _refs(spec))
    docs = http.get("/docs")
    assert docs.status_code == 200
    for route in routes:
        assert route in docs.text


def _refs(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_logs_hold_no_summary_content(server, http):
    render(http, format="md")
    log = server.log_text()
    assert "POST /api/render" in log
    assert "Lavrov" not in log and "Yerevan" not in log
