"""Who-knows-whom across accounts (DESIGN.md "Account portfolio", "Cross-account people").

- ``staff_reach``: for one of our staff, the accounts and people they are in contact with
  as of the read date, with the effective strength (derived from interactions, else
  recorded: DESIGN.md "Interactions"; one store read per table over the visible accounts).
- ``person_reach``: for any person, our closest staff anywhere: a direct contact, or a
  warm path of two steps, our staff member's contact with someone tied to the person
  (in the person's account or an outside party's), its strength the product of the two.
  Each staff member is listed once, by their strongest way in.
- ``busiest_staff``: which staff have contacts in the most accounts.

Every one reads the effective strengths of :func:`graphcrm.interactions.reach.effective_reach`
as of ``as_of`` with the team's strength parameters (``strength``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from graphcrm.errors import NotFoundError
from graphcrm.interactions.reach import covered_pairs, effective_reach
from graphcrm.interactions.strength import STRENGTH_DEFAULTS, StrengthParameters
from graphcrm.model import AccountKind, Tie
from graphcrm.stores.base import GraphStore

__all__ = ["StaffWay", "busiest_staff", "person_reach", "staff_reach"]


def staff_reach(
    store: GraphStore,
    staff_id: str,
    account_ids: Collection[str],
    *,
    as_of: date | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> dict[str, Any]:
    """The accounts and people ``staff_id`` covers among ``account_ids`` as of ``as_of``."""
    accounts: dict[str, list[dict[str, Any]]] = {}
    for _, person_id, account_id, found in effective_reach(
        store, account_ids, as_of=as_of, strength=strength, staff_ids={staff_id}
    ):
        accounts.setdefault(account_id, []).append({"person_id": person_id, "strength": found})
    return {
        "staff_id": staff_id,
        "accounts": [{"account_id": a, "people": accounts[a]} for a in sorted(accounts)],
        "account_count": len(accounts),
        "people_count": sum(len(p) for p in accounts.values()),
    }


def busiest_staff(
    store: GraphStore,
    account_ids: Collection[str],
    *,
    as_of: date | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> list[dict[str, Any]]:
    """Staff by the number of accounts they have contacts in (then people, then id)."""
    accounts: dict[str, set[str]] = {}
    people: dict[str, set[str]] = {}
    for s, p, a in covered_pairs(store, account_ids, as_of=as_of, strength=strength):
        accounts.setdefault(s, set()).add(a)
        people.setdefault(s, set()).add(p)
    counts = sorted(
        ((s, len(a), len(people[s])) for s, a in accounts.items()),
        key=lambda r: (-r[1], -r[2], r[0]),
    )
    return [{"staff_id": s, "accounts": a, "people": p} for s, a, p in counts]


@dataclass(frozen=True)
class StaffWay:
    """One staff member's best way to a person: direct (``via`` None) or through ``via``."""

    staff_id: str
    strength: float
    via: str | None
    via_account_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "staff_id": self.staff_id,
            "strength": self.strength,
            "via": self.via,
            "via_account_id": self.via_account_id,
        }


def person_reach(
    store: GraphStore,
    person_id: str,
    account_ids: Collection[str],
    *,
    as_of: date | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> list[StaffWay]:
    """Our staff closest to ``person_id`` (strongest first), over the effective contacts in
    the visible ``account_ids`` as of ``as_of``. NotFoundError unless the person is in
    one of them."""
    home = store.accounts_of_people([person_id]).get(person_id)
    if home is None or home not in account_ids:
        raise NotFoundError(f"no person {person_id!r}")
    tie_strength: dict[str, float] = {}
    for tie in _ties_of(store, home, person_id):
        other = tie.target_id if tie.source_id == person_id else tie.source_id
        tie_strength[other] = max(tie_strength.get(other, 0.0), tie.strength)
    where = store.accounts_of_people([person_id, *tie_strength])
    visible = {a for a in where.values() if a in account_ids}
    best: dict[str, StaffWay] = {}
    for staff_id, pid, account_id, found in effective_reach(
        store, visible, as_of=as_of, strength=strength, person_ids={person_id, *tie_strength}
    ):
        if pid == person_id:
            way = StaffWay(staff_id, found, None, None)
        elif pid in tie_strength:
            way = StaffWay(staff_id, found * tie_strength[pid], pid, account_id)
        else:
            continue
        if staff_id not in best or way.strength > best[staff_id].strength:
            best[staff_id] = way
    return sorted(best.values(), key=lambda w: (-w.strength, w.staff_id))


def _ties_of(store: GraphStore, home: str, person_id: str) -> list[Tie]:
    """The current ties of ``person_id``. A customer's person has them all in their own
    account (ties from outside parties are kept with the customer): one read. An outside
    party's person may have ties kept in any customer account: their history has them."""
    (account,) = store.portfolio_data([home]).accounts
    if (account.kind or AccountKind.CUSTOMER) == AccountKind.CUSTOMER:
        return [t for t in store.account_ties([home]) if person_id in (t.source_id, t.target_id)]
    versions = store.person_history(home, person_id)["ties"]
    return [v.record for v in versions if v.valid_to is None and isinstance(v.record, Tie)]
