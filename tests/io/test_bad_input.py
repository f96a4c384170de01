"""Bad input: every error reported with table, row and column, and the store left byte-identical.

Each test imports into a real SQLite file that already holds a committed
account, and checks the file (and its write-ahead log) is unchanged after the
refused import.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from graphcrm.errors import RecordError, ValidationFailed
from graphcrm.io import import_path
from graphcrm.stores.sqlite import SQLiteStore
from tests.io.helpers import ACCOUNTS, PEOPLE, digest, places, valid_folder, write_csvs
from tests.sample import small_account, write_json


@pytest.fixture
def seeded(store: SQLiteStore, tmp_path: Path) -> SQLiteStore:
    """The store with the sample account committed, so there is something to protect."""
    import_path(store, write_json(small_account(), tmp_path / "seed.json"))
    return store


def refused(store: SQLiteStore, path: Path) -> list[RecordError]:
    """Import ``path``, expect it refused, check nothing changed; return the errors."""
    before = digest(store.path)
    with pytest.raises(ValidationFailed) as failed:
        import_path(store, path)
    assert digest(store.path) == before
    for e in failed.value.errors:
        assert "pydantic" not in e.message and "http" not in e.message
    return failed.value.errors


def test_missing_required_column(seeded: SQLiteStore, tmp_path: Path) -> None:
    folder = valid_folder(tmp_path / "in", people="id,name\np1,Ann\np2,Bo\np3,Cy\n")
    errors = refused(seeded, folder)
    assert places(errors) == [("people", None, "account_id")]
    assert errors[0].source == "people.csv"
    assert errors[0].message == "missing required column 'account_id'"


def test_unknown_person_in_a_tie(seeded: SQLiteStore, tmp_path: Path) -> None:
    ties = "type,source_id,target_id\nreports_to,p2,p1\nknows,p1,ghost\n"
    errors = refused(seeded, valid_folder(tmp_path / "in", ties=ties))
    assert places(errors) == [("ties", 3, "target_id")]
    assert errors[0].message == "unknown person 'ghost'" and errors[0].source == "ties.csv"


def test_level_5(seeded: SQLiteStore, tmp_path: Path) -> None:
    attitudes = "person_id,level,as_of\np1,2,2026-01-01\np2,5,2026-01-01\n"
    errors = refused(seeded, valid_folder(tmp_path / "in", attitudes=attitudes))
    assert places(errors) == [("attitudes", 3, "level")]
    assert "-1 to 3" in errors[0].message


def test_strength_0_and_1_5(seeded: SQLiteStore, tmp_path: Path) -> None:
    ties = "type,source_id,target_id,strength\nknows,p1,p2,0\nknows,p2,p3,1.5\nknows,p1,p3,1\n"
    errors = refused(seeded, valid_folder(tmp_path / "in", ties=ties))
    assert places(errors) == [("ties", 2, "strength"), ("ties", 3, "strength")]
    assert errors[0].message == "Input should be greater than 0 (got '0')"
    assert errors[1].message == "Input should be less than or equal to 1 (got '1.5')"


def test_duplicate_id(seeded: SQLiteStore, tmp_path: Path) -> None:
    people = PEOPLE + "p2,acme,Bo again\n"
    errors = refused(seeded, valid_folder(tmp_path / "in", people=people))
    assert places(errors) == [("people", 5, "id")]
    assert errors[0].message == "duplicate id 'p2' (first at row 3)"


def test_reports_to_cycle(seeded: SQLiteStore, tmp_path: Path) -> None:
    ties = "type,source_id,target_id\nreports_to,p2,p1\nreports_to,p3,p2\nreports_to,p1,p3\n"
    errors = refused(seeded, valid_folder(tmp_path / "in", ties=ties))
    assert places(errors) == [("ties", errors[0].row, "target_id")]
    assert errors[0].row in (2, 3, 4)
    assert errors[0].message.startswith("reports_to cycle: ")


def test_bad_date(seeded: SQLiteStore, tmp_path: Path) -> None:
    ties = "type,source_id,target_id,since\nknows,p1,p2,2024-13-01\nknows,p2,p3,2024/2/30\n"
    errors = refused(seeded, valid_folder(tmp_path / "in", ties=ties))
    assert places(errors) == [("ties", 2, "since"), ("ties", 3, "since")]
    assert errors[0].message == "expected a date as YYYY-MM-DD, got '2024-13-01'"


def test_unknown_role(seeded: SQLiteStore, tmp_path: Path) -> None:
    people = "id,account_id,name,roles\np1,acme,Ann,approver;boss\np2,acme,Bo,\np3,acme,Cy,\n"
    roles = "opportunity_id,person_id,role\nacme-cloud,p1,chief\n"
    folder = valid_folder(tmp_path / "in", people=people, decision_roles=roles)
    errors = refused(seeded, folder)
    assert places(errors) == [("people", 2, "roles"), ("decision_roles", 2, "role")]
    assert errors[0].message.startswith("unknown value 'boss'; expected one of: decision_maker")


def test_empty_file(seeded: SQLiteStore, tmp_path: Path) -> None:
    folder = valid_folder(tmp_path / "in", people="")
    errors = refused(seeded, folder)
    assert [(e.source, e.table, e.row, e.column) for e in errors] == [
        ("people.csv", "people", None, None)
    ]
    assert "empty" in errors[0].message


def test_binary_file(seeded: SQLiteStore, tmp_path: Path) -> None:
    folder = valid_folder(tmp_path / "in")
    (folder / "people.csv").write_bytes(bytes(range(256)) * 4)
    errors = refused(seeded, folder)
    assert [(e.source, e.row, e.column) for e in errors] == [("people.csv", None, None)]
    assert "binary" in errors[0].message


def test_every_error_of_one_import_is_reported(seeded: SQLiteStore, tmp_path: Path) -> None:
    folder = write_csvs(
        tmp_path / "in",
        accounts="id,name,tier\nacme2,,gold\n",
        people="ID,account_id,姓名,层级,shoe_size\nq1,acme2,Ann,boss,42\nq 2,acme2,Bo,决策层,\n",
        ties="type,source_id,target_id,strength\nlikes,q1,q2,0.5\nknows,q1,q2,2\nknows,q1,q1,1\n",
        attitudes="person_id,level\nq1,\n",
    )
    (folder / "notes.txt").write_text("not a table", encoding="utf-8")
    errors = refused(seeded, folder)
    assert places(errors) == [
        ("", None, None),  # notes.txt
        ("accounts", 2, "name"),
        ("accounts", 2, "tier"),
        ("people", None, "shoe_size"),
        ("people", 2, "层级"),
        ("people", 3, "ID"),
        ("ties", 2, "type"),
        ("ties", 3, "strength"),
        ("ties", 4, None),  # a person cannot know themselves: the row, not one cell
        ("attitudes", 2, "level"),
    ]
    assert errors[0].source == "notes.txt" and "unknown file" in errors[0].message


def test_integrity_errors_name_the_column_as_written(seeded: SQLiteStore, tmp_path: Path) -> None:
    ties = "Type , Source_ID,Target_ID\nknows,p1,ghost\n"
    errors = refused(seeded, valid_folder(tmp_path / "in", ties=ties))
    assert [(e.source, e.table, e.row, e.column) for e in errors] == [
        ("ties.csv", "ties", 2, "Target_ID")
    ]


def test_json_rows_count_from_1_and_name_the_key(seeded: SQLiteStore, tmp_path: Path) -> None:
    doc = {
        "people": [
            {"id": "p9", "account_id": "acme", "name": "X", "layer": "boss"},
            "not a row",
        ],
        "ties": [{"type": "knows", "source_id": "p9", "target_id": "cto", "strength": 5}],
        "persons": [],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    errors = refused(seeded, path)
    assert [(e.source, e.table, e.row, e.column) for e in errors] == [
        ("bad.json:people", "people", 2, None),
        ("bad.json:persons", "", None, None),
        ("bad.json:people", "people", 1, "layer"),
        ("bad.json:ties", "ties", 1, "strength"),
    ]
    assert errors[3].message == "Input should be less than or equal to 1 (got 5)"


def test_xlsx_errors_name_the_sheet(seeded: SQLiteStore, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "people"
    book["people"].append(["id", "account_id", "name", "layer"])
    book["people"].append(["p9", "acme", "X", "boss"])
    book.create_sheet("说明").append(["this workbook holds people"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    errors = refused(seeded, path)
    assert [(e.source, e.table, e.row, e.column) for e in errors] == [
        ("book.xlsx:说明", "", None, None),
        ("book.xlsx:people", "people", 2, "layer"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("data.json", b"", "empty"),
        ("data.json", b'{"people": [', "not valid JSON"),
        ("data.json", b'[{"id": "x"}]', "expected an object of arrays"),
        ("data.json", b'{"people": {"id": "x"}}', "expected an array of rows"),
        ("data.json", b"{}", "no tables found"),
        ("book.xlsx", b"", "not a valid XLSX workbook"),
        ("book.xlsx", b"PK\x03\x04 not really a workbook", "not a valid XLSX workbook"),
        ("bundle.zip", b"not a zip at all", "not a valid zip file"),
        ("people.txt", b"id,name\n", "unsupported kind of file"),
        ("book.xls", b"\xd0\xcf\x11\xe0", "save the workbook as .xlsx"),
        # UTF-16 is read since issue 9; cut off mid-character it is not valid UTF-16.
        ("people.csv", b"\xff\xfei\x00d", "not valid UTF-16"),
    ],
)
def test_unreadable_files(
    seeded: SQLiteStore, tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    errors = refused(seeded, path)
    assert len(errors) == 1, errors
    assert (errors[0].row, errors[0].column) == (None, None)
    assert fragment in errors[0].message
    assert errors[0].source in (name, f"{name}:people")


def test_a_path_that_does_not_exist(seeded: SQLiteStore, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "data.json"
    (error,) = refused(seeded, missing)
    assert error.source == "data.json" and str(missing) in error.message


def test_zip_with_unknown_and_stray_files(seeded: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("acme/accounts.csv", ACCOUNTS)
        archive.writestr("acme/people.csv", PEOPLE)
        archive.writestr("acme/readme.md", "hello")
        archive.writestr("old/ties.csv", "type,source_id,target_id\n")
    errors = refused(seeded, path)
    assert [(e.source, e.message.split(";")[0].split(" (")[0]) for e in errors] == [
        ("acme/readme.md", "unknown file"),
        ("old/ties.csv", "outside the folder holding the tables"),
    ]


def test_a_ragged_csv_row(seeded: SQLiteStore, tmp_path: Path) -> None:
    folder = valid_folder(tmp_path / "in", people="id,account_id,name\np1,acme,Ann,extra\n")
    (error,) = refused(seeded, folder)
    assert (error.source, error.row) == ("people.csv", None)
    assert "line 2 has 4 cells" in error.message


def test_values_under_no_header(seeded: SQLiteStore, tmp_path: Path) -> None:
    people = "id,account_id,name,\np1,acme,Ann,stray\np2,acme,Bo,\np3,acme,Cy,\n"
    errors = refused(seeded, valid_folder(tmp_path / "in", people=people))
    assert places(errors) == [("people", None, "column 4")]


@pytest.mark.parametrize("outside", ["/etc/people.csv", "../people.csv", "acme/../../x.csv"])
def test_zip_members_outside_the_top_folder_are_refused_by_name(
    seeded: SQLiteStore, tmp_path: Path, outside: str
) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("accounts.csv", ACCOUNTS)
        archive.writestr("people.csv", PEOPLE)
        archive.writestr(zipfile.ZipInfo(outside), "id,account_id,name\nevil,acme,Eve\n")
    with zipfile.ZipFile(path) as archive:
        assert outside in archive.namelist()  # zipfile keeps the name as written
    (error,) = refused(seeded, path)
    assert error.source == outside
    assert error.message.startswith("outside the zip's top folder")


def test_a_zip_holding_only_an_absolute_member(seeded: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("/etc/people.csv"), PEOPLE)
    (error,) = refused(seeded, path)
    assert (error.source, error.table) == ("/etc/people.csv", "")
