"""Bounded imports: zip and XLSX bombs, too many members, deep JSON, sizes and rows.

Every refused import leaves the real SQLite store byte-identical (its file and
write-ahead log), as in test_bad_input.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.io import ImportLimits, ImportTooLarge, import_bytes, import_path
from graphcrm.io.archive import count_entries
from graphcrm.io.limits import MIB, ReadBudget
from graphcrm.io.nesting import nesting_exceeds
from graphcrm.stores.sqlite import SQLiteStore
from tests.io.bombs import deep_json, many_members_zip, rows_zip, xlsx_bomb, zeros_zip
from tests.io.helpers import ACCOUNTS, PEOPLE, TIES, digest, valid_folder
from tests.sample import small_account, write_json


@pytest.fixture
def seeded(store: SQLiteStore, tmp_path: Path) -> SQLiteStore:
    import_path(store, write_json(small_account(), tmp_path / "seed.json"))
    return store


def too_large(store: SQLiteStore, path: Path, limits: ImportLimits | None = None) -> str:
    """Import ``path``, expect a limit passed and nothing changed; return the limit's code."""
    before = digest(store.path)
    with pytest.raises(ImportTooLarge) as refused:
        import_path(store, path, limits=limits)
    assert digest(store.path) == before
    assert str(refused.value).endswith("nothing was written")
    return refused.value.code


# -- zips and workbooks -------------------------------------------------------------------


def test_a_zip_of_zeros_is_refused_by_its_ratio(seeded: SQLiteStore, tmp_path: Path):
    bomb = zeros_zip(tmp_path / "bomb.zip", expanded_mib=256)
    assert bomb.stat().st_size < 2 * MIB
    with pytest.raises(ImportTooLarge) as refused:
        import_path(seeded, bomb)
    assert refused.value.code == "compression_ratio_too_high"
    assert "bomb.zip: member 'people.csv' expands" in str(refused.value)
    assert "over 100 times its compressed size" in str(refused.value)


def test_an_xlsx_bomb_is_refused_before_openpyxl_opens_it(seeded: SQLiteStore, tmp_path: Path):
    bomb = xlsx_bomb(tmp_path / "book.xlsx", expanded_mib=512)
    assert bomb.stat().st_size < 2 * MIB
    assert too_large(seeded, bomb) == "compression_ratio_too_high"


def test_a_zip_past_the_expanded_size_at_an_honest_ratio(seeded: SQLiteStore, tmp_path: Path):
    path = rows_zip(tmp_path / "rows.zip", expanded_mib=3)
    with zipfile.ZipFile(path) as archive:
        (info,) = archive.infolist()
    assert 10 < info.file_size / info.compress_size < 100  # the ratio alone would let it in
    limits = ImportLimits(max_expanded_bytes=2 * MIB)
    assert too_large(seeded, path, limits) == "expanded_too_large"
    # The same file under a higher limit is read and imported (acme is the seeded account).
    result = import_path(seeded, path, limits=ImportLimits(max_expanded_bytes=16 * MIB))
    assert result.rows["people"] == 20_000


def test_an_xlsx_past_the_expanded_size(seeded: SQLiteStore, tmp_path: Path):
    bomb = xlsx_bomb(tmp_path / "book.xlsx", expanded_mib=3)
    limits = ImportLimits(max_expanded_bytes=2 * MIB, max_ratio=None)
    assert too_large(seeded, bomb, limits) == "expanded_too_large"


def test_too_many_members(seeded: SQLiteStore, tmp_path: Path):
    path = many_members_zip(tmp_path / "many.zip", members=1001)
    assert too_large(seeded, path) == "too_many_members"
    assert count_entries(path.read_bytes(), stop_after=None) == 1001
    assert count_entries(path.read_bytes(), stop_after=10) == 11  # the walk stops early


def test_members_are_counted_in_a_zip64_archive(tmp_path: Path):
    path = tmp_path / "z64.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(3):
            with archive.open(f"{i}.csv", "w", force_zip64=True) as out:
                out.write(b"id\n")
    assert count_entries(path.read_bytes(), stop_after=None) == 3


