"""History written before a rule existed still reads, on every store.

An attitude whose level contradicts its six dimensions, or text holding a
control character, can no longer be written (graphcrm.model), but a store may
hold them from before: reading the account, as it stands and as of a past day,
must not fail, and gives the values as stored.
"""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from graphcrm.model import Attitude, Person
from graphcrm.stores import GraphStore
from tests.sample import small_account

DIMS = {
    "recognition": 0,
    "participation": 0,
    "information": 0,
    "guidance": 0,
    "project_support": 0,
    "competitive_preference": -1,
}


def test_an_attitude_written_before_the_level_rule_still_reads(store: GraphStore) -> None:
    with pytest.raises(ValidationError):
        Attitude(person_id="cfo", level=3, **DIMS)
    data = small_account()
    old = Attitude.model_construct(
        person_id="cfo", level=3, toward="us", as_of=date(2026, 10, 1), note="old", **DIMS
    )
    data.attitudes.append(old)
    store.write(data, on=date(2026, 10, 1))
    for as_of in (None, date(2026, 10, 2)):
        held = store.account_data("acme", as_of=as_of).attitudes
        (read,) = [a for a in held if a.person_id == "cfo" and a.as_of == date(2026, 10, 1)]
        assert read.level == 3 and read.dimensions == DIMS and read.note == "old"


def test_text_written_before_the_hygiene_checks_still_reads(store: GraphStore) -> None:
    with pytest.raises(ValidationError):
        Person(id="old", account_id="acme", name="Old\x07", notes="Cafe\u0301\x1b")
    data = small_account()
    data.people.append(
        Person.model_construct(id="old", account_id="acme", name="Old\x07", notes="Cafe\u0301\x1b")
    )
    store.write(data, on=date(2026, 10, 1))
    (read,) = [p for p in store.account_data("acme").people if p.id == "old"]
    assert (read.name, read.notes) == ("Old\x07", "Cafe\u0301\x1b")  # as stored, not NFC
