"""Mail metadata (date, from, to, cc) as email interactions, with direction; a re-import
changes nothing; a bad date is refused with its row and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.interactions.mail import import_mail
from graphcrm.stores import SQLiteStore
from tests.sample import small_account

MAIL = (
    "日期,发件人,收件人,抄送\n"
    "2026-11-20,Ann@us.com,chen@acme.cn,wang@acme.cn; stranger@x.com\n"
    "2026-11-21 09:30,chen@acme.cn,ann@us.com,\n"
    "2026-11-22,ann@us.com,stranger@x.com,\n"
    "2027-01-01,ann@us.com,chen@acme.cn,\n"
)


def test_mail_import(tmp_path: Path) -> None:
    data = small_account()
    data.staff[0] = data.staff[0].model_copy(update={"email": "ann@us.com"})
    data.people = [
        p.model_copy(update={"email": {"ceo": "wang@acme.cn", "cto": "chen@acme.cn"}.get(p.id)})
        for p in data.people
    ]
    with SQLiteStore(tmp_path / "g.db") as store:
        store.write(data, on=date(2026, 1, 1))
        first = import_mail(store, "acme", MAIL, today=date(2026, 11, 30))
        assert first.to_dict() == {
            "events": 4,
            "matched": 2,
            "created": 2,
            "updated": 0,
            "unchanged": 0,
            "skipped": {"future": 1, "no customer person": 1},
            "unmatched": {"stranger@x.com": 2},
        }
        again = import_mail(store, "acme", MAIL, today=date(2026, 11, 30))
        assert (again.created, again.unchanged) == (0, 2)
        found = sorted(store.account_data("acme").interactions, key=lambda i: i.date)
        assert [(i.date, i.direction, i.staff_ids, i.person_ids) for i in found] == [
            (date(2026, 11, 20), "outbound", ("s-ar",), ("cto", "ceo")),
            (date(2026, 11, 21), "inbound", ("s-ar",), ("cto",)),
        ]
        with pytest.raises(ValidationFailed) as caught:
            import_mail(store, "acme", "date,from,to\nsoon,ann@us.com,chen@acme.cn\n")
        assert [(e.row, e.column) for e in caught.value.errors] == [(2, "date")]
