"""No lost updates on the pages (issue 11 item 5; DESIGN.md "Editing where you read").

Two browser sessions load the same person's edit form; each form carries the
record's version (its ETag) in a hidden field. The first save succeeds; the
second, made from the now stale form, answers 412, names what changed
meanwhile with each field's current value, keeps the user's input, and leaves
the store line for line as the first save left it."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import httpx
import pytest

from tests.ui.conftest import Served, demo_stores, serve
from tests.ui.test_forms import ACCOUNT, api_get, browser_like, field_error, form_error, graph_dump

PERSON = "p-race"


@pytest.fixture(scope="module")
def raced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    settings, keys = demo_stores(tmp_path_factory.mktemp("lost-updates"))
    with serve(settings) as url:
        yield Served(url, settings, keys)


def edit_form(client: httpx.Client, served: Served) -> dict[str, str]:
    """The hidden fields of the person's edit form, as the page served it."""
    page = client.get(served.ui(f"/accounts/{ACCOUNT}/people/{PERSON}/edit"))
    assert page.status_code == 200, page.text[:500]
    action = f'<form method="post" action="/ui/accounts/{ACCOUNT}/people/{PERSON}">'
    form = page.text.split(action, 1)[1].split("</form>", 1)[0]
    hidden = re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', form)
    return {name: html.unescape(value) for name, value in hidden}


def save(
    client: httpx.Client, served: Served, form: dict[str, str], query: str = "", **fields: str
) -> httpx.Response:
    path = served.ui(f"/accounts/{ACCOUNT}/people/{PERSON}{query}")
    return client.post(path, data={**form, "name": "Race Person", **fields})


def _person(served: Served, title: str) -> None:
    headers = {"Authorization": f"Bearer {served.keys['demo']}"}
    body = {"name": "Race Person", "title": title, "department": "IT"}
    url = f"{served.url}/api/v1/accounts/{ACCOUNT}/people"
    made = httpx.put(f"{url}/{PERSON}", headers=headers, json=body)
    if made.status_code == 404:
        made = httpx.post(url, headers=headers, json={"id": PERSON, **body})
    assert made.status_code in (200, 201), made.text


def test_the_second_of_two_saves_from_the_same_version_answers_412_and_writes_nothing(
    raced: Served,
) -> None:
    _person(raced, "CIO")
    with browser_like(raced) as first, browser_like(raced) as second:
        form_1, form_2 = edit_form(first, raced), edit_form(second, raced)
        assert form_1["version"] == form_2["version"] and form_1["version"].startswith('"')
        saved = save(first, raced, form_1, title="CTO", department="IT")
        assert saved.status_code == 303, saved.text[:2000]
        after_first = graph_dump(raced)

        stale = save(second, raced, form_2, title="COO", department="Ops")
        assert stale.status_code == 412, stale.text[:2000]
        assert graph_dump(raced) == after_first  # nothing written
        assert "Changed meanwhile: title." in form_error(stale.text)
        assert field_error(stale.text, "title") == "Now: CTO"
        assert field_error(stale.text, "department") == ""  # not changed meanwhile
        assert 'value="COO"' in stale.text and 'value="Ops"' in stale.text  # input kept
        person = api_get(raced, f"/people/{PERSON}")
        assert (person["title"], person["department"]) == ("CTO", "IT")

        # The page now carries the current version: saving again, having seen it, replaces it.
        resend = {**form_2, "version": html.unescape(_version_in(stale.text))}
        again = save(second, raced, resend, title="COO", department="Ops")
        assert again.status_code == 303, again.text[:2000]
        assert api_get(raced, f"/people/{PERSON}")["title"] == "COO"


def _version_in(page: str) -> str:
    found = re.search(r'<input type="hidden" name="version" value="([^"]*)">', page)
    assert found is not None
    return found.group(1)


