"""The organisation map in Chromium at 1440 x 900, measured as the user sees it (issue 12
items 1 and 5): on the demo accounts (51 and 61 people) it opens on the key people and
their paths, fitted: every shown node inside the canvas, no two key people's names
overlapping (boxes from vis-network's own label positions), names at least 11 px, knows
ties off; the org chart of all 51 (61) people likewise, with no name over any other name
or node, fitted again after a chain filter; after each filter it fits again; the search
centres on a person."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import httpx
import pytest

from api import ApiSettings
from graphcrm.access import AccessStore
from graphcrm.model import Account, Contact, Dataset, Layer, Person, Staff, Tie, TieType
from graphcrm.stores import open_store
from tests.ui.conftest import MAP_READY, Served, Watched, save_screenshot, serve, sign_in

MEASURE = """() => {
  const m = window.graphcrmMap, net = m.network;
  const data = JSON.parse(document.getElementById('map-data').textContent);
  const canvas = document.querySelector('#network canvas').getBoundingClientRect();
  const scale = net.getScale();
  const dom = (x, y) => net.canvasToDOM({x, y});
  const nodes = m.nodeView.getIds().map(id => {
    const body = net.body.nodes[id];
    const b = net.getBoundingBox(id);
    const l = body.labelModule.size;
    const a = dom(b.left, b.top), z = dom(b.right, b.bottom);
    const la = dom(l.left, l.top), lz = dom(l.left + l.width, l.top + l.height);
    const r = body.options.size, ba = dom(body.x - r, body.y - r), bz = dom(body.x + r, body.y + r);
    return {id, kind: body.options.kind, key: !!(data.details[id] || {}).key,
            box: [a.x, a.y, z.x, z.y], label: [la.x, la.y, lz.x, lz.y],
            body: [ba.x, ba.y, bz.x, bz.y], px: body.options.font.size * scale};
  });
  return {w: canvas.width, h: canvas.height, nodes,
          view: document.getElementById('view-filter').value,
          knows: document.querySelector('.tie-filter[value="knows"]').checked};
}"""


def _open(watched: Watched, served: Served, account: str, lang: str) -> Any:
    page = watched.page
    answer = page.goto(served.ui(f"/accounts/{account}/map?lang={lang}"))
    assert answer is not None and answer.status == 200
    page.wait_for_selector(MAP_READY, state="attached")
    page.wait_for_timeout(300)  # the first drawing, then its fit
    return page


def _open_fitted(watched: Watched, served: Served, account: str, lang: str) -> Any:
    """The map page once its first view is fitted (a selector wait: the pages' CSP forbids
    the eval a string predicate needs)."""
    page = watched.page
    answer = page.goto(served.ui(f"/accounts/{account}/map?lang={lang}"))
    assert answer is not None and answer.status == 200
    page.wait_for_selector("#network[data-fitted]", state="attached")
    return page


def _names_over_nodes(seen: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, node) pairs where a name's box covers another node's body."""
    return [
        (a["id"], b["id"])
        for a in seen["nodes"]
        for b in seen["nodes"]
        if a is not b and _clashes([("name", a["label"]), ("node", b["body"])])
    ]


def _inside(seen: dict[str, Any]) -> list[str]:
    return [
        n["id"]
        for n in seen["nodes"]
        if not (
            n["box"][0] >= -1 and n["box"][2] <= seen["w"] + 1
            and n["box"][1] >= -1 and n["box"][3] <= seen["h"] + 1
        )
    ]  # fmt: skip


def _clashes(boxes: list[tuple[str, list[float]]]) -> list[tuple[str, str]]:
    return [
        (a, b)
        for i, (a, p) in enumerate(boxes)
        for b, q in boxes[i + 1 :]
        if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
    ]


