"""Who an outside person is, as both outside lists show them (DESIGN.md "Account
portfolio", "Cross-account people"): the account's outside influencers
(``graphcrm.portfolio.outside``) and the portfolio's outside people
(``graphcrm.portfolio.outside_people``) each add what they know of the person to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["OutsideParty"]


@dataclass(frozen=True)
class OutsideParty:
    """An outside party's person: who they are, their party, and our coverage of them
    (``noisy_or`` of our staff's effective contact strengths)."""

    person_id: str
    name: str
    title: str | None
    account_id: str
    account_name: str
    kind: str
    coverage: float

    def party_dict(self) -> dict[str, Any]:
        """The shared fields in the JSON both lists answer with (coverage apart: each list
        places it in its own order)."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "title": self.title,
            "account_id": self.account_id,
            "account_name": self.account_name,
            "kind": self.kind,
        }
