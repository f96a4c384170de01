"""The document says what the service refuses: the text rule as a pattern, JSON types
as JSON types, and each rule a schema cannot state under the 422's ``x-refused-when``.

These are the disagreements the live schemathesis run (tests/api/test_fuzz.py) finds
when the document and the service part ways; here each is pinned on its own.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from graphcrm.model import Competitor
from graphcrm.model.hygiene import NAME_PATTERN, TEXT_PATTERN, clean_text
from tests.api.conftest import API, ApiEnv

_BODY = "#/components/schemas/"


@pytest.fixture(scope="module")
def document(shared_app: Any) -> dict[str, Any]:
    app, _settings = shared_app
    return app.openapi()  # type: ignore[no-any-return]


def _refused(text: str) -> bool:
    try:
        clean_text(text)
    except ValueError:
        return True
    return False


def test_the_text_pattern_is_the_hygiene_rule_for_every_character() -> None:
    # Python's re reads the pattern's \uXXXX escapes as ECMA does. Surrogates are left out:
    # the pattern does not name them (see TEXT_PATTERN), clean_text refuses a lone one.
    pattern = re.compile(TEXT_PATTERN)
    disagree = [
        hex(cp)
        for cp in range(0x110000)
        if not 0xD800 <= cp <= 0xDFFF and (pattern.fullmatch(chr(cp)) is None) != _refused(chr(cp))
    ]
    assert disagree == []
    # Tab, newline and carriage return pass; the other C0, DEL and C1 do not.
    assert pattern.fullmatch("a\tb\r\nc") and clean_text("a\tb\r\nc") == "a\tb\nc"
    assert not pattern.fullmatch("a\x0bb") and not pattern.fullmatch("\x85")


def test_the_name_pattern_is_what_a_name_accepts_for_every_character() -> None:
    # A name is text that is not empty once stripped: one character tells it all. Every
    # refused or whitespace character is in the BMP; beyond it, one per plane stands in.
    pattern = re.compile(NAME_PATTERN)
    disagree = []
    for cp in [*range(0x10000), *range(0x10000, 0x110000, 0x10000), 0x1F600, 0x10FFFF]:
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            accepted = bool(Competitor(id="c", name=chr(cp)))
        except ValidationError:
            accepted = False
        if (pattern.fullmatch(chr(cp)) is not None) != accepted:
            disagree.append(hex(cp))
    assert disagree == []
    assert pattern.fullmatch(" a\t") and not pattern.fullmatch(" \u3000\t")


@pytest.mark.parametrize(
    ("body", "field", "rule"),
    [
        ("AccountIn", "name", NAME_PATTERN),
        ("PersonIn", "name", NAME_PATTERN),
        ("PersonUpdate", "notes", TEXT_PATTERN),
        ("ActionIn", "description", NAME_PATTERN),
        ("ActionUpdate", "outcome", TEXT_PATTERN),
        ("PlanIn", "pain_points", TEXT_PATTERN),
        ("StaffIn", "title", TEXT_PATTERN),
        ("CompetitorUpdate", "name", NAME_PATTERN),
        ("OpportunityUpdate", "stage", TEXT_PATTERN),
    ],
)
def test_text_fields_state_the_pattern(
    document: dict[str, Any], body: str, field: str, rule: str
) -> None:
    prop = document["components"]["schemas"][body]["properties"][field]
    strings = [b for b in [prop, *prop.get("anyOf", [])] if b.get("type") == "string"]
    assert [s["pattern"] for s in strings] == [rule]


def test_json_types_are_json_types(env: ApiEnv, document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert schemas["OpportunityIn"]["properties"]["value"]["anyOf"][0]["type"] == "number"
    assert schemas["TieIn"]["properties"]["directed"]["type"] == "boolean"
    assert schemas["AttitudeIn"]["properties"]["level"] == {
        "type": "integer",
        "minimum": -1,
        "maximum": 3,
        "title": "Level",
    }
    before = env.snapshot()
    refused = [
        ("/accounts/acme/opportunities", {"id": "opp-x", "name": "X", "value": False}, "value"),
        (
            "/accounts/acme/ties",
            {"type": "knows", "source_id": "ceo", "target_id": "eng1", "directed": 0},
            "directed",
        ),
        ("/staff", {"id": "s-new", "name": "New", "seniority": True}, "seniority"),
        ("/accounts/acme/plans/from-next-targets", {"count": 1, "start_date": 0}, "start_date"),
    ]
    for path, body, field in refused:
        answer = env.client.post(API + path, json=body, headers=env.auth("a"))
        assert answer.status_code == 422, (path, answer.text)
        assert answer.json()["field"] == field
    assert env.snapshot() == before
    # null roles are no roles, as the schema says (anyOf array, null).
    roles = schemas["PersonIn"]["properties"]["roles"]["anyOf"]
    assert {"type": "null"} in roles
    made = env.client.post(
        f"{API}/accounts/acme/people",
        json={"id": "p-new", "name": "New", "roles": None},
        headers=env.auth("a"),
    )
    assert made.status_code == 201, made.text
    assert made.json()["roles"] == []


def _declared(document: dict[str, Any], method: str, path: str) -> list[dict[str, Any]]:
    return document["paths"][API + path][method]["responses"]["422"]["x-refused-when"]  # type: ignore[no-any-return]


def _explains(rules: list[dict[str, Any]], problem: dict[str, Any]) -> bool:
    alone = {"field": problem.get("field"), "message": problem["detail"]}
    errors = problem.get("errors") or [alone]
    return all(
        any(
            rule["code"] == problem["code"]
            and rule.get("field", error["field"]) == error["field"]
            and rule.get("says", "") in error["message"]
            for rule in rules
        )
        for error in errors
    )


def test_each_rule_a_schema_cannot_state_is_declared_where_it_refuses(
    env: ApiEnv, document: dict[str, Any]
) -> None:
    future = (date.today() + timedelta(days=3)).isoformat()
    contradicting = {  # five at 2, competitive preference -1: the rule caps the level at 0
        "person_id": "cto",
        "as_of": "2026-02-01",
        "level": 1,
        **dict.fromkeys(
            ("recognition", "participation", "information", "guidance", "project_support"), 2
        ),
        "competitive_preference": -1,
    }
    cases = [
        ("post", "/accounts/{account_id}/attitudes", "/accounts/acme/attitudes", contradicting),
        (
            "put",
            "/accounts/{account_id}/attitudes/{person_id}/{toward}/{dated}",
            "/accounts/acme/attitudes/cto/us/2026-02-01",
            {k: v for k, v in contradicting.items() if k not in ("person_id", "as_of")},
        ),
        ("get", "/accounts/{account_id}/review", f"/accounts/acme/review?from={future}", None),
        (
            "delete",
            "/admin/people/{account_id}/{person_id}",
            "/admin/people/acme/cto?confirm=ceo",
            None,
        ),
    ]
    before = env.snapshot()
    for method, template, url, body in cases:
        options = {"json": body} if body is not None else {}
        answer = env.client.request(method.upper(), API + url, headers=env.auth("a"), **options)
        assert answer.status_code == 422, (url, answer.text)
        assert _explains(_declared(document, method, template), answer.json()), answer.text
    assert env.snapshot() == before


def test_a_taken_id_is_a_409_the_creates_list(env: ApiEnv, document: dict[str, Any]) -> None:
    # Team B's person g-ceo: the answer is the same as for one's own id, and says nothing more.
    for taken in ("ceo", "g-ceo"):
        answer = env.client.post(
            f"{API}/accounts/acme/people",
            json={"id": taken, "name": "Someone"},
            headers=env.auth("a"),
        )
        assert answer.status_code == 409, answer.text
        assert answer.json()["detail"] == f"person id '{taken}' is taken; choose another id"
    creates = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            name = (body or {}).get("schema", {}).get("$ref", "").removeprefix(_BODY)
            if "id" in document["components"]["schemas"].get(name, {}).get("properties", {}):
                assert "409" in operation["responses"], (method, path)  # a create names an id
                creates += 1
            rules = operation["responses"].get("422", {}).get("x-refused-when", [])
            assert not [r for r in rules if "already" in r.get("says", "")], (method, path)
    # accounts, people, opportunities, actions, staff, competitors, interactions, role slots
    assert creates == 8


def test_the_audit_names_an_account_only_by_a_valid_id(env: ApiEnv) -> None:
    # Clients (and schemathesis' inferred links) reuse an audit entry's account_id as a
    # path's account_id: a refused path segment that is no id must not come back as one.
    bad = "acme;\u00e4 x"
    answer = env.client.post(
        f"{API}/accounts/{bad}/opportunities",
        json={"id": "opp-x", "name": "X"},
        headers=env.auth("a"),
    )
    assert answer.status_code == 422, answer.text
    good = env.client.post(
        f"{API}/accounts/acme/opportunities",
        json={"id": "opp-x", "name": "X"},
        headers=env.auth("a"),
    )
    assert good.status_code == 201, good.text
    entries = env.client.get(f"{API}/audit?limit=1000", headers=env.auth("a")).json()["items"]
    refused = [e for e in entries if e["status"] == 422 and e["route"].endswith("/opportunities")]
    assert [(e["account_id"], e["path"]) for e in refused] == [
        (None, f"{API}/accounts/{bad}/opportunities")
    ]
    made = [e for e in entries if e["status"] == 201 and e["route"].endswith("/opportunities")]
    assert [e["account_id"] for e in made] == ["acme"]
