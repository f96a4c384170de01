"""The who-knows-whom routes read effective strengths as of the read date, with the team's
half-life (DESIGN.md "Interactions", "Method settings"): a one-to-one dinner of s-exec
with the CEO 90 days ago, no contact record; H = 90: 2 * 0.5 = 1, strength 1 - e**-0.5;
H = 45: 2 * 0.25 = 0.5, strength 1 - e**-0.25."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from tests.api.conftest import ApiEnv

DINNER = 1 - math.exp(-0.5)
DINNER_H45 = 1 - math.exp(-0.25)


def test_the_reach_routes_use_the_teams_half_life(env: ApiEnv) -> None:
    day = (date.today() - timedelta(days=90)).isoformat()
    dinner = {"id": "i-d", "date": day, "type": "dinner", "staff_ids": ["s-exec"]}
    made = env.post("a", "/accounts/acme/interactions", json={**dinner, "person_ids": ["ceo"]})
    assert made.status_code == 201, made.text

    def ceo() -> float:
        staff = env.get("a", "/staff/s-exec/reach").json()
        (acme,) = [a for a in staff["accounts"] if a["account_id"] == "acme"]
        (by_staff,) = [p["strength"] for p in acme["people"] if p["person_id"] == "ceo"]
        return by_staff

    assert ceo() == pytest.approx(DINNER)
    env.put("a", "/settings", json={"values": {"half_life_days": 45}})
    assert ceo() == pytest.approx(DINNER_H45)
