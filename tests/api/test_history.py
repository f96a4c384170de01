"""GET .../history: a record's versions, newest first, with who wrote each (from the audit)."""

from __future__ import annotations

from tests.api.conftest import ApiEnv

CTO = "/accounts/acme/people/cto"


def test_a_persons_history_says_who_changed_what(env: ApiEnv) -> None:
    first = env.patch("a", CTO, json={"title": "CIO"})
    assert first.status_code == 200
    second = env.put(
        "a",
        CTO,
        json={"name": "Chen", "title": "CIO", "department": "Digital"},
        headers={"If-Match": first.headers["ETag"]},
    )
    assert second.status_code == 200
    answer = env.get("a", f"{CTO}/history")
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert [i["record"]["title"] for i in items] == ["CIO", "CIO", "CTO"]
    assert [i["method"] for i in items] == ["PUT", "PATCH", None]  # seeded outside the API
    assert [i["by"] for i in items] == ["alice", "alice", None]
    assert items[0]["team"] == "team-a" and items[0]["path"] == f"/api/v1{CTO}"
    # PUT replaced the whole record: what it left out was cleared.
    assert items[0]["changed"] == ["department", "layer", "roles", "notes"]
    assert items[1]["changed"] == ["title"]
    assert items[0]["valid_to"] is None and items[1]["valid_to"] is not None
    assert items[0]["etag"] == second.headers["ETag"] == env.get("a", CTO).headers["ETag"]


def test_a_created_and_deleted_tie(env: ApiEnv) -> None:
    tie = {"type": "knows", "source_id": "cfo", "target_id": "eng2", "strength": 0.5}
    assert env.post("a", "/accounts/acme/ties", json=tie).status_code == 201
    path = "/accounts/acme/ties/knows/cfo/eng2"
    assert env.patch("a", path, json={"strength": 0.7}).status_code == 200
    assert env.delete("a", path).status_code == 200
    items = env.get("a", f"{path}/history").json()["items"]
    assert [(i["method"], i["record"]["strength"]) for i in items] == [
        ("PATCH", 0.7),
        ("POST", 0.5),
    ]
    assert items[0]["valid_to"] is not None  # ended by the delete
    assert items[1]["path"] == "/api/v1/accounts/acme/ties"


def test_history_of_plans_actions_attitudes_and_the_account(env: ApiEnv) -> None:
    for path, change in (
        ("/accounts/acme/plans/ceo", {"needs": "speed"}),
        ("/accounts/acme/actions/a-2", {"outcome": "sent"}),
        ("/accounts/acme/attitudes/cfo/us/2026-09-01", {"note": "warmer"}),
        ("/accounts/acme", {"region": "North"}),
    ):
        assert env.patch("a", path, json=change).status_code == 200, path
        items = env.get("a", f"{path}/history").json()["items"]
        assert len(items) == 2 and items[0]["method"] == "PATCH", path
        assert items[0]["changed"] == list(change), path


def test_history_is_team_scoped(env: ApiEnv) -> None:
    assert env.get("b", f"{CTO}/history").status_code == 404
    assert env.get("a", "/accounts/acme/people/nobody/history").status_code == 404
    assert env.get("a_ro", f"{CTO}/history").status_code == 200
