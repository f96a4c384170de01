"""The dashboard per key person, the accounts list and the "my work" pages (issue 12 items
4 and 6, issue 13 item 6), served by uvicorn and fetched over HTTP, on the small hand-made
account (tests/sample.py) of team ``t``:

- written 120 days ago (so the portfolio reads its health a quarter ago), with one more
  open action of Ann's on the CTO due 5 days ago (overdue);
- the CFO (Diaz, an approver: a key person, covered only by Bo Wang at 0.4) left 10 days
  ago: the dashboard lists them with coverage 0.40 lost, as the quarterly review does.

Remaining key people: the CEO (rank 1), the CTO (rank 2), Eve (rank 3). The account is
strategic: cadence 30 days.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import httpx
import pytest

from api import ApiSettings
from graphcrm.access import AccessStore
from graphcrm.model import Action, Dataset
from graphcrm.stores import open_store
from tests.sample import small_account
from tests.ui.conftest import Served, Watched, form_sign_in, save_screenshot, serve

TODAY = date.today()
LEFT_ON = TODAY - timedelta(days=10)
LATE = TODAY - timedelta(days=5)


@pytest.fixture(scope="module")
def small_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("dashboard")
    settings = ApiSettings(store=f"sqlite:///{tmp / 'graph.db'}", access_db=str(tmp / "a.db"))
    store = open_store(settings.store, settings)
    try:
        data = small_account()
        data.actions.append(
            Action(
                id="a-late",
                person_id="cto",
                description="Thank-you lunch",
                due=LATE,
                owner_staff_id="s-ar",
            )
        )
        store.write(data, on=TODAY - timedelta(days=120))
        cfo = next(p for p in data.people if p.id == "cfo")
        gone = cfo.model_copy(update={"left_on": LEFT_ON})
        store.write(Dataset(people=[gone]), on=LEFT_ON)
    finally:
        store.close()
    with AccessStore(settings.access_db) as access:
        access.ensure_team("t")
        access.assign("acme", "t")
        keys = {
            "t": access.create_key("t", "me").key,
            "other": access.create_key("other", "them", create_team=True).key,
        }
    with serve(settings) as url:
        yield Served(url, settings, keys)


@pytest.fixture(scope="module")
def client(small_served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=small_served.url, timeout=60) as c:
        assert form_sign_in(c, small_served, small_served.keys["t"]).status_code == 303
        yield c


def _items(html: str, cls: str) -> dict[str, str]:
    """person id -> the text of each ``<li class=cls>`` or ``<tr class=cls>``, tags dropped."""
    found = re.findall(rf'<(?:li|tr) class="{cls}" data-person-id="([^"]*)"(.*?)</(?:li|tr)>', html)
    return {pid: _text(body) for pid, body in found}


def _text(markup: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))).strip()


def test_dashboard_lists_one_line_per_key_person(
    small_served: Served, client: httpx.Client
) -> None:
    html = client.get(small_served.ui("/accounts/acme")).text
    lines = _items(html, "key-person")
    assert list(lines) == ["ceo", "cto", "eng1"]  # the CFO left: no longer a key person
    ceo, cto, eve = lines["ceo"], lines["cto"], lines["eng1"]
    # The CEO: level 0 -> plan target 2, uncovered; the path starts with Ann, the plan's
    # owner Bo Wang wins and the line says why; the plan's open action.
    assert "0 · neutral" in ceo and "2 · supports" in ceo and "nobody" in ceo
    assert "Ann Lee → Chen → 王总 (0.80)" in ceo
    assert (
        "Bo Wang owns the plan, so the plan's owner wins; the warm path starts with Ann Lee" in ceo
    )
    assert "Executive visit with our VP Due 2026-12-15 · Bo Wang" in ceo
    assert re.search(r'data-person-id="ceo".*?data-code="uncovered".*?</li>', html, re.S)
    # The CTO: at target, Ann at 0.80 last touched 2026-10-20, next action the late lunch.
    assert "3 · coach at target" in cto and "Ann Lee (0.80, 2026-10-20)" in cto
    assert f"Thank-you lunch Due {LATE.isoformat()} · Ann Lee" in cto
    # Eve: no plan: the owner is the path's first person, and a button to plan one.
    assert "Ann Lee starts the best warm path." in eve and "Plan one" in eve
    plan_one = 'class="button plan-one" href="/ui/accounts/acme/task-book?plan_for=eng1#plan-form"'
    assert html.count(plan_one) == 1  # the plan form opens with Eve chosen


def test_dashboard_lists_who_left_who_goes_stale_and_gaps_by_person(
    small_served: Served, client: httpx.Client
) -> None:
    html = client.get(small_served.ui("/accounts/acme")).text
    left = re.search(r'<table class="people-left">.*?</table>', html, re.S)
    assert left is not None
    assert re.sub(r"<[^>]+>", "|", left.group(0)).count(
        f"|Diaz||{LEFT_ON.isoformat()}||0.40||Bo Wang|"
    )
    # Only the CTO has a dated contact among the key people: 2026-10-20, cadence 30.
    days_left = 30 - (TODAY - date(2026, 10, 20)).days
    stale = re.findall(r'<tr data-person-id="(\w+)" data-days-left="(-?\d+)">', html)
    assert stale == [("cto", str(days_left))]
    groups = _items(html, "gap-group")
    assert next(iter(groups)) == "ceo"  # heaviest first
    assert groups["ceo"].endswith(
        "Make a first contact with 王总: ask a supporter who knows them to introduce us."
    )
    zh = client.get(small_served.ui("/accounts/acme"), params={"lang": "zh"}).text
    assert "离任关键人" in zh and "即将接触过期" in zh and "建议行动" in zh
    assert (
        "王总是" not in zh and "Bo Wang是计划负责人，以计划负责人为准；引荐路径起于Ann Lee。" in zh
    )
    assert "与王总建立首次接触：请认识其的支持者引荐。" in zh and "分级: 战略" in zh.replace(
        "：", ": "
    )


def test_accounts_list_shows_health_trend_gap_overdue_and_target(
    small_served: Served, client: httpx.Client
) -> None:
    api = f"{small_served.url}/api/v1/accounts/acme/coverage"
    headers = {"Authorization": f"Bearer {small_served.keys['t']}"}
    now = httpx.get(api, headers=headers).json()["health"]
    before = httpx.get(
        api, headers=headers, params={"as_of": (TODAY - timedelta(days=91)).isoformat()}
    ).json()["health"]
    html = client.get(small_served.ui("")).text
    row = re.search(r'<tr data-account="acme">(.*?)</tr>', html, re.S)
    assert row is not None
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td.*?</td>", row.group(1))]
    arrow = "▲" if now - before >= 1 else "▼" if before - now >= 1 else "▶"
    assert cells == [
        "Acme 集团",
        "manufacturing",
        "East",
        "strategic",
        f"{now:.0f} {arrow}",
        "uncovered",  # the CEO's, the heaviest
        "1",  # the late lunch
        "王总",
    ]
    zh = client.get(small_served.ui(""), params={"lang": "zh"}).text
    assert "逾期行动" in zh and "无人覆盖" in zh and "下一步目标" in zh


def test_my_work_pages(small_served: Served, client: httpx.Client) -> None:
    listing = client.get(small_served.ui("/staff")).text
    assert re.findall(r'<tr data-staff-id="([\w-]+)">', listing) == ["s-ar", "s-exec"]
    assert 'href="/ui/staff"' in listing  # the navigation's "My work"
    bo = client.get(small_served.ui("/staff/s-exec")).text
    items = re.findall(r'<tr class="agenda-item" data-kind="(\w+)"', bo)
    assert items == ["action", "target"]  # due 2026-12-15, then the plan's 2027-03-31
    assert "Executive visit with our VP" in bo and "2027-03-31" in bo and "on track" in bo
    ann = client.get(small_served.ui("/staff/s-ar"), params={"lang": "zh"}).text
    assert "Ann Lee的工作日程" in ann and 'data-overdue="1"' in ann and "逾期 5 天" in ann
    assert client.get(small_served.ui("/staff/nobody")).status_code == 404


def test_another_team_sees_none_of_the_work(small_served: Served) -> None:
    with httpx.Client(base_url=small_served.url, timeout=60) as other:
        form_sign_in(other, small_served, small_served.keys["other"])
        page = other.get(small_served.ui("/staff/s-exec"))
        listing = other.get(small_served.ui("")).text
    assert page.status_code == 200, page.text[:200]  # staff are shared records
    assert "Executive visit" not in page.text and "Acme" not in page.text
    assert 'data-account="acme"' not in listing


_LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const box = (el) => el.getBoundingClientRect();
  const lines = [...document.querySelectorAll('li.key-person')].map(box);
  const badges = [...document.querySelectorAll('li.key-person .badge')].map(box);
  const rows = [...document.querySelectorAll('table.accounts tr, table.gap-groups tr')];
  return {
    overflow: document.scrollingElement.scrollWidth - width,
    lines: lines.length,
    stacked: lines.every((b, i) => i === 0 || b.top >= lines[i - 1].bottom),
    inside: [...lines, ...badges].every((b) => b.left >= 0 && b.right <= width),
    rows: rows.length,
  };
}"""


def test_dashboard_and_accounts_list_fit_the_window(
    signed_in: Watched, served: Served, artifacts: Path
) -> None:
    """At 1440 px (the shared browser) and at 1280 px, in Chinese and English: no
    horizontal scrolling, the key people's lines stacked and inside the window."""
    page = signed_in.page
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for lang in ("zh", "en"):
            page.goto(served.ui(f"/accounts/jiangnan-mobile?lang={lang}"))
            layout = page.evaluate(_LAYOUT)
            assert layout["overflow"] <= 0 and layout["stacked"] and layout["inside"], layout
            assert layout["lines"] >= 7
            page.goto(served.ui(f"?lang={lang}"))
            assert page.evaluate(_LAYOUT)["overflow"] <= 0
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(served.ui("/accounts/jiangnan-mobile?lang=zh"))
    save_screenshot(page, "dashboard-key-people-zh", artifacts)
    assert signed_in.errors == [], signed_in.errors
