"""Input hygiene of every record: each text field, id field and float field is walked.

The walk derives the fields from the models themselves, so a field added later
is checked without touching this file.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import pytest
from pydantic import ValidationError

from graphcrm.model import TABLES, Attitude, Record
from graphcrm.model.hygiene import clean_text

# One valid row per table, the base every test changes one field of.
VALID: dict[str, dict[str, Any]] = {
    "accounts": {"id": "a", "name": "A"},
    "people": {"id": "p", "account_id": "a", "name": "P"},
    "staff": {"id": "s", "name": "S"},
    "competitors": {"id": "c", "name": "C"},
    "opportunities": {"id": "o", "account_id": "a", "name": "O"},
    "ties": {"type": "knows", "source_id": "p", "target_id": "q"},
    "contacts": {"staff_id": "s", "person_id": "p"},
    "attitudes": {"person_id": "p", "level": 1},
    "decision_roles": {"opportunity_id": "o", "person_id": "p", "role": "user"},
    "plans": {"person_id": "p", "target_level": 2},
    "actions": {"id": "x", "person_id": "p", "description": "D"},
    "interactions": {
        "id": "i",
        "date": "2026-01-01",
        "type": "call",
        "staff_ids": "s",
        "person_ids": "p",
    },
    "account_values": {"account_id": "a", "as_of": "2026-01-01"},
    "orders": {"id": "o1", "account_id": "a", "date": "2026-01-01", "amount": 1},
    "role_slots": {"id": "r", "opportunity_id": "o", "role": "approver"},
}
CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f"]


def _base(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id") or name == "toward"


def _fields(kind: type) -> list[tuple[str, str]]:
    return [
        (table, name)
        for table, model in TABLES.items()
        for name, info in model.model_fields.items()
        if _base(info.annotation) is kind
    ]


# An e-mail address is text with a shape of its own (tests/stores/test_interactions_store.py).
TEXT_FIELDS = [f for f in _fields(str) if not _is_id(f[1]) and f[1] != "email"]
ID_FIELDS = [f for f in _fields(str) if _is_id(f[1])]
FLOAT_FIELDS = _fields(float)


def build(table: str, **changes: Any) -> Record:
    return TABLES[table].model_validate(VALID[table] | changes)


def test_the_walk_finds_the_fields() -> None:
    # 19, and the role slots' department and note (issue 15)
    assert len(TEXT_FIELDS) == 21 and ("role_slots", "note") in TEXT_FIELDS
    assert ("attitudes", "toward") in ID_FIELDS and ("actions", "owner_staff_id") in ID_FIELDS
    assert sorted(FLOAT_FIELDS) == [
        ("contacts", "frequency_per_month"),
        ("contacts", "strength"),
        ("opportunities", "value"),
        ("orders", "amount"),
        ("orders", "margin"),
        ("ties", "strength"),
    ]


@pytest.mark.parametrize(("table", "field"), TEXT_FIELDS)
def test_every_text_field_refuses_control_characters(table: str, field: str) -> None:
    for char in CONTROLS:
        with pytest.raises(ValidationError) as refused:
            build(table, **{field: f"ok{char}ok"})
        (error,) = refused.value.errors()
        assert error["loc"] == (field,)
        assert f"(U+{ord(char):04X}) at position 3 is not allowed in text" in error["msg"]


@pytest.mark.parametrize(("table", "field"), TEXT_FIELDS)
def test_every_text_field_keeps_tab_and_newline_and_is_nfc(table: str, field: str) -> None:
    record = build(table, **{field: "A\u030a\tb\r\nc\u2028d 👩‍👧"})
    assert getattr(record, field) == "Å\tb\nc\u2028d 👩‍👧"


@pytest.mark.parametrize(("table", "field"), ID_FIELDS)
def test_every_id_field_refuses_control_characters_tab_and_newline(table: str, field: str) -> None:
    for char in [*CONTROLS, "\t", "\n", "\r"]:
        with pytest.raises(ValidationError) as refused:
            build(table, **{field: f"id{char}"})
        assert refused.value.errors()[0]["loc"] == (field,)
        assert "not allowed in an id" in refused.value.errors()[0]["msg"]


@pytest.mark.parametrize(("table", "field"), FLOAT_FIELDS)
@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), "inf", "NaN"])
def test_every_float_field_refuses_infinities_and_nan(table: str, field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        build(table, **{field: value})
    assert refused.value.errors()[0]["loc"] == (field,)


def test_ids_are_not_normalised() -> None:
    assert build("people", id="Ab-007").id == "Ab-007"
    with pytest.raises(ValidationError):  # a decomposed letter is not an id character
        build("people", id="Cafe\u0301")


def test_clean_text() -> None:
    assert clean_text("e\u0301") == "é"
    assert clean_text("a\rb\r\nc") == "a\nb\nc"
    assert clean_text(7) == 7  # not text: the field's own type check decides
    for bad in ("\ud83d", "\ufffe", "\uffff"):
        with pytest.raises(ValueError, match="not allowed in text"):
            clean_text(f"x{bad}")


class TestTheAssessmentDecidesTheLevel:
    DIMS = dict.fromkeys(Attitude.dimension_fields, 3)

    def test_all_three_is_a_coach(self) -> None:
        assert Attitude(person_id="p", level=3, **self.DIMS).level == 3

    @pytest.mark.parametrize(
        ("changes", "derived"),
        [
            ({"competitive_preference": 1}, 1),  # floor 2, exclusive cap -> 1
            ({"competitive_preference": -1}, 0),  # floor 2, then the negative cap -> 0
            ({"guidance": 2}, 2),  # floor 2 (the coach cap never binds after the floor)
            (dict.fromkeys(Attitude.dimension_fields, -1) | {"recognition": 0}, -1),
        ],
    )
    def test_a_contradicting_level_names_both(self, changes: dict[str, int], derived: int) -> None:
        dims = self.DIMS | changes
        assert Attitude(person_id="p", level=derived, **dims).level == derived
        with pytest.raises(ValidationError) as refused:
            Attitude(person_id="p", level=3 if derived != 3 else 2, **dims)
        (error,) = refused.value.errors()
        assert error["loc"] == ("level",) and error["type"] == "level_contradicts_assessment"
        assert error["ctx"]["derived"] == derived
        assert f"which gives level {derived}" in error["msg"]

    def test_toward_a_competitor_too(self) -> None:
        with pytest.raises(ValidationError):
            Attitude(person_id="p", toward="rival", level=0, **self.DIMS)

    def test_levels_given_as_labels_are_compared_as_levels(self) -> None:
        assert Attitude(person_id="p", level="教练", **self.DIMS).level == 3
