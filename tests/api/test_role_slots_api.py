"""REST routes of role slots (unidentified roles, 待识别角色): create, list, read with an
ETag, fill by PATCH with If-Match (history kept), refusals naming the field with nothing
written, a read-only key refused on every write, another team's account not found."""

from __future__ import annotations

from api.routes import route_table
from tests.api.conftest import ApiEnv

SLOTS = "/accounts/acme/role_slots"
NEW = {
    "id": "slot-fin",
    "opportunity_id": "acme-cloud",
    "role": "审批者",
    "department": "Finance",
    "note": "someone in Finance approves",
}
UPDATE = {k: v for k, v in NEW.items() if k != "id"}


def test_create_list_fill_and_history(env: ApiEnv) -> None:
    made = env.post("a", SLOTS, json=NEW)
    assert made.status_code == 201, made.text
    assert made.json() == {**NEW, "role": "approver", "layer": None, "person_id": None}
    listed = env.get("a", SLOTS, params={"filled": "false"}).json()
    assert [s["id"] for s in listed["items"]] == ["slot-fin"]
    read = env.get("a", f"{SLOTS}/slot-fin")
    tag = read.headers["ETag"]
    filled = env.patch(
        "a", f"{SLOTS}/slot-fin", json={"person_id": "cfo"}, headers={"If-Match": tag}
    )
    assert filled.status_code == 200, filled.text
    assert filled.json()["person_id"] == "cfo" and filled.json()["department"] == "Finance"
    stale = env.patch("a", f"{SLOTS}/slot-fin", json={"note": "x"}, headers={"If-Match": tag})
    assert stale.status_code == 412
    assert env.get("a", SLOTS, params={"filled": "true"}).json()["total"] == 1
    history = env.get("a", f"{SLOTS}/slot-fin/history").json()
    # newest first: the filled version, then the open one it replaced
    assert [v["record"].get("person_id") for v in history["items"]] == ["cfo", None]
    assert history["items"][0]["changed"] == ["person_id"]
    assert history["items"][0]["by"] == "alice" and history["items"][0]["method"] == "PATCH"
    gone = env.delete("a", f"{SLOTS}/slot-fin", headers={"If-Match": filled.headers["ETag"]})
    assert gone.json() == {"deleted": "role-slot/slot-fin", "versions_ended": 1}


def test_bad_slots_answer_422_naming_the_field_and_write_nothing(env: ApiEnv) -> None:
    env.post("a", "/accounts/acme/opportunities", json={"id": "o2", "name": "Two"})
    before = env.snapshot()
    cases = [
        ({**NEW, "role": "boss"}, "role"),
        ({**NEW, "opportunity_id": "nope"}, "opportunity_id"),
        ({**NEW, "opportunity_id": "g-nope"}, "opportunity_id"),
        ({**NEW, "opportunity_id": "globex-cloud"}, "opportunity_id"),  # team B's
        ({**NEW, "person_id": "g-cfo"}, "person_id"),  # a person of team B's account
        ({**NEW, "person_id": "ghost"}, "person_id"),
    ]
    for body, field in cases:
        answer = env.post("a", SLOTS, json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert field in [e["field"] for e in answer.json()["errors"]], answer.text
    assert env.snapshot() == before


def test_read_only_key_403_and_other_team_404_on_every_slot_route(env: ApiEnv) -> None:
    assert env.post("a", SLOTS, json=NEW).status_code == 201
    before = env.snapshot()
    routes = [
        (method, r.path.removeprefix("/api/v1").replace("{account_id}", "acme"))
        for r in route_table(env.app)
        if "/role_slots" in r.path
        for method in sorted(r.methods - {"HEAD"})
    ]
    assert len(routes) == 7  # list, create, read, PUT, PATCH, delete, history
    for method, template in routes:
        path = template.replace("{slot_id}", "slot-fin")
        body = {"POST": NEW, "PUT": UPDATE, "PATCH": UPDATE}.get(method)
        if method != "GET":
            denied = env.client.request(
                method, "/api/v1" + path, headers=env.auth("a_ro"), json=body
            )
            assert denied.status_code == 403, (method, path)
            assert denied.json()["code"] == "read_only_key"
        other = env.client.request(method, "/api/v1" + path, headers=env.auth("b"), json=body)
        assert other.status_code == 404 and other.json()["code"] == "not_found"
    assert env.snapshot() == before
