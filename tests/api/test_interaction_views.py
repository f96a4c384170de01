"""The person's interaction timeline and strength curves on the card and in the map's side
panel fragment (issue 13 item 6), over the in-process app with a signed-in session.

Two interactions with the CTO: a one-to-one meeting with Ann Lee today (derived
strength 1 - e**-0.75 = 0.52763) and a call with Bo Wang 30 days ago. The timeline is
newest first; the curve of Ann Lee ends at x = 4 + 312 = 316.0, y = 4 + 72 * (1 -
0.52763) = 38.0 (80 px high, 4 px padding)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from tests.api.conftest import ApiEnv

UI = "/ui/accounts/acme"


def _page(env: ApiEnv, path: str, who: str = "a") -> Any:  # a page, signed in as ``who``
    env.client.cookies.clear()
    token = env.services.access.start_session(env.keys[who])
    env.client.cookies.set("graphcrm_session", token, path="/ui")
    try:
        return env.client.get(path, headers={"Accept": "text/html"})
    finally:
        env.client.cookies.clear()


def _log(env: ApiEnv) -> None:
    today = date.today()
    for body in (
        {"id": "i-1", "date": today.isoformat(), "type": "meeting", "staff_ids": ["s-ar"]},
        {
            "id": "i-2",
            "date": (today - timedelta(days=30)).isoformat(),
            "type": "call",
            "staff_ids": ["s-exec"],
        },
    ):
        note = {"note": "路线图 <b>review</b>"} if body["id"] == "i-1" else {}
        made = env.post(
            "a", "/accounts/acme/interactions", json=body | {"person_ids": ["cto"]} | note
        )
        assert made.status_code == 201, made.text


def test_the_card_shows_the_timeline_and_the_curves(env: ApiEnv) -> None:
    _log(env)
    html = _page(env, f"{UI}/cards/cto?lang=zh").text
    section = html[html.index('<section class="interactions"') :]
    rows = [r for r in section.split('<tr data-interaction="')[1:]]
    assert [r.split('"')[0] for r in rows] == ["i-1", "i-2"]  # newest first
    assert "<td>会谈</td><td>Ann Lee</td><td>路线图 &lt;b&gt;review&lt;/b&gt;</td>" in rows[0]
    assert "<td>电话</td><td>Bo Wang</td><td></td>" in rows[1]
    assert "近一年关系强度" in section
    ann = section[section.index('data-staff="s-ar"') :]
    points = ann[ann.index('points="') + 8 :].split('"')[0].split()
    assert points[-1] == "316.0,38.0"
    assert 'data-staff="s-exec"' in section
    english = _page(env, f"{UI}/cards/cto?lang=en").text
    assert "Interactions" in english and "<td>meeting</td>" in english


def test_the_side_panel_fragment(env: ApiEnv) -> None:
    _log(env)
    fragment = _page(env, f"{UI}/people/cto/interactions?lang=en")
    assert fragment.status_code == 200
    assert fragment.text.startswith('<section class="interactions" data-person-id="cto">')
    assert fragment.text.count("<tr data-interaction=") == 2
    # as of yesterday the meeting had not happened: one row, the call
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    before = _page(env, f"{UI}/people/cto/interactions?as_of={yesterday}").text
    assert before.count("<tr data-interaction=") == 1 and 'data-interaction="i-2"' in before
    quiet = _page(env, f"{UI}/people/eng2/interactions?lang=zh").text
    assert "尚无互动记录" in quiet
    assert _page(env, f"{UI}/people/s-ar/interactions").status_code == 404  # staff: no person


# -- logging an interaction from the card (issue 13 item 6) -----------------------------


def _form_post(env: ApiEnv, data: dict[str, Any], who: str = "a", token: bool = True) -> Any:
    """The card's form posted as a browser does: session cookie, the page's form token."""
    env.client.cookies.clear()
    env.client.cookies.set(
        "graphcrm_session", env.services.access.start_session(env.keys[who]), path="/ui"
    )
    try:
        card = env.client.get(f"{UI}/cards/cto?lang=zh").text
        found = re.search(r'name="csrf_token" value="([^"]+)"', card)
        assert found
        sent = {"csrf_token": found.group(1)} if token else {}
        return env.client.post(
            f"{UI}/interactions?lang=zh", data=sent | data, follow_redirects=False
        )
    finally:
        env.client.cookies.clear()


def test_the_card_form_offers_only_this_accounts_people_and_our_staff(env: ApiEnv) -> None:
    html = _page(env, f"{UI}/cards/cto?lang=zh").text
    form = html[html.index('id="interaction-form"') :]
    form = form[: form.index("</form>")]
    chosen = form[form.index('name="person_ids"') :]
    people = re.findall(r'<option value="([^"]+)"', chosen[: chosen.index("</select>")])
    staff = form[form.index('name="staff_ids"') : form.index('name="person_ids"')]
    assert sorted(people) == ["ceo", "cfo", "cto", "eng1", "eng2"]  # not globex's g-*
    # our staff: the shared staff records, as GET /staff lists them to every team
    listed = [m["id"] for m in env.get("a", "/staff").json()["items"]]
    assert re.findall(r'<option value="([^"]+)"', staff) == listed
    assert '<option value="cto" selected>' in form and "记录互动" in html
    assert "interaction-form" not in _page(env, f"{UI}/cards/cto", who="a_ro").text


def test_a_logged_interaction_shows_on_the_card(env: ApiEnv) -> None:
    today = date.today().isoformat()
    sent = {
        "date": today,
        "type": "dinner",
        "staff_ids": ["s-ar", "s-exec"],
        "person_ids": ["cto", "ceo"],
        "note": "年会 dinner",
        "next": f"{UI}/cards/cto?lang=zh",
    }
    answer = _form_post(env, sent)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"{UI}/cards/cto?lang=zh&done=saved"
    (logged,) = env.get("a", "/accounts/acme/interactions").json()["items"]
    assert (logged["type"], logged["staff_ids"], logged["person_ids"], logged["source"]) == (
        "dinner",
        ["s-ar", "s-exec"],
        ["cto", "ceo"],
        "manual",
    )
    card = _page(env, f"{UI}/cards/cto?lang=zh").text
    assert "<td>宴请</td><td>Ann Lee, Bo Wang</td><td>年会 dinner</td>" in card


def test_a_refused_log_shows_the_message_at_its_field_and_writes_nothing(env: ApiEnv) -> None:
    before = env.snapshot()
    future = (date.today() + timedelta(days=3)).isoformat()
    cases = {
        "date": {"date": future, "type": "meeting", "staff_ids": "s-ar", "person_ids": "cto"},
        "person_ids": {
            "date": "2026-11-01",
            "type": "call",
            "staff_ids": "s-ar",
            "person_ids": "g-ceo",
        },
        "staff_ids": {"date": "2026-11-01", "type": "call", "person_ids": "cto"},
        "type": {"date": "2026-11-01", "type": "lunch", "staff_ids": "s-ar", "person_ids": "cto"},
    }
    for field, data in cases.items():
        answer = _form_post(env, data)
        assert answer.status_code == 422, (field, answer.text[:300])
        assert f'id="{field}-error"' in answer.text, (field, answer.text[-3000:])
    assert _form_post(env, cases["type"] | {"type": "call"}, who="a_ro").status_code == 403
    assert _form_post(env, cases["type"] | {"type": "call"}, token=False).status_code == 422
    assert env.snapshot() == before


def test_left_on_is_set_from_the_person_form_and_shown_on_the_card(env: ApiEnv) -> None:
    edit = _page(env, f"{UI}/people/cto/edit?lang=zh").text
    assert 'name="left_on"' in edit and "离任日期" in edit
    leaves = (date.today() + timedelta(days=30)).isoformat()
    env.client.cookies.set(
        "graphcrm_session", env.services.access.start_session(env.keys["a"]), path="/ui"
    )
    try:
        form = env.client.get(f"{UI}/people/cto/edit?lang=zh").text  # its token, its cookie
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token
        sent = {"csrf_token": token.group(1), "name": "Diaz", "left_on": leaves}
        saved = env.client.post(f"{UI}/people/cto?lang=zh", data=sent, follow_redirects=False)
    finally:
        env.client.cookies.clear()
    assert saved.status_code == 303, saved.text[-2000:]
    assert env.get("a", "/accounts/acme/people/cto").json()["left_on"] == leaves
    card = _page(env, f"{UI}/cards/cto?lang=zh").text
    assert f'<th>离任日期</th><td><span class="left-on">{leaves}</span></td>' in card
    assert "Leaves on" in _page(env, f"{UI}/cards/cto?lang=en").text
