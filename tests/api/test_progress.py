"""The plan routes: progress, review, task book, agenda, plans from next targets, bad input.

Team A's ``acme`` (tests.sample) is written on SEEDED_ON (2026-01-05): the CEO
(王总) has a plan to level 2 by 2027-03-31 owned by s-exec, with an open
action due 2026-12-15 (s-exec) and a done one (s-ar).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from graphcrm.model import Staff
from tests.api.conftest import SEEDED_ON, ApiEnv

PLAN = {"person_id": "cto", "target_level": 2, "start_date": "2026-01-10",
        "target_date": "2026-06-30", "owner_staff_id": "s-ar"}  # fmt: skip


def _late_action(env: ApiEnv, days: int = 5) -> str:
    """An open action on the CEO, due ``days`` before today; returns its due date."""
    due = (date.today() - timedelta(days=days)).isoformat()
    action = {"id": "a-late", "person_id": "ceo", "description": "Call the CEO's office",
              "due": due, "owner_staff_id": "s-exec"}  # fmt: skip
    assert env.post("a", "/accounts/acme/actions", json=action).status_code == 201
    return due


class TestProgress:
    def test_valid(self, env: ApiEnv) -> None:
        _late_action(env)
        answer = env.get("a", "/accounts/acme/progress")
        assert answer.status_code == 200
        body = answer.json()
        [ceo] = body["targets"]
        assert (ceo["person_id"], ceo["target_level"], ceo["owner_staff_id"]) == (
            "ceo",
            2,
            "s-exec",
        )
        assert ceo["days_left"] == (date(2027, 3, 31) - date.today()).days
        late = {a["id"]: a["days_overdue"] for a in ceo["overdue_actions"]}
        assert late["a-late"] == 5
        assert ceo["status"] == "off_track"
        assert "overdue_actions" in [r["code"] for r in ceo["reasons"]]

    def test_as_of_before_the_action(self, env: ApiEnv) -> None:
        _late_action(env)
        answer = env.get("a", "/accounts/acme/progress", params={"as_of": "2026-02-01"})
        assert [a["id"] for a in answer.json()["open_actions"]] != []
        assert "a-late" not in [a["id"] for a in answer.json()["open_actions"]]

    def test_not_found(self, env: ApiEnv) -> None:
        assert env.get("b", "/accounts/acme/progress").status_code == 404


class TestReview:
    def test_valid(self, env: ApiEnv) -> None:
        reading = {"person_id": "cto", "level": 3, "as_of": date.today().isoformat()}
        assert env.post("a", "/accounts/acme/attitudes", json=reading).status_code == 201
        frm = (SEEDED_ON + timedelta(days=1)).isoformat()
        answer = env.get("a", "/accounts/acme/review", params={"from": frm})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["from_date"] == frm and body["to_date"] == date.today().isoformat()
        [change] = [c for c in body["level_changes"] if c["person_id"] == "cto"]
        assert (change["level_to"], change["direction"]) == (3, "up")

    @pytest.mark.parametrize(
        ("params", "code"),
        [
            ({"from": "2026-02-01", "to": "2026-01-01"}, "invalid_period"),
            ({"to": "2999-01-01"}, "date_in_future"),
            ({"from": "2026-02-30"}, "invalid_request"),
        ],
    )
    def test_bad_dates(self, env: ApiEnv, params: dict[str, str], code: str) -> None:
        answer = env.get("a", "/accounts/acme/review", params=params)
        assert answer.status_code == 422 and answer.json()["code"] == code

    def test_before_the_account_existed(self, env: ApiEnv) -> None:
        answer = env.get("a", "/accounts/acme/review", params={"from": "2025-01-01"})
        assert answer.status_code == 200
        assert answer.json()["health_from"] == 0


class TestAgenda:
    def test_valid(self, env: ApiEnv) -> None:
        due = _late_action(env)
        answer = env.get("a", "/staff/s-exec/agenda")
        assert answer.status_code == 200
        items = [(i["kind"], i["due"], i["person_id"]) for i in answer.json()["items"]]
        assert items == [
            ("action", due, "ceo"),
            ("action", "2026-12-15", "ceo"),
            ("target", "2027-03-31", "ceo"),
        ]
        assert answer.json()["overdue_actions"] >= 1

    def test_other_teams_work_is_not_shown(self, env: ApiEnv) -> None:
        assert env.get("b", "/staff/s-exec/agenda").json()["items"] == []

    def test_not_found(self, env: ApiEnv) -> None:
        assert env.get("a", "/staff/nobody/agenda").status_code == 404


class TestTaskBook:
    def test_json_and_xlsx(self, env: ApiEnv) -> None:
        book = env.get("a", "/accounts/acme/task-book").json()
        [entry] = book["entries"]
        assert (entry["needs"], entry["pain_points"]) == ("cost control", "legacy ERP")
        assert len(entry["actions"]) == 2
        xlsx = env.get("a", "/accounts/acme/task-book.xlsx")
        assert xlsx.status_code == 200
        ws = load_workbook(BytesIO(xlsx.content)).active
        text = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        assert any("客户关系提升目标任务书" in t for t in text)
        assert "Executive visit with our VP" in text and "cost control" in text
        assert ws.page_setup.orientation == "landscape"


class TestFromNextTargets:
    def test_valid(self, env: ApiEnv) -> None:
        answer = env.post("a", "/accounts/acme/plans/from-next-targets",
                          json={"count": 1, "owner_staff_id": "s-ar"})  # fmt: skip
        assert answer.status_code == 201, answer.text
        body = answer.json()
        [plan] = body["plans"]
        assert plan["owner_staff_id"] == "s-ar" and plan["start_date"] == date.today().isoformat()
        stored = env.get("a", f"/accounts/acme/plans/{plan['person_id']}").json()
        assert stored["target_level"] == plan["target_level"]
        assert len(body["actions"]) == 1


class TestBadInput:
    """Each refused with a clear 422 and nothing changed."""

    def _refused(
        self,
        env: ApiEnv,
        answer: object,
        before: object,
        field: str,
        code: str = "validation_failed",
    ) -> None:
        assert answer.status_code == 422, answer.text  # type: ignore[attr-defined]
        problem = answer.json()  # type: ignore[attr-defined]
        assert problem["code"] == code
        assert field in {e["field"] for e in problem["errors"]}
        assert env.snapshot() == before

    def test_target_level_out_of_range(self, env: ApiEnv) -> None:
        before = env.snapshot()
        for level in (4, -2):
            answer = env.post("a", "/accounts/acme/plans", json={**PLAN, "target_level": level})
            self._refused(env, answer, before, "target_level", "invalid_request")

    def test_owner_from_another_team(self, env: ApiEnv) -> None:
        env.team("b").write(_staff("s-bob", "team-b"))
        before = env.snapshot()
        answer = env.post("a", "/accounts/acme/plans", json={**PLAN, "owner_staff_id": "s-bob"})
        self._refused(env, answer, before, "owner_staff_id")
        assert "team-b" in answer.json()["errors"][0]["message"]
        action = {"person_id": "ceo", "description": "Visit", "owner_staff_id": "s-bob"}
        self._refused(env, env.post("a", "/accounts/acme/actions", json=action), before,
                      "owner_staff_id")  # fmt: skip

    def test_owner_from_another_team_in_an_import(self, env: ApiEnv) -> None:
        env.team("b").write(_staff("s-bob", "team-b"))
        before = env.snapshot()
        upload = {"plans": [{**PLAN, "owner_staff_id": "s-bob"}]}
        answer = env.post(
            "a", "/imports", files={"file": ("plans.json", json.dumps(upload).encode())}
        )
        self._refused(env, answer, before, "owner_staff_id")
        [error] = answer.json()["errors"]
        assert error["row"] == 1 and "team-b" in error["message"]

    def test_due_before_the_plans_start(self, env: ApiEnv) -> None:
        assert env.post("a", "/accounts/acme/plans", json=PLAN).status_code == 201
        before = env.snapshot()
        action = {"person_id": "cto", "description": "Demo", "due": "2026-01-09"}
        answer = env.post("a", "/accounts/acme/actions", json=action)
        self._refused(env, answer, before, "due")
        assert "2026-01-10" in answer.json()["errors"][0]["message"]

    def test_action_on_a_person_not_in_the_account(self, env: ApiEnv) -> None:
        before = env.snapshot()
        for person in ("g-ceo", "nobody"):  # team B's person, and nobody's
            action = {"person_id": person, "description": "Visit"}
            answer = env.post("a", "/accounts/acme/actions", json=action)
            self._refused(env, answer, before, "person_id")


def _staff(ident: str, team: str) -> object:
    from graphcrm.model import Dataset

    return Dataset(staff=[Staff(id=ident, name="Bob", team=team)])
