"""Every example in the OpenAPI document is accepted by the service.

Each operation is sent its own examples (path and query parameters, and the
request body's example) with an admin key, against fresh stores holding the
account the examples describe (api.examples.example_dataset, written by team A)
and the team the admin examples name. A creation's record is first deleted
through the operation the document links to (``DELETE`` of the record created),
so the example creates it anew. The answer must be a success, and every read
the created record links to (OpenAPI links, filled from the answer) must find it.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from api import create_app
from api.examples import example_dataset
from tests.api.conftest import ApiEnv, make_settings

_PARAM = re.compile(r"\{([^}]+)\}")
_DOCUMENT = create_app(make_settings(Path("unused"))).openapi()  # stores open only when served
OPERATIONS = [
    (method.upper(), path)
    for path, operations in _DOCUMENT["paths"].items()
    for method in operations
]


def _example(param: dict[str, Any]) -> Any:
    if "example" in param:
        return param["example"]
    examples = param.get("schema", {}).get("examples") or []
    return examples[0] if examples else None


def _body_example(operation: dict[str, Any]) -> tuple[str, Any] | None:
    for media, content in operation.get("requestBody", {}).get("content", {}).items():
        if "example" in content:
            return media, content["example"]
        ref = content.get("schema", {}).get("$ref", "")
        component = _DOCUMENT["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
        if component.get("examples"):
            return media, component["examples"][0]
    return None


# What must go first for an example to be accepted: a staff member who owns a plan
# and an action cannot be deleted (409), so those go before deleting or re-creating Ann.
_FIRST = {
    ("DELETE", "/api/v1/staff/{staff_id}"): ("/accounts/acme/actions/act-visit",),
    ("POST", "/api/v1/staff"): ("/accounts/acme/actions/act-visit",),
}
_FIRST = {k: (*v, "/accounts/acme/plans/p-chen") for k, v in _FIRST.items()}


@pytest.fixture
def example_env(empty_env: ApiEnv) -> ApiEnv:
    """Fresh stores with the example account, written by team A."""
    empty_env.team("a").write(example_dataset(), on=date(2025, 1, 1))
    return empty_env


def _admin_examples_team(env: ApiEnv) -> None:
    """The team ``east-sales`` the admin examples name, with a key of the example key id."""
    made = env.services.access.create_key("east-sales", "bi", create_team=True)
    with sqlite3.connect(env.settings.access_db) as db:
        db.execute("UPDATE api_keys SET id = '3f9a1c2e' WHERE id = ?", [made.info.id])


def _caller(path: str) -> str:
    """The operator for the examples that manage another team (``east-sales``); else team A."""
    operator_paths = ("/api/v1/admin/teams", "/api/v1/admin/keys", "/api/v1/admin/accounts")
    return "op" if path.startswith(operator_paths) else "a"


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_example_is_accepted(example_env: ApiEnv, method: str, path: str) -> None:
    env = example_env
    operation = _DOCUMENT["paths"][path][method.lower()]
    params = {p["name"]: (p, _example(p)) for p in operation.get("parameters", [])}
    path_values = {name: v for name, (p, v) in params.items() if p["in"] == "path"}
    assert None not in path_values.values(), f"a path parameter without an example: {path_values}"
    query = {name: v for name, (p, v) in params.items() if p["in"] == "query" and v is not None}
    url = _PARAM.sub(lambda m: str(path_values[m.group(1)]), path)
    body = _body_example(operation)
    if (method, path) != ("POST", "/api/v1/admin/teams"):  # that example creates the team
        _admin_examples_team(env)
    for first in _FIRST.get((method, path), ()):
        assert env.delete("a", first).status_code == 200
    _delete_what_the_example_creates(env, operation, path_values, body)
    options: dict[str, Any] = {"headers": env.auth(_caller(path)), "params": query}
    if body is not None:
        media, value = body
        if media == "multipart/form-data":
            options["files"] = {k: ("data.json", v, "application/json") for k, v in value.items()}
        else:
            options["json"] = value
    answer = env.client.request(method, url, **options)
    assert 200 <= answer.status_code < 300, (method, url, query, body, answer.text)
    if answer.status_code == 201:
        _follow_read_links(env, operation, path_values, answer.json())


def _follow_read_links(
    env: ApiEnv, operation: dict[str, Any], path_values: dict[str, Any], created: Any
) -> None:
    """Every GET the created record links to answers 200 with its values filled in."""
    for name, link in operation["responses"]["201"].get("links", {}).items():
        if not name.startswith("GET"):
            continue
        values = {}
        for param, source in link["parameters"].items():
            if source.startswith("$request.path."):
                values[param] = path_values[source.removeprefix("$request.path.")]
            else:
                values[param] = created[source.removeprefix("$response.body#/")]
        url = _fill(_path_of(link["operationId"]), values)
        read = env.client.get(url, headers=env.auth("a"))
        assert read.status_code == 200, (name, url, read.text)


def _fill(template: str, values: dict[str, Any]) -> str:
    return _PARAM.sub(lambda m: str(values[m.group(1)]), template)


def _path_of(operation_id: str) -> str:
    return next(
        p
        for p, ops in _DOCUMENT["paths"].items()
        for op in ops.values()
        if op.get("operationId") == operation_id
    )


def _delete_what_the_example_creates(
    env: ApiEnv, operation: dict[str, Any], path_values: dict[str, Any], body: Any
) -> None:
    links = operation.get("responses", {}).get("201", {}).get("links", {})
    delete = next((link for name, link in links.items() if name.startswith("DELETE")), None)
    if delete is None or body is None:
        return
    values = {}
    for name, source in delete["parameters"].items():
        if source.startswith("$request.path."):
            values[name] = path_values[source.removeprefix("$request.path.")]
        elif (field := source.removeprefix("$response.body#/")) in body[1]:
            values[name] = body[1][field]
        else:
            return  # the service picks the new record's id (a key): nothing to clear
    url = _fill(_path_of(delete["operationId"]), values)
    answer = env.client.delete(url, headers=env.auth("a"))
    assert answer.status_code in (200, 404), answer.text


def test_an_optional_id_given_as_null_is_none_given(example_env: ApiEnv) -> None:
    # The schema allows null for an action's id (schemathesis sent it; it was refused).
    body = {"id": None, "person_id": "p-chen", "description": "Send the case study"}
    answer = example_env.post("a", "/accounts/acme/actions", json=body)
    assert answer.status_code == 201, answer.text
    assert answer.json()["id"].startswith("act-")
    refused = example_env.post("a", "/accounts/acme/actions", json={**body, "id": ""})
    assert refused.status_code == 422 and refused.json()["field"] == "id"
