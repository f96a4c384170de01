"""Cross-row checks of the portfolio's records (DESIGN.md "Account portfolio").

- Value assessments and orders name an account that exists.
- An account's ``parent_id`` names an account that exists, and the parents form no
  cycle (a group is a tree, any depth): the error names the incoming row that closes
  the cycle and the whole loop.
- A ``knows`` or ``influences`` tie may join two accounts only when exactly one of them
  is a customer (the other an outside party or a group's headquarters); a tie between
  two customer accounts, or of any other type across accounts, is refused, naming both.
  Such a tie is kept in the customer's account (``tie_scope``).
"""

from __future__ import annotations

from collections.abc import Callable

from graphcrm.model.dataset import Dataset
from graphcrm.model.records import Account, Tie
from graphcrm.model.vocab import AccountKind, TieType

__all__ = [
    "CROSS_ACCOUNT_TIES",
    "account_kinds",
    "check_portfolio",
    "cross_account_tie_problem",
    "parent_cycles",
    "tie_scope",
]

Err = Callable[[str, int, str | None, str], None]

#: The tie types that may join a person of an outside party to one of a customer.
CROSS_ACCOUNT_TIES = frozenset({TieType.KNOWS, TieType.INFLUENCES})


def check_portfolio(incoming: Dataset, existing: Dataset, accounts: set[str], err: Err) -> None:
    """Report through ``err`` every portfolio problem of ``incoming`` read on ``existing``."""
    for table in ("account_values", "orders"):
        for i, rec in enumerate(incoming.table(table)):
            account_id = rec.account_id  # type: ignore[attr-defined]
            if account_id not in accounts:
                err(table, i, "account_id", f"unknown account {account_id!r}")
    for i, acct in enumerate(incoming.accounts):
        if acct.parent_id is not None and acct.parent_id not in accounts:
            err("accounts", i, "parent_id", f"unknown parent account {acct.parent_id!r}")
    for index, loop in parent_cycles(incoming.accounts, existing.accounts):
        err("accounts", index, "parent_id", f"parent cycle: {' -> '.join(loop)}")


def parent_cycles(incoming: list[Account], existing: list[Account]) -> list[tuple[int, list[str]]]:
    """(index of an incoming account on the cycle, the cycle from it back to it), one per
    cycle that the incoming parents close (incoming rows override stored ones)."""
    parent = {a.id: a.parent_id for a in existing}
    parent.update({a.id: a.parent_id for a in incoming})
    index = {a.id: i for i, a in enumerate(incoming)}
    found: list[tuple[int, list[str]]] = []
    seen: set[str] = set()
    for start in index:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in seen and node not in path:
            path.append(node)
            node = parent.get(node)
        if node is not None and node in path:
            loop = path[path.index(node) :]
            first = min(loop, key=lambda a: index.get(a, len(index)))
            at = loop.index(first)
            ordered = loop[at:] + loop[:at]
            found.append((index[first], [*ordered, first]))
        seen.update(path)
    return found


def account_kinds(*groups: list[Account]) -> dict[str, str]:
    """Account id -> kind code (later groups override earlier ones; empty: customer)."""
    return {a.id: (a.kind or AccountKind.CUSTOMER).value for accounts in groups for a in accounts}


def cross_account_tie_problem(
    tie: Tie, source: str, target: str, kinds: dict[str, str]
) -> str | None:
    """Why ``tie`` between accounts ``source`` and ``target`` is refused, or None.

    Allowed: a knows or influences tie with exactly one end in a customer account (the
    other in an outside party's or a group headquarters'). ``kinds`` maps account ids to
    their kind (absent: customer).
    """
    if source == target:
        return None
    customer = AccountKind.CUSTOMER.value
    customers = [kinds.get(a, customer) == customer for a in (source, target)]
    where = (
        f"{tie.source_id!r} and {tie.target_id!r} belong to different accounts "
        f"({source!r}, {target!r})"
    )
    if all(customers):
        return f"{where}: both are customer accounts; only a person of an outside party " + (
            "(partner, consultant, design institute, government, group headquarters) may "
            "tie into a customer account"
        )
    if not any(customers):
        return f"{where}: neither is a customer account"
    if tie.type not in CROSS_ACCOUNT_TIES:
        return f"{where}: only knows and influences ties may cross accounts"
    return None


def tie_scope(tie: Tie, person_account: dict[str, str], kinds: dict[str, str]) -> str | None:
    """The account a tie is kept in: its source's, except that a tie crossing accounts is
    kept in its customer end's account, whose analyses read it (outside influencers)."""
    source = person_account.get(tie.source_id)
    target = person_account.get(tie.target_id)
    customer = AccountKind.CUSTOMER.value
    if source != target and target is not None and kinds.get(source or "", customer) != customer:
        return target
    return source
