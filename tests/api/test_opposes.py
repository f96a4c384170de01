"""Opposes ties (对立) over the API: accepted between two people of one account, refused
from a person to themselves, between accounts and to a staff member (422, nothing written)."""

from __future__ import annotations

from tests.api.conftest import ApiEnv


def _tie(source: str, target: str) -> dict[str, object]:
    return {"type": "opposes", "source_id": source, "target_id": target, "strength": 0.8}


def test_an_opposes_tie_is_a_tie_of_its_own(env: ApiEnv) -> None:
    made = env.post("a", "/accounts/acme/ties", json=_tie("cfo", "cto"))
    assert made.status_code == 201, made.text
    assert made.json()["type"] == "opposes"
    got = env.get("a", "/accounts/acme/ties/opposes/cfo/cto")
    assert got.status_code == 200 and got.json()["strength"] == 0.8


def test_bad_opposes_ties_are_refused_and_nothing_is_written(env: ApiEnv) -> None:
    before = env.snapshot()
    for body in (_tie("cfo", "cfo"), _tie("cfo", "g-ceo"), _tie("cfo", "s-exec")):
        answer = env.post("a", "/accounts/acme/ties", json=body)
        assert answer.status_code == 422, (body, answer.text)
    assert env.snapshot() == before


def test_the_what_if_accepts_a_rivalry(env: ApiEnv) -> None:
    change = {"type": "add_opposes", "source_id": "cfo", "target_id": "cto", "strength": 0.5}
    answer = env.post("a", "/accounts/acme/what-if", json={"changes": [change]})
    assert answer.status_code == 200, answer.text
    assert answer.json()["delta"] == 0.0
    assert answer.json()["changes"][0]["type"] == "add_opposes"
    self_rivalry = {**change, "target_id": "cfo"}
    refused = env.post("a", "/accounts/acme/what-if", json={"changes": [self_rivalry]})
    assert refused.status_code == 422
