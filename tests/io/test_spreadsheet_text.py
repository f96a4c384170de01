"""The one rule for text in spreadsheets (graphcrm.io.spreadsheet_text), cell by cell."""

from __future__ import annotations

import io

import openpyxl
import pytest

from graphcrm.io.spreadsheet_text import csv_cell, csv_row, pin_text, write_only_value
from tests.spreadsheets import assert_no_formula


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_prefixes_every_trigger(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["王总", "a=b", " =x", "'=x", "", -1, 2.5, None])
def test_csv_leaves_other_values_alone(value: object) -> None:
    assert csv_cell(value) == value


def test_csv_row() -> None:
    assert csv_row(["=x", None, -1, "ok"]) == ["'=x", "", -1, "ok"]


def _saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_pin_text_turns_would_be_formulas_and_errors_into_strings() -> None:
    book = openpyxl.Workbook()
    book.active.append(['=HYPERLINK("http://x","y")', "#N/A", "@x", 3, None])
    book.create_sheet("two")["B2"] = "=1+1"
    assert book.active["A1"].data_type == "f" and book.active["B1"].data_type == "e"
    content = _saved(pin_text(book))
    assert assert_no_formula(content) == ['=HYPERLINK("http://x","y")', "#N/A", "@x", "=1+1"]
    back = openpyxl.load_workbook(io.BytesIO(content))
    assert back.active["D1"].value == 3 and back.active["D1"].data_type == "n"


def test_write_only_values() -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append([write_only_value(sheet, v) for v in ("=1+1", "#REF!", 7, None)])
    assert assert_no_formula(_saved(book)) == ["=1+1", "#REF!"]
