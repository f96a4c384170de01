"""The relationship assessment table (客户关系评估表): every person, the six dimensions,
the level, the previous level and the change; as HTML, XLSX and CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from graphcrm.io.spreadsheet_text import csv_row, pin_text
from viz.account import AccountView
from viz.labels import DIMENSIONS, Lang, dimension_label, level_label, t
from viz.page import Nav, level_chip, page
from viz.templating import Markup, chips, render

__all__ = ["assessment_csv", "assessment_page", "assessment_rows", "assessment_xlsx"]


def _arrow(change: int | None) -> str:
    if change is None:
        return ""
    return "↑" if change > 0 else "↓" if change < 0 else "="


def _change_colour(change: int) -> str:
    return "#2e9e4f" if change > 0 else "#d64545" if change < 0 else "#6b7280"


def assessment_rows(view: AccountView, lang: Lang) -> tuple[list[str], list[list[Any]]]:
    """The table as a header and rows of plain values, one row per person by rank."""
    header = [
        t("rank", lang),
        t("person", lang),
        t("title", lang),
        t("department", lang),
        *(dimension_label(d, lang) for d in DIMENSIONS),
        t("level", lang),
        t("as_of", lang),
        t("previous_level", lang),
        t("change", lang),
    ]
    rows: list[list[Any]] = []
    for pid in view.people:
        d = view.node(pid)
        dims = d.get("assessment") or {}
        ch = view.level_change(pid)
        rows.append(
            [
                view.score(pid).get("rank"),
                view.name(pid),
                d.get("title") or "",
                d.get("department") or "",
                *(dims.get(k) for k in DIMENSIONS),
                f"{ch.level} {level_label(ch.level, lang)}",
                ch.as_of or "",
                "" if ch.previous is None else f"{ch.previous} {level_label(ch.previous, lang)}",
                "" if ch.change is None else f"{_arrow(ch.change)} {ch.change:+d}",
            ]
        )
    return header, rows


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _page_row(view: AccountView, pid: str, lang: Lang) -> dict[str, Any]:
    d = view.node(pid)
    dims = d.get("assessment") or {}
    ch = view.level_change(pid)
    change = (
        ""
        if ch.change is None
        else chips().level_change(ch.change, _change_colour(ch.change), _arrow(ch.change))
    )
    return {
        "id": pid,
        "rank": _text(view.score(pid).get("rank", "")),
        "name": view.name(pid),
        "title": _text(d.get("title")),
        "department": _text(d.get("department")),
        "dims": ["–" if dims.get(k) is None else dims[k] for k in DIMENSIONS],
        "level": Markup(level_chip(ch.level, lang)),
        "as_of": _text(ch.as_of),
        "previous": Markup(level_chip(ch.previous, lang)) if ch.previous is not None else "",
        "change": Markup(change),  # from templates/chips.html
    }


def assessment_page(view: AccountView, nav: Nav) -> str:
    """The table as a page (templates/assessment.html), with its downloads."""
    lang = nav.lang
    body = render(
        "assessment.html",
        lang=lang,
        account_name=_text(view.account.get("name")),
        xlsx=nav.href("assessment.xlsx"),
        csv=nav.href("assessment.csv"),
        header=assessment_rows(view, lang)[0],
        rows=[_page_row(view, pid, lang) for pid in view.people],
    )
    css = "@media print { @page { size: A4 landscape; margin: 8mm; } }" + _TABLE_CSS
    return page(f"{t('assessment', lang)} · {view.account.get('name')}", body, nav, css=css)


# The table fits the page's width (issue 12: at 1280 px in English the title column shrank
# to 2-3 characters a line and the "Change" column was cut): fixed column shares, each at
# least eight characters at 1280 px (5.75 % of 1236 px is 71 px, eight "n" at 14 px 68 px);
# chips and headers wrap.
_SHARES = (5.75, 9, 12, 9, *(5.75,) * 6, 9, 7.5, 7.5, 5.75)
_TABLE_CSS = (
    "table.assessment { table-layout: fixed; width: 100%; }"
    "table.assessment th { overflow-wrap: break-word; hyphens: auto; font-size: 12px; }"
    "table.assessment td { overflow-wrap: anywhere; }"
    "table.assessment .chip { white-space: normal; }"
    + "".join(
        f"table.assessment th:nth-child({i}) {{ width: {share}%; }}"
        for i, share in enumerate(_SHARES, start=1)
    )
)


def assessment_xlsx(view: AccountView, lang: Lang) -> bytes:
    header, rows = assessment_rows(view, lang)
    wb = Workbook()
    ws = wb.active
    # A new Workbook always starts with one worksheet; openpyxl types it as optional.
    if not isinstance(ws, Worksheet):
        raise TypeError(f"a new workbook's active sheet is {type(ws).__name__}, not a worksheet")
    ws.title = t("assessment", lang)[:31]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E5E7EB")
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "C2"
    out = io.BytesIO()
    pin_text(wb).save(out)  # names and titles are user text: never a formula
    return out.getvalue()


def assessment_csv(view: AccountView, lang: Lang) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Chinese text correctly.

    A table for people, not data: a cell starting with a formula trigger
    (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a leading ``'``.
    """
    header, rows = assessment_rows(view, lang)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(csv_row(row) for row in rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
