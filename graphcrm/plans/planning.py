"""Planning the next targets in one call: read the account, run the next-targets
analysis, draft the plans (:mod:`graphcrm.plans.from_targets`) and write them.

The one way the REST API and the CLI plan ("plan these three"): the caller
parses its input and renders the answer, nothing more.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from graphcrm.graph import build_account_graph
from graphcrm.method.apply import strength_parameters
from graphcrm.method.runs import next_targets_with
from graphcrm.method.settings import METHOD_DEFAULTS, MethodSettings
from graphcrm.model import Dataset
from graphcrm.plans.from_targets import PlanDraft, plans_from_targets
from graphcrm.plans.period import plan_period
from graphcrm.plans.reads import AccountReader

__all__ = ["PlanWriter", "plan_next_targets"]


class PlanWriter(AccountReader, Protocol):
    """A reader that writes a dataset at once (a store, a team's store)."""

    def write(self, data: Dataset, *, on: date | None = None) -> object: ...


def plan_next_targets(
    store: PlanWriter,
    account_id: str,
    *,
    count: int,
    start: date | None = None,
    target_date: date | None = None,
    owner: str | None = None,
    today: date | None = None,
    on: date | None = None,
    settings: MethodSettings = METHOD_DEFAULTS,
) -> PlanDraft:
    """Plan the ``count`` best next targets of the account that have no plan yet, each with
    a first action, and write them all at once (or, on any error, none).

    ``start`` defaults to ``today`` (default: the date today), ``target_date`` to
    the start plus the plan horizon (:func:`graphcrm.plans.period.plan_period`,
    whose InvalidPeriodError is raised before anything is read). ``on`` is the
    write's date (default the store's: today). NotFoundError if there is no
    such account; the store refuses an owner it does not know. The next targets are
    ranked with the team's method ``settings`` (DESIGN.md "Method settings"; the
    defaults without any), derived strength included.
    """
    begin, goal = plan_period(start, target_date, today=today or date.today())
    data = store.account_data(account_id, as_of=None)
    graph = build_account_graph(data, account_id, strength=strength_parameters(settings))
    targets = next_targets_with(graph, settings)
    draft = plans_from_targets(
        graph, targets, count=count, start=begin, owner=owner, target_date=goal
    )
    if draft.plans:
        store.write(Dataset(plans=list(draft.plans), actions=list(draft.actions)), on=on)
    return draft
