"""Admin routes: teams, keys, account ownership."""

from __future__ import annotations

from tests.api.conftest import ApiEnv


class TestTeams:
    def test_list_and_create(self, env: ApiEnv) -> None:
        names = [t["name"] for t in env.get("a", "/admin/teams").json()]
        assert names == ["team-a", "team-b"]
        made = env.post("a", "/admin/teams", json={"name": "east"})
        assert made.status_code == 201 and made.json()["accounts"] == 0
        assert env.post("a", "/admin/teams", json={"name": "east"}).status_code == 409
        assert env.post("a", "/admin/teams", json={"name": "no spaces"}).status_code == 422


class TestKeys:
    def test_create_use_list_and_revoke(self, env: ApiEnv) -> None:
        body = {"team": "team-b", "principal": "dashboard", "read_only": True}
        made = env.post("a", "/admin/keys", json=body)
        assert made.status_code == 201
        key, key_id = made.json()["key"], made.json()["id"]
        headers = {"Authorization": f"Bearer {key}"}
        assert env.client.get("/api/v1/accounts/globex", headers=headers).status_code == 200
        listed = env.get("a", "/admin/keys?team=team-b").json()
        assert key_id in [k["id"] for k in listed] and all("key" not in k for k in listed)
        assert env.delete("a", f"/admin/keys/{key_id}").json()["revoked_at"]
        assert env.client.get("/api/v1/accounts/globex", headers=headers).status_code == 401

    def test_unknown_team(self, env: ApiEnv) -> None:
        body = {"team": "nowhere", "principal": "x"}
        assert env.post("a", "/admin/keys", json=body).status_code == 404

    def test_read_only_admin_keys_cannot_manage(self, env: ApiEnv) -> None:
        made = env.post(
            "a",
            "/admin/keys",
            json={"team": "team-a", "principal": "auditor", "admin": True, "read_only": True},
        )
        headers = {"Authorization": f"Bearer {made.json()['key']}"}
        assert env.client.get("/api/v1/audit", headers=headers).status_code == 200
        denied = env.client.post("/api/v1/admin/teams", json={"name": "x"}, headers=headers)
        assert denied.status_code == 403 and denied.json()["code"] == "read_only_key"


class TestOwnership:
    def test_list_every_account_with_its_team(self, env: ApiEnv) -> None:
        rows = env.get("a", "/admin/accounts").json()
        assert rows == [
            {"account_id": "acme", "name": "Acme 集团", "team": "team-a"},
            {"account_id": "globex", "name": "Globex", "team": "team-b"},
        ]

    def test_assign_ahead_of_an_import(self, env: ApiEnv) -> None:
        answer = env.put("a", "/admin/accounts/initech/owner", json={"team": "team-b"})
        assert answer.json() == {"account_id": "initech", "name": None, "team": "team-b"}
        taken = env.post("a", "/accounts", json={"id": "initech", "name": "I"})
        assert taken.status_code == 409
        assert env.post("b", "/accounts", json={"id": "initech", "name": "I"}).status_code == 201

    def test_unknown_team(self, env: ApiEnv) -> None:
        assert env.put("a", "/admin/accounts/acme/owner", json={"team": "nope"}).status_code == 404