def test_a_workbook_with_too_many_members(seeded: SQLiteStore, tmp_path: Path):
    path = xlsx_bomb(tmp_path / "book.xlsx", expanded_mib=0)
    with zipfile.ZipFile(path) as archive:
        count = len(archive.infolist())
    assert too_large(seeded, path, ImportLimits(max_members=count - 1)) == "too_many_members"


def test_charges_while_streaming_stop_at_the_first_chunk_past_a_limit():
    """The streamed count holds even if a member inflates past what its header declared."""
    budget = ReadBudget(ImportLimits(max_expanded_bytes=3 * MIB, max_ratio=None))
    budget.inflated("a.csv", 2 * MIB, 10, 2 * MIB, "x.zip")
    with pytest.raises(ImportTooLarge) as refused:
        budget.inflated("b.csv", 2 * MIB, 10, 2 * MIB, "x.zip")
    assert refused.value.code == "expanded_too_large" and budget.expanded == 4 * MIB
    ratio = ReadBudget(ImportLimits(max_ratio=100))
    ratio.inflated("a.csv", MIB, 1000, MIB, "x.zip")  # under the floor: not held to the ratio
    with pytest.raises(ImportTooLarge) as refused:
        ratio.inflated("a.csv", MIB + 1, 1000, 1, "x.zip")
    assert refused.value.code == "compression_ratio_too_high"


def test_a_small_repetitive_member_is_not_held_to_the_ratio(store: SQLiteStore, tmp_path: Path):
    people = "id,account_id,name\n" + "".join(f"p{i},acme,Ann\n" for i in range(20_000))
    path = tmp_path / "ok.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("accounts.csv", ACCOUNTS)
        archive.writestr("people.csv", people)
    result = import_path(store, path, limits=ImportLimits(max_ratio=2))
    assert result.rows["people"] == 20_000


# -- sizes and rows -----------------------------------------------------------------------


def test_file_and_folder_size(seeded: SQLiteStore, tmp_path: Path):
    folder = valid_folder(tmp_path / "in")
    limits = ImportLimits(max_file_bytes=100)
    assert too_large(seeded, folder, limits) == "file_too_large"
    assert too_large(seeded, write_json(small_account(), tmp_path / "a.json"), limits) == (
        "file_too_large"
    )


@pytest.mark.parametrize("kind", ["folder", "json", "xlsx"])
def test_row_limit_counts_every_table(seeded: SQLiteStore, tmp_path: Path, kind: str):
    # accounts 1 + people 3 + ties 3 = 7 rows
    folder = valid_folder(tmp_path / "in")
    if kind == "json":
        path = write_json(small_account(), tmp_path / "a.json")
        total = len(small_account())
    elif kind == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        book.remove(book.active)
        for table, text in (("accounts", ACCOUNTS), ("people", PEOPLE), ("ties", TIES)):
            sheet = book.create_sheet(table)
            for line in text.strip().split("\n"):
                sheet.append(line.split(","))
        path = tmp_path / "book.xlsx"
        book.save(path)
        total = 7
    else:
        path, total = folder, 7
    code = too_large(seeded, path, ImportLimits(max_rows=total - 1))
    assert code == "too_many_rows"
    import_path(seeded, path, limits=ImportLimits(max_rows=total))


# -- JSON nesting -------------------------------------------------------------------------


def test_json_nested_100000_deep_is_refused_as_bad_input(seeded: SQLiteStore):
    before = digest(seeded.path)
    with pytest.raises(ValidationFailed) as refused:
        import_bytes(seeded, deep_json(100_000), "deep.json")
    (error,) = refused.value.errors
    assert error.source == "deep.json"
    assert error.message.startswith("arrays and objects nested more than 64 deep")
    assert digest(seeded.path) == before


def test_nesting_is_counted_outside_strings_only():
    assert not nesting_exceeds(b'{"a": "[[[[{{{{"}', 1)
    assert not nesting_exceeds(b'{"a": "\\"[[[[\\\\"}', 1)
    assert nesting_exceeds(b'{"a": [[1]]}', 2)
    assert not nesting_exceeds(b'{"a": [[1]]}', 3)
    assert not nesting_exceeds(deep_json(62), 64)
    assert nesting_exceeds(deep_json(63), 64)
