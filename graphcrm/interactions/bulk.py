"""Derived strengths of every (staff, person) pair at once, vectorised with pandas/numpy:
the same formula as :mod:`graphcrm.interactions.strength` (DESIGN.md "Interactions"),
for many interactions (a portfolio, a benchmark) where a Python loop is too slow.

>>> from datetime import date
>>> from graphcrm.model import Interaction
>>> one = Interaction(id="m", date="2026-11-30", type="meeting", staff_ids="s", person_ids="p")
>>> round(float(pair_strengths([one], date(2026, 11, 30))["strength"].iloc[0]), 5)
0.52763
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import numpy as np
import pandas as pd

from graphcrm.interactions.strength import HALF_LIFE_DAYS, LOOKBACK_DAYS, TYPE_WEIGHTS
from graphcrm.model import Direction, Interaction, InteractionType

__all__ = ["interaction_frame", "pair_strengths"]

_WRITTEN = {InteractionType.EMAIL.value, InteractionType.MESSAGE.value}


def interaction_frame(interactions: Iterable[Interaction]) -> pd.DataFrame:
    """One row per interaction: date, type, outbound, staff_ids, person_ids (tuples)."""
    rows = [
        (i.date, i.type.value, i.direction == Direction.OUTBOUND, i.staff_ids, i.person_ids)
        for i in interactions
    ]
    return pd.DataFrame(rows, columns=["date", "type", "outbound", "staff_ids", "person_ids"])


def pair_strengths(
    interactions: Iterable[Interaction] | pd.DataFrame,
    as_of: date,
    *,
    weights: Mapping[InteractionType, float] = TYPE_WEIGHTS,
    half_life_days: float = HALF_LIFE_DAYS,
    lookback_days: int = LOOKBACK_DAYS,
) -> pd.DataFrame:
    """staff_id, person_id, score, strength, count, last_contact of every pair with an
    interaction in the window ending on ``as_of`` (frame columns as ``interaction_frame``)."""
    frame = interactions if isinstance(interactions, pd.DataFrame) else None
    if frame is None:
        frame = interaction_frame(interactions)  # type: ignore[arg-type]
    day = np.fromiter((d.toordinal() for d in frame["date"]), dtype=np.int64, count=len(frame))
    age = as_of.toordinal() - day
    keep = (age >= 0) & (age <= lookback_days)
    frame, age, day = frame.loc[keep], age[keep], day[keep]
    weight = frame["type"].map({str(k): v for k, v in weights.items()}).to_numpy(dtype=float)
    halved = frame["outbound"].to_numpy(dtype=bool) & frame["type"].isin(_WRITTEN).to_numpy()
    people = frame["person_ids"].map(len).to_numpy(dtype=np.int64)
    term = weight * np.where(halved, 0.5, 1.0) * 0.5 ** (age / half_life_days) / np.sqrt(people)
    staff_row, staff_code, staff_names = _flatten(frame["staff_ids"])
    _, person_code, person_names = _flatten(frame["person_ids"])
    # Every (staff entry, person of the same interaction) pair, without a Python loop: each
    # staff entry of row r repeats once per person of r, walking r's slice of the people.
    starts = np.concatenate(([0], np.cumsum(people)[:-1]))
    repeats = people[staff_row]
    entry = np.repeat(np.arange(len(staff_row)), repeats)
    offset = np.arange(len(entry)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    row = staff_row[entry]
    pairs = pd.DataFrame(
        {
            "staff": staff_code[entry],
            "person": person_code[starts[row] + offset],
            "term": term[row],
            "day": day[row],
        }
    )
    out = pairs.groupby(["staff", "person"], sort=True).agg(
        score=("term", "sum"), count=("term", "size"), last=("day", "max")
    )
    staff_idx = out.index.get_level_values(0).to_numpy()
    person_idx = out.index.get_level_values(1).to_numpy()
    score = out["score"].to_numpy()
    return pd.DataFrame(
        {
            "staff_id": staff_names[staff_idx],
            "person_id": person_names[person_idx],
            "score": score,
            "strength": 1.0 - np.exp(-score / 2.0),
            "count": out["count"].to_numpy(),
            "last_contact": [date.fromordinal(int(d)) for d in out["last"].to_numpy()],
        }
    )


def _flatten(lists: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row of each item, code of each item, the names the codes index) of a column of
    tuples of ids."""
    sizes = lists.map(len).to_numpy(dtype=np.int64)
    rows = np.repeat(np.arange(len(lists)), sizes)
    codes, names = pd.factorize(pd.Series([x for t in lists for x in t], dtype=object))
    return rows, np.asarray(codes), np.asarray(names, dtype=object)
