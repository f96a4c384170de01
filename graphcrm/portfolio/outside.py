"""Outside influencers of a customer account (DESIGN.md "Account portfolio",
"Cross-account people").

A person of an outside party (partner, consultant, design institute, government, a
group's headquarters) may know or influence people of customer accounts; those ties
are kept with the customer's account. The customer account's view lists those outside
people, not ranked (they are not the customer's people): each with their ties into the
account, their level toward us and our coverage of them (``noisy_or`` of our staff's
effective contact strengths as of the read date: DESIGN.md "Interactions").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graphcrm.analysis.coverage import noisy_or
from graphcrm.errors import NotFoundError
from graphcrm.interactions import STRENGTH_DEFAULTS, StrengthParameters, effective_contacts_under
from graphcrm.model import US, Dataset
from graphcrm.portfolio.outside_person import OutsideParty
from graphcrm.stores.base import GraphStore

__all__ = ["OutsideInfluencer", "outside_influencers"]


@dataclass(frozen=True)
class OutsideInfluencer(OutsideParty):
    """An outside person with ties into the account, and their level toward us."""

    level: int | None = None
    contacts: list[dict[str, Any]] = field(default_factory=list)
    ties: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.party_dict(),
            "level": self.level,
            "coverage": self.coverage,
            "contacts": list(self.contacts),
            "ties": list(self.ties),
        }


def _level(data: Dataset, person_id: str) -> int | None:
    ours = [a for a in data.attitudes if a.person_id == person_id and a.toward == US]
    return max(ours, key=lambda a: a.as_of or date.min).level if ours else None


def outside_influencers(
    store: GraphStore,
    account_id: str,
    *,
    as_of: date | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> list[OutsideInfluencer]:
    """The outside people tied into ``account_id`` (as of ``as_of``), by account and id.

    One read of the ties kept in the account as of the day and one of their ends'
    accounts find the crossing ties (not a load of the whole account); then one read
    per outside party that has such people (few). NotFoundError for an account
    unknown on the day."""
    if not store.portfolio_data([account_id], as_of=as_of).accounts:  # as account_data
        raise NotFoundError(f"no account {account_id!r}" + (f" as of {as_of}" if as_of else ""))
    kept = store.account_ties([account_id], as_of=as_of)
    # Every tie kept here has an end in the account; an end of another account is outside.
    accounts = {
        person: acct
        for person, acct in store.accounts_of_people(
            {end for t in kept for end in (t.source_id, t.target_id)}
        ).items()
        if acct != account_id
    }
    crossing = [t for t in kept if t.source_id in accounts or t.target_id in accounts]
    outside = set(accounts)
    found = []
    for acct in sorted(set(accounts.values())):
        try:
            theirs = store.account_data(acct, as_of=as_of)
        except NotFoundError:  # the party was created after as_of
            continue
        party = theirs.accounts[0]
        effective = effective_contacts_under(
            theirs.contacts,
            theirs.interactions,
            as_of or date.today(),
            strength,
        )
        for person in sorted(theirs.people, key=lambda p: p.id):
            if person.id not in outside:
                continue
            contacts = sorted(
                (c for c in effective.values() if c.person_id == person.id),
                key=lambda c: c.staff_id,
            )
            ties = [
                {
                    "type": t.type.value,
                    "direction": "out" if t.source_id == person.id else "in",
                    "person_id": t.target_id if t.source_id == person.id else t.source_id,
                    "strength": t.strength,
                }
                for t in sorted(crossing, key=lambda t: t.key)
                if person.id in (t.source_id, t.target_id)
            ]
            found.append(
                OutsideInfluencer(
                    person_id=person.id,
                    name=person.name,
                    title=person.title,
                    account_id=acct,
                    account_name=party.name,
                    kind=(party.kind.value if party.kind else "customer"),
                    level=_level(theirs, person.id),
                    coverage=noisy_or(c.strength for c in contacts),
                    contacts=[{"staff_id": c.staff_id, "strength": c.strength} for c in contacts],
                    ties=ties,
                )
            )
    return found
