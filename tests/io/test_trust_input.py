"""Imports refuse what the records refuse: control characters, infinities, and a level
its own six dimensions contradict; each error names the row and the column as written,
and the store is left byte-identical."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphcrm.errors import RecordError, ValidationFailed
from graphcrm.io import import_path
from graphcrm.stores.sqlite import SQLiteStore
from tests.io.helpers import digest, places, valid_folder, write_csvs
from tests.sample import small_account, write_json

DIMS = "recognition,participation,information,guidance,project_support,competitive_preference"


@pytest.fixture
def seeded(store: SQLiteStore, tmp_path: Path) -> SQLiteStore:
    import_path(store, write_json(small_account(), tmp_path / "seed.json"))
    return store


def refused(store: SQLiteStore, path: Path) -> list[RecordError]:
    before = digest(store.path)
    with pytest.raises(ValidationFailed) as failed:
        import_path(store, path)
    assert digest(store.path) == before
    return failed.value.errors


class TestLevelFollowsTheAssessment:
    def test_a_contradicting_level_names_row_column_and_both_levels(
        self, seeded: SQLiteStore, tmp_path: Path
    ) -> None:
        attitudes = (
            f"person_id,level,as_of,{DIMS}\n"
            "p1,1,2026-01-01,1,1,1,1,1,1\n"  # agrees: floor of 1 is 1
            "p2,3,2026-01-01,0,0,0,0,0,-1\n"  # the case: the rule gives -1
        )
        errors = refused(seeded, valid_folder(tmp_path / "in", attitudes=attitudes))
        assert places(errors) == [("attitudes", 3, "level")]
        assert errors[0].source == "attitudes.csv"
        assert errors[0].message.startswith(
            "level 3 contradicts the six-dimension assessment, which gives level -1"
        )

    def test_the_column_is_named_as_the_file_names_it(
        self, seeded: SQLiteStore, tmp_path: Path
    ) -> None:
        attitudes = f"person_id,态度,日期,{DIMS}\np1,2,2026-01-01,3,3,3,3,3,1\n"
        errors = refused(seeded, valid_folder(tmp_path / "in", attitudes=attitudes))
        assert places(errors) == [("attitudes", 2, "态度")]
        # five at 3 and a competitive preference of 1: mean 2.67, floor 2, capped at 1
        assert "which gives level 1" in errors[0].message
        assert "competitive preference of at least 2" in errors[0].message

    def test_the_negative_preference_cap(self, seeded: SQLiteStore, tmp_path: Path) -> None:
        attitudes = f"person_id,level,as_of,{DIMS}\np1,1,2026-01-01,3,3,3,3,3,-1\n"
        errors = refused(seeded, valid_folder(tmp_path / "in", attitudes=attitudes))
        assert places(errors) == [("attitudes", 2, "level")]
        assert "which gives level 0" in errors[0].message and "below 0" in errors[0].message

    def test_agreeing_and_partial_assessments_are_imported(
        self, store: SQLiteStore, tmp_path: Path
    ) -> None:
        attitudes = (
            f"person_id,level,as_of,{DIMS}\n"
            "p1,0,2026-01-01,3,3,3,3,3,-1\n"  # capped at 0, stated 0
            "p2,3,2026-01-01,0,,,,,\n"  # one dimension is no assessment: the level stands
        )
        import_path(store, valid_folder(tmp_path / "in", attitudes=attitudes))
        levels = {a.person_id: a.level for a in store.account_data("acme").attitudes}
        assert levels == {"p1": 0, "p2": 3}

    def test_json_import_is_checked_too(self, seeded: SQLiteStore, tmp_path: Path) -> None:
        doc = json.loads(write_json(small_account(), tmp_path / "a.json").read_text())
        doc["attitudes"][0]["level"] = 2  # the CTO's six dimensions are all 3
        (tmp_path / "a.json").write_text(json.dumps(doc, ensure_ascii=False))
        errors = refused(seeded, tmp_path / "a.json")
        assert places(errors) == [("attitudes", 1, "level")]
        assert "level 2 contradicts" in errors[0].message and "gives level 3" in errors[0].message


class TestHygiene:
    # (A NUL makes the reader refuse a CSV file as binary, before any row is read.)
    @pytest.mark.parametrize("char", ["\x01", "\x07", "\x1b", "\x7f", "\x85", "\x9f"])
    def test_a_control_character_in_text_names_row_and_column(
        self, seeded: SQLiteStore, tmp_path: Path, char: str
    ) -> None:
        people = f"id,account_id,姓名,备注\np1,acme,Ann,ok\np2,acme,B{char}o,x\n"
        errors = refused(seeded, write_csvs(tmp_path / "in", accounts="id,name\nacme,A\n",
                                             people=people))  # fmt: skip
        assert places(errors) == [("people", 3, "姓名")]
        assert f"U+{ord(char):04X}" in errors[0].message

    def test_a_nul_in_json_text(self, seeded: SQLiteStore, tmp_path: Path) -> None:
        doc = {"accounts": [{"id": "acme", "name": "A", "region": "East\x00West"}]}
        (tmp_path / "a.json").write_text(json.dumps(doc))
        errors = refused(seeded, tmp_path / "a.json")
        assert places(errors) == [("accounts", 1, "region")]
        problem = "a control character (U+0000) at position 5 is not allowed in text"
        assert errors[0].message == problem

    def test_a_control_character_in_an_id(self, seeded: SQLiteStore, tmp_path: Path) -> None:
        doc = {"accounts": [{"id": "acme", "name": "A"}, {"id": "b\x1fx", "name": "B"}]}
        (tmp_path / "a.json").write_text(json.dumps(doc))
        errors = refused(seeded, tmp_path / "a.json")
        assert places(errors) == [("accounts", 2, "id")]
        assert "U+001F" in errors[0].message and "id" in errors[0].message

    @pytest.mark.parametrize("value", ["inf", "-inf", "Infinity", "nan", "NaN"])
    def test_csv_infinities_and_nan_are_refused(
        self, seeded: SQLiteStore, tmp_path: Path, value: str
    ) -> None:
        contacts = f"staff_id,person_id,strength,frequency_per_month\ns-ar,p1,0.5,{value}\n"
        folder = valid_folder(tmp_path / "in", staff="id,name\ns-ar,Ann\n", contacts=contacts)
        errors = refused(seeded, folder)
        assert places(errors) == [("contacts", 2, "frequency_per_month")]
        assert "finite" in errors[0].message

    def test_json_infinity_is_refused(self, seeded: SQLiteStore, tmp_path: Path) -> None:
        text = '{"accounts": [{"id": "acme", "name": "A"}], "opportunities": [{"id": "o1", ' \
            '"account_id": "acme", "name": "Deal", "value": Infinity}, {"id": "o2", ' \
            '"account_id": "acme", "name": "Deal 2", "value": NaN}]}'  # fmt: skip
        (tmp_path / "a.json").write_text(text)
        errors = refused(seeded, tmp_path / "a.json")
        assert places(errors) == [("opportunities", 1, "value"), ("opportunities", 2, "value")]

    def test_text_is_nfc_and_line_breaks_are_newlines(
        self, store: SQLiteStore, tmp_path: Path
    ) -> None:
        people = (
            'id,account_id,name,notes\np1,acme,Cafe\u0301,"one\r\ntwo\rthree\tfour"\n'
            "p2,acme,Bo,\np3,acme,Cy,\n"
        )
        import_path(store, valid_folder(tmp_path / "in", people=people))
        person = next(p for p in store.account_data("acme").people if p.id == "p1")
        assert person.name == "Café" and len(person.name) == 4
        assert person.notes == "one\ntwo\nthree\tfour"
