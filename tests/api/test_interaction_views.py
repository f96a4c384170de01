"""The person's interaction timeline and strength curves on the card and in the map's side
panel fragment (issue 13 item 6), over the in-process app with a signed-in session.

Two interactions with the CTO: a one-to-one meeting with Ann Lee today (derived
strength 1 - e**-0.75 = 0.52763) and a call with Bo Wang 30 days ago. The timeline is
newest first; the curve of Ann Lee ends at x = 4 + 312 = 316.0, y = 4 + 72 * (1 -
0.52763) = 38.0 (80 px high, 4 px padding)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.api.conftest import ApiEnv

UI = "/ui/accounts/acme"


def _page(env: ApiEnv, path: str, who: str = "a") -> Any:
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