def test_a_remove_from_a_stale_form_answers_412_and_removes_nothing(raced: Served) -> None:
    _person(raced, "CIO")
    with browser_like(raced) as first, browser_like(raced) as second:
        form_2 = edit_form(second, raced)
        saved = save(first, raced, edit_form(first, raced), title="CFO", department="IT")
        assert saved.status_code == 303
        before = graph_dump(raced)
        path = raced.ui(f"/accounts/{ACCOUNT}/people/{PERSON}/remove")
        answer = second.post(path, data=form_2)
        assert answer.status_code == 412, answer.text[:2000]
        assert graph_dump(raced) == before
        assert api_get(raced, f"/people/{PERSON}")["title"] == "CFO"


def test_the_stale_page_speaks_chinese_on_a_chinese_form(raced: Served) -> None:
    _person(raced, "CIO")
    with browser_like(raced) as first, browser_like(raced) as second:
        form_2 = edit_form(second, raced)
        saved = save(first, raced, edit_form(first, raced), title="总监", department="IT")
        assert saved.status_code == 303
        answer = save(second, raced, form_2, "?lang=zh", title="经理", department="IT")
        assert answer.status_code == 412
        assert "期间修改的字段：title" in form_error(answer.text)
        assert field_error(answer.text, "title") == "现为：总监"


# -- every form kind (issue 11 item 5): one parametrised walk over real HTTP ---------------

OPPORTUNITY = "opp-jn-5gc-cloud"
READ_ON = "2026-01-05"  # the date of p-v1's attitude reading
READING = f"/attitudes/p-v1/us/{READ_ON}"
STAFF = "st-zh-ar"


