"""The portfolio read from a store (DESIGN.md "Account portfolio"): the table of
``graphcrm.portfolio.table`` plus, per account, its relationship health now and a quarter
ago, its heaviest gap and its best next target, and the group tree with its roll-ups.

The caller names the accounts it may see (a team's accounts; None: all of them, for the
CLI on a local store): tiers, RFM and the quadrant medians are computed over those only.
Each account's analyses run on its graph as of the date with the tier in force (computed
or recorded) and the cadence of that tier, so ``stale`` judges against the tier the
portfolio gives it. Value weights, tier shares, cadence and every parameter of the
health analyses (and of derived strength) are the team's method settings in force
(DESIGN.md "Method settings"; the defaults without any).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from graphcrm.analysis.coverage import coverage
from graphcrm.analysis.targets import next_targets
from graphcrm.errors import NotFoundError
from graphcrm.graph import load_account_graph
from graphcrm.method.apply import (
    coverage_options,
    portfolio_options,
    strength_parameters,
    target_options,
)
from graphcrm.method.runs import importance_with, key_people_with
from graphcrm.method.settings import METHOD_DEFAULTS, MethodSettings
from graphcrm.portfolio.groups import GroupNode, GroupRollup, group_forest, rollup
from graphcrm.portfolio.table import TIERED_KINDS, PortfolioRow, portfolio_table
from graphcrm.stores.base import GraphStore

__all__ = [
    "QUARTER_DAYS",
    "AccountState",
    "Portfolio",
    "account_state",
    "read_portfolio",
    "state_or_empty",
]

#: "A quarter ago": the health the portfolio compares with is read this many days back.
QUARTER_DAYS = 91


@dataclass(frozen=True)
class AccountState:
    """What an account's own analyses say, for its portfolio row."""

    health: float | None = None
    health_quarter_ago: float | None = None
    heaviest_gap: dict[str, Any] | None = None
    next_target: dict[str, Any] | None = None
    gap_codes: tuple[str, ...] = ()  # every gap's code, heaviest first


@dataclass
class Portfolio:
    """The portfolio as of a date: rows, each account's state, the group tree, roll-ups."""

    as_of: date
    rows: list[PortfolioRow]
    states: dict[str, AccountState] = field(default_factory=dict)
    groups: list[GroupNode] = field(default_factory=list)
    rollups: dict[str, GroupRollup] = field(default_factory=dict)

    def to_list(self) -> list[dict[str, Any]]:
        """One JSON-ready dict per account (the CLI's and the API's list)."""
        found = []
        for row in self.rows:
            state = self.states.get(row.account_id, AccountState())
            found.append(
                {
                    **row.to_dict(),
                    "health": state.health,
                    "health_quarter_ago": state.health_quarter_ago,
                    "heaviest_gap": state.heaviest_gap,
                    "next_target": state.next_target,
                }
            )
        return found


def _health(
    store: GraphStore, account_id: str, day: date, tier: str | None, settings: MethodSettings
) -> Any:
    """(coverage report, ranking, key people, graph) of one account on ``day``, judged as
    an account of ``tier`` (the tier in force, which may not be the one recorded)."""
    # Straight from the stored rows (issue 17's cold path): the graph build_account_graph
    # makes of account_data, without a record per row.
    graph = load_account_graph(store, account_id, as_of=day, strength=strength_parameters(settings))
    graph.graph["account"] = {**graph.graph["account"], "tier": tier}
    ranking = importance_with(graph, settings)
    key = key_people_with(graph, settings, ranking=ranking)
    report = coverage(graph, ranking=ranking, key=key, today=day, **coverage_options(settings))
    return report, ranking, key, graph


def account_state(
    store: GraphStore,
    account_id: str,
    as_of: date,
    tier: str | None,
    settings: MethodSettings = METHOD_DEFAULTS,
) -> AccountState:
    """Health now and a quarter ago, the heaviest gap and the best next target of one
    account, judged with ``tier`` (the tier in force) and its cadence in ``settings``."""
    report, ranking, key, graph = _health(store, account_id, as_of, tier, settings)
    gap = report.gaps[0] if report.gaps else None
    targets = next_targets(graph, ranking=ranking, key=key, **target_options(settings))
    try:
        day = as_of - timedelta(days=QUARTER_DAYS)
        before = _health(store, account_id, day, tier, settings)[0]
        health_before: float | None = before.health
    except NotFoundError:  # the account did not exist a quarter ago
        health_before = None
    return AccountState(
        health=report.health,
        health_quarter_ago=health_before,
        heaviest_gap=(
            {"code": gap.code, "person_id": gap.person_id, "explanation": gap.explanation}
            if gap
            else None
        ),
        next_target=(
            {"person_id": targets[0].person_id, "name": targets[0].name, "score": targets[0].score}
            if targets
            else None
        ),
        gap_codes=tuple(g.code for g in report.gaps),
    )


def read_portfolio(
    store: GraphStore,
    account_ids: Collection[str] | None,
    as_of: date,
    *,
    settings: MethodSettings = METHOD_DEFAULTS,
    with_states: bool = True,
    jobs: int = 1,
    store_url: str | None = None,
) -> Portfolio:
    """The portfolio of ``account_ids`` (None: every account) as of ``as_of``, with the
    team's method ``settings`` in force on that day. With ``jobs`` > 1 and the store's
    URL, the accounts' states are computed by that many processes
    (``graphcrm.portfolio.parallel``): the same answer, sooner."""
    data = store.portfolio_data(account_ids, as_of=as_of)
    rows = portfolio_table(
        data.accounts, data.account_values, data.orders, as_of, **portfolio_options(settings)
    )
    found = Portfolio(as_of, rows)
    wanted = [(r.account_id, r.tier) for r in rows if r.kind in TIERED_KINDS] if with_states else []
    if jobs > 1 and store_url is not None:
        from graphcrm.portfolio.parallel import parallel_states  # imports the stores' opener

        found.states = parallel_states(store_url, wanted, as_of, settings, jobs=jobs)
    else:
        found.states = {a: state_or_empty(store, a, as_of, tier, settings) for a, tier in wanted}
    found.groups = group_forest(data.accounts)
    counts = {r.account_id: r.rfm.frequency for r in rows if r.rfm}
    amounts = {r.account_id: r.rfm.monetary for r in rows if r.rfm}
    scores = {r.account_id: r.value.value_score if r.value else None for r in rows}
    health = {a: s.health for a, s in found.states.items()}
    for root in found.groups:
        for node in _with_children(root):
            found.rollups[node.account_id] = rollup(node, counts, amounts, scores, health)
    return found


def state_or_empty(
    store: GraphStore, account_id: str, as_of: date, tier: str | None, settings: MethodSettings
) -> AccountState:
    """``account_state``, or an empty state for an account listed by the portfolio read
    and gone by the account read."""
    try:
        return account_state(store, account_id, as_of, tier, settings)
    except NotFoundError:
        return AccountState()


def _with_children(node: GroupNode) -> list[GroupNode]:
    """``node`` and every node below it that heads a group (has children)."""
    found = [node] if node.children else []
    for child in node.children:
        found += _with_children(child)
    return found
