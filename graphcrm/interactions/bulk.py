"""Derived strengths of every (staff, person) pair at once, vectorised with numpy: the
same formula as the per-pair reference :func:`graphcrm.interactions.strength.derived_strength`
(DESIGN.md "Interactions"), for many interactions (an account with years of mail, a
portfolio, the benchmark) where a Python loop over records is too slow.

The store hands over plain columns (``GraphStore.interaction_columns``: one query on
SQLite, no record objects); each interaction's term ``w * o * 0.5 ** (age / H) /
sqrt(n)`` is computed once, repeated for each of its (staff, person) pairs, and summed
per pair with ``bincount``.

>>> from datetime import date
>>> from graphcrm.model import Interaction
>>> one = Interaction(id="m", date="2026-11-30", type="meeting", staff_ids="s", person_ids="p")
>>> round(float(pair_strengths([one], date(2026, 11, 30))["strength"].iloc[0]), 5)
0.52763
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta

import numpy as np
import pandas as pd

from graphcrm.interactions.strength import STRENGTH_DEFAULTS, StrengthParameters
from graphcrm.model import Direction, Interaction, InteractionType
from graphcrm.stores.base import GraphStore
from graphcrm.stores.interaction_columns import InteractionColumns

__all__ = ["PAIR_COLUMNS", "column_pair_strengths", "pair_strengths", "store_pair_strengths"]

#: The columns of every answer here, one row per pair, sorted by staff id then person id.
PAIR_COLUMNS = ("staff_id", "person_id", "score", "strength", "count", "last_contact")
_WRITTEN = (InteractionType.EMAIL.value, InteractionType.MESSAGE.value)
# Above this many (staff x people) cells per pair-occurrence, sum by sorting instead of
# one dense cell per possible pair.
_DENSE_CELLS_PER_ROW = 8


def store_pair_strengths(
    store: GraphStore,
    account_ids: Collection[str],
    as_of: date,
    parameters: StrengthParameters = STRENGTH_DEFAULTS,
    *,
    versions_as_of: date | None = None,
) -> pd.DataFrame:
    """Every pair's derived strength as of ``as_of`` over the interactions of
    ``account_ids`` (current versions, or those valid ``versions_as_of``): one read of
    the lookback window, then :func:`column_pair_strengths`."""
    columns = store.interaction_columns(
        account_ids,
        since=as_of - timedelta(days=parameters.lookback_days),
        until=as_of,
        as_of=versions_as_of,
    )
    return column_pair_strengths(columns, as_of, parameters)


def pair_strengths(
    interactions: Iterable[Interaction],
    as_of: date,
    parameters: StrengthParameters = STRENGTH_DEFAULTS,
) -> pd.DataFrame:
    """:func:`column_pair_strengths` of interaction records."""
    return column_pair_strengths(InteractionColumns.of_records(interactions), as_of, parameters)


def column_pair_strengths(
    columns: InteractionColumns,
    as_of: date,
    parameters: StrengthParameters = STRENGTH_DEFAULTS,
) -> pd.DataFrame:
    """staff_id, person_id, score, strength, count, last_contact of every pair named by an
    interaction in the window ending on ``as_of`` (DESIGN.md: 0 <= age <= lookback)."""
    if not len(columns):
        return pd.DataFrame({c: [] for c in PAIR_COLUMNS})
    day = np.array(columns.days, dtype="datetime64[D]").astype(np.int64)
    age = np.datetime64(as_of, "D").astype(np.int64) - day
    staff_n = np.asarray(columns.staff_counts, dtype=np.int64)
    people_n = np.asarray(columns.person_counts, dtype=np.int64)
    term = _terms(columns, age, people_n, parameters)
    keep = (age >= 0) & (age <= parameters.lookback_days) & (staff_n > 0) & (people_n > 0)
    staff_code, staff_names = _codes(columns.staff_ids, np.repeat(keep, staff_n))
    person_code, person_names = _codes(columns.person_ids, np.repeat(keep, people_n))
    staff_n, people_n, term, day = staff_n[keep], people_n[keep], term[keep], day[keep]
    # Every (staff entry, person of the same interaction) pair: each staff entry of row r
    # repeats once per person of r, walking r's slice of the people.
    staff_row = np.repeat(np.arange(len(staff_n)), staff_n)
    starts = np.cumsum(people_n) - people_n
    repeats = people_n[staff_row]
    entry = np.repeat(np.arange(len(staff_row)), repeats)
    offset = np.arange(len(entry)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    row = staff_row[entry]
    cell = staff_code[entry] * len(person_names) + person_code[starts[row] + offset]
    cells, score, count, last = _sum_by_cell(
        cell, term[row], day[row], len(staff_names) * len(person_names)
    )
    epoch = date(1970, 1, 1).toordinal()
    return pd.DataFrame(
        {
            "staff_id": staff_names[cells // len(person_names)],
            "person_id": person_names[cells % len(person_names)],
            "score": score,
            "strength": 1.0 - np.exp(-score / 2.0),
            "count": count,
            "last_contact": [date.fromordinal(epoch + int(d)) for d in last],
        },
        columns=list(PAIR_COLUMNS),
    )


def _terms(
    columns: InteractionColumns,
    age: np.ndarray,
    people_n: np.ndarray,
    parameters: StrengthParameters,
) -> np.ndarray:
    """Each interaction's term ``w(type) * o * 0.5 ** (age / H) / sqrt(n)`` (in the
    reference's order of operations)."""
    type_code, type_names = pd.factorize(pd.Series(columns.types, dtype=object))
    weights = {str(k): v for k, v in parameters.weights}
    weight = np.array([weights[str(t)] for t in type_names], dtype=float)[type_code]
    outbound = pd.Series(columns.directions, dtype=object).to_numpy() == Direction.OUTBOUND.value
    written = np.isin(np.asarray(type_names, dtype=object), _WRITTEN)[type_code]
    answered = np.where(outbound & written, 0.5, 1.0)
    decay = np.power(0.5, age / parameters.half_life_days)
    with np.errstate(divide="ignore"):  # n = 0 names no pair: dropped by the caller
        term: np.ndarray = weight * answered * decay / np.sqrt(people_n)
    return term


def _codes(ids: list[str], keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(code of each kept id, the sorted names the codes index)."""
    kept = np.asarray(ids, dtype=object)[keep]
    codes, names = pd.factorize(kept, sort=True)
    return np.asarray(codes, dtype=np.int64), np.asarray(names, dtype=object)


def _sum_by_cell(
    cell: np.ndarray, term: np.ndarray, day: np.ndarray, cells: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(cells named, in order; sum of terms, count and latest day of each)."""
    if cells <= _DENSE_CELLS_PER_ROW * len(cell) + 1_000_000:
        count = np.bincount(cell, minlength=cells)
        named = np.flatnonzero(count)
        score = np.bincount(cell, weights=term, minlength=cells)[named]
        last = np.full(cells, np.iinfo(np.int64).min)
        np.maximum.at(last, cell, day)
        return named, score, count[named], last[named]
    order = np.argsort(cell, kind="stable")
    ordered = cell[order]
    first = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    score = np.add.reduceat(term[order], first)
    last = np.maximum.reduceat(day[order], first)
    count = np.diff(np.append(first, len(ordered)))
    return ordered[first], score, count, last
