"""The bulk interaction import (issue 13) leaves exactly what the general import leaves,
from CSV, XLSX and JSON, and refuses bad rows with their row and column, writing nothing."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from pandas.testing import assert_frame_equal

from graphcrm.errors import ConflictError, ValidationFailed
from graphcrm.interactions.bulk import store_pair_strengths
from graphcrm.interactions.bulk_import import import_interactions
from graphcrm.io.importer import import_path
from graphcrm.model import Person
from graphcrm.stores import SQLiteStore
from tests.sample import small_account

T = date(2026, 11, 30)
KINDS = ["site_visit", "dinner", "meeting", "visit", "event", "call", "email", "message"]
HEADER = ["id", "date", "type", "staff_ids", "person_ids", "direction", "duration_min", "note"]
STORED = (
    "id, date, type, staff_ids, person_ids, opportunity_id, duration_min, direction, note, "
    "source, account_scope, valid_from, valid_to"
)


def random_rows(n: int, seed: int = 11) -> list[list[str]]:
    rng = random.Random(seed)
    return [
        [
            f"i{k}",
            (T - timedelta(days=rng.randint(0, 500))).isoformat(),
            rng.choice(KINDS),
            ";".join(rng.sample(["s-ar", "s-exec"], rng.randint(1, 2))),
            ";".join(rng.sample(["ceo", "cto", "cfo", "eng1", "eng2"], rng.randint(1, 3))),
            rng.choice(["", "outbound", "inbound"]),
            rng.choice(["", "30", "90"]),
            rng.choice(["", "谈预算", "follow-up"]),
        ]
        for k in range(n)
    ]


def write_csv(folder: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [",".join(header), *(",".join(r) for r in rows)]
    (folder / "interactions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def fresh_store(path: Path) -> SQLiteStore:
    store = SQLiteStore(path)
    data = small_account()
    data.people.append(Person(id="other-1", account_id="other", name="Someone Else"))
    other = small_account("other", prefix="o-")
    data.accounts += other.accounts
    store.write(data, on=T - timedelta(days=600))
    return store


def stored(store: SQLiteStore) -> list[tuple[object, ...]]:
    return store._conn.execute(f"SELECT {STORED} FROM interactions ORDER BY id").fetchall()


def test_csv_xlsx_and_json_store_what_the_general_import_stores(tmp_path: Path) -> None:
    rows = random_rows(300)
    csv = write_csv(tmp_path / "csv", rows)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "interactions"
    sheet.append(["id", "日期", "类型", "我方人员", "客户人员", "方向", "时长", "备注"])
    for r in rows:
        sheet.append([*r[:6], int(r[6]) if r[6] else None, r[7]])
    book.save(tmp_path / "book.xlsx")
    records = [{h: v for h, v in zip(HEADER, r, strict=True) if v} for r in rows]
    (tmp_path / "all.json").write_text(json.dumps({"interactions": records}), encoding="utf-8")
    with fresh_store(tmp_path / "general.db") as general:
        import_path(general, csv, on=T)
        expected = stored(general)
    assert len(expected) == 300
    sources = [("csv", csv), ("xlsx", tmp_path / "book.xlsx"), ("json", tmp_path / "all.json")]
    for name, source in sources:
        with fresh_store(tmp_path / f"{name}.db") as bulk:
            version = bulk.write_version("acme")
            report = import_interactions(bulk, source, on=T)
            assert (report.rows, report.created, report.updated) == (300, 300, 0), name
            assert stored(bulk) == expected, name
            assert bulk.write_version("acme") == version + 1  # served reads see the write
            # Again: nothing changes, not even the write version.
            again = import_interactions(bulk, source, on=T)
            assert (again.created, again.updated, again.unchanged) == (0, 0, 300)
            assert bulk.write_version("acme") == version + 1
    # And its strengths read back as from the general import (same rows, same answer).
    with SQLiteStore(tmp_path / "csv.db") as a, SQLiteStore(tmp_path / "general.db") as b:
        assert store_pair_strengths(a, ["acme"], T).equals(store_pair_strengths(b, ["acme"], T))


def test_a_changed_row_is_a_new_version_and_history_only_moves_forward(tmp_path: Path) -> None:
    rows = random_rows(20)
    with fresh_store(tmp_path / "g.db") as store:
        import_interactions(store, write_csv(tmp_path / "a", rows), on=T)
        old = rows[5][2]
        rows[5][2] = "dinner" if old != "dinner" else "call"
        report = import_interactions(store, write_csv(tmp_path / "b", rows), on=T)
        assert (report.created, report.updated, report.unchanged) == (0, 1, 19)
        versions = store.history("interactions", ("i5",))
        assert [(v.record.type.value, v.valid_to) for v in versions] == [
            (old, date.fromisoformat(rows[5][1])),
            (rows[5][2], None),
        ]
        before = stored(store)
        rows[6][2] = "dinner" if rows[6][2] != "dinner" else "call"
        rows[6][1] = "2020-01-01"  # a version from before the stored one's
        with pytest.raises(ConflictError, match="i6"):
            import_interactions(store, write_csv(tmp_path / "c", rows), on=date(2020, 1, 1))
        assert stored(store) == before


def test_a_bad_row_deep_in_the_file_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    rows = random_rows(1000)
    rows[899][4] = "ghost"  # row 901 of the file (the header is row 1)
    header = ["id", "日期", "类型", "我方人员", "客户人员", "方向", "时长", "备注"]
    with fresh_store(tmp_path / "g.db") as store:
        version = store.write_version("acme")
        with pytest.raises(ValidationFailed) as caught:
            import_interactions(store, write_csv(tmp_path / "f", rows, header), on=T)
        assert [(e.row, e.column, e.message) for e in caught.value.errors] == [
            (901, "客户人员", "unknown person(s) ['ghost']")
        ]
        assert stored(store) == [] and store.write_version("acme") == version


def test_every_kind_of_bad_input_is_refused_with_row_and_column(tmp_path: Path) -> None:
    rows = random_rows(8)
    rows[0][1] = (date.today() + timedelta(days=3)).isoformat()  # in the future
    rows[1][3] = "s-ar;nobody"  # unknown staff
    rows[2][2] = "lunch"  # not a type
    rows[3][4] = "cto;other-1"  # two accounts
    rows[4][4] = ""  # no customer person
    rows[5][0] = "i6"  # the id of row 8 too
    rows[6][6] = "-5"  # a negative duration
    with fresh_store(tmp_path / "g.db") as store:
        with pytest.raises(ValidationFailed) as caught:
            import_interactions(store, write_csv(tmp_path / "f", rows), on=T)
        found = [(e.row, e.column) for e in caught.value.errors]
        assert found == [
            (2, "date"),
            (3, "staff_ids"),
            (4, "type"),
            (5, "person_ids"),
            (6, "person_ids"),
            (8, "id"),
            (8, "duration_min"),
        ]
        messages = [e.message for e in caught.value.errors]
        assert "in the future" in messages[0]
        assert messages[1] == "unknown staff member(s) ['nobody']"
        assert "one interaction is with one account" in messages[3]
        assert messages[4] == "an interaction names at least one customer person"
        assert messages[5] == "duplicate id 'i6' (also row 7)"
        assert stored(store) == []
        # Another table in the same import: refused, the bulk path takes interactions alone.
        (tmp_path / "f" / "staff.csv").write_text("id,name\nx,X\n", encoding="utf-8")
        with pytest.raises(ValidationFailed, match="interactions table only"):
            import_interactions(store, tmp_path / "f", on=T)


def test_a_cypher_store_takes_the_general_import_with_the_same_result(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from tests.conftest import make_store

    rows = random_rows(30)
    folder = write_csv(tmp_path / "f", rows)
    cypher = make_store("falkordb", request, tmp_path)
    try:
        data = small_account()
        cypher.write(data, on=T - timedelta(days=600))
        report = import_interactions(cypher, folder, on=T)
        assert (report.rows, report.created, report.updated, report.unchanged) == (30, 30, 0, 0)
        with fresh_store(tmp_path / "g.db") as sqlite:
            import_interactions(sqlite, folder, on=T)
            # The same pairs and strengths (the sums' order, so their last bits, may differ).
            assert_frame_equal(
                store_pair_strengths(cypher, ["acme"], T),
                store_pair_strengths(sqlite, ["acme"], T),
                check_exact=False,
                rtol=1e-12,
            )
        again = import_interactions(cypher, folder, on=T)
        assert (again.created, again.unchanged) == (0, 30)
    finally:
        cypher.close()
