"""Admin routes: teams, keys, account ownership; the operator and a team admin apart."""

from __future__ import annotations

from tests.api.conftest import ApiEnv


def _key_id(env: ApiEnv, who: str) -> str:
    return env.keys[who].split("_")[1]


class TestTeams:
    def test_the_operator_lists_and_creates(self, env: ApiEnv) -> None:
        names = [t["name"] for t in env.get("op", "/admin/teams").json()]
        assert names == ["ops", "team-a", "team-b"]
        made = env.post("op", "/admin/teams", json={"name": "east"})
        assert made.status_code == 201 and made.json()["accounts"] == 0
        assert env.post("op", "/admin/teams", json={"name": "east"}).status_code == 409
        assert env.post("op", "/admin/teams", json={"name": "no spaces"}).status_code == 422

    def test_a_team_admin_sees_its_own_team_and_creates_none(self, env: ApiEnv) -> None:
        [team] = env.get("a", "/admin/teams").json()
        assert (team["name"], team["accounts"], team["keys"]) == ("team-a", 1, 2)
        denied = env.post("a", "/admin/teams", json={"name": "east"})
        assert denied.status_code == 403 and denied.json()["code"] == "operator_required"
        assert [t["name"] for t in env.get("op", "/admin/teams").json()] == [
            "ops",
            "team-a",
            "team-b",
        ]


class TestKeys:
    def test_create_use_list_and_revoke(self, env: ApiEnv) -> None:
        body = {"team": "team-b", "principal": "dashboard", "read_only": True}
        made = env.post("op", "/admin/keys", json=body)
        assert made.status_code == 201 and made.json()["operator"] is False
        key, key_id = made.json()["key"], made.json()["id"]
        headers = {"Authorization": f"Bearer {key}"}
        assert env.client.get("/api/v1/accounts/globex", headers=headers).status_code == 200
        listed = env.get("op", "/admin/keys?team=team-b").json()
        assert key_id in [k["id"] for k in listed] and all("key" not in k for k in listed)
        assert env.delete("op", f"/admin/keys/{key_id}").json()["revoked_at"]
        assert env.client.get("/api/v1/accounts/globex", headers=headers).status_code == 401

    def test_a_team_admin_manages_its_own_teams_keys(self, env: ApiEnv) -> None:
        made = env.post("a", "/admin/keys", json={"team": "team-a", "principal": "ann"})
        assert made.status_code == 201 and made.json()["team"] == "team-a"
        listed = env.get("a", "/admin/keys").json()
        assert {k["team"] for k in listed} == {"team-a"}
        assert {k["principal"] for k in listed} == {"alice", "reader", "ann"}
        assert env.get("a", "/admin/keys?team=team-b").json() == []
        assert env.delete("a", f"/admin/keys/{made.json()['id']}").status_code == 200

    def test_another_team_reads_as_missing(self, env: ApiEnv) -> None:
        body = {"team": "team-b", "principal": "mole", "admin": True}
        theirs = env.post("a", "/admin/keys", json=body)
        nowhere = env.post("a", "/admin/keys", json=body | {"team": "nowhere"})
        assert theirs.status_code == nowhere.status_code == 404
        assert theirs.text == nowhere.text.replace("nowhere", "team-b")
        bob = _key_id(env, "b")
        revoked = env.delete("a", f"/admin/keys/{bob}")
        missing = env.delete("a", "/admin/keys/ffffffff")
        assert revoked.status_code == missing.status_code == 404
        assert revoked.text == missing.text.replace("ffffffff", bob)
        assert env.get("b", "/accounts/globex").status_code == 200  # bob's key still works

    def test_only_the_operator_revokes_an_operator_key(self, env: ApiEnv) -> None:
        # An operator key in team A's own team (made as the CLI makes it, on the access file).
        made = env.services.access.create_key("team-a", "root", operator=True)
        listed = {k["id"]: k for k in env.get("a", "/admin/keys").json()}
        assert listed[made.info.id]["operator"] and listed[made.info.id]["admin"]
        denied = env.delete("a", f"/admin/keys/{made.info.id}")
        assert denied.status_code == 403 and denied.json()["code"] == "operator_required"
        assert env.services.access.authenticate(made.key).operator
        assert env.delete("op", f"/admin/keys/{made.info.id}").json()["revoked_at"]

    def test_operator_keys_are_not_made_through_the_api(self, env: ApiEnv) -> None:
        body = {"team": "ops", "principal": "eve", "operator": True}
        assert env.post("op", "/admin/keys", json=body).status_code == 422
        assert [k["principal"] for k in env.get("op", "/admin/keys?team=ops").json()] == ["olga"]

    def test_unknown_team(self, env: ApiEnv) -> None:
        body = {"team": "nowhere", "principal": "x"}
        assert env.post("op", "/admin/keys", json=body).status_code == 404

    def test_read_only_admin_keys_cannot_manage(self, env: ApiEnv) -> None:
        made = env.post(
            "a",
            "/admin/keys",
            json={"team": "team-a", "principal": "auditor", "admin": True, "read_only": True},
        )
        headers = {"Authorization": f"Bearer {made.json()['key']}"}
        assert env.client.get("/api/v1/audit", headers=headers).status_code == 200
        body = {"team": "team-a", "principal": "x"}
        denied = env.client.post("/api/v1/admin/keys", json=body, headers=headers)
        assert denied.status_code == 403 and denied.json()["code"] == "read_only_key"


