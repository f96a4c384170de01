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
from graphcrm.stores.base import GraphStore

__all__ = ["OutsideInfluencer", "outside_influencers"]


@dataclass(frozen=True)
class OutsideInfluencer:
    """An outside person with ties into the account."""

    person_id: str
    name: str
    title: str | None
    account_id: str
    account_name: str
    kind: str
    level: int | None
    coverage: float
    contacts: list[dict[str, Any]] = field(default_factory=list)
    ties: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "title": self.title,
            "account_id": self.account_id,
            "account_name": self.account_name,
            "kind": self.kind,
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
    """The outside people tied into ``account_id`` (as of ``as_of``), by account and id."""
    data = store.account_data(account_id, as_of=as_of)
    own = {p.id for p in data.people}
    crossing = [t for t in data.ties if (t.source_id in own) != (t.target_id in own)]
    outside = {t.target_id if t.source_id in own else t.source_id for t in crossing}
    accounts = store.accounts_of_people(outside)
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
