"""The editing forms over HTTP, as a browser posts them (issue 11 items 1-3).

A service of its own (the demo accounts, team demo), so the writes here do not
change what the other page tests read. Every refusal is checked three ways:
its status, its message at the field (the input kept), and the stores dumped
before and after, equal line for line (nothing written)."""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from graphcrm.access import AccessStore
from tests.ui.conftest import Served, demo_stores, form_sign_in, page_token, serve

ACCOUNT = "jiangnan-mobile"


@pytest.fixture(scope="module")
def editable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    settings, keys = demo_stores(tmp_path_factory.mktemp("forms"))
    with AccessStore(settings.access_db) as access:
        keys["reader"] = access.create_key("demo", "reader", read_only=True).key
    with serve(settings) as url:
        yield Served(url, settings, keys)


@contextmanager
def browser_like(served: Served, who: str = "demo") -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.url, timeout=60) as client:
        assert form_sign_in(client, served, served.keys[who]).status_code == 303
        yield client


def graph_dump(served: Served) -> list[str]:
    """Every row of the graph store, as SQL text: equal dumps, equal stores."""
    path = served.settings.store.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


def field_error(html: str, field: str) -> str:
    found = re.search(rf'<span class="field-error" id="{field}-error"[^>]*>([^<]*)</span>', html)
    return found.group(1) if found else ""


def form_error(html: str) -> str:
    found = re.search(r'<p class="form-error"[^>]*>([^<]*)</p>', html)
    return found.group(1) if found else ""


def post(client: httpx.Client, served: Served, path: str, data: dict[str, Any]) -> httpx.Response:
    token = page_token(client, served.ui(f"/accounts/{ACCOUNT}/map"))
    return client.post(served.ui(f"/accounts/{ACCOUNT}{path}"), data={"csrf_token": token, **data})


def api_get(served: Served, path: str, who: str = "demo") -> Any:
    """A record, or every item of a list (all its pages), as the REST API answers."""
    headers = {"Authorization": f"Bearer {served.keys[who]}"}
    url = f"{served.url}/api/v1/accounts/{ACCOUNT}{path}"
    answer = httpx.get(url, headers=headers, params={"limit": 1000})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    if isinstance(body, dict) and "items" in body:
        assert body["next_offset"] is None
        return body["items"]
    return body


def test_a_person_added_edited_and_removed_on_the_pages_is_what_the_api_reads(
    editable: Served,
) -> None:
    with browser_like(editable) as client:
        back = f"/ui/accounts/{ACCOUNT}"
        added = post(
            client,
            editable,
            "/people",
            {"id": "p-form", "name": "周 <b>新</b>", "layer": "management", "next": back},
        )
        assert added.status_code == 303 and added.headers["location"] == f"{back}?done=saved"
        assert api_get(editable, "/people/p-form")["name"] == "周 <b>新</b>"
        dashboard = client.get(editable.ui(f"/accounts/{ACCOUNT}?done=saved"))
        assert "周 &lt;b&gt;新&lt;/b&gt;" in dashboard.text and "<b>新</b>" not in dashboard.text
        assert '<div class="flash" role="status">Saved.</div>' in dashboard.text

        edited = post(
            client,
            editable,
            "/people/p-form",
            {"name": "周新", "title": "CFO", "roles": ["approver", "evaluator"], "next": back},
        )
        assert edited.status_code == 303
        person = api_get(editable, "/people/p-form")
        assert (person["title"], person["roles"], person.get("layer")) == (
            "CFO",
            ["approver", "evaluator"],
            None,
        )
        removed = post(client, editable, "/people/p-form/remove", {"next": back})
        assert removed.status_code == 303 and removed.headers["location"].endswith("done=removed")
    headers = {"Authorization": f"Bearer {editable.keys['demo']}"}
    gone = httpx.get(f"{editable.url}/api/v1/accounts/{ACCOUNT}/people/p-form", headers=headers)
    assert gone.status_code == 404


