"""The interactions table in every import format: Chinese headers, ids separated by ';',
export and import back, and bad rows refused with row and column, nothing written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.io.exporter import export_account
from graphcrm.io.importer import import_path
from graphcrm.model import Interaction
from graphcrm.stores import SQLiteStore
from tests.io.helpers import digest, places, valid_folder
from tests.sample import small_account

STAFF = "id,name,email\ns1,Ann,ann@us.com\ns2,Bo,\n"
PEOPLE = (
    "id,account_id,name,邮箱,离任日期\n"
    "p1,acme,Ann,a@acme.cn,\np2,acme,Bo,,2026-10-01\np3,acme,Cy,,\n"
)
ZH = (
    "id,日期,类型,我方人员,客户人员,商机,时长,方向,备注\n"
    "i1,2026-11-02,会谈,s1;s2,p1;p2,,60,,路线图评审\n"
    "i2,2026/11/03,邮件,s1,p3,,,发出,\n"
)


def test_chinese_headers_and_lists(tmp_path: Path) -> None:
    folder = valid_folder(tmp_path / "in", staff=STAFF, people=PEOPLE, interactions=ZH)
    with SQLiteStore(tmp_path / "g.db") as store:
        import_path(store, folder, on=date(2026, 11, 20))
        found = {i.id: i for i in store.account_data("acme").interactions}
        person = {p.id: p for p in store.account_data("acme").people}
    assert found["i1"].staff_ids == ("s1", "s2") and found["i1"].person_ids == ("p1", "p2")
    assert (found["i1"].type, found["i1"].duration_min, found["i1"].note) == (
        "meeting",
        60,
        "路线图评审",
    )
    assert (found["i2"].type, found["i2"].direction, found["i2"].date) == (
        "email",
        "outbound",
        date(2026, 11, 3),
    )
    assert person["p1"].email == "a@acme.cn" and person["p2"].left_on == date(2026, 10, 1)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_then_import_gives_the_same_records(tmp_path: Path, fmt: str) -> None:
    data = small_account()
    data.people[0] = data.people[0].model_copy(update={"email": "wang@acme.cn"})
    data.interactions = [
        Interaction(
            id="i1",
            date="2026-11-02",
            type="site_visit",
            staff_ids="s-ar;s-exec",
            person_ids="ceo;cto",
            duration_min=90,
            note="=1+1 参观",
        ),
        Interaction(
            id="i2",
            date="2026-11-03",
            type="message",
            staff_ids="s-ar",
            person_ids="cfo",
            direction="inbound",
            source="api",
        ),
    ]
    with SQLiteStore(tmp_path / "a.db") as store:
        store.write(data, on=date(2026, 11, 20))
        out = tmp_path / ("out.zip" if fmt == "csv" else f"out.{fmt}")
        export_account(store, "acme", out, fmt)
    with SQLiteStore(tmp_path / "b.db") as store:
        import_path(store, out, on=date(2026, 11, 20))
        assert store.account_data("acme").sorted() == data.sorted()


OTHER = "id,name\nacme,Acme\nglobex,Globex\n"


def refused(tmp_path: Path, rows: str) -> list[tuple[str, int | None, str | None]]:
    """Import the rows as the interactions table: the places of the errors; nothing written."""
    folder = valid_folder(
        tmp_path / "in",
        accounts=OTHER,
        staff=STAFF,
        people=PEOPLE + "g1,globex,Gus,,\n",
        interactions="id,date,type,staff_ids,person_ids\n" + rows,
    )
    db = tmp_path / "g.db"
    SQLiteStore(db).close()
    before = digest(db)
    with SQLiteStore(db) as store, pytest.raises(ValidationFailed) as caught:
        import_path(store, folder)
    assert digest(db) == before
    return places(caught.value.errors)


def test_bad_rows_are_refused_with_row_and_column(tmp_path: Path) -> None:
    future = (date.today() + timedelta(days=1)).isoformat()
    rows = f"i1,{future},meeting,s1,p1\ni2,2026-11-02,golf,s1,p1\ni3,2026-11-02,meeting,s1,\n"
    assert refused(tmp_path, rows) == [
        ("interactions", 2, "date"),
        ("interactions", 3, "type"),
        ("interactions", 4, "person_ids"),
    ]


def test_bad_references_are_refused_with_row_and_column(tmp_path: Path) -> None:
    rows = (
        "i1,2026-11-02,meeting,nobody,p1\n"
        "i2,2026-11-02,meeting,s1,ghost\n"
        "i3,2026-11-02,meeting,s1,p1;g1\n"
    )
    assert refused(tmp_path, rows) == [
        ("interactions", 2, "staff_ids"),
        ("interactions", 3, "person_ids"),
        ("interactions", 4, "person_ids"),
    ]
