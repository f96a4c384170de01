"""The fishbone sized to the page (issue 12 item 2), measured in Chromium: every text of
the drawing at least 11 px as rendered (its font size times the SVG's screen scale) at a
1440 px window and in print on A4 landscape (the page's print CSS: 297 mm less 8 mm
margins, 1062 CSS px wide), and the drawing as wide as the page's content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import Served, Watched

MEASURE = """() => {
  const svg = document.getElementById('fishbone');
  const scale = svg.getScreenCTM().a;
  const sizes = [...svg.querySelectorAll('text, tspan')].map(
    t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const wrap = svg.parentElement.getBoundingClientRect();
  return {least: Math.min(...sizes), count: sizes.length, scale,
          width: svg.getBoundingClientRect().width, room: wrap.width,
          inner: document.documentElement.clientWidth};
}"""

PAGES = [
    ("jiangnan-mobile", "opp-jn-5gc-cloud", "zh"),
    ("northwind-industrial", None, "en"),
]


def _measure(page: Any, served: Served, account: str, opportunity: str | None, lang: str) -> Any:
    query = f"?lang={lang}" + (f"&opportunity={opportunity}" if opportunity else "")
    answer = page.goto(served.ui(f"/accounts/{account}/fishbone{query}"))
    assert answer is not None and answer.status == 200
    return page.evaluate(MEASURE)


@pytest.mark.parametrize(("account", "opportunity", "lang"), PAGES)
def test_fishbone_text_is_legible_on_screen_and_on_a4(
    signed_in: Watched, served: Served, artifacts: Path, account: str, opportunity: str | None,
    lang: str,
) -> None:  # fmt: skip
    page = signed_in.page
    try:
        page.set_viewport_size({"width": 1440, "height": 900})
        screen = _measure(page, served, account, opportunity, lang)
        page.screenshot(path=str(artifacts / f"fishbone-{account}-{lang}.png"))
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 1062, "height": 680})
        paper = _measure(page, served, account, opportunity, lang)
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1440, "height": 900})
    print(account, screen, paper)
    assert screen["count"] > 10
    assert screen["least"] >= 11, screen
    assert screen["width"] >= 0.95 * screen["room"] - 20  # the page's width, not its middle
    assert paper["least"] >= 11, paper
