"""The expansion card as a page (issue 11 items 2 and 8): rendered from a template with
autoescaping, so user text is shown as text; the person's attitudes listed with edit and
remove forms carrying each reading's version. Over real HTTP, one served app."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import httpx
import pytest

from graphcrm.access import AccessStore
from tests.ui.conftest import Served, demo_stores, page_token, serve
from tests.ui.test_forms import ACCOUNT, api_get, browser_like, field_error, graph_dump
from tests.ui.test_lost_updates import _forms

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def carded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    settings, keys = demo_stores(tmp_path_factory.mktemp("card-page"))
    with AccessStore(settings.access_db) as access:
        keys["reader"] = access.create_key("demo", "reader", read_only=True).key
    with serve(settings) as url:
        yield Served(url, settings, keys)


def _api(served: Served, method: str, path: str, body: object = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {served.keys['demo']}"}
    url = f"{served.url}/api/v1/accounts/{ACCOUNT}{path}"
    return httpx.request(method, url, headers=headers, json=body)


def test_user_text_on_the_card_is_shown_escaped(carded: Served) -> None:
    for path, body in (
        ("/people", {"id": "p-xss", "name": SCRIPT, "title": SCRIPT, "notes": SCRIPT}),
        ("/plans", {"person_id": "p-xss", "target_level": 2, "needs": SCRIPT}),
        ("/actions", {"id": "a-xss", "person_id": "p-xss", "description": SCRIPT}),
        ("/attitudes", {"person_id": "p-xss", "level": 1, "as_of": "2026-01-05", "note": SCRIPT}),
    ):
        made = _api(carded, "POST", path, body)
        assert made.status_code == 201, made.text
    with browser_like(carded) as client:
        card = client.get(carded.ui(f"/accounts/{ACCOUNT}/cards/p-xss"))
    assert card.status_code == 200
    section = card.text.split('<section class="card" data-person-id="p-xss">', 1)[1]
    assert f"<h2>{ESCAPED}</h2>" in section  # the name
    assert f'<span class="muted">{ESCAPED} · ' in section  # the title under it
    assert f"<th>Title</th><td>{ESCAPED}</td>" in section
    assert f"<th>Needs</th><td>{ESCAPED}</td>" in section
    assert f"<tr><td>{ESCAPED}</td><td>—</td>" in section  # the action
    assert f"<td>{ESCAPED}" in section.split('id="attitudes"', 1)[1]  # the reading's note
    assert "<script>alert" not in card.text


def _reading_forms(client: httpx.Client, served: Served, page: str, action: str) -> dict[str, str]:
    answer = client.get(served.ui(f"/accounts/{ACCOUNT}{page}"))
    assert answer.status_code == 200, answer.text[:500]
    forms = _forms(answer.text, f"/ui/accounts/{ACCOUNT}{action}")
    assert len(forms) == 1, forms
    return forms[0]


def test_an_attitude_corrected_moved_and_removed_from_the_card(carded: Served) -> None:
    """The card lists the readings with edit and remove; a correction keeps its key, a new
    date moves the reading (the old one ends), a remove ends it; each is what the API reads.
    A level of 5 is refused at its field with nothing written; a read-only key sees no
    edit controls."""
    made = _api(carded, "POST", "/people", {"id": "p-att", "name": "Attitude Person"})
    assert made.status_code == 201, made.text
    reading = {"person_id": "p-att", "level": 0, "as_of": "2026-02-01", "note": "cool"}
    assert _api(carded, "POST", "/attitudes", reading).status_code == 201
    old = "/attitudes/p-att/us/2026-02-01"
    with browser_like(carded) as client:
        card = client.get(carded.ui(f"/accounts/{ACCOUNT}/cards/p-att")).text
        row = card.split('<tr class="attitude-row" data-toward="us" data-as-of="2026-02-01">')[1]
        assert row.startswith("<td>2026-02-01</td><td>us</td><td>0 · ")
        assert f'href="/ui/accounts/{ACCOUNT}{old}/edit"' in row
        zh = client.get(carded.ui(f"/accounts/{ACCOUNT}{old}/edit?lang=zh")).text
        assert "修改态度记录" in zh and f'action="/ui/accounts/{ACCOUNT}{old}?lang=zh"' in zh
    with browser_like(carded, "reader") as reader:
        card = reader.get(carded.ui(f"/accounts/{ACCOUNT}/cards/p-att")).text
        listed = card.split('id="attitudes"', 1)[1].split("</details>", 1)[0]
        assert "2026-02-01" in listed and "/edit" not in listed and "<form" not in listed
    with browser_like(carded) as client:
        form = _reading_forms(client, carded, f"{old}/edit", old)
        assert form["person_id"] == "p-att" and form["version"].startswith('"')
        before = graph_dump(carded)
        bad = client.post(
            carded.ui(f"/accounts/{ACCOUNT}{old}"),
            data={**form, "toward": "us", "as_of": "2026-02-01", "level": "5"},
        )
        assert bad.status_code == 422 and field_error(bad.text, "level"), bad.text[-2000:]
        assert 'value="5" selected' in bad.text  # the input kept
        assert graph_dump(carded) == before

        fields = {"toward": "us", "as_of": "2026-02-01", "level": "2", "note": "warmer"}
        saved = client.post(carded.ui(f"/accounts/{ACCOUNT}{old}"), data={**form, **fields})
        assert saved.status_code == 303, saved.text[-2000:]
        assert saved.headers["location"] == f"/ui/accounts/{ACCOUNT}/cards/p-att?done=saved"
        assert (api_get(carded, old)["level"], api_get(carded, old)["note"]) == (2, "warmer")

        form = _reading_forms(client, carded, f"{old}/edit", old)
        moved = {**fields, "as_of": "2026-03-01"}
        saved = client.post(carded.ui(f"/accounts/{ACCOUNT}{old}"), data={**form, **moved})
        assert saved.status_code == 303, saved.text[-2000:]
        mine = [a for a in api_get(carded, "/attitudes") if a["person_id"] == "p-att"]
        assert [(a["as_of"], a["level"], a["note"]) for a in mine] == [("2026-03-01", 2, "warmer")]

        new = "/attitudes/p-att/us/2026-03-01"
        remove = _reading_forms(client, carded, "/cards/p-att", f"{new}/remove")
        gone = client.post(carded.ui(f"/accounts/{ACCOUNT}{new}/remove"), data=remove)
        assert gone.status_code == 303, gone.text[-2000:]
        assert [a for a in api_get(carded, "/attitudes") if a["person_id"] == "p-att"] == []


def test_plan_one_opens_the_plan_form_with_the_person_chosen(carded: Served) -> None:
    """The dashboard's "plan one" link names its key person; the task book's plan form opens
    with that person selected (and with none for an id that is not the account's)."""
    with browser_like(carded) as client:
        dashboard = client.get(carded.ui(f"/accounts/{ACCOUNT}?lang=zh")).text
        lines = dashboard.split('<li class="key-person" data-person-id="')[1:]
        links = [
            (line.split('"', 1)[0], found.group(1))
            for line in lines
            if (found := re.search(r'<a class="button plan-one" href="([^"]+)">', line))
        ]
        assert links, "no key person without a next action on the demo dashboard"
        person, href = links[0]
        assert html.unescape(href) == (
            f"/ui/accounts/{ACCOUNT}/task-book?plan_for={person}&lang=zh#plan-form"
        )
        book = client.get(html.unescape(href).split("#")[0])
        assert book.status_code == 200
        chosen = book.text.split('id="plan-form"', 1)[1].split("</select>", 1)[0]
        assert re.findall(r'<option value="([^"]*)" selected>', chosen) == [person]
        other = client.get(carded.ui(f"/accounts/{ACCOUNT}/task-book?plan_for=nobody")).text
        unchosen = other.split('id="plan-form"', 1)[1].split("</select>", 1)[0]
        assert " selected>" not in unchosen


def test_a_refused_what_if_save_shows_the_message_escaped_and_writes_nothing(
    carded: Served,
) -> None:
    """The map's what-if save (a form post of the tried changes): an unknown person is
    refused, 422, the message escaped on the page, the store unchanged; a good one saves."""
    with browser_like(carded) as client:
        token = page_token(client, carded.ui(f"/accounts/{ACCOUNT}/cards"))
        path = carded.ui(f"/accounts/{ACCOUNT}/what-if/save")
        bad = [{"type": "set_level", "person_id": "p-nobody", "level": 2}]
        before = graph_dump(carded)
        refused = client.post(path, data={"csrf_token": token, "changes": json.dumps(bad)})
        assert refused.status_code == 422, refused.text[-1500:]
        assert "no person &#39;p-nobody&#39; in this account</p>" in refused.text
        assert f'<p><a href="/ui/accounts/{ACCOUNT}/map">←</a></p>' in refused.text
        assert graph_dump(carded) == before
        good = [{"type": "set_level", "person_id": "p-xss", "level": 2}]
        saved = client.post(path, data={"csrf_token": token, "changes": json.dumps(good)})
        assert saved.status_code == 303, saved.text[-1500:]
        assert graph_dump(carded) != before
