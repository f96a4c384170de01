"""Form tokens (CSRF) on the sign-in and sign-out forms (issue 11 item 3): a post without
the page's token, or with another one, is refused and signs nobody in or out."""

from __future__ import annotations

import httpx

from tests.ui.conftest import Served, form_sign_in, page_token


def test_sign_in_without_the_form_token_is_refused_with_the_message_at_the_field(
    served: Served,
) -> None:
    with httpx.Client(base_url=served.url) as client:
        bare = client.post(served.ui("/sign-in"), data={"key": served.keys["demo"]})
        assert bare.status_code == 422
        assert 'id="key-error"' in bare.text and "expired or came from another site" in bare.text
        assert "graphcrm_session" not in client.cookies
        assert client.get(served.ui("")).status_code == 401


def test_sign_in_with_another_browsers_token_is_refused(served: Served) -> None:
    with httpx.Client(base_url=served.url) as attacker, httpx.Client(base_url=served.url) as victim:
        token = page_token(attacker, served.ui("/sign-in"))
        victim.get(served.ui("/sign-in"))  # the victim's own cookie signs another token
        forged = victim.post(
            served.ui("/sign-in"), data={"key": served.keys["other"], "csrf_token": token}
        )
        assert forged.status_code == 422
        assert "graphcrm_session" not in victim.cookies


def test_one_token_per_browser_so_two_tabs_both_work(served: Served) -> None:
    with httpx.Client(base_url=served.url) as client:
        first = page_token(client, served.ui("/sign-in"))
        second = page_token(client, served.ui("/sign-in?lang=zh"))
        assert first == second
        assert form_sign_in(client, served, served.keys["demo"]).status_code == 303
        assert page_token(client, served.ui("")) == first


def test_sign_out_needs_the_token(served: Served) -> None:
    with httpx.Client(base_url=served.url) as client:
        assert form_sign_in(client, served, served.keys["demo"]).status_code == 303
        assert client.post(served.ui("/sign-out")).status_code == 403
        assert client.get(served.ui("")).status_code == 200  # still signed in