@pytest.mark.parametrize(
    ("account", "lang"), [("jiangnan-mobile", "zh"), ("northwind-industrial", "en")]
)
def test_the_map_opens_fitted_and_legible(
    signed_in: Watched, served: Served, artifacts: Path, account: str, lang: str
) -> None:
    page = _open_fitted(signed_in, served, account, lang)
    seen = page.evaluate(MEASURE)
    save_screenshot(page, f"map-first-view-{account}-{lang}", artifacts)
    assert seen["view"] == "key" and seen["knows"] is False  # 30+ people
    assert _inside(seen) == []
    key = [n for n in seen["nodes"] if n["key"]]
    assert len(key) >= 5
    assert _clashes([(n["id"], n["label"]) for n in key]) == []
    small = [(n["id"], round(n["px"], 1)) for n in seen["nodes"] if n["px"] < 11]
    assert small == []

    # The org chart, fitted when chosen: all 51 (61) people and our staff inside the canvas,
    # every name at least 11 px, no name over another name or over another node.
    page.select_option("#view-filter", "org")
    page.wait_for_selector('#network[data-fitted="org"]', state="attached")
    org = page.evaluate(MEASURE)  # its picture: make screenshots (map-org-chart-*.png)
    people = [n for n in org["nodes"] if n["kind"] == "person"]
    assert len(people) == {"jiangnan-mobile": 51, "northwind-industrial": 61}[account]
    assert _inside(org) == []
    assert [(n["id"], round(n["px"], 1)) for n in org["nodes"] if n["px"] < 11] == []
    assert _clashes([(n["id"], n["label"]) for n in org["nodes"]]) == []
    assert _names_over_nodes(org) == []
    # a decision chain in the org chart: fitted again to the chain's people
    chain = page.eval_on_selector("#chain-filter option:nth-child(2)", "o => o.value")
    page.select_option("#chain-filter", chain)
    page.wait_for_selector('#network[data-fitted="org-chain"]', state="attached")
    chained = page.evaluate(MEASURE)
    assert _inside(chained) == [] and len(chained["nodes"]) < len(org["nodes"])
    xs = [x for n in chained["nodes"] for x in (n["box"][0], n["box"][2])]
    ys = [y for n in chained["nodes"] for y in (n["box"][1], n["box"][3])]
    assert max(xs) - min(xs) > 0.8 * chained["w"] or max(ys) - min(ys) > 0.8 * chained["h"]


def test_every_filter_fits_again(signed_in: Watched, served: Served, artifacts: Path) -> None:
    page = _open(signed_in, served, "jiangnan-mobile", "zh")
    page.select_option("#view-filter", "all")
    page.wait_for_timeout(200)
    everything = page.evaluate(MEASURE)
    assert everything["view"] == "all" and _inside(everything) == []
    assert len(everything["nodes"]) > 51  # every person and our staff
    chain = page.eval_on_selector("#chain-filter option:nth-child(2)", "o => o.value")
    page.select_option("#chain-filter", chain)
    page.wait_for_timeout(200)
    chained = page.evaluate(MEASURE)
    assert _inside(chained) == [] and len(chained["nodes"]) < len(everything["nodes"])
    # fitted to the chain: its nodes spread over most of the canvas, no empty columns
    xs = [x for n in chained["nodes"] for x in (n["box"][0], n["box"][2])]
    ys = [y for n in chained["nodes"] for y in (n["box"][1], n["box"][3])]
    assert max(xs) - min(xs) > 0.8 * chained["w"] or max(ys) - min(ys) > 0.8 * chained["h"]
    page.check('.tie-filter[value="knows"]')
    page.wait_for_timeout(200)
    assert _inside(page.evaluate(MEASURE)) == []
    save_screenshot(page, "map-chain-jiangnan-mobile-zh", artifacts)


def test_search_centres_on_a_person(signed_in: Watched, served: Served) -> None:
    page = _open(signed_in, served, "jiangnan-mobile", "zh")
    page.fill("#map-search", "jn-lina")
    page.dispatch_event("#map-search", "change")
    page.wait_for_timeout(200)
    seen = page.evaluate(MEASURE)
    [lina] = [n for n in seen["nodes"] if n["id"] == "jn-lina"]
    cx, cy = (lina["box"][0] + lina["box"][2]) / 2, (lina["box"][1] + lina["box"][3]) / 2
    assert abs(cx - seen["w"] / 2) < 40 and abs(cy - seen["h"] / 2) < 60
    assert "李娜" in page.inner_text("#person")


def test_map_small_picture_for_docs(signed_in: Watched, served: Served, artifacts: Path) -> None:
    """docs/map.png's source: jiangnan's first view in Chinese, 768 x 480 (a 1536 x 960
    window at half scale), as the other pictures in docs/."""
    context = signed_in.page.context
    small = context.browser.new_context(
        viewport={"width": 1536, "height": 960},
        device_scale_factor=0.5,
        storage_state=context.storage_state(),
    )
    try:
        page = small.new_page()
        page.goto(served.ui("/accounts/jiangnan-mobile/map?lang=zh"))
        page.wait_for_selector(MAP_READY, state="attached")
        page.wait_for_timeout(300)
        shot = artifacts / "docs-map.png"
        page.screenshot(path=str(shot))
    finally:
        small.close()
    assert shot.stat().st_size > 10_000


