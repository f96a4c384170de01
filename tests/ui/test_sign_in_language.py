"""Signing in keeps the language (issue 12 item 11): the Chinese sign-in form lands on a
Chinese page, the English one on an English page, and a page asked for with its own
language keeps it; the form says what the cookie holds (a session token, not the key)."""

from __future__ import annotations

import httpx
import pytest

from tests.ui.conftest import Served, page_token


@pytest.mark.parametrize(
    ("lang", "next_path", "landing", "html_lang"),
    [
        ("zh", "/ui", "/ui?lang=zh", "zh"),
        ("en", "/ui", "/ui", "en"),
        ("zh", "/ui/accounts/jiangnan-mobile", "/ui/accounts/jiangnan-mobile?lang=zh", "zh"),
        ("zh", "/ui/staff?lang=en", "/ui/staff?lang=en", "en"),
    ],
)
def test_sign_in_lands_in_the_forms_language(
    served: Served, lang: str, next_path: str, landing: str, html_lang: str
) -> None:
    with httpx.Client() as client:
        token = page_token(client, served.ui(f"/sign-in?lang={lang}"))
        form = {"key": served.keys["demo"], "csrf_token": token, "lang": lang, "next": next_path}
        answer = client.post(served.ui("/sign-in"), data=form)
        assert (answer.status_code, answer.headers["location"]) == (303, landing)
        page = client.get(served.url + landing)
        assert page.status_code == 200 and f'<html lang="{html_lang}' in page.text


def test_the_sign_in_form_says_the_cookie_holds_a_session_token(served: Served) -> None:
    with httpx.Client() as client:
        english = client.get(served.ui("/sign-in")).text
        chinese = client.get(served.ui("/sign-in?lang=zh")).text
    assert "session token" in english and "the key itself is not kept" in english
    assert "会话令牌" in chinese and "不保存密钥本身" in chinese
