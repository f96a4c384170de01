"""GET/PUT /settings: the team's method settings over the API, and the analyses using them.

Every analysis names the settings version it used (X-Settings-Version), a
change is never answered from a result cached under other settings, and a
read as of a day before a change uses the settings of that day.
"""

from __future__ import annotations

from datetime import date, timedelta

from tests.api.conftest import ApiEnv


def test_the_defaults_until_a_team_changes_them(env: ApiEnv) -> None:
    got = env.get("a", "/settings").json()
    assert got["version"] == 0
    assert got["settings"] == got["defaults"]
    assert got["settings"]["relay_level"] == 1
    assert got["settings"]["role_weights"]["approver"] == 0.9


def test_a_change_is_a_new_version_of_that_team_only(env: ApiEnv) -> None:
    put = env.put("a", "/settings", json={"values": {"role_weights": {"approver": 0.8}}})
    assert put.status_code == 200, put.text
    assert put.json()["version"] == 1
    assert put.json()["changed_by"] == "alice"
    assert put.json()["settings"]["role_weights"] == {
        **put.json()["defaults"]["role_weights"],
        "approver": 0.8,
    }
    assert env.get("b", "/settings").json()["version"] == 0
    reset = env.put("a", "/settings", json={"reset": True})
    assert reset.json()["version"] == 2
    assert reset.json()["settings"] == reset.json()["defaults"]
    assert [v["version"] for v in env.get("a", "/settings/history").json()] == [1, 2]


def test_out_of_range_answers_422_naming_the_key_and_writes_nothing(env: ApiEnv) -> None:
    for values, key in (
        ({"rule_weights": {"known_by_many": -1}}, "rule_weights.known_by_many"),
        ({"half_life_days": 0}, "half_life_days"),
        ({"value_weights": {"current": 0, "future": 0, "social": 0}}, "value_weights"),
        ({"no_such_key": 1}, "no_such_key"),
    ):
        answer = env.put("a", "/settings", json={"values": values})
        assert answer.status_code == 422, answer.text
        assert [e["field"] for e in answer.json()["errors"]] == [key]
    assert env.get("a", "/settings").json()["version"] == 0


def test_a_read_only_key_cannot_change_them(env: ApiEnv) -> None:
    answer = env.put("a_ro", "/settings", json={"values": {"relay_level": 2}})
    assert answer.status_code == 403
    assert env.get("a_ro", "/settings").json()["version"] == 0


def test_the_cache_never_serves_a_result_of_other_settings(env: ApiEnv) -> None:
    first = env.get("a", "/accounts/acme/importance")
    assert first.headers["X-Settings-Version"] == "0"
    assert env.get("a", "/accounts/acme/importance").headers["X-Cache"] == "hit"
    only_rule_1 = {"known_by_many": 1, "depended_on_by_many": 0, "important_neighbours": 0}
    env.put("a", "/settings", json={"values": {"rule_weights": only_rule_1}})
    second = env.get("a", "/accounts/acme/importance")
    assert second.headers["X-Settings-Version"] == "1"
    assert second.headers["X-Cache"] == "miss"
    people = second.json()
    assert all(p["composite"] == p["known_by_many"] for p in people)
    assert first.json() != people


def test_an_as_of_read_before_a_change_uses_the_old_settings(env: ApiEnv) -> None:
    today = date.today()
    env.put(
        "a",
        "/settings",
        json={"values": {"relay_level": 3}, "valid_from": (today - timedelta(days=1)).isoformat()},
    )
    before = (today - timedelta(days=2)).isoformat()
    old = env.get("a", "/accounts/acme/next-targets", params={"as_of": before})
    new = env.get("a", "/accounts/acme/next-targets")
    assert old.headers["X-Settings-Version"] == "0"
    assert new.headers["X-Settings-Version"] == "1"
    assert env.get("a", "/settings", params={"as_of": before}).json()["version"] == 0


def test_the_review_judges_each_date_with_its_settings(env: ApiEnv) -> None:
    today = date.today()
    period = {"from": (today - timedelta(days=30)).isoformat(), "to": today.isoformat()}
    plain = env.get("a", "/accounts/acme/review", params=period).json()
    assert plain["settings_versions"] == [0, 0]
    env.put("a", "/settings", json={"values": {"weak_threshold": 1.0}})  # from today
    strict = env.get("a", "/accounts/acme/review", params=period).json()
    assert strict["settings_versions"] == [0, 1]
    opened = {(g["code"], g["person_id"]) for g in strict["gaps_opened"]}
    # Every key person covered below 1.0 is weak under the new threshold, on the second date only.
    assert {
        code for code, _ in opened - {(g["code"], g["person_id"]) for g in plain["gaps_opened"]}
    } == {"weak"}
