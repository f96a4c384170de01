"""A 405 names, in ``Allow``, every method the path takes: checked on every path of the app.

For each path template the app serves, a concrete path is built and every method
is tried on it; the methods that did not answer 405 are the ones the path takes,
and a 405's ``Allow`` must list exactly those and the route table's methods for
the template. Where a concrete segment overlaps a parameter (``/plans/from-next-
targets`` and ``/plans/{person_id}``) the concrete route is the resource, as in
OpenAPI, and its methods are the ones allowed.
Requests go with team A's admin key to unknown ids with no body, so none of them
changes anything.
"""

from __future__ import annotations

import re

from api.routes import route_table
from tests.api.conftest import ApiEnv

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "HEAD")
_PARAM = re.compile(r"\{[^}]+\}")


def _concrete(template: str) -> str:
    # An id no record has: a request that is allowed answers 404 or 422, never writes.
    return _PARAM.sub("zz-unknown", template)


def _overlaps(template: str, path: str) -> bool:
    parts, wanted = template.split("/"), path.split("/")
    return len(parts) == len(wanted) and all(
        p == w or p.startswith("{") for p, w in zip(parts, wanted, strict=True)
    )


def test_every_405_lists_every_method_of_the_path(env: ApiEnv) -> None:
    routes = [r for r in route_table(env.app) if r.methods]
    templates = sorted({r.path for r in routes})
    assert len(templates) > 60
    checked = 0
    for template in templates:
        path = _concrete(template)
        answers = {m: env.client.request(m, path, headers=env.auth("a")) for m in METHODS}
        taken = {m for m, answer in answers.items() if answer.status_code != 405}
        declared = {m for r in routes if r.path == template for m in r.methods}
        assert declared <= taken, (template, declared, taken)
        for method, answer in answers.items():
            if answer.status_code != 405:
                continue
            allow = {m.strip() for m in answer.headers["allow"].split(",")}
            assert allow == declared, (method, path, allow, declared)
            assert answer.headers["content-type"] == "application/problem+json"
            if method != "HEAD":  # a HEAD answer has no body
                assert answer.json()["code"] == "method_not_allowed"
            checked += 1
        if taken != declared:  # only where a parameter route also takes this path
            overlapping = [r.path for r in routes if r.path != template and _overlaps(r.path, path)]
            assert overlapping, (template, taken, declared)
    assert checked > 200


def test_accounts_allow_both_get_and_post(env: ApiEnv) -> None:
    answer = env.client.patch("/api/v1/accounts", headers=env.auth("a"))
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, POST"
    assert "this path takes GET, POST" in answer.json()["detail"]


def test_a_concrete_path_is_its_own_resource(env: ApiEnv) -> None:
    # /plans/from-next-targets (POST) overlaps /plans/{person_id} (GET, PUT, PATCH,
    # DELETE): the concrete path is the resource, as OpenAPI matches paths. (OPTIONS:
    # the one method neither takes, since plans have PATCH.)
    answer = env.client.options(
        "/api/v1/accounts/acme/plans/from-next-targets", headers=env.auth("a")
    )
    assert answer.status_code == 405
    assert answer.headers["allow"] == "POST"
    answer = env.client.options("/api/v1/accounts/acme/plans/p-chen", headers=env.auth("a"))
    assert answer.headers["allow"] == "DELETE, GET, PATCH, PUT"
