"""Find anyone from every page (issue 11 item 6): the header's search box, its results
page at /ui/search and the map centred on the person found.

The results are the core search's (the same hits as GET /api/v1/search, in its
order), over the caller's team's accounts only; each person links to their card and
to the map with ``focus=<id>``, which centres the map on them."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import httpx

from tests.ui.conftest import MAP_READY, Served, Watched

JIANGNAN = "jiangnan-mobile"


def _get(served: Served, path: str, who: str = "demo") -> httpx.Response:
    headers = {"Authorization": f"Bearer {served.keys[who]}"}
    return httpx.get(f"{served.url}{path}", headers=headers, timeout=60)


def _hits(page: str) -> list[str]:
    return re.findall(r"<li><span class=\"kind\">", page)


def test_the_results_page_lists_what_the_api_search_finds(served: Served) -> None:
    query = "陈"  # a Chinese substring: names and titles that hold it
    api = _get(served, f"/api/v1/search?q={quote(query)}&limit=100").json()["items"]
    assert api, "the demo has people whose name holds 陈"
    page = _get(served, f"/ui/search?q={quote(query)}&lang=zh")
    assert page.status_code == 200, page.text[:500]
    labels = re.findall(r"</span> <strong>([^<]*)</strong>", page.text)
    assert labels == [h["label"] for h in api]
    assert f"找到 {len(api)} 项" in page.text
    person = next(h for h in api if h["kind"] == "person")
    card = f'href="/ui/accounts/{person["account_id"]}/cards/{person["id"]}?lang=zh"'
    on_map = f'href="/ui/accounts/{person["account_id"]}/map?focus={person["id"]}&amp;lang=zh"'
    assert card in page.text and on_map in page.text
    assert 'value="陈"' in page.text  # the query kept in the box

    # Another team finds none of team demo's people or accounts, only our (shared) staff;
    # English words on an English page.
    other = _get(served, f"/ui/search?q={quote(query)}", who="other")
    kinds = set(re.findall(r'<span class="kind">([^<]*)</span>', other.text))
    staff = [h for h in api if h["kind"] == "staff"]
    assert other.status_code == 200 and f"{len(staff)} found" in other.text
    assert kinds <= {"Our staff"}


def test_a_blank_box_shows_the_box_and_a_long_query_is_refused_at_the_field(
    served: Served,
) -> None:
    blank = _get(served, "/ui/search?q=")
    assert blank.status_code == 200 and 'id="hit-count"' not in blank.text
    long = _get(served, "/ui/search?q=" + "x" * 201)
    assert long.status_code == 422
    assert re.search(r'id="q-error" role="alert">at most 200 characters<', long.text)
    # Every page carries the box, a plain GET form to /ui/search.
    dashboard = _get(served, f"/ui/accounts/{JIANGNAN}?lang=zh")
    assert '<form class="find" role="search" method="get" action="/ui/search">' in dashboard.text
    assert '<input type="hidden" name="lang" value="zh">' in dashboard.text.split('class="find"')[1]


def test_the_box_by_keyboard_then_the_map_centred_on_the_person(
    signed_in: Watched, served: Served
) -> None:
    page: Any = signed_in.page
    page.goto(served.ui(f"/accounts/{JIANGNAN}"))
    page.focus("#find-box")
    page.keyboard.type("陈志远")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ui/search\?q="))
    link = page.locator("ul.hits a", has_text="On the map").first
    href = link.get_attribute("href")
    person = re.search(r"focus=([^&]+)", href or "")
    assert person is not None
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/map\?focus="))
    page.wait_for_selector(MAP_READY, state="attached")
    selected = page.evaluate("window.graphcrmMap.network.getSelectedNodes()")
    assert selected == [person.group(1)]
    shown = page.locator("#person h3").inner_text()
    assert shown == "陈志远"
    assert not signed_in.errors