class TestOwnership:
    def test_the_operator_lists_every_account_with_its_team(self, env: ApiEnv) -> None:
        rows = env.get("op", "/admin/accounts").json()
        assert rows == [
            {"account_id": "acme", "name": "Acme 集团", "team": "team-a"},
            {"account_id": "globex", "name": "Globex", "team": "team-b"},
        ]

    def test_a_team_admin_lists_its_own(self, env: ApiEnv) -> None:
        rows = env.get("b_admin", "/admin/accounts").json()
        assert rows == [{"account_id": "globex", "name": "Globex", "team": "team-b"}]

    def test_assign_ahead_of_an_import(self, env: ApiEnv) -> None:
        answer = env.put("op", "/admin/accounts/initech/owner", json={"team": "team-b"})
        assert answer.json() == {"account_id": "initech", "name": None, "team": "team-b"}
        taken = env.post("a", "/accounts", json={"id": "initech", "name": "I"})
        assert taken.status_code == 409
        assert env.post("b", "/accounts", json={"id": "initech", "name": "I"}).status_code == 201

    def test_only_the_operator_assigns(self, env: ApiEnv) -> None:
        for who, account in (("a", "acme"), ("b_admin", "acme"), ("b_admin", "globex")):
            denied = env.put(who, f"/admin/accounts/{account}/owner", json={"team": "team-b"})
            assert denied.status_code == 403 and denied.json()["code"] == "operator_required"
        assert env.services.access.owners() == {"acme": "team-a", "globex": "team-b"}

    def test_unknown_team(self, env: ApiEnv) -> None:
        assert env.put("op", "/admin/accounts/acme/owner", json={"team": "nope"}).status_code == 404


class TestAudit:
    def test_a_team_admin_reads_its_own_teams_entries(self, env: ApiEnv) -> None:
        env.get("a", "/accounts/acme/people/ceo")
        env.get("b", "/accounts/globex/people/g-ceo")
        mine = env.get("b_admin", "/audit").json()
        assert mine["total"] >= 1 and {e["team"] for e in mine["items"]} == {"team-b"}
        assert "/api/v1/accounts/acme/people/ceo" not in [e["path"] for e in mine["items"]]
        theirs = env.get("b_admin", "/audit?team=team-a").json()
        assert theirs == {"items": [], "total": 0, "limit": 100, "offset": 0, "next_offset": None}
        assert env.get("b_admin", "/audit?account_id=acme").json()["items"] == []

    def test_the_operator_reads_every_team(self, env: ApiEnv) -> None:
        env.get("a", "/accounts/acme/people/ceo")
        env.get("b", "/accounts/globex/people/g-ceo")
        teams = {e["team"] for e in env.get("op", "/audit").json()["items"]}
        assert {"team-a", "team-b"} <= teams
