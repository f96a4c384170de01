"""The portfolio page at /ui/portfolio, served by uvicorn and fetched over HTTP: a small
hand-built portfolio's rows, tier counts and chart dots in both languages, sorting by
the header links, the caller's team's accounts only, and a screenshot in Chromium.

Team ``mine`` owns p1..p4, assessed on profit (current) and credit (future) only, so
value score = (0.5 profit + 0.3 credit) / 0.8:
p1 (5, 5) 5.0, p2 (4, 1) 2.875, p3 (1, 4) 2.125, p4 (2, 2) 2.0. N = 4: one strategic,
none value (round_half_up(0.25 * 4) = 1 rank), one potential (round_half_up(2.2) = 2),
two ordinary; p4 records tier ``value`` (an override). Medians: current 3, future 3, so
p1 star, p2 cash cow, p3 rising, p4 maintain. No people: health 0 (red dots).
Team ``theirs`` owns q1 alone (strategic, N = 1), which team ``mine`` never sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from api import ApiSettings
from graphcrm.access import AccessStore
from graphcrm.cli import FIXTURES
from graphcrm.io.importer import import_path
from graphcrm.model import Account, AccountValue, Dataset, Order
from graphcrm.stores import open_store
from tests.ui.conftest import Served, form_sign_in, save_screenshot, serve, sign_in

DAY = date.today() - timedelta(days=10)
MINE = {"p1": (5, 5), "p2": (4, 1), "p3": (1, 4), "p4": (2, 2)}


def _dataset() -> Dataset:
    names = {"p1": "Alpha 甲", "p2": "Bravo 乙", "p3": "Charlie 丙", "p4": "Delta 丁", "q1": "Q"}
    scores = {**MINE, "q1": (5, 5)}
    return Dataset(
        accounts=[
            Account(id=a, name=n, tier="value" if a == "p4" else None) for a, n in names.items()
        ],
        account_values=[
            AccountValue(account_id=a, as_of=DAY, profit=c, credit=f)
            for a, (c, f) in scores.items()
        ],
        orders=[Order(account_id="p1", date=DAY, amount=100)],
    )


@pytest.fixture(scope="module")
def portfolio_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("portfolio-page")
    settings = ApiSettings(store=f"sqlite:///{tmp / 'graph.db'}", access_db=str(tmp / "a.db"))
    store = open_store(settings.store, settings)
    try:
        store.write(_dataset(), on=DAY)
        import_path(store, FIXTURES / "demo" / "portfolio-zh")  # team demo's, for the shot
        demo = [a.id for a in store.accounts() if a.id.startswith("pf-")]
    finally:
        store.close()
    with AccessStore(settings.access_db) as access:
        access.ensure_team("mine")
        access.ensure_team("theirs")
        for account_id in MINE:
            access.assign(account_id, "mine")
        access.assign("q1", "theirs")
        access.ensure_team("demo")
        for account_id in demo:
            access.assign(account_id, "demo")
        keys = {
            "demo": access.create_key("demo", "director").key,
            "mine": access.create_key("mine", "me").key,
            "theirs": access.create_key("theirs", "them").key,
        }
    with serve(settings) as url:
        yield Served(url, settings, keys)


def _get(served: Served, who: str, **params: str) -> httpx.Response:
    with httpx.Client(base_url=served.url, timeout=60) as client:
        assert form_sign_in(client, served, served.keys[who]).status_code == 303
        return client.get(served.ui("/portfolio"), params=params)


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-account="([^"]+)"', html)


def _dots(html: str) -> dict[str, tuple[str, str, str]]:
    found = re.findall(
        r'<circle class="dot" data-account="([^"]+)" cx="([^"]+)" cy="([^"]+)" r="8" '
        r'fill="([^"]+)"',
        html,
    )
    return {a: (x, y, fill) for a, x, y, fill in found}


def _counts(html: str) -> dict[str, tuple[int, int]]:
    found = re.findall(
        r'<tr data-tier="(\w+)"><td>[^<]*</td><td class="count">(\d+)</td>'
        r'<td class="expected">(\d+)</td>',
        html,
    )
    return {tier: (int(n), int(e)) for tier, n, e in found}


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Portfolio", "strategic", "star", "cash cow", "Value x potential", "1-1-1"]),
        ("zh", ["客户组合", "战略客户", "明星客户", "现金牛客户", "价值 × 潜力", "1-1-1"]),
    ],
)
def test_rows_counts_and_dots_of_a_hand_built_portfolio(
    portfolio_served: Served, lang: str, words: list[str]
) -> None:
    answer = _get(portfolio_served, "mine", lang=lang)
    assert answer.status_code == 200, answer.text[:300]
    html = answer.text
    # by tier in force: p1 strategic, p4 value (recorded), p2 potential, p3 ordinary
    assert _rows(html) == ["p1", "p4", "p2", "p3"]
    assert _counts(html) == {
        "strategic": (1, 1),
        "value": (1, 0),
        "potential": (1, 1),
        "ordinary": (1, 2),
    }
    # x = 56 + 448 current / 5, y = 384 - 328 future / 5
    assert _dots(html) == {
        "p1": ("504.0", "56.0", "#d64545"),
        "p2": ("414.4", "318.4", "#d64545"),
        "p3": ("145.6", "121.6", "#d64545"),
        "p4": ("235.2", "252.8", "#d64545"),
    }
    assert 'href="/ui/accounts/p1' in html
    assert all(w in html for w in words), [w for w in words if w not in html]
    assert re.search(r'data-account="p1">.*?class="value">5\.00<', html)
    assert re.search(r'data-account="p4">.*?class="tier">[^<]+ \*<', html)  # the override
    assert "q1" not in html


def test_the_header_links_sort_the_table(portfolio_served: Served) -> None:
    html = _get(portfolio_served, "mine").text
    assert 'href="/ui/portfolio?sort=-tier"' in html  # sorted by tier now: next descending
    assert _rows(_get(portfolio_served, "mine", sort="value_score").text) == [
        "p4",
        "p3",
        "p2",
        "p1",
    ]
    assert _rows(_get(portfolio_served, "mine", sort="-value_score").text) == [
        "p1",
        "p2",
        "p3",
        "p4",
    ]
    assert _rows(_get(portfolio_served, "mine", sort="name").text) == ["p1", "p2", "p3", "p4"]
    assert _get(portfolio_served, "mine", sort="nonsense").status_code == 422


def test_another_team_sees_only_its_own_accounts(portfolio_served: Served) -> None:
    html = _get(portfolio_served, "theirs").text
    assert _rows(html) == ["q1"]
    assert not any(f'data-account="{a}"' in html for a in MINE)
    assert _counts(html)["strategic"] == (1, 1)


def test_the_accounts_list_links_to_the_portfolio(portfolio_served: Served) -> None:
    with httpx.Client(base_url=portfolio_served.url, timeout=60) as client:
        form_sign_in(client, portfolio_served, portfolio_served.keys["mine"])
        html = client.get(portfolio_served.ui(""), params={"lang": "zh"}).text
    assert '<a href="/ui/portfolio?lang=zh">客户组合</a>' in html


def test_screenshot_in_chromium(browser: Any, portfolio_served: Served, artifacts: Path) -> None:
    """Team mine's page in Chromium: four dots, nothing from any other host; then the demo
    portfolio (fixtures/demo/portfolio-zh) as team demo sees it, kept as portfolio.png."""
    for who, name in [("mine", "portfolio-hand-built"), ("demo", "portfolio")]:
        with sign_in(browser, portfolio_served, who) as watched:
            answer = watched.page.goto(portfolio_served.ui("/portfolio?lang=zh"))
            assert answer is not None and answer.status == 200
            watched.page.wait_for_load_state("networkidle")
            dots = watched.page.locator("circle.dot").count()
            assert watched.errors == [] and watched.hosts <= {portfolio_served.host}
            shot = save_screenshot(watched.page, name, artifacts)
        assert shot.stat().st_size > 10_000
        if who == "mine":
            assert dots == 4
        else:  # every demo customer assessed on both parts has its dot
            assert dots >= 20


def test_outside_people_with_the_accounts_they_reach(portfolio_served: Served) -> None:
    """The demo's outside parties' heads and the group headquarters' head (who ties into
    its subsidiaries like an outside party): three accounts each, so by id; each reached
    account a link to its page."""
    html = _get(portfolio_served, "demo", lang="zh").text
    outside = html.split('<section class="outside-people">')[1]
    assert "外部人员" in outside
    people = re.findall(r'<tr data-person="([^"]+)">', outside)
    assert people == [
        "pf-consultant-p0",
        "pf-design-institute-p0",
        "pf-government-p0",
        "pf-group-p0",
    ]
    institute = outside.split('data-person="pf-design-institute-p0"')[1].split("</tr>")[0]
    assert "马艳明" in institute and "设计院" in institute
    reached = re.findall(r'href="/ui/accounts/([^"?]+)', institute)
    assert reached == ["pf-02", "pf-09", "pf-group-1"]
    assert '<section class="outside-people">' not in _get(portfolio_served, "mine").text
