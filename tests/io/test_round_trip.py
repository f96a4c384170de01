"""Export writes the import format; importing an export gives the same account back."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from graphcrm.io import ExportError, export_account, export_dataset, import_path
from graphcrm.io.formats import SPECS
from graphcrm.model import Account, Dataset, Person
from graphcrm.stores.sqlite import SQLiteStore
from tests.io.helpers import digest, valid_folder
from tests.sample import small_account

# (format, name of what is written): csv makes a folder, or a zip when the name ends in .zip.
TARGETS = [("json", "acme.json"), ("csv", "acme"), ("csv", "acme.zip"), ("xlsx", "acme.xlsx")]


@pytest.fixture
def acme(store: SQLiteStore) -> SQLiteStore:
    store.write(small_account(), on=date(2026, 10, 1))
    return store


@pytest.mark.parametrize(("fmt", "name"), TARGETS)
def test_round_trip_into_a_fresh_store(
    acme: SQLiteStore, tmp_path: Path, fmt: str, name: str
) -> None:
    out = tmp_path / name
    export_account(acme, "acme", out, fmt)
    with SQLiteStore(tmp_path / "fresh.db") as fresh:
        result = import_path(fresh, out)
        assert fresh.account_data("acme").sorted() == acme.account_data("acme").sorted()
        assert result.report.changed == len(small_account())


@pytest.mark.parametrize(("fmt", "name"), TARGETS)
def test_reimporting_an_export_changes_nothing(
    acme: SQLiteStore, tmp_path: Path, fmt: str, name: str
) -> None:
    out = tmp_path / name
    export_account(acme, "acme", out, fmt)
    before = digest(acme.path)
    result = import_path(acme, out)
    assert result.report.changed == 0
    assert sum(result.report.unchanged.values()) == len(small_account())
    assert digest(acme.path) == before


def test_importing_the_same_files_twice_writes_nothing_the_second_time(
    store: SQLiteStore, tmp_path: Path
) -> None:
    folder = valid_folder(tmp_path / "in")
    first = import_path(store, folder)
    before = digest(store.path)
    second = import_path(store, folder)
    assert first.report.changed == 7 and second.report.changed == 0
    assert digest(store.path) == before


def test_csv_export_has_every_column_in_english_and_plain_cells(
    acme: SQLiteStore, tmp_path: Path
) -> None:
    export_account(acme, "acme", tmp_path / "out", "csv")
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted(f"{t}.csv" for t in SPECS)
    raw = (tmp_path / "out" / "people.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads the Chinese name
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(SPECS["people"].columns)
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert [row[0] for row in rows[1:]] == sorted(by_id)  # key order
    assert by_id["cto"]["roles"] == "evaluator;influencer"
    assert by_id["ceo"]["name"] == "王总" and by_id["ceo"]["layer"] == "decision"
    assert by_id["eng1"]["title"] == "" and by_id["eng1"]["roles"] == ""
    ties = list(csv.DictReader(io.StringIO((tmp_path / "out" / "ties.csv").read_text("utf-8-sig"))))
    knows = next(t for t in ties if t["type"] == "knows" and t["source_id"] == "cto")
    assert (knows["strength"], knows["directed"], knows["since"]) == ("0.6", "false", "2024-05-01")
    opportunity = (tmp_path / "out" / "opportunities.csv").read_text("utf-8-sig")
    assert "1200000" in opportunity and "1200000.0" not in opportunity


def test_json_export_rows_have_every_column(acme: SQLiteStore, tmp_path: Path) -> None:
    export_account(acme, "acme", tmp_path / "a.json", "json")
    doc = json.loads((tmp_path / "a.json").read_text("utf-8"))
    assert list(doc) == list(SPECS)
    for table, rows in doc.items():
        for row in rows:
            assert list(row) == list(SPECS[table].columns)
    cfo = next(p for p in doc["people"] if p["id"] == "cfo")
    assert cfo["roles"] == "approver" and cfo["notes"] is None
    assert [a["as_of"] for a in doc["attitudes"] if a["person_id"] == "cfo"] == [
        "2026-02-01",
        "2026-09-01",
    ]


def test_xlsx_export_keeps_ids_as_text_and_numbers_and_dates_typed(tmp_path: Path) -> None:
    data = Dataset(
        accounts=[Account(id="007", name="Bond")],
        people=[Person(id="001", account_id="007", name="M", roles="approver;user")],
    )
    data.ties = small_account().ties[:0]
    export_dataset(data, tmp_path / "b.xlsx", "xlsx")
    book = openpyxl.load_workbook(tmp_path / "b.xlsx")
    assert book.sheetnames == list(SPECS)
    people = list(book["people"].iter_rows(values_only=True))
    assert people[0] == SPECS["people"].columns
    assert people[1][:3] == ("001", "007", "M") and people[1][6] == "approver;user"
    with SQLiteStore(tmp_path / "b.db") as store:
        import_path(store, tmp_path / "b.xlsx")
        assert store.account_data("007").sorted() == data.sorted()


def test_xlsx_dates_are_date_cells(acme: SQLiteStore, tmp_path: Path) -> None:
    export_account(acme, "acme", tmp_path / "a.xlsx", "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx")["attitudes"]
    cell = sheet.cell(row=2, column=SPECS["attitudes"].columns.index("as_of") + 1)
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"


def test_csv_export_to_an_open_file_is_a_zip(acme: SQLiteStore) -> None:
    buffer = io.BytesIO()
    export_account(acme, "acme", buffer, "csv")
    names = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).namelist()
    assert sorted(names) == sorted(f"{t}.csv" for t in SPECS)


def test_export_as_of_a_past_date(acme: SQLiteStore, tmp_path: Path) -> None:
    acme.write(Dataset(people=[small_account().people[0].model_copy(update={"title": "Chair"})]))
    export_account(acme, "acme", tmp_path / "then.json", "json", as_of=date(2026, 10, 2))
    doc = json.loads((tmp_path / "then.json").read_text("utf-8"))
    assert next(p for p in doc["people"] if p["id"] == "ceo")["title"] == "CEO"


def test_unknown_export_format(acme: SQLiteStore, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'pdf'"):
        export_account(acme, "acme", tmp_path / "a.pdf", "pdf")
    assert not (tmp_path / "a.pdf").exists()
