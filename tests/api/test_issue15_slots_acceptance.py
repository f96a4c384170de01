"""Issue 15's acceptance for unidentified roles, over the API and the pages: an
opportunity with a decision-maker slot unfilled has ``unidentified_role`` as its
heaviest gap and a dashed empty box on the fishbone SVG; filling the slot removes the
gap, shows the person on the fishbone, keeps the open version in history, and the
quarterly review over that period lists the change."""

from __future__ import annotations

import re
from datetime import date

from graphcrm.model import Dataset, RoleSlot
from tests.api.conftest import ApiEnv

OPEN_ON, FILLED_ON = date(2026, 2, 1), date(2026, 3, 1)
SLOT = RoleSlot(
    id="slot-dm",
    opportunity_id="acme-cloud",
    role="decision_maker",
    department="Group 集团",
    layer="decision",
    note="the group signs off",
)
SVG = "/ui/accounts/acme/fishbone.svg"


def _svg(env: ApiEnv, **params: str) -> str:
    answer = env.client.get(
        SVG, headers=env.auth("a"), params={"opportunity": "acme-cloud", **params}
    )
    assert answer.status_code == 200, answer.text
    return str(answer.text)


def test_an_unfilled_decision_maker_slot_then_filled(env: ApiEnv) -> None:
    env.team("a").write(Dataset(role_slots=[SLOT]), on=OPEN_ON)
    gaps = env.get("a", "/accounts/acme/coverage", params={"opportunity": "acme-cloud"}).json()[
        "gaps"
    ]
    assert (gaps[0]["code"], gaps[0]["group"], gaps[0]["weight"]) == (
        "unidentified_role",
        "slot-dm",
        1.0,
    )
    assert all(g["weight"] < 1.0 for g in gaps[1:])
    assert (
        "决策者" in gaps[0]["explanation"]["zh"]
        and "decision maker" in gaps[0]["explanation"]["en"]
    )
    box = re.search(r'<g class="slot" data-slot-id="slot-dm">.*?</g>', _svg(env, lang="zh"))
    assert box is not None
    assert 'stroke-dasharray="5 3"' in box[0] and "? 决策者 · Group 集团" in box[0]
    assert "? decision maker · Group 集团" in _svg(env)
    fishbone = env.get("a", "/accounts/acme/fishbone", params={"opportunity": "acme-cloud"}).json()
    (c,) = fishbone["completeness"]
    assert (c["value"], c["open"]) == (round(2.05 / 3.05, 4), 1)
    # Shown on the fishbone page and the dashboard (2.05 / 3.05 = 67%).
    page = env.client.get(
        "/ui/accounts/acme/fishbone",
        headers=env.auth("a"),
        params={"opportunity": "acme-cloud", "lang": "zh"},
    )
    assert '<span id="completeness">决策链完整度 67%</span>' in page.text
    board = env.client.get("/ui/accounts/acme", headers=env.auth("a"))
    assert '<span class="completeness">Chain completeness 67%</span>' in board.text

    env.team("a").write(
        Dataset(role_slots=[SLOT.model_copy(update={"person_id": "eng1"})]), on=FILLED_ON
    )
    gaps = env.get("a", "/accounts/acme/coverage", params={"opportunity": "acme-cloud"}).json()[
        "gaps"
    ]
    assert "unidentified_role" not in {g["code"] for g in gaps}
    svg = _svg(env)
    assert 'class="slot"' not in svg and 'data-person-id="eng1"' in svg  # Eve, in the chain now
    board = env.client.get("/ui/accounts/acme", headers=env.auth("a")).text
    assert '4 people · <span class="completeness">Chain completeness 100%</span>' in board
    history = env.get("a", "/accounts/acme/role_slots/slot-dm/history").json()["items"]
    assert [(v["record"].get("person_id"), v["valid_from"], v["valid_to"]) for v in history] == [
        ("eng1", "2026-03-01", None),
        (None, "2026-02-01", "2026-03-01"),
    ]
    # As of before the filling, the box and the gap are as they were.
    assert 'data-slot-id="slot-dm"' in _svg(env, as_of="2026-02-15")

    review = env.get(
        "a", "/accounts/acme/review", params={"from": "2026-02-15", "to": "2026-03-15"}
    )
    assert review.status_code == 200, review.text
    body = review.json()
    assert body["roles_identified"] == [
        {
            "slot_id": "slot-dm",
            "opportunity_id": "acme-cloud",
            "role": "decision_maker",
            "department": "Group 集团",
            "layer": "decision",
            "person_id": "eng1",
            "name": "Eve",
        }
    ]
    closed = [(g["code"], g["group"]) for g in body["gaps_closed"]]
    assert ("unidentified_role", "slot-dm") in closed
    # The review page shows it too, in the page's language.
    page = env.client.get(
        "/ui/accounts/acme/review",
        headers=env.auth("a"),
        params={"from": "2026-02-15", "to": "2026-03-15", "lang": "zh"},
    )
    assert page.status_code == 200, page.text[:300]
    row = page.text.split('data-slot-id="slot-dm">', 1)[1].split("</tr>")[0]
    assert row == "<td>决策者</td><td>Group 集团</td><td>acme-cloud</td><td>Eve</td>"
