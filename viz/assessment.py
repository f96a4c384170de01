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
from viz.page import Nav, e, level_chip, page

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


def assessment_page(view: AccountView, nav: Nav) -> str:
    lang = nav.lang
    header = "".join(f"<th>{e(h)}</th>" for h in assessment_rows(view, lang)[0])
    rows = []
    for pid in view.people:
        d = view.node(pid)
        dims = d.get("assessment") or {}
        ch = view.level_change(pid)
        cells = "".join(
            f'<td class="num dim">{"–" if dims.get(k) is None else dims[k]}</td>'
            for k in DIMENSIONS
        )
        change = (
            ""
            if ch.change is None
            else f'<b style="color:{_change_colour(ch.change)}">'
            f"{_arrow(ch.change)} {ch.change:+d}</b>"
        )
        rows.append(
            f'<tr data-person-id="{e(pid)}"><td class="num">{view.score(pid).get("rank", "")}</td>'
            f"<td>{e(view.name(pid))}</td><td>{e(d.get('title'))}</td><td>{e(d.get('department'))}</td>"
            f"{cells}<td>{level_chip(ch.level, lang)}</td><td>{e(ch.as_of)}</td>"
            f"<td>{level_chip(ch.previous, lang) if ch.previous is not None else ''}</td>"
            f"<td>{change}</td></tr>"
        )
    body = (
        f"<h1>{e(t('assessment', lang))} · {e(view.account.get('name'))}</h1>"
        f'<div class="noprint" style="margin-bottom:12px">'
        f'<a class="button" href="{e(nav.href("assessment.xlsx"))}">'
        f"{e(t('download_xlsx', lang))}</a>"
        f'<a class="button" href="{e(nav.href("assessment.csv"))}">{e(t("download_csv", lang))}</a>'
        f'<button class="button" type="button" onclick="window.print()">{e(t("print", lang))}'
        f"</button>"
        f'</div><table class="assessment"><tr>{header}</tr>{"".join(rows)}</table>'
    )
    css = "@media print { @page { size: A4 landscape; margin: 8mm; } } td.dim { width: 64px; }"
    return page(f"{t('assessment', lang)} · {view.account.get('name')}", body, nav, css=css)


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