def test_a_tie_drawn_and_an_attitude_recorded_on_the_map_are_what_the_api_reads(
    editable: Served,
) -> None:
    with browser_like(editable) as client:
        for pid in ("p-tie-a", "p-tie-b"):
            assert post(client, editable, "/people", {"id": pid, "name": pid}).status_code == 303
        tie = {"source_id": "p-tie-a", "target_id": "p-tie-b", "type": "influences"}
        drawn = post(client, editable, "/ties", {**tie, "strength": "0.7"})
        assert drawn.status_code == 303
        ties = api_get(editable, "/ties")
        found = [t for t in ties if t["source_id"] == "p-tie-a"]
        assert [(t["type"], t["target_id"], t["strength"]) for t in found] == [
            ("influences", "p-tie-b", 0.7)
        ]
        dims = {
            "recognition": "3",
            "participation": "2",
            "information": "3",
            "guidance": "3",
            "project_support": "2",
            "competitive_preference": "2",
        }  # mean 2.5: floor 2; no cap lowers it
        implied = client.get(
            editable.ui(f"/accounts/{ACCOUNT}/attitudes/implied-level"), params=dims
        )
        assert implied.json()["level"] == 2
        saved = post(
            client, editable, "/attitudes", {"person_id": "p-tie-a", "as_of": "2026-11-02", **dims}
        )
        assert saved.status_code == 303, form_error(saved.text) or saved.text[:500]
        attitudes = [a for a in api_get(editable, "/attitudes") if a["person_id"] == "p-tie-a"]
        assert [(a["level"], a["as_of"], a["guidance"]) for a in attitudes] == [
            (2, "2026-11-02", 3)
        ]
        removed = post(client, editable, "/ties/remove", tie)
        assert removed.status_code == 303
        assert not [t for t in api_get(editable, "/ties") if t["source_id"] == "p-tie-a"]


def _first_two_people(served: Served) -> tuple[str, str]:
    people = sorted(p["id"] for p in api_get(served, "/people"))
    return people[0], people[1]


@pytest.mark.parametrize(
    ("path", "data", "field", "message"),
    [
        ("/attitudes", {"person_id": "{a}", "level": "5"}, "level", "got 5"),
        ("/attitudes", {"person_id": "nobody", "level": "1"}, "person_id", "no person 'nobody'"),
        ("/ties", {"source_id": "{a}", "target_id": "nobody", "type": "knows"}, "target_id", ""),
        ("/ties", {"source_id": "{a}", "target_id": "{a}", "type": "knows"}, "form", "themselves"),
        ("/people", {"id": "p-x", "name": "X", "layer": "boss"}, "layer", "unknown value"),
        ("/people", {"id": "p-x", "name": ""}, "name", "Field required"),
        ("/people", {"id": "{a}", "name": "Again"}, "form", "is taken"),
    ],
)
def test_bad_input_comes_back_at_its_field_and_writes_nothing(
    editable: Served, path: str, data: dict[str, str], field: str, message: str
) -> None:
    a, b = _first_two_people(editable)
    filled = {k: v.format(a=a, b=b) for k, v in data.items()}
    with browser_like(editable) as client:
        before = graph_dump(editable)
        answer = post(client, editable, path, filled)
        assert answer.status_code == 422
        shown = form_error(answer.text) if field == "form" else field_error(answer.text, field)
        assert shown and message.replace("'", "&#39;") in shown, answer.text[:2000]
        for value in filled.values():  # the input is kept
            assert f'value="{value}"' in answer.text or f">{value}<" in answer.text or not value
        assert graph_dump(editable) == before


def test_a_reports_to_cycle_is_refused_at_the_field(editable: Served) -> None:
    with browser_like(editable) as client:
        for pid in ("p-cyc-a", "p-cyc-b"):
            post(client, editable, "/people", {"id": pid, "name": pid})
        up = {"source_id": "p-cyc-a", "target_id": "p-cyc-b", "type": "reports_to"}
        assert post(client, editable, "/ties", up).status_code == 303
        before = graph_dump(editable)
        back = {"source_id": "p-cyc-b", "target_id": "p-cyc-a", "type": "reports_to"}
        answer = post(client, editable, "/ties", back)
        assert answer.status_code == 422
        errors = field_error(answer.text, "target_id") + field_error(answer.text, "source_id")
        assert "cycle" in (errors + form_error(answer.text)), answer.text[:3000]
        assert graph_dump(editable) == before


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_a_form_without_its_token_is_refused_and_writes_nothing(
    editable: Served, token: str | None
) -> None:
    with browser_like(editable) as client:
        before = graph_dump(editable)
        data = {"id": "p-csrf", "name": "Forged"}
        if token:
            data["csrf_token"] = token
        answer = client.post(editable.ui(f"/accounts/{ACCOUNT}/people"), data=data)
        assert answer.status_code == 422
        assert "came from another site" in form_error(answer.text)
        assert 'value="Forged"' in answer.text
        assert graph_dump(editable) == before


def test_a_read_only_key_sees_no_edit_controls_and_gets_403_on_a_forged_post(
    editable: Served,
) -> None:
    with browser_like(editable, "reader") as client:
        dashboard = client.get(editable.ui(f"/accounts/{ACCOUNT}"))
        the_map = client.get(editable.ui(f"/accounts/{ACCOUNT}/map"))
        cards = client.get(editable.ui(f"/accounts/{ACCOUNT}/cards"))
        assert dashboard.status_code == the_map.status_code == cards.status_code == 200
        assert 'class="noprint card-edit"' not in cards.text and "/edit" not in cards.text
        for html in (dashboard.text, the_map.text):
            assert 'id="add-person"' not in html and 'id="tie-picker"' not in html
            assert 'id="attitude-form"' not in html and "/ties/remove" not in html
        before = graph_dump(editable)
        answer = post(client, editable, "/people", {"id": "p-ro", "name": "Reader"})
        assert answer.status_code == 403
        assert graph_dump(editable) == before


