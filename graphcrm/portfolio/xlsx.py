"""The portfolio table as an XLSX workbook (DESIGN.md "Account portfolio").

One sheet, one row per account, bilingual headers; every string cell stays text
(``graphcrm.io.spreadsheet_text.pin_text``), so an account name starting with ``=``
is shown as written and never evaluated.
"""

from __future__ import annotations

import io
from typing import Any

from graphcrm.io.spreadsheet_text import pin_text

__all__ = ["COLUMNS", "portfolio_xlsx"]

#: (field of ``Portfolio.to_list``, header) in sheet order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("account_id", "account 客户编号"),
    ("name", "name 名称"),
    ("kind", "kind 类型"),
    ("parent_id", "parent 上级客户"),
    ("tier", "tier 分级"),
    ("tier_computed", "computed 计算分级"),
    ("tier_override", "override 人工指定"),
    ("value_score", "value 价值分"),
    ("current", "current 当前价值"),
    ("future", "future 未来价值"),
    ("social", "social 社会价值"),
    ("quadrant", "quadrant 象限"),
    ("rfm", "RFM"),
    ("order_count", "orders 订单数"),
    ("order_amount", "amount 订单金额"),
    ("health", "health 关系健康度"),
    ("health_quarter_ago", "a quarter ago 上季度"),
    ("heaviest_gap", "heaviest gap 最大短板"),
)


def _cell(field: str, value: Any) -> Any:
    if field == "heaviest_gap":
        return value["code"] if value else None
    if field == "tier_override":
        return "yes 是" if value else ""
    return value


def portfolio_xlsx(rows: list[dict[str, Any]]) -> bytes:
    """The workbook of ``rows`` (``Portfolio.to_list()``)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = "portfolio"
    sheet.append([header for _, header in COLUMNS])
    for row in rows:
        sheet.append([_cell(field, row.get(field)) for field, _ in COLUMNS])
    out = io.BytesIO()
    pin_text(book).save(out)
    return out.getvalue()
