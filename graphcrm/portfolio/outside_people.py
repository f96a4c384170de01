"""The portfolio's outside people (DESIGN.md "Account portfolio", "Cross-account people").

A person of an outside party (partner, consultant, design institute, government, a
group's headquarters) may know or influence people in several customer accounts: the
design-institute engineer who sways three of our accounts. The portfolio lists each
such person once with the customer accounts they reach (by ties kept in those
accounts), most accounts first, so a sales director sees who is worth a relationship
across the book rather than account by account.

Only accounts the caller's team sees count, on both ends: a tie into an account of
another team is not counted, and a person of a party the team does not see is not
listed (their name lives in that party's account).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graphcrm.analysis.coverage import noisy_or
from graphcrm.interactions import STRENGTH_DEFAULTS, StrengthParameters, effective_contacts_under
from graphcrm.model import AccountKind
from graphcrm.portfolio.outside_person import OutsideParty
from graphcrm.stores.base import GraphStore

__all__ = ["OutsidePerson", "outside_people"]


@dataclass(frozen=True)
class OutsidePerson(OutsideParty):
    """An outside party's person and the customer accounts their ties reach."""

    reaches: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.party_dict(),
            "coverage": self.coverage,
            "account_count": len(self.reaches),
            "reaches": [dict(r) for r in self.reaches],
        }


def outside_people(
    store: GraphStore,
    account_ids: Collection[str],
    *,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> list[OutsidePerson]:
    """The current outside people with ties into the customer accounts among ``account_ids``: most
    customer accounts reached first, then most ties, then person id. ``coverage`` is the
    ``noisy_or`` of our staff's effective contact strengths with the person today (derived
    from the interactions under ``strength``, else recorded: DESIGN.md "Interactions"),
    as in the account's outside influencers. Two store reads for the ties and their
    ends' accounts, then one read per outside party that has such people (few)."""
    portfolio = store.portfolio_data(account_ids)
    kinds = {a.id: (a.kind or AccountKind.CUSTOMER) for a in portfolio.accounts}
    names = {a.id: a.name for a in portfolio.accounts}
    customers = {a for a, k in kinds.items() if k == AccountKind.CUSTOMER}
    ties = store.account_ties(customers) if customers else []
    ends = {end for t in ties for end in (t.source_id, t.target_id)}
    home = store.accounts_of_people(ends)
    reach: dict[str, dict[str, int]] = {}  # outside person -> customer account -> ties
    for tie in ties:
        a, b = home.get(tie.source_id), home.get(tie.target_id)
        if a is None or b is None or (a in customers) == (b in customers):
            continue
        outsider, customer = (tie.source_id, b) if b in customers else (tie.target_id, a)
        if home[outsider] in kinds:  # a party the team sees
            counts = reach.setdefault(outsider, {})
            counts[customer] = counts.get(customer, 0) + 1
    found = []
    for party in sorted({home[p] for p in reach}):
        data = store.account_data(party)
        effective = effective_contacts_under(
            data.contacts,
            data.interactions,
            date.today(),
            strength,
        )
        for person in data.people:
            if person.id not in reach:
                continue
            strengths = [c.strength for c in effective.values() if c.person_id == person.id]
            found.append(
                OutsidePerson(
                    person_id=person.id,
                    name=person.name,
                    title=person.title,
                    account_id=party,
                    account_name=names[party],
                    kind=kinds[party].value,
                    coverage=noisy_or(strengths),
                    reaches=[
                        {"account_id": acct, "account_name": names[acct], "ties": n}
                        for acct, n in sorted(reach[person.id].items())
                    ],
                )
            )
    return sorted(
        found, key=lambda o: (-len(o.reaches), -sum(r["ties"] for r in o.reaches), o.person_id)
    )
