"""The power chart in Chromium at 1440 px, as the user sees it (issue 12 item 2): on the
demo accounts no two name boxes overlap, every name lies inside the chart, names read at
11 px or more, there is a legend, and every dot links to the person's card. Screenshots
in test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import Served, Watched, save_screenshot

ACCOUNTS = ("northwind-industrial", "jiangnan-mobile", "krackhardt-hightech")

MEASURE = """() => {
  const svg = document.querySelector('svg#power');
  const frame = svg.getBoundingClientRect();
  const labels = [...svg.querySelectorAll('text.lb')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
            px: parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a};
  });
  const links = [...svg.querySelectorAll('a')].map(a => ({
    href: a.getAttribute('href'), id: a.querySelector('.dot').dataset.personId}));
  return {frame: {x0: frame.left, y0: frame.top, x1: frame.right, y1: frame.bottom},
          labels, links, dots: svg.querySelectorAll('.dot').length,
          legend: !!document.querySelector('#power-legend')};
}"""


def _overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("account", ACCOUNTS)
def test_power_chart_names_do_not_overlap(
    signed_in: Watched, served: Served, artifacts: Path, account: str, lang: str
) -> None:
    page = signed_in.page
    answer = page.goto(served.ui(f"/accounts/{account}/power?lang={lang}"))
    assert answer is not None and answer.status == 200
    page.wait_for_load_state("networkidle")
    seen: dict[str, Any] = page.evaluate(MEASURE)
    labels = seen["labels"]
    assert len(labels) >= 5, labels
    clashes = [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if _overlaps(a, b)
    ]
    assert clashes == []
    frame = seen["frame"]
    for box in labels:  # no name cut at the edge
        assert frame["x0"] <= box["x0"] and box["x1"] <= frame["x1"], box
        assert box["px"] >= 11, box
    assert seen["legend"]
    assert seen["dots"] == len(seen["links"]) > 0
    for link in seen["links"]:
        assert link["href"].startswith(f"/ui/accounts/{account}/cards/{link['id']}")
    save_screenshot(page, f"power-{account}-{lang}", artifacts)
    # a click on a key person's dot opens their card
    first = seen["links"][-1]  # drawn last: the most important
    page.click(f'svg#power a[href="{first["href"]}"] circle')
    page.wait_for_load_state("networkidle")
    assert f"/cards/{first['id']}" in page.url


def test_power_chart_small_picture_for_docs(
    signed_in: Watched, served: Served, artifacts: Path
) -> None:
    """docs/power.png's source: the top of the jiangnan chart in Chinese, 768 x 480 (a 1536 x
    960 window at half scale), as the other pictures in docs/."""
    context = signed_in.page.context
    small = context.browser.new_context(
        viewport={"width": 1536, "height": 960},
        device_scale_factor=0.5,
        storage_state=context.storage_state(),
    )
    try:
        page = small.new_page()
        page.goto(served.ui("/accounts/jiangnan-mobile/power?lang=zh"))
        page.wait_for_load_state("networkidle")
        shot = artifacts / "docs-power.png"
        page.screenshot(path=str(shot))
    finally:
        small.close()
    assert shot.stat().st_size > 10_000
