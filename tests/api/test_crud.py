"""Every resource through the in-process client: list, read, create, update, delete, as_of."""

from __future__ import annotations

from datetime import date

import pytest

from tests.api.conftest import ApiEnv


class TestAccounts:
    def test_list_shows_only_the_callers_accounts(self, env: ApiEnv) -> None:
        page = env.get("a", "/accounts").json()
        assert [a["id"] for a in page["items"]] == ["acme"]
        assert page["total"] == 1 and page["next_offset"] is None

    def test_filters(self, env: ApiEnv) -> None:
        assert env.get("a", "/accounts?tier=strategic&q=acme").json()["total"] == 1
        assert env.get("a", "/accounts?region=West").json()["total"] == 0

    def test_create_read_update_delete(self, env: ApiEnv) -> None:
        made = env.post("a", "/accounts", json={"id": "initech", "name": "Initech", "tier": "价值"})
        assert made.status_code == 201 and made.json()["tier"] == "value"
        assert env.get("a", "/accounts/initech").json()["name"] == "Initech"
        assert env.get("b", "/accounts/initech").status_code == 404
        updated = env.put("a", "/accounts/initech", json={"name": "Initech Ltd", "region": "North"})
        assert updated.json() == {
            "id": "initech",
            "name": "Initech Ltd",
            "industry": None,
            "region": "North",
            "tier": None,
            "org_level": None,
            "kind": None,  # issue 14: the portfolio's account kind and group parent
            "parent_id": None,
            "language": None,  # issue 12 item 7: the account's language (none: from its data)
        }
        gone = env.delete("a", "/accounts/initech")
        assert gone.status_code == 200 and gone.json()["deleted"] == "account/initech"
        assert env.get("a", "/accounts/initech").status_code == 404

    def test_create_twice_conflicts(self, env: ApiEnv) -> None:
        again = env.post("a", "/accounts", json={"id": "acme", "name": "Acme"})
        assert again.status_code == 409 and again.json()["code"] == "conflict"

    def test_as_of_before_the_account_existed(self, env: ApiEnv) -> None:
        assert env.get("a", "/accounts/acme?as_of=2020-01-01").status_code == 404
        assert env.get("a", "/accounts?as_of=2020-01-01").json()["total"] == 0


class TestPeople:
    def test_list_filter_and_page(self, env: ApiEnv) -> None:
        assert env.get("a", "/accounts/acme/people").json()["total"] == 5
        it = env.get("a", "/accounts/acme/people?department=IT").json()
        assert sorted(p["id"] for p in it["items"]) == ["cto", "eng1", "eng2"]
        assert env.get("a", "/accounts/acme/people?role=approver").json()["items"][0]["id"] == "cfo"
        assert env.get("a", "/accounts/acme/people?layer=execution").json()["total"] == 2
        first = env.get("a", "/accounts/acme/people?limit=2").json()
        second = env.get("a", f"/accounts/acme/people?limit=2&offset={first['next_offset']}").json()
        assert first["next_offset"] == 2 and len(second["items"]) == 2
        assert {p["id"] for p in first["items"]}.isdisjoint(p["id"] for p in second["items"])

    def test_create_takes_the_account_from_the_path(self, env: ApiEnv) -> None:
        made = env.post(
            "a", "/accounts/acme/people", json={"id": "cio", "name": "Ma", "layer": "管理层"}
        )
        assert made.status_code == 201
        assert made.json()["account_id"] == "acme" and made.json()["layer"] == "management"

    def test_account_id_in_the_body_is_refused(self, env: ApiEnv) -> None:
        sneaky = env.post(
            "a", "/accounts/acme/people", json={"id": "x1", "name": "X", "account_id": "globex"}
        )
        assert sneaky.status_code == 422 and sneaky.json()["field"] == "account_id"

    def test_update_keeps_history(self, env: ApiEnv) -> None:
        changed = env.put(
            "a", "/accounts/acme/people/eng1", json={"name": "Eve Z", "layer": "执行层"}
        )
        assert changed.status_code == 200 and changed.json()["name"] == "Eve Z"
        today = date.today().isoformat()
        assert env.get("a", f"/accounts/acme/people/eng1?as_of={today}").json()["name"] == "Eve Z"
        assert env.get("a", "/accounts/acme/people/eng1?as_of=2026-06-01").json()["name"] == "Eve"
        assert env.get("a", "/accounts/acme/people/eng1?as_of=2025-12-31").status_code == 404

    def test_update_of_a_missing_person(self, env: ApiEnv) -> None:
        missing = env.put("a", "/accounts/acme/people/nobody", json={"name": "N"})
        assert missing.status_code == 404 and missing.json()["detail"] == "no person 'nobody'"

    def test_delete_ends_what_hangs_on_the_person(self, env: ApiEnv) -> None:
        gone = env.delete("a", "/accounts/acme/people/cto").json()
        assert gone["versions_ended"] > 1
        ties = env.get("a", "/accounts/acme/ties?person_id=cto").json()
        assert ties["total"] == 0


