"""Helpers for the spreadsheet-safety tests: formula payloads and what a written file holds."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

import openpyxl

# One payload per character a spreadsheet may read as the start of a formula (OWASP).
# A leading tab is stripped on the way in (text is stripped), so what is stored
# starts with the "=" after it: the tab case is a formula all the same.
PAYLOADS = {
    "=": '=HYPERLINK("http://evil.example","x")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t": "\t=1+1",
}
TRIGGER_IDS = {"=": "equals", "+": "plus", "-": "minus", "@": "at", "\t": "tab"}

# Valid text that is hard on every writer: emoji (astral, ZWJ sequence), right-to-left
# marks and an override, the Unicode line and paragraph separators, a BOM, a private-use
# character, a combining accent (decomposed: stored NFC), CJK, quotes, a formula, tab and
# newline inside, and XML-ish markup.
NASTY = (
    "=cmd|' /C calc'!A0 👩‍👩‍👧‍👦 \u200fשלום\u202eabc\u202c \u2028line\u2029para "
    "\ufeffbom \ue000 Cafe\u0301 王总 \"q\" 's' \ta\tb\nnext <x>&amp;</x> 𝕏"
)


def stored(text: str) -> str:
    """What a record keeps of ``text``: surrounding whitespace stripped, NFC."""
    import unicodedata

    return unicodedata.normalize("NFC", text.strip())


def xlsx_cells(content: bytes) -> list[Any]:
    """Every non-empty cell of every sheet of an XLSX file, as openpyxl reads it back."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def assert_no_formula(content: bytes) -> list[str]:
    """Check no cell is a formula and every text cell is a string; return the text values."""
    cells = xlsx_cells(content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c for c in cells if isinstance(c.value, str)]
    assert {c.data_type for c in texts} <= {"s"}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[ >]", archive.read(name)), name
    return [c.value for c in texts]


def csv_cells(content: bytes) -> list[str]:
    """Every cell of a CSV file written with a UTF-8 BOM."""
    assert content.startswith(b"\xef\xbb\xbf")
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