def test_a_click_focuses_on_a_person_and_their_path(signed_in: Watched, served: Served) -> None:
    """Focus mode: click a key person with a warm path: they, their neighbours and their path
    stay lit, the rest is dimmed; a click on empty space restores everything. The hover card
    (the node's title) names them with their level and rank."""
    page = _open(signed_in, served, "jiangnan-mobile", "zh")
    pid, name = page.evaluate(
        """() => { const data = JSON.parse(document.getElementById('map-data').textContent);
        const shown = new Set(window.graphcrmMap.nodeView.getIds());
        const [id, d] = Object.entries(data.details).find(
            ([id, d]) => d.key && d.path.length >= 2 && shown.has(id));
        return [id, d.name]; }"""
    )
    at = page.evaluate(
        """(id) => { const net = window.graphcrmMap.network;
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const r = document.querySelector('#network canvas').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""",
        pid,
    )
    page.mouse.click(at[0], at[1])
    page.wait_for_timeout(200)
    state = page.evaluate(
        """(id) => { const m = window.graphcrmMap;
        const data = JSON.parse(document.getElementById('map-data').textContent);
        const lit = m.nodes.get().filter(n => n.opacity === 1).map(n => n.id);
        const dim = m.nodes.get().filter(n => n.opacity < 1).map(n => n.id);
        return {lit, dim, near: m.network.getConnectedNodes(id), path: data.details[id].path,
                title: m.nodes.get(id).title}; }""",
        pid,
    )
    assert pid in state["lit"] and state["dim"]
    assert set(state["near"]) | set(state["path"]) | {pid} == set(state["lit"])
    assert state["path"][-1] == pid  # our staff member first, ending with them
    assert name in state["title"] and "排名" in state["title"]
    assert name in page.inner_text("#person")
    box = page.eval_on_selector("#network canvas", "c => c.getBoundingClientRect().toJSON()")
    page.mouse.click(box["x"] + 5, box["y"] + 5)  # empty corner
    page.wait_for_timeout(200)
    assert page.evaluate("window.graphcrmMap.nodes.get().every(n => n.opacity === 1)")


POSITIONS = """() => { const m = window.graphcrmMap, net = m.network;
  const shown = m.nodeView.getIds();
  const at = net.getPositions(shown);
  return Object.fromEntries(shown.map(id => [id, net.canvasToDOM(at[id])])); }"""


def test_a_target_lights_its_warm_path_and_the_org_chart_puts_managers_above(
    signed_in: Watched, served: Served, artifacts: Path
) -> None:
    """Pick a next target: exactly the nodes of its best warm path as the API's next
    targets give it (our staff member first) stay lit, the rest is dimmed. The org chart:
    every manager of the reports-to tree is drawn above each person who reports to them,
    and every shown node lies inside the canvas."""
    account = "jiangnan-mobile"
    headers = {"Authorization": f"Bearer {served.keys['demo']}"}
    api = f"{served.url}/api/v1/accounts/{account}/next-targets"
    targets = httpx.get(api, headers=headers).json()
    target = next(x for x in targets if x["best_path"] and len(x["best_path"]["people"]) >= 2)
    way = target["best_path"]
    expected = [way["staff_id"], *(p["person_id"] for p in way["people"])]
    page = _open(signed_in, served, account, "zh")
    page.select_option("#target-filter", target["person_id"])
    page.wait_for_timeout(200)
    state = page.evaluate(
        """() => { const m = window.graphcrmMap;
        return {path: m.state.target.path,
                lit: m.nodes.get().filter(n => n.opacity === 1).map(n => n.id),
                dim: m.nodes.get().filter(n => n.opacity < 1).length,
                litEdges: m.edges.get().filter(e => e.color.opacity > 0.5)
                           .map(e => [e.from, e.to])}; }"""
    )
    assert state["path"] == expected
    assert sorted(state["lit"]) == sorted(expected) and state["dim"] > 20
    steps = {frozenset(pair) for pair in pairwise(expected)}
    assert state["litEdges"] and {frozenset(e) for e in state["litEdges"]} <= steps
    assert target["name"] in page.inner_text("#person")

    page.select_option("#target-filter", "")
    page.select_option("#view-filter", "org")
    page.wait_for_timeout(300)
    seen = page.evaluate(MEASURE)
    assert seen["view"] == "org" and _inside(seen) == []
    assert page.evaluate("window.graphcrmMap.nodes.get().every(n => n.opacity === 1)")
    ticked = page.eval_on_selector_all(".tie-filter:checked", "bs => bs.map(b => b.value)")
    assert ticked == ["reports_to"]  # the org chart is read along its reports-to lines
    tree = page.evaluate(
        "JSON.parse(document.getElementById('map-data').textContent).views.org.tree"
    )
    reports_to = page.evaluate(
        "window.graphcrmMap.edges.get().filter(e => e.tie === 'reports_to')"
        ".map(e => [e.from, e.to])"
    )
    assert sorted(tree.items()) == sorted(map(tuple, reports_to))  # every tie is in the tree
    at = page.evaluate(POSITIONS)
    assert len(tree) > 30
    below = [(kid, boss) for kid, boss in tree.items() if not at[boss]["y"] < at[kid]["y"] - 10]
    assert below == []
    page.screenshot(path=str(artifacts / f"map-org-chart-{account}-zh.png"))


