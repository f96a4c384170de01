"""Role slots (待识别角色) in the import format: a sheet named in Chinese with Chinese
headers, every format's export round trip, and bad rows named by sheet, row and column
with nothing written; ``show`` lists the slots (DESIGN.md "unidentified roles")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.io import export_account, import_path
from graphcrm.model import RoleSlot
from graphcrm.stores.sqlite import SQLiteStore
from tests.sample import small_account, write_json
from tests.test_cli import digest, run

DAY = date(2026, 3, 10)
HEADER = ["id", "商机", "角色", "部门", "层级", "备注", "填补人"]
ROWS = [
    ["slot-fin", "acme-cloud", "审批者", "财务部", "管理层", "预算审批", None],
    ["slot-dm", "acme-cloud", "decision_maker", None, "decision", None, "ceo"],
]


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "待识别角色"
    for row in [HEADER, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def test_a_chinese_sheet_imports_and_every_format_round_trips(
    store: SQLiteStore, tmp_path: Path
) -> None:
    store.write(small_account(), on=DAY)
    result = import_path(store, workbook(tmp_path / "slots.xlsx", ROWS), on=DAY)
    assert result.report.created["role_slots"] == 2
    assert sorted(store.account_data("acme").role_slots, key=lambda s: s.id) == [
        RoleSlot(id="slot-dm", opportunity_id="acme-cloud", role="decision_maker",
                 layer="decision", person_id="ceo"),
        RoleSlot(id="slot-fin", opportunity_id="acme-cloud", role="approver",
                 department="财务部", layer="management", note="预算审批"),
    ]  # fmt: skip
    for fmt, name in (("json", "a.json"), ("csv", "a.zip"), ("xlsx", "a.xlsx")):
        out = tmp_path / name
        export_account(store, "acme", out, fmt)
        with SQLiteStore(tmp_path / f"{fmt}.db") as fresh:
            import_path(fresh, out, on=DAY)
            assert fresh.account_data("acme").sorted() == store.account_data("acme").sorted()


def test_bad_rows_are_named_and_nothing_is_written(store: SQLiteStore, tmp_path: Path) -> None:
    store.write(small_account(), on=DAY)
    role = [["s1", "acme-cloud", "boss", None, None, None, None]]  # not a decision role
    with pytest.raises(ValidationFailed) as caught:
        import_path(store, workbook(tmp_path / "role.xlsx", role), on=DAY)
    found = [(e.source, e.row, e.column) for e in caught.value.errors]
    assert found == [("role.xlsx:待识别角色", 2, "角色")]
    refs = [
        ["s2", "elsewhere", "user", None, None, None, None],
        ["s3", "acme-cloud", "user", None, None, None, "nobody"],
    ]
    with pytest.raises(ValidationFailed) as caught:
        import_path(store, workbook(tmp_path / "refs.xlsx", refs), on=DAY)
    found = [(e.source, e.row, e.column) for e in caught.value.errors]
    assert found == [("refs.xlsx:待识别角色", 2, "商机"), ("refs.xlsx:待识别角色", 3, "填补人")]
    assert [e.message for e in caught.value.errors] == [
        "unknown opportunity 'elsewhere'",
        "unknown person 'nobody'",
    ]
    assert store.account_data("acme").role_slots == []


def test_the_cli_imports_refuses_and_shows_slots(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    assert run(db, "import", str(write_json(small_account(), tmp_path / "a.json"))).returncode == 0
    before = digest(db)
    bad = run(db, "import", str(workbook(tmp_path / "bad.xlsx", [[*ROWS[0][:2], "boss", None]])))
    assert bad.returncode == 2 and "角色" in bad.stderr and "row 2" in bad.stderr, bad.stderr
    assert digest(db) == before
    assert run(db, "import", str(workbook(tmp_path / "s.xlsx", ROWS))).returncode == 0
    shown = run(db, "show", "acme")
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert "Unidentified roles 待识别角色" in text
    fin = next(line for line in text.splitlines() if "slot-fin" in line)
    assert "approver 批准者" in fin and "? 待识别" in fin and "财务部" in fin
    dm = next(line for line in text.splitlines() if "slot-dm" in line)
    assert "decision_maker" in dm and "ceo 王总" in dm
