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
from datetime import date, timedelta
from typing import Protocol

from graphcrm.interactions.bulk import store_pair_strengths
from graphcrm.interactions.effective import effective_contacts_under
from graphcrm.interactions.strength import STRENGTH_DEFAULTS, StrengthParameters
from graphcrm.model import Dataset
from graphcrm.stores.base import GraphStore

__all__ = ["ReachReader", "covered_pairs", "effective_reach"]


class ReachReader(Protocol):
    """A store's filtered read of contacts, interactions and the people they name
    (``CrossAccountReads.reach_data``)."""

    def reach_data(
        self,
        account_ids: Collection[str],
        *,
        as_of: date | None = None,
        staff_ids: Collection[str] | None = None,
        person_ids: Collection[str] | None = None,
        since: date | None = None,
    ) -> Dataset: ...


def effective_reach(
    store: ReachReader,
    account_ids: Collection[str],
    *,
    as_of: date | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
    staff_ids: Collection[str] | None = None,
    person_ids: Collection[str] | None = None,
) -> list[tuple[str, str, str, float]]:
    """(staff id, person id, account id, effective strength) of every covered pair in
    ``account_ids`` as of ``as_of`` (None: as it stands, judged today), sorted; only the
    pairs of ``staff_ids`` and with ``person_ids`` when given.

    The store reads only what those pairs need: their contacts and the interactions
    naming them within the lookback window (a pair's strength depends on nothing else;
    an older interaction counts nothing: DESIGN.md "Interactions"), and the people they
    name, not every person of every account."""
    if not account_ids:
        return []
    day = as_of or date.today()
    data = store.reach_data(
        account_ids,
        as_of=as_of,
        staff_ids=staff_ids,
        person_ids=person_ids,
        since=day - timedelta(days=strength.lookback_days),
    )
    home = {
        p.id: p.account_id for p in data.people if p.left_on is None or p.left_on > day
    }  # a person who left is out of the analyses from that day
    found = effective_contacts_under(data.contacts, data.interactions, day, strength)
    return sorted(
        (staff_id, person_id, home[person_id], contact.strength)
        for (staff_id, person_id), contact in found.items()
        if person_id in home
        and (staff_ids is None or staff_id in staff_ids)
        and (person_ids is None or person_id in person_ids)
    )


def covered_pairs(
    store: GraphStore,
    account_ids: Collection[str],
    *,
    as_of: date | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> list[tuple[str, str, str]]:
    """(staff id, person id, account id) of the pairs :func:`effective_reach` lists, sorted,
    without their strengths (the busiest staff need only whether a pair is covered).

    A pair is covered when its interactions in the lookback window score above 0, or,
    with none counted, when it has a contact (DESIGN.md "Interactions"). So the
    contacts come from one join with their people's accounts (no record per row) and
    the interactions from the all-pairs column path (``store_pair_strengths``), which
    decides only which pairs score; the people of interaction-only pairs are read by id.
    """
    if not account_ids:
        return []
    day = as_of or date.today()
    scored = store_pair_strengths(store, account_ids, day, strength, versions_as_of=as_of)
    pairs = zip(scored["staff_id"], scored["person_id"], strict=True)
    score = dict(zip(pairs, scored["score"], strict=True))
    found: set[tuple[str, str, str]] = set()
    contacted: set[tuple[str, str]] = set()
    for staff_id, person_id, account_id, left_on in store.contact_homes(account_ids, as_of=as_of):
        contacted.add((staff_id, person_id))
        if (left_on is None or left_on > day) and score.get((staff_id, person_id), 1.0) > 0:
            found.add((staff_id, person_id, account_id))
    derived = [pair for pair, s in score.items() if s > 0 and pair not in contacted]
    if derived:
        people = store.reach_data(account_ids, as_of=as_of, person_ids={p for _, p in derived})
        home = {p.id: p.account_id for p in people.people if p.left_on is None or p.left_on > day}
        found |= {(s, p, home[p]) for s, p in derived if p in home}
    return sorted(found)
