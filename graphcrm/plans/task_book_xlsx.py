"""The task book (客户关系提升目标任务书) as an XLSX workbook laid out for printing.

One sheet, landscape A4, fitted to the page width, the column headings
repeated on every printed page. A title block (the account, the date), then
per key person a block: a band with the person, title and department, the
level now and the target level and date, the owner and the status; a row each
for needs and pain points; then the actions (what, owner, due, status,
outcome), overdue ones marked. Labels are bilingual (中文 / English).
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from graphcrm.io.spreadsheet_text import pin_text
from graphcrm.model import LEVEL_LABELS
from graphcrm.plans.task_book import TaskBook, TaskBookEntry

__all__ = ["STATUS_LABELS", "task_book_xlsx"]

STATUS_LABELS = {
    "met": "已达成 met",
    "missed": "未达成 missed",
    "off_track": "偏离计划 off track",
    "on_track": "按计划 on track",
}
_ACTION_STATUS = {"open": "进行中 open", "done": "已完成 done", "dropped": "已放弃 dropped"}
_WIDTHS = (6, 46, 18, 13, 16, 40)
_HEAD = ("#", "行动 Action", "负责人 Owner", "截止 Due", "状态 Status", "结果 Outcome")
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BAND = PatternFill("solid", fgColor="DDE6F0")
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_LATE = PatternFill("solid", fgColor="F8D7DA")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _level(level: int | None) -> str:
    if level is None:
        return ""
    en, zh = LEVEL_LABELS[level]
    return f"{level:+d} {zh} {en}"


# What a cell of the task book holds: text, a number, a date, or nothing.
CellValue = str | int | float | date | None


def _row(ws: Worksheet, row: int, values: tuple[CellValue, ...], **style: object) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.border = _BOX
        cell.alignment = _WRAP
        for name, setting in style.items():
            setattr(cell, name, setting)


def _merged(ws: Worksheet, row: int, label: str, text: str | None) -> None:
    _row(ws, row, (label, text or "", "", "", "", ""))
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
    ws.cell(row=row, column=1).font = Font(bold=True)


def _entry(ws: Worksheet, row: int, number: int, entry: TaskBookEntry) -> int:
    p = entry.progress
    who = f"{number}. {entry.name}  {entry.title or ''}  {entry.department or ''}".rstrip()
    target = f"目标 target {_level(p.target_level)} by {p.target_date or '—'}"
    band = (who, "", f"现状 now {_level(p.level)}", target, "", "")
    _row(ws, row, band, font=Font(bold=True), fill=_BAND)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
    ws.cell(row=row, column=6, value=f"{p.owner_name or '—'} · {STATUS_LABELS[p.status]}")
    row += 1
    _merged(ws, row, "需求", entry.needs)
    row += 1
    _merged(ws, row, "痛点", entry.pain_points)
    row += 1
    _row(ws, row, _HEAD, font=Font(bold=True), fill=_HEAD_FILL)
    row += 1
    for i, a in enumerate(entry.actions, start=1):
        status = _ACTION_STATUS.get(a.status, a.status)
        if a.overdue:
            status += f" · 逾期 {a.days_overdue} d"
        values = (i, a.description, a.owner_name or "", a.due, status, a.outcome or "")
        _row(ws, row, values, **({"fill": _LATE} if a.overdue else {}))
        ws.cell(row=row, column=4).number_format = "yyyy-mm-dd"
        row += 1
    if not entry.actions:
        _merged(ws, row, "", "尚无行动 no actions yet")
        row += 1
    return row + 1


def task_book_xlsx(book: TaskBook) -> bytes:
    """The workbook's bytes (see the module docstring for the layout)."""
    wb = Workbook()
    ws = wb.active
    # A new Workbook always starts with one worksheet; openpyxl types it as optional.
    if not isinstance(ws, Worksheet):
        raise TypeError(f"a new workbook's active sheet is {type(ws).__name__}, not a worksheet")
    ws.title = "任务书 task book"
    for i, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[chr(64 + i)].width = width
    ws["A1"] = f"客户关系提升目标任务书 Relationship improvement task book — {book.account_name}"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:F1")
    ws["A2"] = f"{book.account_id} · 日期 as of {book.today.isoformat()}"
    ws.merge_cells("A2:F2")
    row = 4
    for number, entry in enumerate(book.entries, start=1):
        row = _entry(ws, row, number, entry)
    if not book.entries:
        ws.cell(row=row, column=1, value="尚无计划 no plans yet")
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:2"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    # A new worksheet has a footer with a centre part; openpyxl types both as optional.
    if ws.oddFooter is not None and ws.oddFooter.center is not None:
        ws.oddFooter.center.text = "&P / &N"
    out = BytesIO()
    pin_text(wb).save(out)  # names, needs and actions are user text: never a formula
    return out.getvalue()
