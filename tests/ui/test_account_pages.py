"""Every page under /ui/accounts/{account_id} resolves the account by UiAccountDep: the
caller's team's account opens, another team's reads exactly as a missing one (404), and
without a session the sign-in form answers (401) before any account is looked up."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tests.ui.conftest import Served, form_sign_in

ACCOUNT = "jiangnan-mobile"  # the demo team's
VIEWS = [
    "",
    "/map",
    "/fishbone",
    "/fishbone.svg",
    "/power",
    "/assessment",
    "/assessment.xlsx",
    "/assessment.csv",
    "/cards",
    "/cards.xlsx",
    "/cards/jn-huangzhicheng",
    "/review",
    "/task-book",
    "/task-book.xlsx",
]


@contextmanager
def _signed_in(served: Served, who: str) -> Iterator[httpx.Client]:
    """A client signed in through the form: it holds the session cookie."""
    with httpx.Client(base_url=served.url, timeout=60) as client:
        signed_in = form_sign_in(client, served, served.keys[who])
        assert signed_in.status_code == 303, signed_in.text
        yield client


@pytest.mark.parametrize("view", VIEWS)
def test_each_account_page_opens_for_its_team_only(served: Served, view: str) -> None:
    with _signed_in(served, "demo") as client:
        mine = client.get(served.ui(f"/accounts/{ACCOUNT}{view}"))
    with _signed_in(served, "other") as client:
        theirs = client.get(served.ui(f"/accounts/{ACCOUNT}{view}"))
        nobodys = client.get(served.ui(f"/accounts/no-such-account{view}"))
    assert mine.status_code == 200
    assert theirs.status_code == nobodys.status_code == 404
    assert theirs.text == nobodys.text
    assert "黄志诚" not in theirs.text


@pytest.mark.parametrize("view", ["", "/review", "/task-book.xlsx"])
def test_without_a_session_the_sign_in_form_answers_first(served: Served, view: str) -> None:
    with httpx.Client(base_url=served.url, timeout=60) as client:
        answer = client.get(served.ui(f"/accounts/no-such-account{view}"))
    assert answer.status_code == 401
    assert 'name="key"' in answer.text