class TestOpportunities:
    def test_crud(self, env: ApiEnv) -> None:
        assert env.get("a", "/accounts/acme/opportunities").json()["total"] == 1
        made = env.post(
            "a", "/accounts/acme/opportunities", json={"id": "acme-erp", "name": "ERP", "value": 5}
        )
        assert made.status_code == 201 and made.json()["account_id"] == "acme"
        assert env.get("a", "/accounts/acme/opportunities?stage=proposal").json()["total"] == 1
        put = env.put("a", "/accounts/acme/opportunities/acme-erp", json={"name": "ERP 2"})
        assert put.json()["name"] == "ERP 2"
        assert env.delete("a", "/accounts/acme/opportunities/acme-erp").status_code == 200
        assert env.get("a", "/accounts/acme/opportunities/acme-erp").status_code == 404


class TestTies:
    def test_list_by_type_and_person(self, env: ApiEnv) -> None:
        assert env.get("a", "/accounts/acme/ties").json()["total"] == 8
        assert env.get("a", "/accounts/acme/ties?type=reports_to").json()["total"] == 4
        assert env.get("a", "/accounts/acme/ties?person_id=cfo").json()["total"] == 2

    def test_crud(self, env: ApiEnv) -> None:
        body = {"type": "knows", "source_id": "cfo", "target_id": "eng2", "strength": 0.4}
        assert env.post("a", "/accounts/acme/ties", json=body).status_code == 201
        path = "/accounts/acme/ties/knows/cfo/eng2"
        assert env.get("a", path).json()["strength"] == 0.4
        assert env.put("a", path, json={"strength": 0.7, "directed": True}).json()["directed"]
        assert env.delete("a", path).json()["versions_ended"] == 1
        assert env.get("a", path).status_code == 404

    def test_a_self_tie_is_invalid(self, env: ApiEnv) -> None:
        body = {"type": "knows", "source_id": "cfo", "target_id": "cfo"}
        refused = env.post("a", "/accounts/acme/ties", json=body)
        assert refused.status_code == 422 and refused.json()["code"] == "invalid_request"

    def test_a_reports_to_cycle_is_refused(self, env: ApiEnv) -> None:
        body = {"type": "reports_to", "source_id": "ceo", "target_id": "eng1"}
        refused = env.post("a", "/accounts/acme/ties", json=body).json()
        assert refused["code"] == "validation_failed" and "cycle" in refused["errors"][0]["message"]


class TestContacts:
    def test_crud(self, env: ApiEnv) -> None:
        assert env.get("a", "/accounts/acme/contacts?staff_id=s-ar").json()["total"] == 2
        made = env.post(
            "a", "/accounts/acme/contacts", json={"staff_id": "s-exec", "person_id": "ceo"}
        )
        assert made.status_code == 201 and made.json()["strength"] == 1.0
        path = "/accounts/acme/contacts/s-exec/ceo"
        assert env.put("a", path, json={"strength": 0.5}).json()["strength"] == 0.5
        assert env.delete("a", path).status_code == 200

    def test_unknown_staff(self, env: ApiEnv) -> None:
        refused = env.post(
            "a", "/accounts/acme/contacts", json={"staff_id": "nobody", "person_id": "ceo"}
        )
        assert refused.status_code == 422 and refused.json()["field"] == "staff_id"


class TestAttitudes:
    def test_a_persons_dated_history(self, env: ApiEnv) -> None:
        cfo = env.get("a", "/accounts/acme/attitudes?person_id=cfo").json()["items"]
        assert [(a["as_of"], a["level"]) for a in cfo] == [("2026-02-01", 0), ("2026-09-01", 1)]
        earlier = env.get("a", "/accounts/acme/attitudes?person_id=cfo&as_of=2026-05-01").json()
        assert [a["level"] for a in earlier["items"]] == [0]

    def test_crud(self, env: ApiEnv) -> None:
        body = {"person_id": "eng2", "level": "支持", "as_of": "2026-10-01", "note": "met"}
        made = env.post("a", "/accounts/acme/attitudes", json=body)
        assert made.status_code == 201 and made.json()["level"] == 1
        path = "/accounts/acme/attitudes/eng2/us/2026-10-01"
        assert env.get("a", path).json()["note"] == "met"
        assert env.put("a", path, json={"level": 2}).json()["level"] == 2
        assert env.delete("a", path).status_code == 200

    def test_undated_reading_is_dated_today(self, env: ApiEnv) -> None:
        made = env.post("a", "/accounts/acme/attitudes", json={"person_id": "eng2", "level": 1})
        assert made.json()["as_of"] == date.today().isoformat()

    def test_toward_a_competitor(self, env: ApiEnv) -> None:
        rival = env.get("a", "/accounts/acme/attitudes?toward=rival").json()["items"]
        assert [(a["person_id"], a["level"]) for a in rival] == [("ceo", 2)]


