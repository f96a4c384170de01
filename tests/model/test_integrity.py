"""Cross-row checks: every problem found at once, placed on its row and column."""

from __future__ import annotations

from graphcrm.errors import RecordError
from graphcrm.model import Account, Dataset, Person, Tie, check_integrity
from tests.sample import small_account


def people(*ids: str) -> list[Person]:
    return [Person(id=i, account_id="a", name=i.upper()) for i in ids]


def test_clean_sample_has_no_errors() -> None:
    assert check_integrity(small_account()) == []


def test_duplicates_point_at_the_first_row() -> None:
    data = Dataset(accounts=[Account(id="a", name="A")], people=people("p", "q", "p"))
    assert check_integrity(data) == [
        RecordError("people", 3, "id", "duplicate id 'p' (first at row 1)")
    ]


def test_references_are_checked_against_what_is_stored() -> None:
    stored = Dataset(accounts=[Account(id="a", name="A")], people=people("p", "q"))
    incoming = Dataset(
        ties=[
            Tie(type="knows", source_id="p", target_id="q"),
            Tie(type="knows", source_id="p", target_id="zz"),
        ]
    )
    assert check_integrity(incoming, stored) == [
        RecordError("ties", 2, "target_id", "unknown person 'zz'")
    ]


def test_ties_stay_within_one_account() -> None:
    data = Dataset(
        accounts=[Account(id="a", name="A"), Account(id="b", name="B")],
        people=[*people("p"), Person(id="q", account_id="b", name="Q")],
        ties=[Tie(type="knows", source_id="p", target_id="q")],
    )
    [error] = check_integrity(data)
    assert error.message.startswith(
        "'p' and 'q' belong to different accounts ('a', 'b'): both are customer accounts"
    )


def test_reporting_cycle_through_stored_ties() -> None:
    stored = Dataset(
        accounts=[Account(id="a", name="A")],
        people=people("p", "q", "r"),
        ties=[
            Tie(type="reports_to", source_id="p", target_id="q"),
            Tie(type="reports_to", source_id="q", target_id="r"),
        ],
    )
    incoming = Dataset(
        ties=[
            Tie(type="knows", source_id="r", target_id="p"),
            Tie(type="reports_to", source_id="r", target_id="p"),
        ]
    )
    [error] = check_integrity(incoming, stored)
    assert (error.table, error.row, error.column) == ("ties", 2, "target_id")
    assert error.message.startswith("reports_to cycle: ")
    # a cycle of knows or depends_on ties is fine: people know each other both ways
    ok = Dataset(ties=[Tie(type="depends_on", source_id="r", target_id="p")])
    assert check_integrity(ok, stored) == []


def test_locator_names_file_and_row() -> None:
    data = Dataset(people=people("p"))
    [error] = check_integrity(data, locate=lambda table, i: (f"{table}.csv", i + 2))
    assert str(error) == "people.csv, row 2, column account_id: unknown account 'a'"
