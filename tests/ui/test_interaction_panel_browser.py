"""The map's side panel in Chromium: a click on a person fetches their interaction
timeline from the service (interactions-panel.js) and shows it under the panel; the
demo fixtures hold no interactions, so the panel says so (and a staff member's click
adds nothing)."""

from __future__ import annotations

from tests.ui.conftest import MAP_READY, Served, Watched

MAP = "/accounts/jiangnan-mobile/map?lang=zh"


def test_a_click_on_a_person_shows_their_interactions(signed_in: Watched, served: Served) -> None:
    page = signed_in.page
    signed_in.errors.clear()
    page.goto(served.ui(MAP))
    page.wait_for_selector(MAP_READY, state="attached")
    page.evaluate("() => window.graphcrmMap.network.emit('click', {nodes: ['jn-huangzhicheng']})")
    page.wait_for_selector("#person #person-interactions section.interactions")
    panel = page.inner_text("#person")
    assert "黄志诚" in panel and "互动记录" in panel and "尚无互动记录" in panel
    staff = page.evaluate(
        "() => window.graphcrmMap.nodes.get().filter(n => n.kind === 'staff')[0].id"
    )
    page.evaluate(f"() => window.graphcrmMap.network.emit('click', {{nodes: ['{staff}']}})")
    page.wait_for_load_state("networkidle")
    assert page.query_selector("#person-interactions") is None
    assert signed_in.errors == []  # no request for a staff member's timeline