class TestDecisionRoles:
    def test_crud(self, env: ApiEnv) -> None:
        assert (
            env.get("a", "/accounts/acme/decision-roles?opportunity_id=acme-cloud").json()["total"]
            == 3
        )
        body = {"opportunity_id": "acme-cloud", "person_id": "eng1", "role": "用户"}
        assert env.post("a", "/accounts/acme/decision-roles", json=body).json()["role"] == "user"
        path = "/accounts/acme/decision-roles/acme-cloud/eng1/user"
        assert env.get("a", path).status_code == 200
        assert env.delete("a", path).status_code == 200
        assert env.get("a", path).status_code == 404


class TestPlans:
    def test_crud(self, env: ApiEnv) -> None:
        assert env.get("a", "/accounts/acme/plans/ceo").json()["target_level"] == 2
        body = {"person_id": "cfo", "target_level": 3, "owner_staff_id": "s-ar"}
        assert env.post("a", "/accounts/acme/plans", json=body).status_code == 201
        assert env.get("a", "/accounts/acme/plans?owner_staff_id=s-ar").json()["total"] == 1
        put = env.put("a", "/accounts/acme/plans/cfo", json={"target_level": 2, "needs": "budget"})
        assert put.json()["needs"] == "budget" and put.json()["owner_staff_id"] is None
        assert env.delete("a", "/accounts/acme/plans/cfo").status_code == 200


class TestActions:
    def test_crud_and_derived_id(self, env: ApiEnv) -> None:
        assert env.get("a", "/accounts/acme/actions?status=done").json()["items"][0]["id"] == "a-2"
        made = env.post(
            "a", "/accounts/acme/actions", json={"person_id": "cfo", "description": "Lunch"}
        ).json()
        assert made["id"].startswith("act-") and made["status"] == "open"
        path = f"/accounts/acme/actions/{made['id']}"
        body = {"person_id": "cfo", "description": "Lunch", "status": "已完成"}
        assert env.put("a", path, json=body).json()["status"] == "done"
        assert env.delete("a", path).status_code == 200


class TestStaff:
    def test_shared_list_and_crud(self, env: ApiEnv) -> None:
        ids = [s["id"] for s in env.get("b", "/staff").json()["items"]]
        assert {"s-ar", "g-s-ar"} <= set(ids)
        assert env.get("a", "/staff?triangle_role=AR&team=East").json()["total"] == 2
        made = env.post("a", "/staff", json={"id": "s-new", "name": "New", "seniority": 2})
        assert made.status_code == 201
        assert env.put("a", "/staff/s-new", json={"name": "Newer"}).json()["name"] == "Newer"
        assert env.get("b", "/staff/s-new").json()["name"] == "Newer"

    def test_any_writer_adds_but_only_admins_change(self, env: ApiEnv) -> None:
        assert env.post("b", "/staff", json={"id": "s-b2", "name": "B2"}).status_code == 201
        denied = env.put("b", "/staff/s-exec", json={"name": "Renamed by B"})
        assert denied.status_code == 403 and denied.json()["code"] == "admin_required"
        assert env.get("a", "/staff/s-exec").json()["name"] == "Bo Wang"

    def test_delete_needs_an_admin_key(self, env: ApiEnv) -> None:
        env.post("a", "/staff", json={"id": "s-tmp", "name": "Tmp"})
        denied = env.delete("b", "/staff/s-tmp")
        assert denied.status_code == 403 and denied.json()["code"] == "admin_required"
        assert env.delete("a", "/staff/s-tmp").status_code == 200

    def test_staff_who_own_plans_cannot_go(self, env: ApiEnv) -> None:
        assert env.delete("a", "/staff/s-exec").status_code == 409


class TestCompetitors:
    def test_crud(self, env: ApiEnv) -> None:
        assert env.get("a", "/competitors?q=rival").json()["total"] == 2
        assert (
            env.post("a", "/competitors", json={"id": "acmecorp", "name": "X"}).status_code == 201
        )
        assert env.put("a", "/competitors/acmecorp", json={"name": "Y"}).json()["name"] == "Y"
        assert env.get("a", "/competitors/acmecorp").json()["name"] == "Y"
        assert env.delete("a", "/competitors/acmecorp").status_code == 200


class TestReadOnlyKeys:
    @pytest.mark.parametrize(
        ("method", "path", "body"),
        [
            ("post", "/accounts/acme/people", {"id": "z", "name": "Z"}),
            ("put", "/accounts/acme/people/ceo", {"name": "Z"}),
            ("delete", "/accounts/acme/people/ceo", None),
            ("post", "/staff", {"id": "s-z", "name": "Z"}),
            ("post", "/accounts", {"id": "zz", "name": "Z"}),
        ],
    )
    def test_cannot_write(self, env: ApiEnv, method: str, path: str, body: object) -> None:
        before = env.snapshot()
        kw = {"json": body} if body is not None else {}
        answer = getattr(env, method)("a_ro", path, **kw)
        assert answer.status_code == 403 and answer.json()["code"] == "read_only_key"
        assert env.snapshot() == before

    def test_can_read(self, env: ApiEnv) -> None:
        assert env.get("a_ro", "/accounts/acme/people/ceo").status_code == 200


class TestHealth:
    def test_needs_no_key(self, env: ApiEnv) -> None:
        assert env.get(None, "/health").json()["status"] == "ok"
