"""Large tables take the fast path (defaults filled in, rows put in key order for the store).

Errors must still point at the row as it is in the file, whatever order the
rows were validated and written in.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.io import import_path, load_path
from graphcrm.io.validation import _SORT_MIN
from graphcrm.stores.sqlite import SQLiteStore
from tests.io.helpers import digest, places, write_csvs

PEOPLE = 3_000
TIES = _SORT_MIN + 2_000


def big_folder(folder: Path, ties: list[str]) -> Path:
    people = "".join(f"p{i:05d},acme,Person {i}\n" for i in range(PEOPLE))
    return write_csvs(
        folder,
        accounts="id,name\nacme,Acme\n",
        people="id,account_id,name\n" + people,
        ties="type,source_id,target_id,strength,since\n" + "".join(ties),
    )


def shuffled_ties(seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < TIES:
        s, t = rng.randrange(PEOPLE), rng.randrange(PEOPLE)
        if s != t:
            pairs.add((s, t))
    rows = [
        f"knows,p{s:05d},p{t:05d},{rng.choice(['0.5', '', '1'])},{rng.choice(['', '2025-01-02'])}\n"
        for s, t in pairs
    ]
    rng.shuffle(rows)
    return rows


def test_a_large_import_reads_every_row_with_defaults(store: SQLiteStore, tmp_path: Path) -> None:
    ties = shuffled_ties()
    result = import_path(store, big_folder(tmp_path / "in", ties))
    assert result.rows["ties"] == TIES
    stored = {(t.source_id, t.target_id): t for t in store.account_data("acme").ties}
    for line in ties[:200]:
        _, s, t, strength, since = line.strip().split(",")
        tie = stored[(s, t)]
        assert tie.strength == float(strength or 1)
        assert (tie.since.isoformat() if tie.since else "") == since


def test_rows_are_located_in_file_order_after_sorting(tmp_path: Path) -> None:
    ties = shuffled_ties()
    validated = load_path(big_folder(tmp_path / "in", ties))
    assert validated.places["ties"].rows != list(range(2, TIES + 2))  # it was reordered
    for index in (0, 1, TIES // 2, TIES - 1):
        tie = validated.dataset.ties[index]
        source, row = validated.locate("ties", index)
        assert source == "ties.csv"
        assert ties[row - 2].startswith(f"knows,{tie.source_id},{tie.target_id},")


def test_errors_in_a_large_file_point_at_the_right_rows(store: SQLiteStore, tmp_path: Path) -> None:
    ties = shuffled_ties()
    first_dup = ties[100]
    ties[5000] = first_dup  # a duplicate key, later in the file
    ties[7000] = "knows,p00001,ghost,0.5,\n"
    ties[9000] = "knows,p00001,p00002,7,\n"
    folder = big_folder(tmp_path / "in", ties)

    # Row-level errors first: only the bad strength (rows are numbered from 2).
    with pytest.raises(ValidationFailed) as failed:
        import_path(store, folder)
    assert places(failed.value.errors) == [("ties", 9002, "strength")]

    ties[9000] = "influences,p00001,p00002,0.7,\n"  # fixed; the only influences tie
    folder = big_folder(tmp_path / "in", ties)
    before = digest(store.path)
    with pytest.raises(ValidationFailed) as failed:
        import_path(store, folder)
    assert sorted(places(failed.value.errors)) == [
        ("ties", 5002, None),  # a duplicate key is the whole row's problem
        ("ties", 7002, "target_id"),
    ]
    by_row = {e.row: e.message for e in failed.value.errors}
    assert by_row[7002] == "unknown person 'ghost'"
    assert by_row[5002].endswith("(first at row 102)")
    assert digest(store.path) == before
