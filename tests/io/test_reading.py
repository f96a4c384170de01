"""Every input format imports into a real SQLite store: CSV folder, zip, XLSX, JSON, one CSV."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from graphcrm.io import import_bytes, import_path
from graphcrm.model import DecisionRole, Layer, OrgLevel, Tier, TieType
from graphcrm.stores.sqlite import SQLiteStore
from tests.io.helpers import ACCOUNTS, PEOPLE, TIES, valid_folder, write_csvs

ZH_ACCOUNTS = "id,名称,行业,区域,分级,组织关系级别\njn,江南移动,通信,华东,战略客户,伙伴\n"
ZH_PEOPLE = (
    "id,account_id,姓名,职务,部门,层级,角色,备注\n"
    "jn-1,jn,周建国,总经理,总经理室,决策层,决策者;批准者,重视降本增效\n"
    "jn-2,jn,孙卫东,网络部总经理,网络部,管理层,影响者,\n"
)
ZH_TIES = "type,source_id,target_id,强度,起始日期\n汇报,jn-2,jn-1,0.9,2024/3/5\n认识,jn-1,jn-2,,\n"
ZH_STAFF = "id,姓名,职务,级别,团队,铁三角角色\nst-1,林晓峰,客户经理,3,华东,AR\n"
ZH_CONTACTS = "staff_id,person_id,强度,最近接触日期\nst-1,jn-2,0.85,2026-09-01\n"
ZH_ATTITUDES = "person_id,态度,日期\njn-2,教练,2026-09-20\njn-1,0,2026-02-01\n"
ZH_PLANS = "person_id,target_level,需求,痛点\njn-1,2,降本,考核排名\n"
ZH_OPPS = "id,account_id,名称,阶段,金额\nopp-1,jn,核心网云化,方案,86000000\n"


def check_zh_account(store: SQLiteStore) -> None:
    """The Chinese-headed account came through with every field in place."""
    data = store.account_data("jn").sorted()
    (account,) = data.accounts
    assert (account.name, account.industry, account.region) == ("江南移动", "通信", "华东")
    assert (account.tier, account.org_level) == (Tier.STRATEGIC, OrgLevel.PARTNER)
    gm, net = data.people
    assert (gm.name, gm.title, gm.department, gm.notes) == (
        "周建国",
        "总经理",
        "总经理室",
        "重视降本增效",
    )
    assert gm.layer == Layer.DECISION
    assert gm.roles == (DecisionRole.DECISION_MAKER, DecisionRole.APPROVER)
    assert (net.layer, net.roles, net.notes) == (Layer.MANAGEMENT, (DecisionRole.INFLUENCER,), None)
    knows, reports = data.ties
    assert (reports.type, reports.strength, reports.since) == (
        TieType.REPORTS_TO,
        0.9,
        date(2024, 3, 5),
    )
    assert (knows.type, knows.strength, knows.since) == (TieType.KNOWS, 1.0, None)


def test_csv_folder_reads(store: SQLiteStore, tmp_path: Path) -> None:
    result = import_path(store, valid_folder(tmp_path / "in"))
    assert result.rows["people"] == 3 and result.rows["ties"] == 3
    assert result.report.created["people"] == 3
    assert result.sources == {
        "accounts": "accounts.csv",
        "people": "people.csv",
        "ties": "ties.csv",
    }
    assert [p.name for p in store.account_data("acme").sorted().people] == ["Ann", "Bo", "Cy"]


def test_zip_with_tables_in_a_subfolder_and_os_junk(store: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("acme/accounts.csv", ACCOUNTS)
        archive.writestr("acme/people.csv", PEOPLE)
        archive.writestr("acme/ties.csv", TIES)
        archive.writestr("acme/.DS_Store", b"\x00\x01junk")
        archive.writestr("__MACOSX/acme/._people.csv", b"\x00\x05junk")
    result = import_path(store, path)
    assert result.rows["people"] == 3 and result.sources["people"] == "people.csv"


def test_xlsx_typed_cells_become_the_text_typed(store: SQLiteStore, tmp_path: Path) -> None:
    """Excel keeps numbers as floats and dates as datetimes; ids and levels must still fit."""
    book = openpyxl.Workbook()
    book.active.title = "accounts"
    book["accounts"].append(["id", "name"])
    book["accounts"].append([7, "Seven"])  # a numeric id
    people = book.create_sheet("people")
    people.append(["id", "account_id", "name", "layer"])
    people.append([1.0, 7, "Ann", "decision"])
    people.append([2, 7.0, "Bo", None])
    ties = book.create_sheet("ties")
    ties.append(["type", "source_id", "target_id", "strength", "since"])
    ties.append(["reports_to", 2, 1, 0.5, datetime(2025, 1, 31)])
    attitudes = book.create_sheet("attitudes")
    attitudes.append(["person_id", "level", "as_of"])
    attitudes.append([1, 2.0, date(2026, 5, 1)])
    book.create_sheet("Sheet2")  # Excel's spare empty sheet
    path = tmp_path / "book.xlsx"
    book.save(path)

    result = import_path(store, path)
    assert result.sources["people"] == "book.xlsx:people"
    data = store.account_data("7").sorted()
    assert [(p.id, p.account_id) for p in data.people] == [("1", "7"), ("2", "7")]
    (tie,) = data.ties
    assert (tie.source_id, tie.strength, tie.since) == ("2", 0.5, date(2025, 1, 31))
    (attitude,) = data.attitudes
    assert (attitude.level, attitude.as_of) == (2, date(2026, 5, 1))


def test_json_object_of_arrays(store: SQLiteStore, tmp_path: Path) -> None:
    doc = {
        "accounts": [{"id": "acme", "name": "Acme", "tier": None}],
        "people": [
            {"id": "p1", "account_id": "acme", "name": "Ann", "roles": ["approver", "user"]},
            {"id": "p2", "account_id": "acme", "name": "Bo", "roles": "influencer"},
        ],
        "ties": [{"type": "knows", "source_id": "p1", "target_id": "p2", "strength": 0.4}],
    }
    path = tmp_path / "data.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = import_path(store, path)
    assert result.sources["people"] == "data.json:people"
    data = store.account_data("acme").sorted()
    assert data.people[0].roles == (DecisionRole.APPROVER, DecisionRole.USER)
    assert data.ties[0].strength == 0.4


def test_one_tables_csv_and_uploaded_bytes(store: SQLiteStore, tmp_path: Path) -> None:
    folder = valid_folder(tmp_path / "in")
    import_path(store, folder / "accounts.csv")
    result = import_bytes(store, (folder / "people.csv").read_bytes(), "people.csv")
    assert result.rows["people"] == 3


def test_chinese_headers_and_terms(store: SQLiteStore, tmp_path: Path) -> None:
    folder = write_csvs(
        tmp_path / "zh",
        accounts=ZH_ACCOUNTS,
        people=ZH_PEOPLE,
        ties=ZH_TIES,
        staff=ZH_STAFF,
        contacts=ZH_CONTACTS,
        attitudes=ZH_ATTITUDES,
        plans=ZH_PLANS,
        opportunities=ZH_OPPS,
    )
    import_path(store, folder)
    check_zh_account(store)
    data = store.account_data("jn")
    assert data.staff[0].name == "林晓峰" and data.staff[0].seniority == 3
    assert sorted(a.level for a in data.attitudes) == [0, 3]
    assert (data.plans[0].needs, data.plans[0].pain_points) == ("降本", "考核排名")
    assert (data.opportunities[0].name, data.opportunities[0].value) == ("核心网云化", 86e6)
    assert data.contacts[0].last_contact == date(2026, 9, 1)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-8"])
def test_csv_encodings_excel_writes(store: SQLiteStore, tmp_path: Path, encoding: str) -> None:
    """UTF-8 with a BOM (Excel's "CSV UTF-8") and GB18030 (Excel's CSV in China) both read."""
    folder = write_csvs(
        tmp_path / encoding, encoding, accounts=ZH_ACCOUNTS, people=ZH_PEOPLE, ties=ZH_TIES
    )
    if encoding == "gb18030":
        raw = (folder / "people.csv").read_bytes()
        assert raw != ZH_PEOPLE.encode("utf-8")  # really not UTF-8
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
    import_path(store, folder)
    check_zh_account(store)


def test_ids_stay_text_and_empty_cells_are_absent(store: SQLiteStore, tmp_path: Path) -> None:
    folder = write_csvs(
        tmp_path / "in",
        accounts="id,name,tier\n007,Bond,\n",
        people="id,account_id,name,title,layer\n001,007,M,  ,\n",
        ties="type,source_id,target_id\n",
    )
    import_path(store, folder)
    data = store.account_data("007")
    assert data.accounts[0].tier is None
    (person,) = data.people
    assert (person.id, person.title, person.layer) == ("001", None, None)


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(
    store: SQLiteStore, tmp_path: Path
) -> None:
    from graphcrm.errors import ValidationFailed

    folder = valid_folder(
        tmp_path / "in", people="id,account_id,name\np1,acme,Ann\n,,\n\np2,acme,\n"
    )
    with pytest.raises(ValidationFailed) as failed:
        import_path(store, folder)
    # Rows 3 and 4 are blank; row 5 lacks a name. (p3 of the ties is missing too, but
    # checks across rows wait until every row is valid on its own.)
    assert [(e.table, e.row, e.column) for e in failed.value.errors] == [
        ("people", 5, "name"),
    ]


def test_progress_reports_each_phase(store: SQLiteStore, tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    import_path(store, valid_folder(tmp_path / "in"), progress=lambda *a: calls.append(a))
    phases = [c[0] for c in calls]
    assert phases == sorted(phases, key=["read", "validate", "write"].index)
    last = {phase: (done, total) for phase, done, total in calls}
    assert last["validate"] == (7, 7) and last["write"] == (7, 7)
    assert last["read"][0] == last["read"][1] > 0


def test_the_garbage_collector_is_back_on_after_an_import(
    store: SQLiteStore, tmp_path: Path
) -> None:
    """The import pauses the cyclic collector for speed; it must resume, even on failure."""
    import gc

    from graphcrm.errors import ValidationFailed

    assert gc.isenabled()
    import_path(store, valid_folder(tmp_path / "ok"))
    assert gc.isenabled()
    with pytest.raises(ValidationFailed):
        import_path(store, valid_folder(tmp_path / "bad", people=""))
    assert gc.isenabled()
