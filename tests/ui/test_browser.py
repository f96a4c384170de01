"""Every view in a real headless Chromium: loads with no console error, asks no host but
the service, and shows what the account holds. A screenshot of each is kept in
test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphcrm.stores import open_store
from tests.ui.conftest import MAP_READY, Served, Watched, save_screenshot

ACCOUNT = "jiangnan-mobile"
OPPORTUNITY = "opp-jn-5gc-cloud"
PAGES = {
    "accounts": "",
    "dashboard": f"/accounts/{ACCOUNT}",
    "map": f"/accounts/{ACCOUNT}/map",
    "fishbone": f"/accounts/{ACCOUNT}/fishbone?opportunity={OPPORTUNITY}",
    "power": f"/accounts/{ACCOUNT}/power",
    "assessment": f"/accounts/{ACCOUNT}/assessment",
    "cards": f"/accounts/{ACCOUNT}/cards",
    "card": f"/accounts/{ACCOUNT}/cards/jn-huangzhicheng",
    "review": f"/accounts/{ACCOUNT}/review",
    "task-book": f"/accounts/{ACCOUNT}/task-book",
    "task-book-en": "/accounts/northwind-industrial/task-book?lang=en",
    "dashboard-en": "/accounts/northwind-industrial?lang=en",
    "map-en": "/accounts/northwind-industrial/map?lang=en",
}


def _visit(watched: Watched, served: Served, path: str) -> None:
    watched.errors.clear()
    watched.hosts.clear()
    answer = watched.page.goto(
        served.ui(path) + ("&" if "?" in path else "?") + "lang=zh"
        if "lang=" not in path
        else served.ui(path)
    )
    assert answer is not None and answer.status == 200, path
    watched.page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_clean_and_offline(
    signed_in: Watched, served: Served, artifacts: Path, name: str
) -> None:
    _visit(signed_in, served, PAGES[name])
    if name.startswith("map"):
        signed_in.page.wait_for_selector(MAP_READY, state="attached")
    assert signed_in.errors == [], signed_in.errors
    assert signed_in.hosts <= {served.host}, signed_in.hosts
    shot = save_screenshot(signed_in.page, name, artifacts)
    assert shot.stat().st_size > 10_000


def _account_people_and_staff(served: Served) -> tuple[set[str], set[str]]:
    store = open_store(served.settings.store, served.settings)
    try:
        data = store.account_data(ACCOUNT)
    finally:
        store.close()
    people = {p.id for p in data.people if p.account_id == ACCOUNT}
    staff = {c.staff_id for c in data.contacts if c.person_id in people}
    return people, staff


def test_map_holds_exactly_the_accounts_people_and_staff(
    signed_in: Watched, served: Served
) -> None:
    _visit(signed_in, served, PAGES["map"])
    page = signed_in.page
    page.wait_for_selector(MAP_READY, state="attached")
    shown = page.evaluate("() => window.graphcrmMap.nodes.get().map(n => [n.id, n.kind])")
    people, staff = _account_people_and_staff(served)
    assert {i for i, kind in shown if kind == "person"} == people
    assert {i for i, kind in shown if kind == "staff"} == staff
    assert len(shown) == len(people) + len(staff)
    # A click on a person shows their importance parts, history and covering staff.
    page.evaluate("() => window.graphcrmMap.show('jn-huangzhicheng')")
    panel = page.inner_text("#person")
    assert "黄志诚" in panel and "重要度构成" in panel and "王浩然" in panel
    # The decision-chain filter keeps the chain's people (and our staff) only.
    page.select_option("#chain-filter", OPPORTUNITY)
    visible = page.evaluate("() => window.graphcrmMap.network.body.data.nodes.getIds()")
    assert set(visible) < set(i for i, _ in shown)


def test_fishbone_has_a_bone_per_department_and_the_whole_chain(
    signed_in: Watched, served: Served, artifacts: Path
) -> None:
    _visit(signed_in, served, PAGES["fishbone"])
    page = signed_in.page
    bones = page.eval_on_selector_all("#fishbone g.bone", "gs => gs.map(g => g.dataset.group)")
    on_bones = page.eval_on_selector_all(
        "#fishbone g.person", "gs => gs.map(g => g.dataset.personId)"
    )
    store = open_store(served.settings.store, served.settings)
    try:
        data = store.account_data(ACCOUNT)
    finally:
        store.close()
    chain = {r.person_id for r in data.decision_roles if r.opportunity_id == OPPORTUNITY}
    departments = {p.department or "" for p in data.people if p.id in chain}
    assert sorted(bones) == sorted(departments)
    assert sorted(on_bones) == sorted(chain)
    save_screenshot(page, "fishbone-chain", artifacts)