def test_the_map_as_of_a_past_day_lacks_later_people_and_is_read_only(
    browser: Any, tmp_path: Path
) -> None:
    """A three-person account imported on 2026-11-02 and a fourth person added on
    2026-11-20: the map as of 2026-11-10 (chosen in its date field) draws the first three
    only, says it is read-only and has no edit form; today's map draws all four."""
    settings, keys = _tiny_account(tmp_path)
    with serve(settings) as url, sign_in(browser, Served(url, settings, keys), "demo") as seen:
        page = seen.page
        served = Served(url, settings, keys)
        page.goto(served.ui("/accounts/tiny/map"))
        page.wait_for_selector(MAP_READY, state="attached")
        today = page.evaluate("window.graphcrmMap.nodeView.getIds()")
        assert {"t-a", "t-b", "t-c", "t-late"} <= set(today)
        assert page.locator("#as-of-banner").count() == 0 and page.locator("main form").count() > 1
        page.fill("#map-as-of", "2026-11-10")
        page.click("#as-of-form button[type=submit]")
        page.wait_for_url("**as_of=2026-11-10**")
        page.wait_for_selector(MAP_READY, state="attached")
        past = page.evaluate("window.graphcrmMap.nodes.getIds()")
        assert {"t-a", "t-b", "t-c"} <= set(past) and "t-late" not in past
        assert "2026-11-10" in page.inner_text("#as-of-banner")
        assert page.locator("main form").count() == 1  # the date field's form only
        assert page.locator("main form#as-of-form").count() == 1
        assert seen.errors == []


def _tiny_account(tmp: Path) -> tuple[Any, dict[str, str]]:
    settings = ApiSettings(store=f"sqlite:///{tmp / 'graph.db'}", access_db=str(tmp / "access.db"))
    store = open_store(settings.store, settings)
    people = [
        Person(id=p, account_id="tiny", name=n, layer=Layer.DECISION if p == "t-a" else None)
        for p, n in (("t-a", "Ann Boss"), ("t-b", "Ben Report"), ("t-c", "Cat Report"))
    ]
    ties = [Tie(type=TieType.REPORTS_TO, source_id=p, target_id="t-a") for p in ("t-b", "t-c")]
    try:
        store.write(
            Dataset(accounts=[Account(id="tiny", name="Tiny")], people=people, ties=ties,
                    staff=[Staff(id="s-1", name="Sam Ours")],
                    contacts=[Contact(staff_id="s-1", person_id="t-a", strength=0.6)]),
            on=date(2026, 11, 2),
        )  # fmt: skip
        late = Person(id="t-late", account_id="tiny", name="Lee Late")
        store.write(Dataset(people=[late]), on=date(2026, 11, 20))
    finally:
        store.close()
    with AccessStore(settings.access_db) as access:
        access.ensure_team("demo")
        access.assign("tiny", "demo")
        keys = {"demo": access.create_key("demo", "as-of").key}
    return settings, keys
