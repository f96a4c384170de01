"""Request bodies have a size limit: uploads to ``/imports`` one setting, JSON bodies 1 MiB.

A pure ASGI middleware: a declared Content-Length over the limit is refused
before anything is read; a body that runs over while streaming (chunked) is
cut off and answered with the same 413, whatever the handler was doing.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import PROBLEM_MEDIA_TYPE

__all__ = ["JSON_BODY_LIMIT", "BodyLimitMiddleware"]

JSON_BODY_LIMIT = 1024 * 1024
_WITH_BODY = {"POST", "PUT", "PATCH"}


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, upload_limit: int, body_limit: int = JSON_BODY_LIMIT):
        self.app = app
        self.upload_limit = upload_limit
        self.body_limit = body_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _WITH_BODY:
            await self.app(scope, receive, send)
            return
        upload = scope["path"].rstrip("/").endswith("/imports")
        limit = self.upload_limit if upload else self.body_limit
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _send_too_large(send, scope, limit, upload)
            return
        received = 0
        exceeded = False
        started = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                if not started:
                    started = True
                    await _send_too_large(send, scope, limit, upload)
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not started:
                await _send_too_large(send, scope, limit, upload)


async def _send_too_large(send: Send, scope: Scope, limit: int, upload: bool) -> None:
    what = "an upload" if upload else "a request body"
    body = json.dumps(
        {
            "type": "tag:graphcrm,2025:problem:payload_too_large",
            "title": "Content too large",
            "status": 413,
            "detail": f"{what} may be at most {limit} bytes; nothing was read or written",
            "code": "payload_too_large",
            "instance": scope["path"],
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
