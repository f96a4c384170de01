"""GET /search: people, accounts and staff by name, title or department, team-scoped."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import ApiEnv


def _found(env: ApiEnv, who: str, q: str, **params: Any) -> list[tuple[str, str]]:
    answer = env.get(who, "/search", params={"q": q, **params})
    assert answer.status_code == 200, answer.text
    return [(h["kind"], h["id"]) for h in answer.json()["items"]]


def test_chinese_and_english_with_what_matched(env: ApiEnv) -> None:
    answer = env.get("a", "/search", params={"q": "王总"}).json()
    assert answer == {
        "query": "王总",
        "items": [
            {
                "kind": "person",
                "id": "ceo",
                "account_id": "acme",
                "label": "王总 (CEO)",
                "matched": ["name"],
                "path": "/api/v1/accounts/acme/people/ceo",
            }
        ],
    }
    assert _found(env, "a", "cfo") == [("person", "cfo")]
    assert _found(env, "a", "finance") == [("person", "cfo")]
    assert _found(env, "a", "ACME") == [("account", "acme")]
    # Staff are shared by every team, as their list is.
    assert _found(env, "a", "account manager") == [("staff", "g-s-ar"), ("staff", "s-ar")]
    it = env.get("a", "/search", params={"q": "it"}).json()["items"]
    assert [(h["id"], h["matched"]) for h in it] == [
        ("cto", ["department"]),
        ("eng1", ["department"]),
        ("eng2", ["department"]),
    ]


def test_another_teams_people_never_appear(env: ApiEnv) -> None:
    assert _found(env, "b", "CEO") == [("person", "g-ceo")]
    assert _found(env, "a", "CEO") == [("person", "ceo")]
    assert _found(env, "b", "acme") == []
    assert _found(env, "b_admin", "王总") == [("person", "g-ceo")]  # "G 王总", theirs
    assert _found(env, "op", "CEO") == []  # the operator's team owns no account


def test_a_write_is_found_at_once_and_a_limit_holds(env: ApiEnv) -> None:
    made = env.post(
        "a", "/accounts/acme/people", json={"id": "li", "name": "李明", "title": "采购经理"}
    )
    assert made.status_code == 201
    assert _found(env, "a", "采购") == [("person", "li")]
    assert len(_found(env, "a", "e", limit=2)) == 2


def test_an_empty_or_long_query_is_422(env: ApiEnv) -> None:
    for params in ({"q": ""}, {"q": "x" * 201}, {}, {"q": "x", "limit": 0}):
        answer = env.get("a", "/search", params=params)
        assert answer.status_code == 422, params
        assert answer.json()["errors"][0]["field"] in ("q", "limit")
    blank = env.get("a", "/search", params={"q": "   "})
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "q"
    assert env.get(None, "/search", params={"q": "x"}).status_code == 401
