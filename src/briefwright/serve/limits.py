"""What every request passes before a route sees it: the token, the size cap, safe headers.

Plain ASGI middleware, so the size cap counts the body as it streams in and refuses it the
moment it passes the limit, without holding it first.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from briefwright.hosts import is_loopback

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# What anyone may fetch without the token: the page, its files, the docs and the health check.
PUBLIC_PATHS = ("/", "/docs", "/openapi.json", "/healthz")
PUBLIC_PREFIXES = ("/static/",)


class RequestTooLarge(Exception):
    """The request body passed the size cap while it was being read."""


class Guard:
    """Token check, size cap and security headers around the application."""

    def __init__(
        self, app: ASGIApp, *, token: str | None, max_bytes: int, page_policy: str
    ) -> None:
        self.app = app
        self.token = token.encode("utf-8") if token else None
        self.max_bytes = max_bytes
        self.page_policy = page_policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._with_headers(send)
        refusal = self._refusal(scope)
        if refusal is not None:
            await _answer(send, *refusal)
            return
        await self.app(scope, self._counted(receive), send)

    def _refusal(self, scope: Scope) -> tuple[int, str, dict[str, str]] | None:
        headers = _headers(scope)
        if not self._allowed(scope, headers):
            challenge = {"WWW-Authenticate": 'Bearer realm="briefwright"'}
            return 401, "a valid token is required: send 'Authorization: Bearer TOKEN'", challenge
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            return 413, self.too_large, {"Connection": "close"}
        return None

    @property
    def too_large(self) -> str:
        """The message of a 413."""
        return f"the request is larger than the limit of {self.max_bytes:,} bytes"

    def _allowed(self, scope: Scope, headers: dict[str, str]) -> bool:
        path = scope.get("path", "")
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            return True
        if self.token is None:
            # Without a token only this machine may ask, whatever address was bound.
            server = scope.get("server") or ("127.0.0.1", 0)
            return is_loopback(str(server[0]))
        scheme, _, given = headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode("utf-8"), self.token
        )

    def _counted(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise RequestTooLarge(self.too_large)
            return message

        return counted

    def _with_headers(self, send: Send) -> Send:
        policy = self.page_policy

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                for name, value in _security_headers(policy):
                    if name not in names:
                        headers.append((name, value))
                message["headers"] = headers
            await send(message)

        return send_with_headers


def _security_headers(policy: str) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", policy.encode("ascii")),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"cross-origin-resource-policy", b"same-origin"),
        (b"cache-control", b"no-store"),
    ]


def _headers(scope: Scope) -> dict[str, str]:
    return {
        name.decode("latin-1").lower(): value.decode("latin-1")
        for name, value in scope.get("headers", [])
    }


async def _answer(send: Send, status: int, message: str, headers: dict[str, str]) -> None:
    body = json.dumps({"status": status, "error": message, "problems": []}).encode("utf-8")
    extra = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
                *extra,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
