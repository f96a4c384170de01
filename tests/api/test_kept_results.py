"""A write keeps the cached results it cannot change (issue 17: writes drop only what they
change; api/rankings.py KEPT_BY_WRITES): an attitude leaves importance and key people as
they were, under the new write version and its ETag; coverage is computed again."""

from __future__ import annotations

from tests.api.conftest import ApiEnv

IMPORTANCE = "/accounts/acme/importance"
COVERAGE = "/accounts/acme/coverage"


def test_an_attitude_keeps_importance_and_a_tie_does_not(env: ApiEnv) -> None:
    before = {p: env.get("a", p) for p in (IMPORTANCE, "/accounts/acme/key-people", COVERAGE)}
    level = {p["person_id"]: p["level"] for p in before[COVERAGE].json()["people"]}["cfo"]
    attitude = {"person_id": "cfo", "toward": "us", "level": level + 1}
    assert env.post("a", "/accounts/acme/attitudes", json=attitude).status_code == 201
    for path in (IMPORTANCE, "/accounts/acme/key-people"):
        kept = env.get("a", path)
        assert kept.headers["X-Cache"] == "hit", path
        assert kept.content == before[path].content
        assert kept.headers["ETag"] != before[path].headers["ETag"]  # the version moved
        fresh = env.get("a", path, headers={"Cache-Control": "no-cache"})
        assert fresh.headers["X-Cache"] == "miss"
        assert (fresh.content, fresh.headers["ETag"]) == (kept.content, kept.headers["ETag"])
    coverage = env.get("a", COVERAGE)
    assert coverage.headers["X-Cache"] == "miss"
    assert {p["person_id"]: p["level"] for p in coverage.json()["people"]}["cfo"] == level + 1
    tie = {"type": "influences", "source_id": "eng1", "target_id": "cfo", "strength": 0.7}
    assert env.post("a", "/accounts/acme/ties", json=tie).status_code == 201
    assert env.get("a", IMPORTANCE).headers["X-Cache"] == "miss"
