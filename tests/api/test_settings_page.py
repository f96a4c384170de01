"""The method settings page (/ui/settings): the team's values with the defaults beside them,
a change and a reset through the same write as the API, refusals that write nothing."""

from __future__ import annotations

import re

from tests.api.conftest import ApiEnv

PAGE = "/ui/settings"


def _token(env: ApiEnv, who: str = "a") -> str:
    """The form token the page's forms carry (its cookie now held by the client)."""
    html = env.client.get(PAGE, headers=env.auth(who)).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html[:2000]
    return found.group(1)


def _row(html: str, key: str) -> str:
    found = re.search(rf'<tr data-key="{re.escape(key)}">(.*?)</tr>', html)
    assert found, key
    return found.group(1)


def test_the_page_shows_each_value_beside_its_default(env: ApiEnv) -> None:
    env.put("a", "/settings", json={"values": {"role_weights": {"approver": 0.8}}})
    html = env.client.get(PAGE, headers=env.auth("a")).text
    assert 'class="version">1<' in html
    approver = _row(html, "role_weights.approver")
    assert "0.8" in approver and 'class="num default">0.9<' in approver and "changed" in approver
    assert "changed" not in _row(html, "relay_level")
    zh = env.client.get(PAGE, params={"lang": "zh"}, headers=env.auth("a")).text
    assert "方法设置" in zh and "默认值" in zh and "恢复默认值" in zh


def test_a_change_and_a_reset_make_new_versions(env: ApiEnv) -> None:
    form = {"action": "set", "key": "relay_level", "value": "2", "csrf_token": _token(env)}
    done = env.client.post(PAGE, data=form, headers=env.auth("a"), follow_redirects=False)
    assert done.status_code == 303
    assert env.get("a", "/settings").json()["settings"]["relay_level"] == 2
    reset = env.client.post(
        PAGE,
        data={"action": "reset", "csrf_token": _token(env)},
        headers=env.auth("a"),
        follow_redirects=False,
    )
    assert reset.status_code == 303
    got = env.get("a", "/settings").json()
    assert got["version"] == 2 and got["settings"] == got["defaults"]


def test_out_of_range_and_read_only_write_nothing(env: ApiEnv) -> None:
    bad = {"action": "set", "key": "half_life_days", "value": "0", "csrf_token": _token(env)}
    answer = env.client.post(PAGE, data=bad, headers=env.auth("a"))
    assert answer.status_code == 422
    assert "half_life_days" in answer.text and 'role="alert"' in answer.text
    ro = env.client.post(PAGE, data={"action": "reset"}, headers=env.auth("a_ro"))
    assert ro.status_code == 403
    assert '<form method="post" action="/ui/settings"' not in ro.text
    assert env.get("a", "/settings").json()["version"] == 0


def test_each_team_sees_its_own(env: ApiEnv) -> None:
    env.put("a", "/settings", json={"values": {"target_level": 3}})
    html = env.client.get(PAGE, headers=env.auth("b")).text
    assert 'class="version">0<' in html


def test_a_post_without_the_pages_form_token_is_refused_and_writes_nothing(env: ApiEnv) -> None:
    _token(env)  # the browser holds the cookie; the forged post lacks the field or forges it
    for token in (None, "forged-token"):
        form = {"action": "set", "key": "relay_level", "value": "2"}
        if token:
            form["csrf_token"] = token
        answer = env.client.post(PAGE, data=form, headers=env.auth("a"))
        assert answer.status_code == 422
        assert "came from another site" in answer.text and 'role="alert"' in answer.text
    assert env.get("a", "/settings").json()["version"] == 0


def test_every_page_links_to_the_settings_page(env: ApiEnv) -> None:
    for path, lang, text in [("/ui", "en", "Method settings"), ("/ui", "zh", "方法设置")]:
        html = env.client.get(path, params={"lang": lang}, headers=env.auth("a")).text
        target = "/ui/settings" + ("?lang=zh" if lang == "zh" else "")
        assert f'href="{target}">{text}</a>' in html
    on = env.client.get(PAGE, headers=env.auth("a")).text
    assert 'class="on" href="/ui/settings">Method settings</a>' in on
