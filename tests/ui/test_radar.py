"""The card radar's names lie inside the card, in both languages (issue 12 item 3): measured
in Chromium at 1440 px on every key person's card of the demo accounts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import Served, Watched, save_screenshot

MEASURE = """() => [...document.querySelectorAll('section.card')].map(card => {
  const box = card.getBoundingClientRect();
  const names = [...card.querySelectorAll('svg.radar text.rl')].map(t => {
    const r = t.getBoundingClientRect(), s = t.ownerSVGElement.getBoundingClientRect();
    return {text: t.textContent, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom,
            clipped: r.left < s.left - 0.5 || r.right > s.right + 0.5
                     || r.top < s.top - 0.5 || r.bottom > s.bottom + 0.5};
  });
  return {id: card.dataset.personId, x0: box.left, x1: box.right, y0: box.top, y1: box.bottom,
          names};
})"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("account", ["northwind-industrial", "jiangnan-mobile"])
def test_radar_names_inside_the_card(
    signed_in: Watched, served: Served, artifacts: Path, account: str, lang: str
) -> None:
    page = signed_in.page
    answer = page.goto(served.ui(f"/accounts/{account}/cards?lang={lang}"))
    assert answer is not None and answer.status == 200
    page.wait_for_load_state("networkidle")
    cards = page.evaluate(MEASURE)
    with_radar = [c for c in cards if c["names"]]
    assert with_radar, "no card drew a radar"
    for card in with_radar:
        assert len(card["names"]) == 6
        for name in card["names"]:
            assert not name["clipped"], name  # inside the drawing: no name cut at its edge
            inside = card["x0"] <= name["x0"] and name["x1"] <= card["x1"]
            assert inside and card["y0"] <= name["y0"] and name["y1"] <= card["y1"], (card, name)
    save_screenshot(page, f"cards-{account}-{lang}", artifacts)