def test_staff_contacts_plans_and_actions_on_the_pages_are_what_the_api_reads(
    editable: Served,
) -> None:
    with browser_like(editable) as client:
        a, _ = _first_two_people(editable)
        staff = {"staff_id": "s-form", "staff_name": "林 销售"}
        assert post(client, editable, "/staff", staff).status_code == 303
        contact = {"staff_id": "s-form", "person_id": a, "strength": "0.6"}
        assert post(client, editable, "/contacts", contact).status_code == 303
        mine = [c for c in api_get(editable, "/contacts") if c["staff_id"] == "s-form"]
        assert [(c["person_id"], c["strength"]) for c in mine] == [(a, 0.6)]
        plan = {
            "person_id": a,
            "target_level": "3",
            "start_date": "2026-11-01",
            "target_date": "2027-03-31",
            "owner_staff_id": "s-form",
            "needs": "预算",
        }
        assert post(client, editable, "/plans", plan).status_code == 303
        read = api_get(editable, f"/plans/{a}")
        assert (read["target_level"], read["owner_staff_id"], read["needs"]) == (
            3,
            "s-form",
            "预算",
        )
        action = {"person_id": a, "description": "拜访", "due": "2026-12-01"}
        assert post(client, editable, "/actions", action).status_code == 303
        made = [x for x in api_get(editable, "/actions") if x["description"] == "拜访"]
        assert len(made) == 1 and made[0]["status"] == "open"
        done = {"id": made[0]["id"], "status": "done", "outcome": "见面了"}
        assert post(client, editable, "/actions/status", done).status_code == 303
        after = api_get(editable, f"/actions/{made[0]['id']}")
        assert (after["status"], after["outcome"]) == ("done", "见面了")
        book = client.get(editable.ui(f"/accounts/{ACCOUNT}/task-book"))
        assert 'id="plan-form"' in book.text and "拜访" in book.text

        before = graph_dump(editable)
        early = post(
            client, editable, "/actions", {**action, "description": "早", "due": "2026-10-01"}
        )
        assert early.status_code == 422, early.status_code
        assert field_error(early.text, "due"), re.findall(r"alert[^<]*<", early.text)
        assert graph_dump(editable) == before
        ended = post(client, editable, "/contacts/end", {"staff_id": "s-form", "person_id": a})
        assert ended.status_code == 303
        assert not [c for c in api_get(editable, "/contacts") if c["staff_id"] == "s-form"]


def test_a_plan_owned_by_another_teams_staff_is_refused_at_the_owner(editable: Served) -> None:
    headers = {"Authorization": f"Bearer {editable.keys['other']}"}
    theirs = {"id": "s-theirs", "name": "Theirs", "team": "other"}
    made = httpx.post(f"{editable.url}/api/v1/staff", json=theirs, headers=headers)
    assert made.status_code == 201, made.text
    a, _ = _first_two_people(editable)
    with browser_like(editable) as client:
        before = graph_dump(editable)
        plan = {"person_id": a, "target_level": "2", "owner_staff_id": "s-theirs"}
        # The plan form as loaded: it carries the version of the plan ``a`` has by now
        # (without it the save is refused as stale: a plan made since the form was loaded).
        book = client.get(editable.ui(f"/accounts/{ACCOUNT}/task-book")).text
        seen = re.search(rf'name="version\.{re.escape(a)}" value="([^"]*)"', book)
        if seen is not None:
            plan[f"version.{a}"] = html.unescape(seen.group(1))
        answer = post(client, editable, "/plans", plan)
        assert answer.status_code == 422
        assert "other" in field_error(answer.text, "owner_staff_id"), answer.text[-2500:]
        assert 'value="s-theirs" selected' in answer.text
        assert graph_dump(editable) == before


