"""The portfolio workbook: one row per account, text never read as a formula."""

from __future__ import annotations

import io

import openpyxl

from graphcrm.portfolio.xlsx import COLUMNS, portfolio_xlsx


def test_rows_and_formula_proof_text() -> None:
    row = {
        "account_id": "acme",
        "name": '=HYPERLINK("http://x")',
        "tier": "strategic",
        "tier_override": True,
        "value_score": 4.25,
        "heaviest_gap": {"code": "stale"},
    }
    book = openpyxl.load_workbook(io.BytesIO(portfolio_xlsx([row])))
    sheet = book["portfolio"]
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0] == [h for _, h in COLUMNS]
    got = dict(zip([f for f, _ in COLUMNS], values[1], strict=True))
    assert (got["account_id"], got["tier"], got["value_score"]) == ("acme", "strategic", 4.25)
    assert (got["tier_override"], got["heaviest_gap"]) == ("yes 是", "stale")
    name = sheet.cell(row=2, column=2)
    assert name.value == '=HYPERLINK("http://x")' and name.data_type == "s"
