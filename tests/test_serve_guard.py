"""The guard in front of the application, in-process: who may ask without a token."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("starlette")

from briefwright.hosts import is_loopback  # noqa: E402
from briefwright.serve.config import ServeConfig  # noqa: E402
from briefwright.serve.limits import Guard  # noqa: E402

TOKEN = "0123456789abcdef"


async def _hello(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"hello"})


def ask(token, path, server, authorization=None):
    """(status, headers) of a GET through the guard, as if it came in on `server`."""
    guard = Guard(_hello, token=token, max_bytes=1024, page_policy="default-src 'none'")
    headers = [(b"authorization", authorization.encode())] if authorization else []
    scope = {"type": "http", "method": "GET", "path": path, "headers": headers, "server": server}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(guard(scope, receive, send))
    return sent[0]["status"], dict(sent[0]["headers"])


def test_without_a_token_only_what_comes_in_on_loopback_may_use_the_api():
    assert ask(None, "/api/x", ("10.0.0.7", 8000))[0] == 401
    assert ask(None, "/api/x", ("127.0.0.1", 8000))[0] == 200
    status, headers = ask(None, "/healthz", ("10.0.0.7", 8000))
    assert status == 200
    assert headers[b"content-security-policy"] == b"default-src 'none'"


def test_with_a_token_any_address_may_use_the_api_with_it():
    outside = ("10.0.0.7", 8000)
    assert ask(TOKEN, "/api/x", outside)[0] == 401
    assert ask(TOKEN, "/api/x", ("127.0.0.1", 8000))[0] == 401  # the token holds on loopback too
    assert ask(TOKEN, "/api/x", outside, f"Bearer {TOKEN}")[0] == 200
    assert ask(TOKEN, "/api/x", outside, f"bearer {TOKEN}")[0] == 200
    assert ask(TOKEN, "/api/x", outside, f"Bearer {TOKEN[:-1]}F")[0] == 401
    assert ask(TOKEN, "/api/x", outside, TOKEN)[0] == 401


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback
    config = ServeConfig(host=host)
    if loopback:
        assert config.checked() is config
    else:
        with pytest.raises(Exception, match="token"):
            config.checked()


def test_the_policy_allows_every_inline_style_of_a_real_briefing_and_nothing_else():
    import base64
    import hashlib
    import re

    from conftest import SAMPLE

    import briefwright
    from briefwright.serve.policy import page_policy, preview_style_hashes

    templates = ("analyst", "executive", "public", "brief-note")
    policy = page_policy(preview_style_hashes(templates, ()))
    assert "default-src 'none'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    for template in templates:
        html = briefwright.render_bytes(SAMPLE, formats="html", template=template)["html"].decode()
        styles = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
        styles += re.findall(r'\sstyle="([^"]*)"', html)
        assert styles
        for css in styles:
            digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, (template, css[:40])