def test_a_person_put_in_and_out_of_a_decision_chain_on_the_fishbone_page(
    editable: Served,
) -> None:
    opportunity = api_get(editable, "/opportunities")[0]["id"]
    a, _ = _first_two_people(editable)
    with browser_like(editable) as client:
        fishbone = client.get(editable.ui(f"/accounts/{ACCOUNT}/fishbone"))
        assert 'id="roles-form"' in fishbone.text
        role = {"opportunity_id": opportunity, "person_id": a, "role": "gatekeeper"}
        assert post(client, editable, "/decision-roles", role).status_code == 303
        roles = api_get(editable, "/decision-roles")
        assert {"opportunity_id": opportunity, "person_id": a, "role": "gatekeeper"} in [
            {k: r[k] for k in ("opportunity_id", "person_id", "role")} for r in roles
        ]
        before = graph_dump(editable)
        bad = post(client, editable, "/decision-roles", {**role, "role": "king"})
        assert bad.status_code == 422 and "unknown value" in field_error(bad.text, "role")
        assert graph_dump(editable) == before
        assert post(client, editable, "/decision-roles/remove", role).status_code == 303
        after = [r for r in api_get(editable, "/decision-roles") if r["person_id"] == a]
        assert not [r for r in after if r["role"] == "gatekeeper"]


def test_each_card_links_to_the_persons_edit_page_for_a_key_that_writes(editable: Served) -> None:
    with browser_like(editable) as client:
        cards = client.get(editable.ui(f"/accounts/{ACCOUNT}/cards"))
        people = re.findall(r'<section class="card" data-person-id="([^"]+)"', cards.text)
        assert people
        for pid in people:
            assert f'href="/ui/accounts/{ACCOUNT}/people/{pid}/edit"' in cards.text
        edit = client.get(editable.ui(f"/accounts/{ACCOUNT}/people/{people[0]}/edit"))
        assert edit.status_code == 200 and 'id="edit-person"' in edit.text


# -- the core's refusals in Chinese (a catalogue keyed by kind: viz/error_messages.py) ----


@pytest.fixture(scope="module")
def refusable(editable: Served) -> Served:
    """Two people with a reports_to tie, a plan starting 2026-11-01, another team's staff."""
    with browser_like(editable) as client:
        for pid in ("p-zh-a", "p-zh-b"):
            assert post(client, editable, "/people", {"id": pid, "name": pid}).status_code == 303
        up = {"source_id": "p-zh-a", "target_id": "p-zh-b", "type": "reports_to"}
        assert post(client, editable, "/ties", up).status_code == 303
        plan = {"person_id": "p-zh-a", "target_level": "2", "start_date": "2026-11-01"}
        assert post(client, editable, "/plans", plan).status_code == 303
    headers = {"Authorization": f"Bearer {editable.keys['other']}"}
    theirs = {"id": "s-zh-theirs", "name": "Theirs", "team": "other"}
    made = httpx.post(f"{editable.url}/api/v1/staff", json=theirs, headers=headers)
    assert made.status_code == 201, made.text
    return editable


@pytest.mark.parametrize(
    ("path", "data", "field", "message"),
    [
        (
            "/attitudes",
            {"person_id": "p-zh-a", "level": "5"},
            "level",
            "级别应为 -1 到 3 之间的整数，而不是 5",
        ),
        (
            "/attitudes",
            {"person_id": "nobody", "level": "1"},
            "person_id",
            "此客户中没有人员 nobody",
        ),
        (
            "/ties",
            {"source_id": "p-zh-b", "target_id": "p-zh-a", "type": "reports_to"},
            "target_id",
            "汇报关系（reports_to）形成循环：",
        ),
        (
            "/actions",
            {"person_id": "p-zh-a", "description": "早", "due": "2026-10-01"},
            "due",
            "截止日期 2026-10-01 早于计划开始日期 2026-11-01",
        ),
        (
            "/plans",
            {"person_id": "p-zh-b", "target_level": "2", "owner_staff_id": "s-zh-theirs"},
            "owner_staff_id",
            "负责人 s-zh-theirs 属于团队 other，不是本客户的团队 demo",
        ),
        (
            "/plans",
            {
                "person_id": "p-zh-b",
                "target_level": "2",
                "start_date": "2026-05-01",
                "target_date": "2026-01-01",
            },
            "form",
            "目标日期 2026-01-01 早于计划开始日期 2026-05-01",
        ),
    ],
)
def test_a_chinese_page_shows_the_cores_refusal_in_chinese_at_the_field(
    refusable: Served, path: str, data: dict[str, str], field: str, message: str
) -> None:
    with browser_like(refusable) as client:
        before = graph_dump(refusable)
        answer = post(client, refusable, f"{path}?lang=zh", data)
        assert answer.status_code == 422, answer.text[:1000]
        shown = form_error(answer.text) if field == "form" else field_error(answer.text, field)
        assert message in shown, (shown, re.findall(r'role="alert">[^<]*<', answer.text))
        assert graph_dump(refusable) == before
        english = post(client, refusable, path, data)  # the core's own words on an English page
        assert english.status_code == 422
        assert not re.search(
            r"[\u4e00-\u9fff]", field_error(english.text, field) or form_error(english.text)
        )
