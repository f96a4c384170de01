"""Records rebuilt from stored values equal the records that were validated and stored."""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.model import TABLES, DecisionRole, Layer, Person, Tie, TieType
from graphcrm.model.stored import stored_record_builder
from tests.sample import small_account


def test_every_record_of_the_sample_comes_back_equal() -> None:
    data = small_account()
    for table, records in data.tables():
        build = stored_record_builder(TABLES[table])
        for rec in records:
            stored = {k: v for k, v in rec.model_dump(mode="json").items() if v is not None}
            back = build(stored)
            assert back == rec, table
            assert {k: type(v) for k, v in back} == {k: type(v) for k, v in rec}


def test_values_take_their_fields_types() -> None:
    person = stored_record_builder(Person)(
        {"id": "p1", "account_id": "a", "name": "Ann", "layer": "decision", "roles": ["approver"]}
    )
    assert person.layer is Layer.DECISION and person.roles == (DecisionRole.APPROVER,)
    assert person.title is None  # absent: the default
    # SQLite keeps a bool as 0/1 and a date as ISO text.
    tie = stored_record_builder(Tie)(
        {
            "type": "knows",
            "source_id": "a",
            "target_id": "b",
            "strength": 1,
            "directed": 1,
            "since": "2026-02-03",
        }
    )
    assert tie.type is TieType.KNOWS and tie.directed is True and tie.since == date(2026, 2, 3)
    assert isinstance(tie.strength, float)


def test_a_field_type_with_no_stored_form_is_refused() -> None:
    from graphcrm.model.stored import _converter

    with pytest.raises(TypeError, match="no stored form"):
        _converter(int | str)
