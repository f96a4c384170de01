"""A bundle of records in the import format's tables, and which account each belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields

from graphcrm.model.interaction import Interaction
from graphcrm.model.portfolio_records import AccountValue, Order
from graphcrm.model.records import (
    Account,
    Action,
    Attitude,
    Competitor,
    Contact,
    DecisionRoleAssignment,
    Opportunity,
    Person,
    Plan,
    Record,
    Staff,
    Tie,
)
from graphcrm.model.role_slots import RoleSlot

__all__ = ["GLOBAL_TABLES", "TABLES", "Dataset", "record_account"]

# Table name -> record model, in the order a write must apply them (referenced first).
TABLES: dict[str, type[Record]] = {
    "accounts": Account,
    "staff": Staff,
    "competitors": Competitor,
    "people": Person,
    "opportunities": Opportunity,
    "ties": Tie,
    "contacts": Contact,
    "attitudes": Attitude,
    "decision_roles": DecisionRoleAssignment,
    "plans": Plan,
    "actions": Action,
    "interactions": Interaction,
    "account_values": AccountValue,
    "orders": Order,
    "role_slots": RoleSlot,  # after opportunities and people, which slots name
}

# Tables shared by every account (our staff, the competitors); the rest belong to one account.
GLOBAL_TABLES = frozenset({"staff", "competitors"})


@dataclass
class Dataset:
    """Records of any number of accounts, one list per table of the import format."""

    accounts: list[Account] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    competitors: list[Competitor] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    attitudes: list[Attitude] = field(default_factory=list)
    decision_roles: list[DecisionRoleAssignment] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    account_values: list[AccountValue] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    role_slots: list[RoleSlot] = field(default_factory=list)

    def tables(self) -> Iterator[tuple[str, list[Record]]]:
        """(table name, records) in write order."""
        for name in TABLES:
            yield name, getattr(self, name)

    def table(self, name: str) -> list[Record]:
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}")
        return getattr(self, name)  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return sum(len(records) for _, records in self.tables())

    def counts(self) -> dict[str, int]:
        return {name: len(records) for name, records in self.tables()}

    def sorted(self) -> Dataset:
        """A copy with every table sorted by key: two equal accounts compare equal."""
        return Dataset(
            **{f.name: sorted(getattr(self, f.name), key=lambda r: r.key) for f in fields(self)}
        )


def record_account(
    table: str,
    record: Record,
    person_account: dict[str, str],
    opportunity_account: dict[str, str],
) -> str | None:
    """The account a record belongs to (None for staff and competitors)."""
    if table in GLOBAL_TABLES:
        return None
    if table == "accounts":
        return record.id  # type: ignore[attr-defined,no-any-return]
    if table in ("people", "opportunities", "account_values", "orders"):
        return record.account_id  # type: ignore[attr-defined,no-any-return]
    if table == "interactions":  # the account of its customer people (all in one account)
        return person_account.get(record.person_ids[0])  # type: ignore[attr-defined]
    if table in ("decision_roles", "role_slots"):
        return opportunity_account.get(record.opportunity_id)  # type: ignore[attr-defined]
    pid = record.source_id if table == "ties" else record.person_id  # type: ignore[attr-defined]
    return person_account.get(pid)