def _api(served: Served, method: str, path: str, body: object = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {served.keys['demo']}"}
    url = f"{served.url}/api/v1/accounts/{ACCOUNT}{path}"
    return httpx.request(method, url, headers=headers, json=body)


@pytest.fixture(scope="module")
def versioned(raced: Served) -> Served:
    """Two people and one record of each kind a form changes or removes."""
    for body in (
        ("/people", {"id": "p-v1", "name": "Version One"}),
        ("/people", {"id": "p-v2", "name": "Version Two", "title": "CIO"}),
        ("/ties", {"type": "knows", "source_id": "p-v1", "target_id": "p-v2", "strength": 0.5}),
        ("/contacts", {"staff_id": STAFF, "person_id": "p-v1", "strength": 0.5}),
        ("/plans", {"person_id": "p-v1", "target_level": 2}),
        ("/actions", {"id": "a-v1", "person_id": "p-v1", "description": "Visit"}),
        ("/decision-roles", {"opportunity_id": OPPORTUNITY, "person_id": "p-v1", "role": "user"}),
        ("/attitudes", {"person_id": "p-v1", "level": 1, "as_of": READ_ON}),
    ):
        made = _api(raced, "POST", *body)
        assert made.status_code == 201, made.text
    return raced


def _forms(page: str, action: str) -> list[dict[str, str]]:
    """The hidden fields of every form on ``page`` posting to ``action``."""
    found = []
    for form in page.split(f'action="{action}"')[1:]:
        body = form.split("</form>", 1)[0]
        hidden = re.findall(r'<input type="hidden" name="([a-z_.:\-0-9]+)" value="([^"]*)">', body)
        found.append({name: html.unescape(value) for name, value in hidden})
    return found


# kind: (page, form action, the form's identifying hidden field, fields the user sends,
#        the change made meanwhile through the API, what the refusal names, the value now)
FORM_KINDS = {
    "person": (
        "/people/p-v2/edit",
        "/people/p-v2",
        ("id", "p-v2"),
        {"name": "Version Two", "title": "COO"},
        ("PATCH", "/people/p-v2", {"title": "CTO"}),
        "title",
        "title = CTO",
    ),
    "tie": (
        "/map",
        "/ties/remove",
        ("source_id", "p-v1"),
        {},
        ("PATCH", "/ties/knows/p-v1/p-v2", {"strength": 0.9}),
        "strength",
        "strength = 0.9",
    ),
    "contact": (
        "/map",
        "/contacts/end",
        ("person_id", "p-v1"),
        {},
        ("PATCH", f"/contacts/{STAFF}/p-v1", {"strength": 0.8}),
        "strength",
        "strength = 0.8",
    ),
    "plan": (
        "/task-book",
        "/plans",
        ("version.p-v1", ""),
        {"person_id": "p-v1", "target_level": "3"},
        ("PATCH", "/plans/p-v1", {"needs": "Uptime"}),
        "needs",
        "needs = Uptime",
    ),
    "action": (
        "/task-book",
        "/actions/status",
        ("version.a-v1", ""),
        {"id": "a-v1", "status": "done", "outcome": "Went well"},
        ("PATCH", "/actions/a-v1", {"due": "2027-01-15"}),
        "due",
        "due = 2027-01-15",
    ),
    "attitude": (
        f"{READING}/edit",
        READING,
        ("person_id", "p-v1"),
        {"toward": "us", "as_of": READ_ON, "level": "2"},
        ("PATCH", READING, {"note": "Warmer"}),
        "note",
        "note = Warmer",
    ),
    "attitude remove": (
        "/cards/p-v1",
        f"{READING}/remove",
        ("next", f"/ui/accounts/{ACCOUNT}/cards/p-v1"),
        {},
        ("PATCH", READING, {"level": 0}),
        "level",
        "level = 0",
    ),
    # A plan form loaded when p-v2 had none; someone makes one before it is saved.
    "plan made meanwhile": (
        "/task-book",
        "/plans",
        ("version.p-v1", ""),
        {"person_id": "p-v2", "target_level": "3"},
        (
            "POST",
            "/plans",
            {"person_id": "p-v2", "target_level": 1, "needs": "Speed", "start_date": "2026-11-01"},
        ),
        "needs, start_date, target_level",
        "needs = Speed; start_date = 2026-11-01; target_level = 1",
    ),
    "decision role": (
        "/fishbone",
        "/decision-roles/remove",
        ("person_id", "p-v1"),
        {},
        # nothing of it but its key can change: ended and put in again, a new version
        ("DELETE", f"/decision-roles/{OPPORTUNITY}/p-v1/user", None),
        "",
        "",
    ),
}


@pytest.mark.parametrize("kind", list(FORM_KINDS))
def test_every_form_carries_the_version_and_a_stale_save_answers_412(
    versioned: Served, kind: str
) -> None:
    page_path, action, (field, value), fields, meanwhile, changed, now = FORM_KINDS[kind]
    base = f"/ui/accounts/{ACCOUNT}"
    with browser_like(versioned) as client:

        def loaded() -> dict[str, str]:
            page = client.get(versioned.ui(f"/accounts/{ACCOUNT}{page_path}"))
            assert page.status_code == 200, page.text[:500]
            forms = [
                f
                for f in _forms(page.text, base + action)
                if f.get(field, "") == value or (field.startswith("version.") and field in f)
            ]
            assert len(forms) == 1, (kind, forms)
            return forms[0]

        stale_form = loaded()
        assert (stale_form.get("version") or stale_form[field]).startswith('"')
        done = _api(versioned, *meanwhile)
        assert done.status_code in (200, 201), done.text
        if kind == "decision role":
            again = {"opportunity_id": OPPORTUNITY, "person_id": "p-v1", "role": "user"}
            assert _api(versioned, "POST", "/decision-roles", again).status_code == 201
        before = graph_dump(versioned)

        stale = client.post(
            versioned.ui(f"/accounts/{ACCOUNT}{action}"), data={**stale_form, **fields}
        )
        assert stale.status_code == 412, stale.text[:2000]
        assert graph_dump(versioned) == before  # nothing written
        message = form_error(stale.text)
        assert "nothing was saved" in message, message
        if changed:
            assert f"Changed meanwhile: {changed}." in message and f"Now: {now}." in message

        # A form loaded now carries the current version: the same save goes through.
        fresh = client.post(
            versioned.ui(f"/accounts/{ACCOUNT}{action}"), data={**loaded(), **fields}
        )
        assert fresh.status_code == 303, fresh.text[:2000]


# -- history in the page (issue 11 item 7) ------------------------------------------------


def _summary(page: str, after: str) -> tuple[str, list[str]]:
    """The first history block after ``after``: its summary line and its earlier versions."""
    block = page.split(after, 1)[1].split('<details class="history">', 1)[1]
    block = block.split("</details>", 1)[0]
    summary = re.search(r"<summary>([^<]*)</summary>", block)
    assert summary is not None, block
    return html.unescape(summary.group(1)), re.findall(r"<li>([^<]*)</li>", block)


def _history(served: Served, path: str) -> list[dict[str, object]]:
    answer = _api(served, "GET", f"{path}/history")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def test_each_form_shows_who_changed_the_record_and_when(versioned: Served) -> None:
    with browser_like(versioned) as client:
        # One change through the API, one through the person's form: three versions.
        assert _api(versioned, "PATCH", "/people/p-v1", {"title": "CIO"}).status_code == 200
        form = _forms(
            client.get(versioned.ui(f"/accounts/{ACCOUNT}/people/p-v1/edit")).text,
            f"/ui/accounts/{ACCOUNT}/people/p-v1",
        )[0]
        saved = client.post(
            versioned.ui(f"/accounts/{ACCOUNT}/people/p-v1"),
            data={**form, "name": "Version One", "title": "CFO"},
        )
        assert saved.status_code == 303, saved.text[:1000]
        api = _history(versioned, "/people/p-v1")
        assert len(api) == 3 and api[0]["by"] == api[1]["by"] == "ui-test"
        assert api[0]["path"] == f"/ui/accounts/{ACCOUNT}/people/p-v1"  # the form's post

        page = client.get(versioned.ui(f"/accounts/{ACCOUNT}/people/p-v1/edit"))
        summary, earlier = _summary(page.text, 'id="edit-person"')
        assert summary == f"Last changed by ui-test on {str(api[0]['recorded_at'])[:10]}"
        assert len(earlier) == 2
        at = str(api[1]["recorded_at"])[:16].replace("T", " ")
        assert earlier[0] == f"{at} · ui-test · title"
        zh = client.get(versioned.ui(f"/accounts/{ACCOUNT}/people/p-v1/edit?lang=zh"))
        assert _summary(zh.text, 'id="edit-person"')[0].startswith("最后修改：ui-test，")

        # The tie's row on the map, the plan on the task book: their own last change.
        drawn = {"type": "influences", "source_id": "p-v2", "target_id": "p-v1"}
        assert _api(versioned, "POST", "/ties", drawn).status_code == 201
        tie = _history(versioned, "/ties/influences/p-v2/p-v1")
        shown, _ = _summary(
            client.get(versioned.ui(f"/accounts/{ACCOUNT}/map")).text,
            'data-source="p-v2" data-target="p-v1"',
        )
        assert shown == f"Last changed by ui-test on {str(tie[0]['recorded_at'])[:10]}"
        book = client.get(versioned.ui(f"/accounts/{ACCOUNT}/task-book")).text
        plan, _ = _summary(book, "<td>Plan of Version One</td>")
        assert plan.startswith("Last changed by ui-test on ")


def test_the_api_refuses_a_second_plan_for_a_person_and_changes_nothing(
    versioned: Served,
) -> None:
    """POST /plans where the person has one: 409, as for any record that exists (the API
    has no last-writer-wins create; a change is PUT or PATCH with If-Match)."""
    before = graph_dump(versioned)
    again = _api(versioned, "POST", "/plans", {"person_id": "p-v1", "target_level": 3})
    assert again.status_code == 409, again.text
    assert "already exists" in again.json()["detail"]
    assert graph_dump(versioned) == before
