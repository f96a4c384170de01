"""No lost updates (issue 11 item 5): ETag on reads, If-Match on PUT, PATCH and DELETE,
412 with the record as it now stands, and PATCH as a JSON merge patch (RFC 7396)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import ApiEnv

CTO = "/accounts/acme/people/cto"
TIE = "/accounts/acme/ties/knows/cto/cfo"


def _history(env: ApiEnv, table: str, *key: str) -> list[Any]:
    return env.services.store.history(table, key)


def test_a_read_answers_the_records_etag_and_a_write_a_new_one(env: ApiEnv) -> None:
    first = env.get("a", CTO)
    tag = first.headers["ETag"]
    assert tag.startswith('"') and tag.endswith('"') and len(tag) == 18
    assert env.get("a", CTO).headers["ETag"] == tag  # the same version, the same tag
    body = {**first.json(), "title": "CIO"}
    del body["id"], body["account_id"]
    saved = env.put("a", CTO, json=body, headers={"If-Match": tag})
    assert saved.status_code == 200 and saved.json()["title"] == "CIO"
    assert saved.headers["ETag"] != tag
    assert env.get("a", CTO).headers["ETag"] == saved.headers["ETag"]
    # Writing the same fields again starts no version: the tag holds.
    again = env.put("a", CTO, json=body, headers={"If-Match": saved.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] == saved.headers["ETag"]


def test_the_second_of_two_editors_gets_412_and_nothing_is_written(env: ApiEnv) -> None:
    """Two clients load the same person and both edit; the second save is refused."""
    ann, bob = env.get("a", CTO), env.get("a", CTO)
    assert ann.headers["ETag"] == bob.headers["ETag"]
    ann_saved = env.patch(
        "a",
        CTO,
        json={"title": "CIO", "department": "Digital"},
        headers={"If-Match": ann.headers["ETag"]},
    )
    assert ann_saved.status_code == 200
    before = env.snapshot(), _history(env, "people", "cto")
    bob_body = {k: v for k, v in bob.json().items() if k not in ("id", "account_id")}
    stale = env.put(
        "a",
        CTO,
        json={**bob_body, "notes": "met at the fair"},
        headers={"If-Match": bob.headers["ETag"]},
    )
    assert stale.status_code == 412, stale.text
    problem = stale.json()
    assert stale.headers["content-type"] == "application/problem+json"
    assert problem["code"] == "precondition_failed"
    assert problem["changed"] == ["department", "title"]
    assert problem["current"]["title"] == "CIO" and problem["current"]["notes"] == "prefers email"
    assert problem["current_etag"] == ann_saved.headers["ETag"] == stale.headers["ETag"]
    # The same through PATCH and DELETE: refused, nothing written.
    patched = env.patch("a", CTO, json={"notes": "x"}, headers={"If-Match": bob.headers["ETag"]})
    assert patched.status_code == 412
    gone = env.delete("a", CTO, headers={"If-Match": bob.headers["ETag"]})
    assert gone.status_code == 412
    assert (env.snapshot(), _history(env, "people", "cto")) == before


def test_if_match_on_delete(env: ApiEnv) -> None:
    path = "/accounts/acme/ties/knows/cto/cfo"
    tag = env.get("a", path).headers["ETag"]
    assert env.delete("a", path, headers={"If-Match": '"0000000000000000"'}).status_code == 412
    assert env.get("a", path).status_code == 200
    gone = env.delete("a", path, headers={"If-Match": tag})
    assert gone.status_code == 200 and gone.json()["deleted"] == "tie/knows/cto/cfo"
    assert env.get("a", path).status_code == 404


def test_if_match_star_and_lists_and_weak_tags(env: ApiEnv) -> None:
    tag = env.get("a", CTO).headers["ETag"]
    weak = env.patch("a", CTO, json={"title": "X"}, headers={"If-Match": f"W/{tag}"})
    assert weak.status_code == 412  # If-Match compares strongly
    listed = env.patch("a", CTO, json={"title": "X"}, headers={"If-Match": f'"zz", {tag}'})
    assert listed.status_code == 200
    star = env.patch("a", CTO, json={"title": "Y"}, headers={"If-Match": "*"})
    assert star.status_code == 200 and star.json()["title"] == "Y"


def test_a_stale_tag_on_another_teams_record_is_still_404(env: ApiEnv) -> None:
    tag = env.get("a", CTO).headers["ETag"]
    before = env.snapshot()
    for call in (env.patch, env.put):
        answer = call("b", CTO, json={"name": "B"}, headers={"If-Match": '"stale"'})
        assert answer.status_code == 404 and answer.json()["code"] == "not_found"
        assert call("b", CTO, json={"name": "B"}, headers={"If-Match": tag}).status_code == 404
    assert env.delete("b", CTO, headers={"If-Match": '"stale"'}).status_code == 404
    assert env.snapshot() == before


def test_without_if_match_writes_as_before(env: ApiEnv) -> None:
    """PUT still replaces the whole record: the department left out is cleared."""
    put = env.put("a", CTO, json={"name": "Chen", "title": "CTO"})
    assert put.status_code == 200
    assert put.json()["department"] is None and put.json()["notes"] is None


# -- PATCH: only the fields sent change ---------------------------------------------------


def _same_but(before: dict[str, Any], after: dict[str, Any], **changed: Any) -> bool:
    return after == {**before, **changed}


def test_patch_a_person_changes_only_the_fields_sent(env: ApiEnv) -> None:
    before = env.get("a", CTO).json()
    after = env.patch("a", CTO, json={"title": "首席信息官", "notes": None})
    assert after.status_code == 200
    assert _same_but(before, after.json(), title="首席信息官", notes=None)
    assert env.get("a", CTO).json() == after.json()
    roles = env.patch(
        "a",
        CTO,
        json={"roles": ["决策者"]},
        headers={"content-type": "application/merge-patch+json"},
    )
    assert roles.status_code == 200 and roles.json()["roles"] == ["decision_maker"]
    assert roles.json()["department"] == "IT"


def test_patch_ties_attitudes_plans_actions(env: ApiEnv) -> None:
    cases = [
        ("/accounts/acme/ties/knows/cto/cfo", {"strength": 0.9}),
        ("/accounts/acme/attitudes/cfo/us/2026-09-01", {"note": "warming up"}),
        ("/accounts/acme/plans/ceo", {"needs": "speed", "pain_points": None}),
        ("/accounts/acme/actions/a-2", {"outcome": "sent on Monday"}),
        ("/accounts/acme/contacts/s-ar/cto", {"frequency_per_month": 2}),
        ("/accounts/acme/opportunities/acme-cloud", {"stage": "negotiation"}),
    ]
    for path, change in cases:
        before = env.get("a", path)
        assert before.status_code == 200, (path, before.text)
        after = env.patch("a", path, json=change, headers={"If-Match": before.headers["ETag"]})
        assert after.status_code == 200, (path, after.text)
        expected = {**before.json(), **change}
        assert after.json() == expected, path
        assert env.get("a", path).json() == expected


def test_patch_is_validated_as_put(env: ApiEnv) -> None:
    before = env.snapshot()
    path = "/accounts/acme/attitudes/cfo/us/2026-09-01"
    cases = [(path, {"level": 5}), (CTO, {"name": None}), (TIE, {"strength": 2})]
    for target, body in cases:
        patched = env.patch("a", target, json=body)
        field = next(iter(body))
        assert patched.status_code == 422, patched.text
        assert [e["field"] for e in patched.json()["errors"]] == [field]
        fields = _put_fields(env, target)
        put_body = {k: v for k, v in env.get("a", target).json().items() if k in fields}
        put = env.put("a", target, json={**put_body, **body})
        assert put.status_code == 422
        assert put.json()["errors"][0]["field"] == field
    unknown = env.patch("a", CTO, json={"salary": 1})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "salary"
    assert env.snapshot() == before


def _put_fields(env: ApiEnv, path: str) -> set[str]:
    """The fields of the PUT body of the record at ``path``."""
    name = {"people": "PersonUpdate", "ties": "TieUpdate", "attitudes": "AttitudeUpdate"}
    schemas = env.app.openapi()["components"]["schemas"]
    return set(schemas[name[path.split("/")[3]]]["properties"])


@pytest.mark.parametrize("path", ["/accounts/acme/people/nobody", "/accounts/nowhere/people/cto"])
def test_patch_of_a_missing_record_is_404(env: ApiEnv, path: str) -> None:
    assert env.patch("a", path, json={"title": "x"}).status_code == 404


def test_openapi_documents_patch_etag_and_412(env: ApiEnv) -> None:
    document = env.app.openapi()
    person = document["paths"]["/api/v1/accounts/{account_id}/people/{person_id}"]
    assert {"get", "put", "patch", "delete"} <= set(person)
    assert person["get"]["responses"]["200"]["headers"]["ETag"]
    for method in ("put", "patch", "delete"):
        assert "412" in person[method]["responses"], method
        assert any(p["name"] == "If-Match" for p in person[method]["parameters"])
    body = person["patch"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    patch_schema = document["components"]["schemas"][body.rsplit("/", 1)[-1]]
    assert patch_schema["examples"] == [{"name": "Chen Wei"}]
    assert "required" not in patch_schema
    assert "JSON merge patch" in person["patch"]["description"]
    assert "Replaces the whole record" in person["put"]["description"]
    # Every record's PUT has its PATCH (not the admin's hand-over of an account, nor the
    # team's method settings, whose PUT already changes only the keys it names).
    puts = [
        p
        for p, ops in document["paths"].items()
        if "put" in ops and "/admin/" not in p and p != "/api/v1/settings"
    ]
    patches = [p for p, ops in document["paths"].items() if "patch" in ops]
    assert puts == patches and len(puts) >= 10


def test_a_read_only_key_gets_403_before_anything_else(env: ApiEnv) -> None:
    tag = env.get("a_ro", CTO).headers["ETag"]
    before = env.snapshot()
    for body in ({"title": "CIO"}, {"notes": None}):
        answer = env.patch("a_ro", CTO, json=body, headers={"If-Match": tag})
        assert answer.status_code == 403 and answer.json()["code"] == "read_only_key"
    assert env.delete("a_ro", CTO, headers={"If-Match": tag}).status_code == 403
    assert env.snapshot() == before
