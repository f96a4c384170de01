"""Input hygiene and the level rule through the API: 422 naming the field, nothing stored.

The checks live in the records (graphcrm.model), so these tests show the API
inherits them: control characters (other than tab and newline) in text, any
control character in an id, infinities and NaN in JSON numbers, and an
attitude whose stated level contradicts its own six dimensions.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api.conftest import ApiEnv

ZEROS = {
    "recognition": 0,
    "participation": 0,
    "information": 0,
    "guidance": 0,
    "project_support": 0,
    "competitive_preference": -1,
}
# Five dimensions at 3 and a competitive preference of 1: mean 2.67, floor 2, capped at 1.
HIGH_BUT_OPEN = dict.fromkeys(ZEROS, 3) | {"competitive_preference": 1}


def refused(env: ApiEnv, answer: Any, field: str) -> dict[str, Any]:
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["field"] == field, problem
    assert [e["field"] for e in problem["errors"]] == [field]
    return problem


class TestTheAssessmentDecidesTheLevel:
    def test_the_issues_case_is_refused_naming_both_levels(self, env: ApiEnv) -> None:
        before = env.snapshot()
        body = {"person_id": "cfo", "level": 3, "as_of": "2026-10-01", **ZEROS}
        problem = refused(env, env.post("a", "/accounts/acme/attitudes", json=body), "level")
        message = problem["errors"][0]["message"]
        assert message.startswith(
            "level 3 contradicts the six-dimension assessment, which gives level -1"
        )
        assert env.snapshot() == before

    def test_the_level_the_rule_gives_is_accepted(self, env: ApiEnv) -> None:
        body = {"person_id": "cfo", "level": -1, "as_of": "2026-10-01", **ZEROS}
        made = env.post("a", "/accounts/acme/attitudes", json=body)
        assert made.status_code == 201 and made.json()["level"] == -1
        coverage = env.get("a", "/accounts/acme/coverage?as_of=2026-10-02").json()
        cfo = next(p for p in coverage["people"] if p["person_id"] == "cfo")
        assert cfo["level"] == -1

    @pytest.mark.parametrize(
        ("dims", "stated", "derived", "why"),
        [
            (HIGH_BUT_OPEN, 2, 1, "competitive preference of at least 2"),
            (HIGH_BUT_OPEN | {"competitive_preference": -1}, 1, 0, "below 0"),
            (dict.fromkeys(ZEROS, 2), 3, 2, "average 2.00"),
        ],
    )
    def test_the_caps(
        self, env: ApiEnv, dims: dict[str, int], stated: int, derived: int, why: str
    ) -> None:
        body = {"person_id": "cfo", "as_of": "2026-10-01", **dims}
        wrong = env.post("a", "/accounts/acme/attitudes", json=body | {"level": stated})
        message = refused(env, wrong, "level")["errors"][0]["message"]
        assert f"level {stated} contradicts" in message and f"gives level {derived}" in message
        assert why in message
        right = env.post("a", "/accounts/acme/attitudes", json=body | {"level": derived})
        assert right.status_code == 201

    def test_an_update_is_checked_too(self, env: ApiEnv) -> None:
        path = "/accounts/acme/attitudes/cto/us/2026-06-01"  # the coach: all six at 3
        before = env.snapshot()
        body = {"level": 2, **dict.fromkeys(ZEROS, 3)}
        refused(env, env.put("a", path, json=body), "level")
        assert env.snapshot() == before
        lowered = {"level": 2, **dict.fromkeys(ZEROS, 2)}
        assert env.put("a", path, json=lowered).json()["level"] == 2

    def test_without_all_six_the_stated_level_stands(self, env: ApiEnv) -> None:
        body = {"person_id": "cfo", "level": 3, "as_of": "2026-10-01", "recognition": 0}
        assert env.post("a", "/accounts/acme/attitudes", json=body).status_code == 201

    def test_an_import_names_the_row_and_column(self, empty_env: ApiEnv) -> None:
        doc = {
            "accounts": [{"id": "acme", "name": "Acme"}],
            "people": [{"id": "p1", "account_id": "acme", "name": "A"}],
            "attitudes": [
                {"person_id": "p1", "level": 0, "as_of": "2026-01-01"},
                {"person_id": "p1", "level": 3, "as_of": "2026-02-01", **ZEROS},
            ],
        }
        answer = empty_env.post("a", "/imports", files={"file": ("a.json", json.dumps(doc))})
        assert answer.status_code == 422
        (error,) = answer.json()["errors"]
        assert (error["source"], error["row"], error["field"]) == ("a.json:attitudes", 2, "level")
        assert "gives level -1" in error["message"]
        assert empty_env.get("a", "/accounts").json()["total"] == 0


class TestTextHygiene:
    @pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\x9f"])
    @pytest.mark.parametrize("field", ["name", "title", "notes"])
    def test_control_characters_are_refused_naming_the_field(
        self, env: ApiEnv, char: str, field: str
    ) -> None:
        before = env.snapshot()
        body = {"id": "p-new", "name": "New", field: f"a{char}b"}
        problem = refused(env, env.post("a", "/accounts/acme/people", json=body), field)
        assert f"U+{ord(char):04X}" in problem["errors"][0]["message"]
        assert env.snapshot() == before

    def test_lone_surrogates_are_refused(self, env: ApiEnv) -> None:
        raw = b'{"id": "p-new", "name": "New", "notes": "a\\ud800b"}'
        answer = env.post(
            "a", "/accounts/acme/people", content=raw, headers={"content-type": "application/json"}
        )
        refused(env, answer, "notes")

    def test_tab_newline_kept_crlf_made_newline_nfc(self, env: ApiEnv) -> None:
        body = {"id": "p-new", "name": "Jose\u0301", "notes": "one\ttwo\r\nthree\u2028four"}
        made = env.post("a", "/accounts/acme/people", json=body).json()
        assert made["name"] == "José" and len(made["name"]) == 4
        assert made["notes"] == "one\ttwo\nthree\u2028four"
        assert env.get("a", "/accounts/acme/people/p-new").json() == made

    @pytest.mark.parametrize("person_id", ["p\tx", "p\nx", "px\n", "p\x00x", "p\x85x"])
    def test_control_characters_in_ids_are_refused(self, env: ApiEnv, person_id: str) -> None:
        before = env.snapshot()
        answer = env.post("a", "/accounts/acme/people", json={"id": person_id, "name": "N"})
        refused(env, answer, "id")
        assert env.snapshot() == before

    def test_ids_are_kept_as_they_are(self, env: ApiEnv) -> None:
        made = env.post("a", "/accounts/acme/people", json={"id": "P-007.x:Y_z", "name": "N"})
        assert made.json()["id"] == "P-007.x:Y_z"


class TestFiniteNumbers:
    @pytest.mark.parametrize("number", ["Infinity", "-Infinity", "NaN"])
    def test_json_infinities_and_nan_are_refused(self, env: ApiEnv, number: str) -> None:
        before = env.snapshot()
        raw = f'{{"id": "o-new", "name": "Deal", "value": {number}}}'.encode()
        answer = env.post(
            "a",
            "/accounts/acme/opportunities",
            content=raw,
            headers={"content-type": "application/json"},
        )
        problem = refused(env, answer, "value")
        assert "finite" in problem["errors"][0]["message"]
        raw = f'{{"staff_id": "s-ar", "person_id": "cfo", "frequency_per_month": {number}}}'
        answer = env.post(
            "a",
            "/accounts/acme/contacts",
            content=raw.encode(),
            headers={"content-type": "application/json"},
        )
        refused(env, answer, "frequency_per_month")
        assert env.snapshot() == before

    def test_what_if_strength(self, env: ApiEnv) -> None:
        raw = (
            b'{"changes": [{"type": "add_contact", "staff_id": "s-ar", "person_id": "cfo", '
            b'"strength": NaN}]}'
        )
        answer = env.post(
            "a", "/accounts/acme/what-if", content=raw, headers={"content-type": "application/json"}
        )
        assert answer.status_code == 422
        assert answer.json()["errors"][0]["field"].endswith("strength")
