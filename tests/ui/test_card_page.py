"""The expansion card as a page (issue 11 items 2 and 8): rendered from a template with
autoescaping, so user text is shown as text; the person's attitudes listed with edit and
remove forms carrying each reading's version. Over real HTTP, one served app."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.ui.conftest import Served, demo_stores, serve
from tests.ui.test_forms import ACCOUNT, browser_like

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def carded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    settings, keys = demo_stores(tmp_path_factory.mktemp("card-page"))
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
    assert "<script>alert" not in card.text
