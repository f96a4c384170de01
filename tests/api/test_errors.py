"""Bad input gets the right status and problem code, and changes nothing.

Covers oversize uploads and bodies, malformed JSON, wrong types, unknown fields
(rejected, never ignored: no mass assignment), ids of the wrong shape, and
as_of in the future or malformed. Every answer is problem details with no
trace of the server's internals.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api import create_app
from tests.api.conftest import ApiEnv, TestClient, make_keys, make_settings

PROBLEM = "application/problem+json"
INTERNALS = ("Traceback", "sqlite", "SELECT", "INSERT", "MATCH (", 'File "', ".py")


def assert_problem(answer: object, status: int, code: str, field: str | None = None) -> dict:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert body["status"] == status and body["code"] == code
    assert body["type"].endswith(code) and body["title"] and body["detail"]
    if field is not None:
        assert body["field"] == field
    assert not any(word in answer.text for word in INTERNALS)
    return body


class TestMalformedBodies:
    def test_malformed_json(self, env: ApiEnv) -> None:
        before = env.snapshot()
        answer = env.post(
            "a",
            "/accounts/acme/people",
            content=b'{"id": "x", "name": ',
            headers={"content-type": "application/json"},
        )
        assert_problem(answer, 400, "malformed_json")
        assert env.snapshot() == before

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"id": "x", "name": ["not", "text"]}, "name"),
            ({"id": "x", "name": "X", "roles": 7}, "roles"),
            ({"id": 12.5, "name": "X"}, "id"),
            ({"id": "x", "name": "X", "layer": "boss"}, "layer"),
            ({"name": "X"}, "id"),
        ],
    )
    def test_wrong_types(self, env: ApiEnv, body: dict, field: str) -> None:
        before = env.snapshot()
        answer = env.post("a", "/accounts/acme/people", json=body)
        problem = assert_problem(answer, 422, "invalid_request", field)
        assert problem["errors"][0]["location"] == "body"
        assert env.snapshot() == before

    @pytest.mark.parametrize(
        ("path", "body", "field"),
        [
            ("/accounts/acme/people", {"id": "x", "name": "X", "is_admin": True}, "is_admin"),
            (
                "/accounts/acme/people",
                {"id": "x", "name": "X", "account_id": "globex"},
                "account_id",
            ),
            ("/accounts", {"id": "x", "name": "X", "owner": "team-b"}, "owner"),
            ("/staff", {"id": "s-x", "name": "X", "valid_from": "2020-01-01"}, "valid_from"),
        ],
    )
    def test_unknown_fields_are_rejected_not_ignored(
        self, env: ApiEnv, path: str, body: dict, field: str
    ) -> None:
        before = env.snapshot()
        problem = assert_problem(env.post("a", path, json=body), 422, "invalid_request", field)
        assert "unknown field" in problem["errors"][0]["message"]
        assert env.snapshot() == before

    def test_every_error_is_listed(self, env: ApiEnv) -> None:
        body = {"id": "!bad", "name": "", "layer": "boss", "extra": 1}
        problem = assert_problem(
            env.post("a", "/accounts/acme/people", json=body), 422, "invalid_request"
        )
        assert {e["field"] for e in problem["errors"]} == {"id", "name", "layer", "extra"}

    def test_a_body_over_the_limit(self, env: ApiEnv) -> None:
        before = env.snapshot()
        big = json.dumps({"id": "x", "name": "X", "notes": "n" * (2 * 1024 * 1024)})
        answer = env.post(
            "a", "/accounts/acme/people", content=big, headers={"content-type": "application/json"}
        )
        assert_problem(answer, 413, "payload_too_large")
        assert env.snapshot() == before

    def test_a_body_without_a_declared_length_over_the_limit(self, env: ApiEnv) -> None:
        def chunks():  # sent chunked: the limit must hold while streaming too
            yield b'{"id": "x", "name": "X", "notes": "'
            for _ in range(40):
                yield b"n" * 65536
            yield b'"}'

        before = env.snapshot()
        answer = env.post(
            "a",
            "/accounts/acme/people",
            content=chunks(),
            headers={"content-type": "application/json"},
        )
        assert_problem(answer, 413, "payload_too_large")
        assert env.snapshot() == before


class TestIds:
    @pytest.mark.parametrize(
        "path",
        [
            "/accounts/bad%20id",
            "/accounts/-leading-dash/people",
            "/accounts/acme/people/" + "x" * 129,
            "/accounts/acme/ties/friend_of/ceo/cto",
            "/accounts/acme/attitudes/ceo/us/not-a-date",
            "/accounts/acme/decision-roles/acme-cloud/ceo/king",
            "/admin/keys/NOTHEX00",
        ],
    )
    def test_wrong_shape(self, env: ApiEnv, path: str) -> None:
        method = env.delete if "admin" in path else env.get
        assert_problem(method("a", path), 422, "invalid_request")

    def test_unknown_but_well_formed(self, env: ApiEnv) -> None:
        assert_problem(env.get("a", "/accounts/acme/people/nobody"), 404, "not_found")
        assert_problem(env.get("a", "/no/such/route"), 404, "not_found")

    def test_method_not_allowed(self, env: ApiEnv) -> None:
        assert_problem(env.client.post("/api/v1/accounts/acme"), 405, "method_not_allowed")


class TestAsOf:
    @pytest.mark.parametrize(
        "path",
        ["/accounts", "/accounts/acme/people", "/accounts/acme/importance", "/staff"],
    )
    def test_in_the_future(self, env: ApiEnv, path: str) -> None:
        body = assert_problem(env.get("a", f"{path}?as_of=2999-01-01"), 422, "as_of_in_future")
        assert body["field"] == "as_of"

    @pytest.mark.parametrize(
        "value", ["yesterday", "2026-02-30", "2026-1-5", "20260105", "2026-01-05T00:00"]
    )
    def test_malformed(self, env: ApiEnv, value: str) -> None:
        body = assert_problem(
            env.get("a", "/accounts", params={"as_of": value}), 422, "invalid_request"
        )
        assert body["field"] == "as_of"

    def test_imports_refuse_a_future_date(self, env: ApiEnv) -> None:
        before = env.snapshot()
        files = {"file": ("x.json", b'{"competitors": [{"id": "c9", "name": "C"}]}')}
        answer = env.post("a", "/imports?as_of=2999-01-01", files=files)
        assert_problem(answer, 422, "as_of_in_future")
        assert env.snapshot() == before


class TestAuthentication:
    @pytest.mark.parametrize(
        "header",
        [
            None,
            "Bearer",
            "Bearer nonsense",
            "Basic dXNlcjpwYXNz",
            "Bearer gcrm_00000000_" + "x" * 43,
        ],
    )
    def test_no_or_bad_key(self, env: ApiEnv, header: str | None) -> None:
        headers = {"Authorization": header} if header else {}
        answer = env.client.get("/api/v1/accounts", headers=headers)
        assert_problem(answer, 401, "unauthorized")
        assert answer.headers["www-authenticate"] == "Bearer"


class TestUploads:
    def test_oversize_upload(self, tmp_path: Path) -> None:
        settings = make_settings(tmp_path, max_upload_bytes=4096)
        keys = make_keys(settings.access_db)
        with TestClient(create_app(settings)) as client:
            env = ApiEnv(client, client.app, settings, keys)  # type: ignore[arg-type]
            before = env.snapshot()
            files = {"file": ("big.json", b"[" + b" " * 8192 + b"]")}
            assert_problem(env.post("a", "/imports", files=files), 413, "payload_too_large")
            assert env.snapshot() == before

    def test_too_many_rows(self, tmp_path: Path) -> None:
        settings = make_settings(tmp_path, max_import_rows=3)
        keys = make_keys(settings.access_db)
        with TestClient(create_app(settings)) as client:
            env = ApiEnv(client, client.app, settings, keys)  # type: ignore[arg-type]
            before = env.snapshot()
            rows = [{"id": f"c{i}", "name": f"C{i}"} for i in range(4)]
            files = {"file": ("c.json", json.dumps({"competitors": rows}).encode())}
            body = assert_problem(env.post("a", "/imports", files=files), 413, "too_many_rows")
            assert "4 rows" in body["detail"]
            assert env.snapshot() == before
