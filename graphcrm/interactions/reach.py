"""Who-knows-whom with effective strengths (DESIGN.md "Interactions": everything
downstream uses the effective strength as of the read date; "Account portfolio":
who-knows-whom).

Each (staff, person) pair of the accounts asked for, as of a day: derived from the
pair's interactions in the lookback window, else the recorded contact; an interaction of
a pair with no contact record creates the coverage. People who left on or before the
day are out, like everywhere else.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Protocol

from graphcrm.interactions.effective import effective_contacts_under
from graphcrm.interactions.strength import STRENGTH_DEFAULTS, StrengthParameters
from graphcrm.model import Dataset

__all__ = ["ReachReader", "effective_reach"]


class ReachReader(Protocol):
    """A store's one-read-per-table load of people, contacts and interactions."""

    def reach_data(self, account_ids: Collection[str], *, as_of: date | None = None) -> Dataset: ...


def effective_reach(
    store: ReachReader,
    account_ids: Collection[str],
    *,
    as_of: date | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> list[tuple[str, str, str, float]]:
    """(staff id, person id, account id, effective strength) of every covered pair in
    ``account_ids`` as of ``as_of`` (None: as it stands, judged today), sorted."""
    if not account_ids:
        return []
    day = as_of or date.today()
    data = store.reach_data(account_ids, as_of=as_of)
    home = {
        p.id: p.account_id for p in data.people if p.left_on is None or p.left_on > day
    }  # a person who left is out of the analyses from that day
    found = effective_contacts_under(
        data.contacts,
        data.interactions,
        day,
        strength,
    )
    return sorted(
        (staff_id, person_id, home[person_id], contact.strength)
        for (staff_id, person_id), contact in found.items()
        if person_id in home
    )
