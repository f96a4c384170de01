"""The team's method settings reach the analyses that came beside them (DESIGN.md "Method
settings": every analysis uses the team's settings as of the read date): derived strength
(type weights, half-life, lookback) and the portfolio (value weights, tier shares,
cadence by tier), each read through the API and computed here by hand."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from graphcrm.model import Account, AccountValue, Dataset
from tests.api.conftest import ApiEnv


def _ceo_contact(env: ApiEnv) -> float:
    people = env.get("a", "/accounts/acme/coverage").json()["people"]
    (ceo,) = [p for p in people if p["person_id"] == "ceo"]
    strength: float = ceo["contacts"]["s-exec"]
    return strength


def test_the_half_life_and_type_weights_of_the_teams_settings_set_derived_strength(
    env: ApiEnv,
) -> None:
    # one-to-one meeting 90 days ago; s-exec has no recorded contact with the CEO
    day = (date.today() - timedelta(days=90)).isoformat()
    meeting = {"id": "i-m", "date": day, "type": "meeting", "staff_ids": ["s-exec"]}
    made = env.post("a", "/accounts/acme/interactions", json={**meeting, "person_ids": ["ceo"]})
    assert made.status_code == 201, made.text
    # defaults: H = 90, so the meeting's term is 1.5 * 0.5 = 0.75, strength 1 - exp(-0.75/2)
    assert _ceo_contact(env) == pytest.approx(1 - math.exp(-0.375), abs=1e-9)
    env.put("a", "/settings", json={"values": {"half_life_days": 45}})
    # H = 45: 1.5 * 0.5 ** 2 = 0.375, strength 1 - exp(-0.1875); never the cached graph
    assert _ceo_contact(env) == pytest.approx(1 - math.exp(-0.1875), abs=1e-9)
    env.put("a", "/settings", json={"values": {"interaction_type_weights": {"meeting": 3}}})
    # the PUT merges over the settings in force: H stays 45, meeting weighs 3: 0.75
    assert _ceo_contact(env) == pytest.approx(1 - math.exp(-0.375), abs=1e-9)
    env.put("a", "/settings", json={"values": {"lookback_days": 89}})
    # 90 days ago is outside an 89-day lookback: no derived contact, none recorded
    people = env.get("a", "/accounts/acme/coverage").json()["people"]
    assert "s-exec" not in next(p for p in people if p["person_id"] == "ceo")["contacts"]
    # another team's settings are not ours: team B's read of its own account is untouched
    assert env.get("b", "/settings").json()["version"] == 0


def _four_accounts(env: ApiEnv) -> None:
    """acme current 5 / future 1; w 1/5; x 2/1; y 1/1 (no social part: its weight drops
    out and the other two are scaled to sum 1)."""
    day = date.today()
    parts = {"acme": (5, 1), "w": (1, 5), "x": (2, 1), "y": (1, 1)}
    env.team("a").write(
        Dataset(
            accounts=[Account(id=a, name=a.upper()) for a in ("w", "x", "y")],
            account_values=[
                AccountValue(account_id=a, as_of=day, profit=cur, credit=fut)
                for a, (cur, fut) in parts.items()
            ],
        ),
        on=day,
    )


def _tiers(env: ApiEnv) -> dict[str, tuple[str, float, int]]:
    """Each account's computed tier, value score and cadence (that of the tier in force:
    acme's recorded ``strategic`` holds whatever it computes to)."""
    rows = env.get("a", "/portfolio").json()
    return {
        r["account_id"]: (r["tier_computed"], r["value_score"], r["cadence_days"]) for r in rows
    }


def test_value_weights_tier_shares_and_cadence_come_from_the_teams_settings(
    env: ApiEnv,
) -> None:
    _four_accounts(env)
    # defaults 0.5/0.3 over 0.8: acme 3.5, w 2.5, x 1.625, y 1; N = 4 gives bounds (1, 1, 2)
    assert _tiers(env) == {
        "acme": ("strategic", pytest.approx(3.5), 30),
        "w": ("potential", pytest.approx(2.5), 90),
        "x": ("ordinary", pytest.approx(1.625), 180),
        "y": ("ordinary", pytest.approx(1.0), 180),
    }
    weights = {"current": 0.2, "future": 0.6, "social": 0.2}
    put = env.put("a", "/settings", json={"values": {"value_weights": weights}})
    assert put.status_code == 200, put.text
    # 0.2/0.6 over 0.8: w (0.2 + 3) / 0.8 = 4, acme (1 + 0.6) / 0.8 = 2, x 1.25, y 1
    assert _tiers(env) == {
        "w": ("strategic", pytest.approx(4.0), 30),
        "acme": ("potential", pytest.approx(2.0), 30),
        "x": ("ordinary", pytest.approx(1.25), 180),
        "y": ("ordinary", pytest.approx(1.0), 180),
    }
    quarters = {"strategic": 0.25, "value": 0.25, "potential": 0.25, "ordinary": 0.25}
    cadence = {"potential": 75, "ordinary": 120}
    put = env.put("a", "/settings", json={"values": {"tier_shares": quarters}})
    put = env.put("a", "/settings", json={"values": {"cadence_days": cadence}})
    assert put.status_code == 200, put.text
    # shares of a quarter each: bounds (1, 2, 3), one account per tier
    assert {a: (t, c) for a, (t, _, c) in _tiers(env).items()} == {
        "w": ("strategic", 30),
        "acme": ("value", 30),
        "x": ("potential", 75),
        "y": ("ordinary", 120),
    }
    # team B's portfolio still reads the defaults
    (theirs,) = env.get("b", "/portfolio").json()
    assert theirs["account_id"] == "globex"


def test_the_default_cadence_of_an_ordinary_account_is_designs_180_days(env: ApiEnv) -> None:
    defaults = env.get("a", "/settings").json()["defaults"]
    assert defaults["cadence_days"] == {
        "strategic": 30,
        "value": 60,
        "potential": 90,
        "ordinary": 180,
        "none": 90,
    }


def test_plans_from_next_targets_aim_at_the_teams_target_level(env: ApiEnv) -> None:
    path = "/accounts/acme/plans/from-next-targets"
    env.put("a", "/settings", json={"values": {"target_level": 3}})
    targets = env.get("a", "/accounts/acme/next-targets").json()
    assert targets
    answer = env.post("a", path, json={"count": 1})
    assert answer.status_code == 201, answer.text
    [plan] = answer.json()["plans"]
    # the best next target without a plan, as the analysis with those settings ranks it
    planned = set(answer.json()["already_planned"])
    best = next(t for t in targets if t["person_id"] not in planned)
    assert (plan["person_id"], plan["target_level"]) == (best["person_id"], 3)
