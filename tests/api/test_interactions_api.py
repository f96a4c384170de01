"""/accounts/{id}/interactions: log, list with filters, update, delete; bad input is a
422 naming the field and writes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.api.conftest import ApiEnv

PATH = "/accounts/acme/interactions"
MEETING = {
    "id": "i-1",
    "date": "2026-11-02",
    "type": "会谈",
    "staff_ids": ["s-ar"],
    "person_ids": "cto;cfo",
    "duration_min": 45,
    "note": "roadmap",
}


def test_log_list_filter_update_delete(env: ApiEnv) -> None:
    made = env.post("a", PATH, json=MEETING)
    assert made.status_code == 201, made.text
    assert (made.json()["type"], made.json()["person_ids"]) == ("meeting", ["cto", "cfo"])
    call = {"id": "i-2", "date": "2026-11-20", "type": "call", "staff_ids": ["s-exec"]}
    assert env.post("a", PATH, json={**call, "person_ids": ["ceo"]}).status_code == 201

    def ids(query: str) -> list[str]:
        return [i["id"] for i in env.get("a", f"{PATH}?{query}").json()["items"]]

    assert ids("") == ["i-2", "i-1"]  # newest first
    assert ids("person_id=cfo") == ["i-1"]
    assert ids("staff_id=s-exec") == ["i-2"]
    assert ids("type=meeting") == ["i-1"]
    assert ids("date_from=2026-11-03&date_to=2026-11-30") == ["i-2"]
    body = {k: v for k, v in MEETING.items() if k != "id"}
    changed = env.put("a", f"{PATH}/i-1", json={**body, "note": "budget"})
    assert changed.status_code == 200 and changed.json()["note"] == "budget"
    assert env.get("a", f"{PATH}/i-1").json()["note"] == "budget"
    gone = env.delete("a", f"{PATH}/i-1")
    assert gone.json() == {"deleted": "interaction/i-1", "versions_ended": 1}
    assert env.get("a", f"{PATH}/i-1").status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": (date.today() + timedelta(days=1)).isoformat()}, "date"),
        ({"staff_ids": ["nobody"]}, "staff_ids"),
        ({"person_ids": ["ghost"]}, "person_ids"),
        ({"person_ids": ["g-ceo"]}, "person_ids"),  # team B's account
        ({"type": "golf"}, "type"),
        ({"person_ids": []}, "person_ids"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(
    env: ApiEnv, change: dict[str, object], field: str
) -> None:
    refused = env.post("a", PATH, json={**MEETING, **change})
    assert refused.status_code == 422, refused.text
    assert refused.json()["field"] == field or refused.json()["errors"][0]["field"] == field
    assert env.get("a", PATH).json()["items"] == []
