"""The server's safety defaults over HTTP: the token rule, the size cap, the deadline, the queue."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import httpx
import pytest
from conftest import SAMPLE
from serve_helpers import FACTORY, TEST_TEMPLATES, running_server, wait_until_ready

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

TOKEN = "correct-horse-battery-staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
YAML = {"Content-Type": "application/yaml", **AUTH}
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SLOW_TEXT = SAMPLE_TEXT.replace(
    'title: "Lavrov in Yerevan: Moscow Courts Armenia as Ties with Baku Sour"', "title: Slow", 1
)
LIMIT = 64 * 1024
DEADLINE = 1.5


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One worker, no queue, a short deadline, a 64 KiB cap and a token."""
    tmp = tmp_path_factory.mktemp("serve-limits")
    options = ["--workers", "1", "--queue", "0", "--deadline", str(DEADLINE)]
    options += ["--max-request-bytes", str(LIMIT), "--templates", str(TEST_TEMPLATES)]
    with running_server(tmp, *options, env={"BRIEFWRIGHT_TOKEN": TOKEN}) as running:
        yield running


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def render(http, body: str = SAMPLE_TEXT, template: str = "analyst", **kwargs) -> httpx.Response:
    params = {"template": template, "format": "md"}
    return http.post("/api/render", content=body.encode(), params=params, **kwargs)


def test_listening_beyond_loopback_needs_a_token():
    command = [sys.executable, "-m", "briefwright", "serve", "--host", "0.0.0.0", "--port", "1"]
    env = {k: v for k, v in os.environ.items() if k != "BRIEFWRIGHT_TOKEN"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 2
    assert "--token" in done.stderr and "BRIEFWRIGHT_TOKEN" in done.stderr


def test_a_short_token_is_refused():
    command = [sys.executable, "-m", "briefwright", "serve", "--token", "short", "--port", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "at least 16 characters" in done.stderr


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token-of-some-length"}, {"Authorization": TOKEN}],
)
def test_the_api_needs_the_bearer_token(http, headers):
    for answer in (
        http.post(
            "/api/render", content=b"x", headers={"Content-Type": "application/yaml", **headers}
        ),
        http.get("/api/templates", headers=headers),
        http.get("/metrics", headers=headers),
    ):
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"].startswith("Bearer")


def test_with_the_token_the_api_answers(http):
    assert http.get("/api/templates", headers=AUTH).status_code == 200
    answer = render(http, headers=YAML)
    assert answer.status_code == 200, answer.text
    assert answer.content.startswith(b"TLP:AMBER") or b"Lavrov" in answer.content


def test_the_page_docs_and_health_need_no_token(http):
    for path in ("/", "/docs", "/openapi.json", "/healthz", "/static/app.js"):
        assert http.get(path).status_code == 200, path


def test_a_body_declared_too_large_is_413_before_it_is_read(http):
    body = SAMPLE_TEXT + "#" * LIMIT
    answer = render(http, body, headers=YAML)
    assert answer.status_code == 413
    assert f"{LIMIT:,} bytes" in answer.json()["error"]


def test_a_streamed_body_is_cut_off_at_the_limit(http):
    sent = []

    def chunks():
        for _ in range(64):  # 4 MiB in all, in 64 KiB pieces, with no Content-Length
            sent.append(1)
            yield b"#" * 65536

    params = {"template": "analyst", "format": "md"}
    try:
        answer = http.post("/api/render", content=chunks(), params=params, headers=YAML)
    except httpx.HTTPError:
        pytest.fail("the server should answer 413, not drop the connection")
    assert answer.status_code == 413
    assert len(sent) < 64  # it stopped reading well before the end


def test_the_size_cap_holds_for_multipart_uploads(http):
    files = {
        "summary": ("s.yaml", SAMPLE_TEXT.encode(), "application/yaml"),
        "source": ("a.txt", b"x" * (2 * LIMIT), "text/plain"),
    }
    assert http.post("/api/check", files=files, headers=AUTH).status_code == 413


def test_a_render_past_the_deadline_is_504_and_its_worker_replaced(server, http):
    started = time.monotonic()
    answer = render(http, SLOW_TEXT, template="slow", headers=YAML)
    assert answer.status_code == 504
    assert time.monotonic() - started < DEADLINE + 5
    assert "longer than 1.5 s" in answer.json()["error"]
    wait_until_ready(server)
    assert render(http, headers=YAML).status_code == 200


def test_a_full_queue_is_503_with_retry_after(server, http):
    wait_until_ready(server)
    slow: list[httpx.Response] = []
    thread = threading.Thread(
        target=lambda: slow.append(render(http, SLOW_TEXT, template="slow", headers=YAML))
    )
    thread.start()
    try:
        for _ in range(100):
            if http.get("/healthz").json()["busy"] == 1:
                break
            time.sleep(0.02)
        answer = render(http, headers=YAML)
        assert answer.status_code == 503
        assert answer.headers["retry-after"] == "1"
    finally:
        thread.join()
    assert slow[0].status_code == 504
    wait_until_ready(server)
    metrics = http.get("/metrics", headers=AUTH).text
    assert 'briefwright_failures_total{reason="busy"} 1.0' in metrics
    assert 'briefwright_failures_total{reason="deadline"}' in metrics


def test_under_uvicorn_the_factory_takes_its_settings_from_the_environment(tmp_path):
    env = {"BRIEFWRIGHT_TOKEN": TOKEN, "BRIEFWRIGHT_WORKERS": "1"}
    env["BRIEFWRIGHT_TEMPLATES"] = str(TEST_TEMPLATES)
    with running_server(tmp_path, env=env, factory=True) as server:
        url = server.url + "/api/render?template=slow&format=md"
        assert httpx.post(url, content=SAMPLE_TEXT.encode(), headers=YAML).status_code == 200
        refused = httpx.post(
            url, content=SAMPLE_TEXT.encode(), headers=YAML | {"Authorization": ""}
        )
        assert refused.status_code == 401


def test_the_factory_refuses_to_start_without_a_token():
    env = {k: v for k, v in os.environ.items() if k != "BRIEFWRIGHT_TOKEN"}
    command = [sys.executable, "-m", "uvicorn", "--factory", FACTORY, "--port", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode != 0
    assert "BRIEFWRIGHT_TOKEN" in done.stderr
