"""Account groups (集团客户) and their roll-ups (DESIGN.md "Account portfolio").

An account may name a ``parent_id``: the group headquarters above it, any depth, no
cycles (checked on writing, ``graphcrm.model.portfolio_integrity``). A group's roll-up
covers the account and every account below it: orders (count and amount) are sums;
value and health are means weighted by each account's order amount, falling back to
plain means when the accounts that have the figure have no order amount between them.
An account whose parent is not among those given (not visible to the caller) is a root.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from graphcrm.model.records import Account

__all__ = ["GroupNode", "GroupRollup", "group_forest", "rollup", "weighted_mean"]


@dataclass
class GroupNode:
    """One account in the group tree, with the accounts directly below it."""

    account_id: str
    children: list[GroupNode] = field(default_factory=list)

    def members(self) -> list[str]:
        """This account and every account below it, depth first."""
        found = [self.account_id]
        for child in self.children:
            found += child.members()
        return found

    def to_dict(self) -> dict[str, object]:
        return {"account_id": self.account_id, "children": [c.to_dict() for c in self.children]}


@dataclass(frozen=True)
class GroupRollup:
    """The figures of a group: the account and everything below it."""

    account_id: str
    members: tuple[str, ...]
    order_count: int
    order_amount: float
    value_score: float | None
    health: float | None


def group_forest(accounts: Sequence[Account]) -> list[GroupNode]:
    """The accounts as trees of groups, roots and children sorted by id."""
    nodes = {a.id: GroupNode(a.id) for a in accounts}
    roots = []
    for a in sorted(accounts, key=lambda a: a.id):
        if a.parent_id is not None and a.parent_id in nodes:
            nodes[a.parent_id].children.append(nodes[a.id])
        else:
            roots.append(nodes[a.id])
    return roots


def weighted_mean(values: Mapping[str, float | None], weights: Mapping[str, float]) -> float | None:
    """The mean of the present values weighted by ``weights`` (missing: 0); the plain mean
    when those weights sum to 0; None when no value is present.

    >>> weighted_mean({"a": 4.0, "b": 2.0, "c": None}, {"a": 300.0, "b": 100.0, "c": 600.0})
    3.5
    >>> weighted_mean({"a": 4.0, "b": 2.0}, {})
    3.0
    """
    present = {k: v for k, v in values.items() if v is not None}
    if not present:
        return None
    total = sum(weights.get(k, 0.0) for k in present)
    if total > 0:
        return sum(weights.get(k, 0.0) * v for k, v in present.items()) / total
    return sum(present.values()) / len(present)


def rollup(
    node: GroupNode,
    order_count: Mapping[str, int],
    order_amount: Mapping[str, float],
    value_score: Mapping[str, float | None],
    health: Mapping[str, float | None],
) -> GroupRollup:
    """The roll-up of ``node``'s group (see the module's rule)."""
    members = node.members()
    return GroupRollup(
        node.account_id,
        tuple(members),
        sum(order_count.get(m, 0) for m in members),
        sum(order_amount.get(m, 0.0) for m in members),
        weighted_mean({m: value_score.get(m) for m in members}, order_amount),
        weighted_mean({m: health.get(m) for m in members}, order_amount),
    )
