"""The OpenAPI document lists every status a route answers, each error as problem details.

Every operation of the document is probed the ways a client goes wrong: no key,
a read-only key, another team's key, an id of the wrong shape, a malformed JSON
body, a body over the limit, an ``as_of`` after today. Whatever each answers must
be a status the document lists for that operation, and an error must be RFC 9457
problem details whose status is the answer's. None of the probes changes anything.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

from api.limits import JSON_BODY_LIMIT
from tests.api.conftest import ApiEnv

PROBLEM = "application/problem+json"
_PARAM = re.compile(r"\{([^}]+)\}")


@pytest.fixture(scope="module")
def document(shared_app: Any) -> dict[str, Any]:
    app, _ = shared_app
    return app.openapi()  # type: ignore[no-any-return]


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]


def _path(path: str, operation: dict[str, Any], **override: str) -> str:
    examples = {
        p["name"]: (p.get("examples") or p["schema"].get("examples") or ["acme"])[0]
        for p in operation.get("parameters", [])
        if p["in"] == "path"
    }
    examples.update(override)
    return _PARAM.sub(lambda m: str(examples[m.group(1)]), path)


def test_every_error_status_listed_is_problem_details(document: dict[str, Any]) -> None:
    listed = 0
    for method, path, operation in _operations(document):
        for status, answer in operation["responses"].items():
            if int(status) < 400:
                continue
            schema = answer["content"][PROBLEM]["schema"]
            assert schema == {"$ref": "#/components/schemas/Problem"}, (method, path, status)
            listed += 1
    assert listed > 400
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "code"}


def test_every_operation_lists_what_it_answers(env: ApiEnv, document: dict[str, Any]) -> None:
    before = env.snapshot()
    future = (date.today() + timedelta(days=1)).isoformat()
    seen: dict[int, int] = {}
    for method, path, operation in _operations(document):
        params = operation.get("parameters", [])
        body = operation.get("requestBody", {}).get("content", {})
        secured = bool(operation.get("security"))
        probes: list[tuple[str, dict[str, Any]]] = [(_path(path, operation), {})]
        if secured:
            probes += [
                (_path(path, operation), {"headers": env.auth("a_ro")}),
                (_path(path, operation), {"headers": env.auth("b")}),
            ]
        if method == "GET":
            probes.append((_path(path, operation), {"headers": env.auth("a")}))
        if any(p["in"] == "path" for p in params):
            wrong = {p["name"]: "not an id!" for p in params if p["in"] == "path"}
            probes.append((_path(path, operation, **wrong), {"headers": env.auth("a")}))
        if "application/json" in body:
            malformed = {"content": b"{not json", "headers": _json(env)}
            probes.append((_path(path, operation), malformed))
        if method in ("POST", "PUT", "PATCH"):
            oversize = {"content": b" " * (JSON_BODY_LIMIT + 1), "headers": _json(env)}
            probes.append((_path(path, operation), oversize))
        if any(p["name"] == "as_of" for p in params):
            late = {"headers": env.auth("a"), "params": {"as_of": future}}
            probes.append((_path(path, operation), late))
        for url, options in probes:
            if method in ("POST", "PUT") and "content" not in options:
                options = {**options, "json": {}}  # an empty body: refused, never written
            answer = env.client.request(method, url, **options)
            status = answer.status_code
            assert str(status) in operation["responses"], (method, url, status, answer.text)
            seen[status] = seen.get(status, 0) + 1
            if status >= 400:
                assert answer.headers["content-type"] == PROBLEM, (method, url)
                problem = answer.json()
                assert problem["status"] == status and problem["code"] and problem["detail"]
                assert problem["type"].endswith(problem["code"])
                if problem["code"] == "as_of_in_future":
                    rules = operation["responses"]["422"]["x-refused-when"]
                    assert any(r["code"] == "as_of_in_future" for r in rules), (method, path)
    assert env.snapshot() == before
    # Each kind of refusal was met: the probes reach the statuses the document lists.
    assert {400, 401, 403, 404, 413, 422} <= set(seen), seen


def _json(env: ApiEnv) -> dict[str, str]:
    return {**env.auth("a"), "Content-Type": "application/json"}
