"""The English assessment table fits a 1280 px window (issue 12 item 3), measured in
Chromium on the two large demo accounts: the page scrolls no wider than the window, the
table no wider than its box, and no column narrower than eight characters of its own
font (eight times the width of "n" as the canvas measures it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import Served, Watched

MEASURE = """() => {
  const table = document.querySelector('main table');
  const ctx = document.createElement('canvas').getContext('2d');
  const columns = [...table.querySelectorAll('tr:first-child > th')].map(th => {
    const td = table.querySelector('tbody tr td:nth-child(' + (th.cellIndex + 1) + ')') || th;
    ctx.font = getComputedStyle(td).font;
    return {name: th.textContent.trim(), width: th.getBoundingClientRect().width,
            eight: 8 * ctx.measureText('n').width};
  });
  return {page: document.documentElement.scrollWidth, window: window.innerWidth,
          table: table.scrollWidth, box: table.parentElement.clientWidth, columns,
          height: document.documentElement.scrollHeight};
}"""


@pytest.mark.parametrize("account", ["jiangnan-mobile", "northwind-industrial"])
def test_english_assessment_table_fits_1280(
    signed_in: Watched, served: Served, artifacts: Path, account: str
) -> None:
    page = signed_in.page
    try:
        page.set_viewport_size({"width": 1280, "height": 900})
        answer = page.goto(served.ui(f"/accounts/{account}/assessment?lang=en"))
        assert answer is not None and answer.status == 200
        seen = page.evaluate(MEASURE)
        page.screenshot(path=str(artifacts / f"assessment-{account}-en-1280.png"))
    finally:
        page.set_viewport_size({"width": 1440, "height": 900})
    print(account, seen["page"], seen["table"], seen["box"], seen["height"])
    assert seen["page"] <= seen["window"] and seen["table"] <= seen["box"]
    narrow = [c for c in seen["columns"] if c["width"] < c["eight"]]
    assert narrow == [], narrow
